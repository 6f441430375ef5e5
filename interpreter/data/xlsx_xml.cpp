// The XML parts of an .xlsx workbook, through expat. See xlsx_xml.hpp.
#include "interpreter/data/xlsx_xml.hpp"
#include "interpreter/base/i18n.hpp"

#include <expat.h>
#include <fmt/format.h>

#include <charconv>
#include <memory>
#include <utility>

namespace schemec {
namespace {

constexpr char ns_separator = '\x01';  // between a name's namespace URI and its local name (never in a name)

std::string_view local_name(const XML_Char* name) {
  const std::string_view full(name);
  const std::size_t cut = full.rfind(ns_separator);
  return cut == std::string_view::npos ? full : full.substr(cut + 1);
}

struct parse_state {
  XML_Parser parser = nullptr;
  xml_events* events = nullptr;
  bool stopped = false;  // by an event or a DOCTYPE
  std::vector<std::pair<std::string_view, std::string_view>> attributes;
};

void stop(parse_state& s) {
  s.stopped = true;
  XML_StopParser(s.parser, XML_FALSE);
}

void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto& s = *static_cast<parse_state*>(data);
  s.attributes.clear();
  for (const XML_Char** a = attributes; a[0] != nullptr && a[1] != nullptr; a += 2) {
    s.attributes.emplace_back(local_name(a[0]), std::string_view(a[1]));
  }
  if (!s.events->start(local_name(name), s.attributes)) stop(s);
}

void on_end(void* data, const XML_Char* name) {
  auto& s = *static_cast<parse_state*>(data);
  if (!s.events->end(local_name(name))) stop(s);
}

void on_text(void* data, const XML_Char* text, int length) {
  auto& s = *static_cast<parse_state*>(data);
  if (!s.events->text(std::string_view(text, static_cast<std::size_t>(length)))) stop(s);
}

void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto& s = *static_cast<parse_state*>(data);
  s.events->problem = "it has a DOCTYPE, which no workbook part has";
  stop(s);
}

struct parser_deleter {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

}  // namespace

bool parse_part(const zip_reader& zip, const std::string& name, xml_events& events, std::string& problem,
                bool& missing, bool& too_large) {
  missing = false;
  too_large = false;
  const std::unique_ptr<XML_ParserStruct, parser_deleter> parser(XML_ParserCreateNS(nullptr, ns_separator));
  if (!parser) {
    problem = tr(N_("out of memory"));
    return false;
  }
  parse_state state;
  state.parser = parser.get();
  state.events = &events;
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  bool xml_error = false;
  std::string zip_problem;
  auto feed = [&](std::string_view piece, bool last) {
    if (XML_Parse(parser.get(), piece.data(), static_cast<int>(piece.size()), last ? XML_TRUE : XML_FALSE) != XML_STATUS_ERROR) {
      return true;
    }
    if (!state.stopped) xml_error = true;
    return false;
  };
  const zip_reader::read_result r =
      zip.read(name, max_part_bytes, [&](std::string_view piece) { return feed(piece, false); }, zip_problem);
  switch (r) {
    case zip_reader::read_result::missing: missing = true; problem = tr(N_("{} is missing"), name); return false;
    case zip_reader::read_result::encrypted: problem = tr(N_("{} is encrypted"), name); return false;
    case zip_reader::read_result::too_large:
      too_large = true;
      problem = tr(N_("{} is larger than 1 GiB uncompressed"), name);
      return false;
    case zip_reader::read_result::damaged: problem = fmt::format("{}: {}", name, zip_problem); return false;
    case zip_reader::read_result::stopped:
    case zip_reader::read_result::ok: break;
  }
  if (r == zip_reader::read_result::ok) feed({}, true);
  if (state.stopped) {
    problem = tr(N_("{}, line {}: {}"), name, XML_GetCurrentLineNumber(parser.get()), events.problem);
    return false;
  }
  if (xml_error) {
    problem = tr(N_("{}, line {}: {}"), name, XML_GetCurrentLineNumber(parser.get()),
                          XML_ErrorString(XML_GetErrorCode(parser.get())));
    return false;
  }
  return true;
}

