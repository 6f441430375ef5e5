// `schemec check --format json` (diagnostics_json.hpp).
#include "interpreter/cli/diagnostics_json.hpp"

#include <fmt/format.h>

#include "interpreter/output/result_writer.hpp"

namespace schemec {

namespace {

const char* severity_name(severity s) {
  switch (s) {
    case severity::error: return "error";
    case severity::warning: return "warning";
    case severity::note: return "note";
  }
  return "error";
}


}  // namespace

void append_diagnostics_json(std::vector<std::string>& objects, const diagnostics& diags, const source_manager& sources,
                             const std::string& file, bool quiet) {
  bool shown = true;  // a note belongs to the diagnostic before it
  for (const diagnostic& d : diags.items()) {
    if (d.level != severity::note) shown = !quiet || d.level == severity::error;
    if (!shown) continue;
    std::string o = "{\"file\": ";
    if (d.at.valid()) {
      const source_file& src = sources.file(d.at.file);
      append_json_string(o, src.path);
      const line_col start = sources.locate(d.at);
      const line_col end = sources.locate({d.at.file, underline_end(d, src.text)});
      o += fmt::format(", \"line\": {}, \"column\": {}, \"end\": {{\"line\": {}, \"column\": {}}}", start.line, start.column,
                       end.line, end.column);
    } else {
      append_json_string(o, d.data_file.empty() ? file : d.data_file);
      if (d.data_line > 0) o += fmt::format(", \"line\": {}, \"column\": null, \"end\": null", d.data_line);
      else o += ", \"line\": null, \"column\": null, \"end\": null";
    }
    o += fmt::format(", \"severity\": \"{}\", \"message\": ", severity_name(d.level));
    append_json_string(o, d.message);
    o += ", \"hint\": ";
    append_json_string(o, d.hint);
    // the message's stable code (E0142, W0007), null for a message not given one yet (i18n.hpp)
    o += ", \"code\": ";
    if (d.code.empty()) o += "null";
    else append_json_string(o, d.code);
    o += "}";
    objects.push_back(std::move(o));
  }
}

std::string diagnostics_json_array(const std::vector<std::string>& objects) {
  if (objects.empty()) return "[]\n";
  std::string out = "[\n";
  for (std::size_t i = 0; i < objects.size(); ++i) {
    out += "  ";
    out += objects[i];
    out += i + 1 < objects.size() ? ",\n" : "\n";
  }
  out += "]\n";
  return out;
}

}  // namespace schemec
