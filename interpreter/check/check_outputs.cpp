// `output … as HEADER` (输出 等次 为 等级): another header for a result column, and the test that no two
// columns of the result would be headed alike because of it.
#include <fmt/format.h>

#include <algorithm>

#include "interpreter/check/checker.hpp"

namespace schemec::check_detail {

namespace {

// A result column as the checker sees it: its headers with --headers names and labels (the same when it
// was renamed), and where it is written (the output line's item, or the output line for one not listed).
struct result_column {
  std::string name;    // the header with --headers names
  std::string label;   // the header with --headers labels
  bool renamed = false;
  source_pos at{};     // the new header's position when renamed, else the item's (or the output line's)
  std::string shown;   // the column as the author knows it, for the message: 等次, status, total
};

}  // namespace

void checker::check_output_headers() {
  const bool zh = m_out.ast.header.chinese;
  std::vector<result_column> columns;
  auto find_item = [&](auto&& is) -> const output_item* {
    const auto it = std::find_if(m_out.ast.outputs.begin(), m_out.ast.outputs.end(), is);
    return it == m_out.ast.outputs.end() ? nullptr : &*it;
  };
  auto add = [&](const std::string& name, const std::string& label, const output_item* item, const std::string& shown) {
    result_column& c = columns.emplace_back();
    c.name = name;
    c.label = label;
    c.shown = item != nullptr ? item->written : shown;
    c.at = item != nullptr ? item->at : m_out.ast.outputs_at;
    if (item != nullptr && item->header) {
      if (item->header->empty()) {
        error(item->header_at, msg("E2072", N_("the new header of '{}' is empty"), c.shown), tr(N_("write the header, e.g. 输出 等次 为 等级")),
              name_length(c.shown));
      }
      c.name = c.label = *item->header;
      c.renamed = true;
      c.at = item->header_at;
      m_out.headers[name] = *item->header;
    }
  };
  // the key (one column; a composite key's parts keep their headers), the status, then the outputs in order
  if (m_out.table.key_columns.size() <= 1) {
    const auto key = m_out.by_name.find(m_out.table.key);
    const decl* source = key == m_out.by_name.end() ? nullptr : m_out.symbols[static_cast<std::size_t>(key->second)].source;
    add(m_out.table.key, source != nullptr && !source->label.empty() ? source->label : m_out.table.key,
        find_item([&](const output_item& o) { return o.name == m_out.table.key; }), m_out.table.key);
  }
  add("status", zh ? "状态" : "Status", find_item([](const output_item& o) { return o.name == "status"; }), "status");
  for (const std::int32_t id : m_out.outputs) {
    const symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
    const std::string builtin = builtin_label(s.kind, zh);
    const std::string label = !builtin.empty() ? builtin : s.source != nullptr && !s.source->label.empty() ? s.source->label : s.name;
    const output_item* item = find_item([&](const output_item& o) {
      return o.written == s.name || o.name == s.name;
    });
    add(s.name, label, item, s.name);
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const result_column& a = columns[i];
    if (!a.renamed || a.name.empty()) continue;
    for (std::size_t j = 0; j < columns.size(); ++j) {
      const result_column& b = columns[j];
      if (i == j || (b.renamed && j < i)) continue;  // a pair of renamed columns is reported once
      if (a.name != b.name && a.name != b.label) continue;
      error(a.at, msg("E2073", N_("two result columns would be headed '{}': '{}' and '{}'"), a.name, a.shown, b.shown),
            tr(N_("give one of them another header")), name_length(a.name));
      m_diags.note(b.at, tr(N_("'{}' is headed '{}' here"), b.shown, a.name));
      break;
    }
  }
}

}  // namespace schemec::check_detail