namespace {

std::string_view attribute(const std::vector<std::pair<std::string_view, std::string_view>>& attributes, std::string_view name) {
  for (const auto& [key, value] : attributes) {
    if (key == name) return value;
  }
  return {};
}

// [target] relative to the folder of [part] ("xl/workbook.xml" → "xl/"), or absolute ("/xl/…"); ".." and
// "." segments resolved.
std::string resolve_target(const std::string& part, std::string_view target) {
  std::string path;
  if (target.starts_with('/')) {
    target.remove_prefix(1);
  } else {
    const std::size_t slash = part.rfind('/');
    if (slash != std::string::npos) path = part.substr(0, slash + 1);
  }
  std::vector<std::string> segments;
  auto add = [&](std::string_view piece) {
    std::size_t start = 0;
    while (start <= piece.size()) {
      const std::size_t end = std::min(piece.find('/', start), piece.size());
      const std::string_view seg = piece.substr(start, end - start);
      if (seg == "..") {
        if (!segments.empty()) segments.pop_back();
      } else if (!seg.empty() && seg != ".") {
        segments.emplace_back(seg);
      }
      start = end + 1;
    }
  };
  add(path);
  add(target);
  std::string out;
  for (const std::string& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

bool parse_whole(const zip_reader& zip, const std::string& name, xml_events& events, std::string& problem) {
  bool missing = false, too_large = false;
  return parse_part(zip, name, events, problem, missing, too_large);
}

class relationship_events : public xml_events {
 public:
  relationship_events(std::string part, std::unordered_map<std::string, relationship>& out) : part_(std::move(part)), out_(out) {}
  bool start(std::string_view name, const std::vector<std::pair<std::string_view, std::string_view>>& a) override {
    if (name != "Relationship") return true;
    if (attribute(a, "TargetMode") == "External") return true;
    const std::string_view type = attribute(a, "Type");
    relationship r{std::string(type.substr(type.rfind('/') + 1)), resolve_target(part_, attribute(a, "Target"))};
    out_.emplace(std::string(attribute(a, "Id")), std::move(r));
    return true;
  }
  bool end(std::string_view) override { return true; }
  bool text(std::string_view) override { return true; }

 private:
  const std::string part_;  // the part whose relationships these are: targets are relative to its folder
  std::unordered_map<std::string, relationship>& out_;
};

}  // namespace

bool read_relationships(const zip_reader& zip, const std::string& part, std::unordered_map<std::string, relationship>& out,
                        std::string& problem) {
  const std::size_t slash = part.rfind('/');
  const std::string folder = slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
  const std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  const std::string rels = folder + "_rels/" + file + ".rels";
  relationship_events events(part.empty() ? std::string("/") : part, out);
  bool missing = false, too_large = false;
  if (parse_part(zip, rels, events, problem, missing, too_large)) return true;
  if (missing) {  // no relationships: the caller falls back on the usual names
    problem.clear();
    return true;
  }
  return false;
}

namespace {

class workbook_events : public xml_events {
 public:
  explicit workbook_events(workbook_info& out) : out_(out) {}
  bool start(std::string_view name, const std::vector<std::pair<std::string_view, std::string_view>>& a) override {
    if (name == "sheet") {
      const std::string_view state = attribute(a, "state");
      out_.sheets.push_back({std::string(attribute(a, "name")), std::string(attribute(a, "id")),
                             state == "hidden" || state == "veryHidden"});
    } else if (name == "workbookPr") {
      const std::string_view d = attribute(a, "date1904");
      out_.date1904 = d == "1" || d == "true";
    }
    return true;
  }
  bool end(std::string_view) override { return true; }
  bool text(std::string_view) override { return true; }

 private:
  workbook_info& out_;
};

class style_events : public xml_events {
 public:
  explicit style_events(std::vector<number_format_kind>& out) : out_(out) {}
  bool start(std::string_view name, const std::vector<std::pair<std::string_view, std::string_view>>& a) override {
    if (name == "numFmt") {
      codes_[number(attribute(a, "numFmtId"))] = std::string(attribute(a, "formatCode"));
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      ids_.push_back(number(attribute(a, "numFmtId")));
    }
    return true;
  }
  bool end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
    return true;
  }
  bool text(std::string_view) override { return true; }
  void finish() {
    out_.clear();
    for (const std::uint32_t id : ids_) {
      const auto code = codes_.find(id);
      out_.push_back(classify_number_format(id, code == codes_.end() ? std::string_view() : std::string_view(code->second)));
    }
  }

 private:
  static std::uint32_t number(std::string_view text) {
    std::uint32_t n = 0;
    std::from_chars(text.data(), text.data() + text.size(), n);
    return n;
  }
  std::vector<number_format_kind>& out_;
  std::unordered_map<std::uint32_t, std::string> codes_;
  std::vector<std::uint32_t> ids_;
  bool in_cell_xfs_ = false;
};

// <si> (or a cell's <is>): the text of its <t> elements, directly or in rich text runs <r>, not in
// phonetic runs <rPh>.
class shared_string_events : public xml_events {
 public:
  explicit shared_string_events(std::vector<std::string>& out) : out_(out) {}
  bool start(std::string_view name, const std::vector<std::pair<std::string_view, std::string_view>>&) override {
    if (name == "si") {
      current_.clear();
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && phonetic_ == 0) {
      in_text_ = true;
    }
    return true;
  }
  bool end(std::string_view name) override {
    if (name == "t") in_text_ = false;
    else if (name == "rPh" && phonetic_ > 0) --phonetic_;
    else if (name == "si") out_.push_back(decode_ooxml_escapes(current_));
    return true;
  }
  bool text(std::string_view data) override {
    if (in_text_) current_ += data;
    return true;
  }

 private:
  std::vector<std::string>& out_;
  std::string current_;
  int phonetic_ = 0;
  bool in_text_ = false;
};

}  // namespace

bool read_workbook_info(const zip_reader& zip, const std::string& part, workbook_info& out, std::string& problem) {
  workbook_events events(out);
  return parse_whole(zip, part, events, problem);
}

bool read_number_styles(const zip_reader& zip, const std::string& part, std::vector<number_format_kind>& out,
                        std::string& problem) {
  style_events events(out);
  if (!parse_whole(zip, part, events, problem)) return false;
  events.finish();
  return true;
}

bool read_shared_strings(const zip_reader& zip, const std::string& part, std::vector<std::string>& out, std::string& problem) {
  shared_string_events events(out);
  return parse_whole(zip, part, events, problem);
}

}  // namespace schemec
