#include "interpreter/data/header_map.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <unordered_map>

#include "interpreter/base/diagnostic.hpp"
#include "interpreter/data/cells.hpp"

namespace schemec {

bool header_match::complete() const {
  return std::none_of(problems.begin(), problems.end(), [](const header_problem& p) { return p.error; });
}

std::string header_form(std::string_view text) {
  text = trim_cell(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xEF && i + 2 < text.size()) {  // U+FF01..U+FF5E: EF BC 81..EF BD 9E
      const auto c1 = static_cast<unsigned char>(text[i + 1]), c2 = static_cast<unsigned char>(text[i + 2]);
      const unsigned code = ((c & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
      if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && code >= 0xFF01 && code <= 0xFF5E) {
        out += static_cast<char>(code - 0xFEE0);
        i += 2;
        continue;
      }
    }
    if (c == 0xE3 && text.substr(i, 3) == "\u3000") {
      out += ' ';
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

namespace {

enum class found_by { name, header, label };

std::string how(found_by by) {
  switch (by) {
    case found_by::name: return tr(N_("by its name"));
    case found_by::header: return tr(N_("by its 列 text"));
    case found_by::label: return tr(N_("by its label"));
  }
  return "";
}

// "'support', '民主测评支持率（%）' (列) or '支持率' (label)": what was looked for.
std::string looked_for(const field_schema& field) {
  std::vector<std::string> items{tr(N_("'{}'"), field.name)};
  if (!field.header.empty()) items.push_back(tr(N_("'{}' (列)"), field.header));
  if (!field.label.empty()) items.push_back(tr(N_("'{}' (label)"), field.label));
  if (items.size() == 2) return tr(N_("{} or {}"), items[0], items[1]);
  return tr(N_("{}, {} or {}"), items[0], items[1], items[2]);
}

}  // namespace

header_match match_header(const table_schema& schema, const std::vector<std::string_view>& cells) {
  header_match m;
  m.layout.width = cells.size();
  auto is_declared = [&](std::string_view name) {
    return name == schema.key || std::any_of(schema.fields.begin(), schema.fields.end(), [name](const field_schema& f) { return f.name == name; });
  };
  std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> seen;  // name -> first column, occurrences
  std::vector<std::string_view> names(cells.size());
  std::vector<std::string> header_names;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    names[i] = trim_cell(cells[i]);
    if (names[i].empty()) continue;
    header_names.emplace_back(names[i]);
    auto& entry = seen.try_emplace(names[i], i, 0).first->second;
    if (++entry.second == 2 && is_declared(names[i])) {
      coded_text message = msg("W1005", N_("column '{}' appears twice; the first one is used"), names[i]);
      m.problems.push_back({false, std::move(message.text), {}, std::move(message.code)});
    }
  }
  std::vector<std::string> forms;  // header_form of each cell, made on first need
  auto matching = [&](const std::string& text) {
    if (forms.empty()) {
      for (const std::string_view n : names) forms.push_back(header_form(n));
    }
    const std::string form = header_form(text);
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < forms.size(); ++i) {
      if (!names[i].empty() && forms[i] == form) found.push_back(i);
    }
    return found;
  };
  std::vector<found_by> by(schema.fields.size(), found_by::name);
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    const field_schema& field = schema.fields[f];
    std::size_t column = no_column;
    if (const auto it = seen.find(field.name); it != seen.end()) column = it->second.first;
    for (const found_by level : {found_by::header, found_by::label}) {
      const std::string& text = level == found_by::header ? field.header : field.label;
      if (column != no_column || text.empty()) continue;
      const std::vector<std::size_t> found = matching(text);
      if (found.empty()) continue;
      by[f] = level;
      column = found[0];
      if (found.size() > 1) {
        coded_text message = msg("E1004", N_("two headers match column '{}' {}: '{}' (column {}) and '{}' (column {})"), field.name,
                                 how(level), names[found[0]], found[0] + 1, names[found[1]], found[1] + 1);
        std::string hint = tr(N_("keep one of them, or rename the other; '{}' looks for {}"), field.name, looked_for(field));
        m.problems.push_back({true, std::move(message.text), std::move(hint), std::move(message.code)});
      }
    }
    m.layout.field_column.push_back(column);
  }
  // One header cell read by two declared columns.
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    const std::size_t column = m.layout.field_column[f];
    if (column == no_column) continue;
    for (std::size_t g = 0; g < f; ++g) {
      if (m.layout.field_column[g] != column) continue;
      coded_text message = msg("E1005", N_("header '{}' (column {}) matches two declared columns: '{}' ({}) and '{}' ({})"),
                               names[column], column + 1, schema.fields[g].name, how(by[g]), schema.fields[f].name, how(by[f]));
      std::string hint = tr(N_("give each column a header of its own (its name, its 列 text or its label)"));
      m.problems.push_back({true, std::move(message.text), std::move(hint), std::move(message.code)});
      break;
    }
  }
  std::vector<std::string> candidates;  // header names no declared column takes
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (names[i].empty() || is_declared(names[i])) continue;
    if (std::find(m.layout.field_column.begin(), m.layout.field_column.end(), i) != m.layout.field_column.end()) continue;
    candidates.emplace_back(names[i]);
  }
  auto missing = [&](const std::string& name, const field_schema* field) {
    coded_text message = msg("E1001", N_("missing column '{}'"), name);
    std::string suggestion = closest_name(name, candidates);
    if (field && (!field->header.empty() || !field->label.empty())) {
      message.text += tr(N_(" (looked for a header {})"), looked_for(*field));
      for (const std::string* text : {&field->header, &field->label}) {
        if (suggestion.empty() && !text->empty()) suggestion = closest_name(*text, candidates);
      }
    }
    std::string hint = !suggestion.empty()       ? tr(N_("did you mean '{}'?"), suggestion)
                       : header_names.empty() ? tr(N_("the header line has no column names"))
                                              : tr(N_("the header has: {}"), fmt::join(header_names, ", "));
    m.problems.push_back({true, std::move(message.text), std::move(hint), std::move(message.code)});
  };
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    if (m.layout.field_column[f] == no_column) missing(schema.fields[f].name, &schema.fields[f]);
  }
  if (!schema.key.empty()) {
    const auto key = std::find_if(schema.fields.begin(), schema.fields.end(), [&](const field_schema& f) { return f.name == schema.key; });
    if (key != schema.fields.end()) {
      m.layout.key_column = m.layout.field_column[static_cast<std::size_t>(key - schema.fields.begin())];
    } else if (const auto it = seen.find(schema.key); it != seen.end()) {
      m.layout.key_column = it->second.first;
    } else {
      missing(schema.key, nullptr);
    }
  }
  for (const std::string& part : schema.key_columns) {  // every part is a declared field (checked)
    const auto field = std::find_if(schema.fields.begin(), schema.fields.end(), [&](const field_schema& f) { return f.name == part; });
    m.layout.key_columns.push_back(field == schema.fields.end()
                                       ? no_column
                                       : m.layout.field_column[static_cast<std::size_t>(field - schema.fields.begin())]);
  }
  return m;
}

}  // namespace schemec
