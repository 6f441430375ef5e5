// The language features of `schemec lsp` (lsp_features.hpp).
#include "interpreter/tools/lsp_features.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "interpreter/base/i18n.hpp"
#include "interpreter/check/checker.hpp"
#include "interpreter/syntax/layout.hpp"
#include "interpreter/syntax/parse.hpp"
#include "interpreter/syntax/parse_hints.hpp"

namespace schemec {

namespace {

using json = nlohmann::json;

// The code point at [i] and its length in bytes.
std::pair<char32_t, std::size_t> decode(const std::string& s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  n = std::min(n, s.size() - i);
  char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {c, n};
}

bool name_char(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) || c == '_';
  if (c == 0xD7 || c == 0xF7) return false;                   // × ÷
  if (c >= 0x2000 && c <= 0x2BFF) return false;               // punctuation, arrows, symbols
  if (c >= 0x3000 && c <= 0x303F) return false;               // CJK punctuation, 「」
  if (c >= 0xFF00 && c <= 0xFF65) return !(c <= 0xFF0F || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || c >= 0xFF5B);
  return true;
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

json range_json(const std::string& text, std::size_t from, std::size_t to, position_encoding enc) {
  const lsp_position a = to_lsp_position(text, from, enc), b = to_lsp_position(text, to, enc);
  return {{"start", {{"line", a.line}, {"character", a.character}}}, {"end", {{"line", b.line}, {"character", b.character}}}};
}

bool named_kind(decl_kind k) {
  switch (k) {
    case decl_kind::input_field: case decl_kind::param: case decl_kind::value: case decl_kind::veto: case decl_kind::ceiling:
    case decl_kind::grade: case decl_kind::pool: case decl_kind::mapping: case decl_kind::raters: return true;
    default: return false;
  }
}

// What [d] is, for a hover, a completion's detail and the outline, in the language of messages.
std::string kind_word(const decl& d) {
  switch (d.kind) {
    case decl_kind::input_field: return tr(N_("input column of {}"), d.table);
    case decl_kind::param: return tr(N_("parameter"));
    case decl_kind::value:
      return d.is_dimension ? tr(N_("dimension")) : !d.dimension.empty() ? tr(N_("indicator of {}"), d.dimension) : tr(N_("value"));
    case decl_kind::veto: return tr(N_("veto"));
    case decl_kind::ceiling: return tr(N_("ceiling"));
    case decl_kind::grade: return tr(N_("grade"));
    case decl_kind::pool: return tr(N_("pool"));
    case decl_kind::mapping: return tr(N_("mapping"));
    case decl_kind::raters: return tr(N_("raters block"));
    default: return tr(N_("declaration"));
  }
}

const decl* find_decl(const scheme_ast& ast, const std::string& name) {
  for (const decl& d : ast.decls) {
    if (named_kind(d.kind) && d.name == name) return &d;
  }
  return nullptr;
}

const input_table* find_table(const scheme_ast& ast, const std::string& name) {
  for (const input_table& t : ast.tables) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

// Where [name] is written at or after [at] in its file (within the next 300 bytes), else [at].
std::size_t written_at(const source_file& f, source_pos at, const std::string& name) {
  const std::size_t found = f.text.find(name, at.offset);
  return found != std::string::npos && found < at.offset + 300 ? found : at.offset;
}

// The source text of [d] as written: its span, or its first line; at most [max_lines] lines.
std::string written(const source_manager& sources, const decl& d, std::size_t max_lines) {
  const std::string& text = sources.file(d.at.file).text;
  std::size_t end = d.length > 0 ? std::min<std::size_t>(d.at.offset + d.length, text.size()) : text.find('\n', d.at.offset);
  if (end == std::string::npos) end = text.size();
  std::string out = text.substr(d.at.offset, end - d.at.offset);
  std::size_t lines = 0, cut = 0;
  while (cut < out.size() && (cut = out.find('\n', cut)) != std::string::npos) {
    if (++lines == max_lines) {
      out = out.substr(0, cut) + "\n…";
      break;
    }
    ++cut;
  }
  return out;
}

std::string expr_text(const source_manager& sources, const expr& e) {
  return sources.file(e.at.file).text.substr(e.at.offset, e.length);
}

std::string range_text(const range_spec& r) {
  if (!r.low && !r.high) return "";
  return fmt::format("{}{}..{}{}", r.low_open ? "(" : "", r.low ? to_string(*r.low) : "", r.high ? to_string(*r.high) : "", r.high_open ? ")" : "");
}

std::string base_type_word(base_type b) {
  switch (b) {
    case base_type::decimal: return tr(N_("a number"));
    case base_type::integer: return tr(N_("a whole number"));
    case base_type::percent: return tr(N_("a percentage"));
    case base_type::points: return tr(N_("percentage points"));
    case base_type::boolean: return tr(N_("a yes/no condition"));
    case base_type::enumeration: return tr(N_("a choice"));
    case base_type::text: return tr(N_("text"));
    case base_type::date: return tr(N_("a date"));
  }
  return tr(N_("a number"));
}

}  // namespace

std::string name_at(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  while (offset > 0 && offset < text.size() && is_continuation(text[offset])) --offset;
  std::size_t start = offset;
  while (start > 0) {
    std::size_t p = start - 1;
    while (p > 0 && is_continuation(text[p])) --p;
    if (!name_char(decode(text, p).first)) break;
    start = p;
  }
  std::size_t end = offset;
  while (end < text.size()) {
    const auto [c, n] = decode(text, end);
    if (!name_char(c)) break;
    end += n;
  }
  return text.substr(start, end - start);
}

json lsp_hover(const document_analysis& a, const std::string& text, lsp_position at, position_encoding enc) {
  if (!a.ast) return nullptr;
  const std::string name = name_at(text, from_lsp_position(text, at, enc));
  if (name.empty()) return nullptr;
  std::string md;
  if (const decl* d = find_decl(*a.ast, name)) {
    md = fmt::format("**{}**{} — {}", d->name, d->label.empty() ? "" : fmt::format(" 「{}」", d->label), kind_word(*d));
    std::string type;
    if (a.checked) {
      const auto it = a.checked->by_name.find(d->name);
      if (it != a.checked->by_name.end()) type = check_detail::type_name(a.checked->symbols[static_cast<std::size_t>(it->second)].type, a.checked->enums);
    }
    if (type.empty() && (d->kind == decl_kind::input_field || d->kind == decl_kind::param)) type = base_type_word(d->type.base);
    std::vector<std::string> facts;
    if (!type.empty()) facts.push_back(d->type.optional ? tr(N_("type: {} (may be empty)"), type) : tr(N_("type: {}"), type));
    if (const std::string r = range_text(d->type.range); !r.empty()) facts.push_back(tr(N_("range: {}"), r));
    if (d->points) facts.push_back(tr(N_("points: {}"), expr_text(a.sources, *d->points)));
    if (!facts.empty()) md += "\n\n" + fmt::format("{}", fmt::join(facts, " · "));
    md += "\n\n```scheme\n" + written(a.sources, *d, 12) + "\n```";
    if (d->at.file != a.main_file) md += "\n\n" + tr(N_("declared in {}"), a.sources.file(d->at.file).path);
  } else if (const input_table* t = find_table(*a.ast, name)) {
    md = fmt::format("**{}** — {}", t->name, t->key.empty() ? tr(N_("input table")) : tr(N_("input table, key {}"), t->key));
  } else {
    return nullptr;
  }
  return {{"contents", {{"kind", "markdown"}, {"value", md}}}};
}

json lsp_definition(const document_analysis& a, const std::string& text, lsp_position at, position_encoding enc,
                    const std::string& document_uri) {
  if (!a.ast) return nullptr;
  const std::string name = name_at(text, from_lsp_position(text, at, enc));
  if (name.empty()) return nullptr;
  source_pos where{};
  if (const decl* d = find_decl(*a.ast, name)) where = d->name_at.valid() ? d->name_at : d->at;
  else if (const input_table* t = find_table(*a.ast, name)) where = t->at;
  if (!where.valid()) return nullptr;
  const source_file& f = a.sources.file(where.file);
  if (!f.path.empty() && f.path.front() == '<') return nullptr;  // a stdlib module embedded in schemec
  const std::size_t from = written_at(f, where, name);
  return {{"uri", where.file == a.main_file ? document_uri : path_to_uri(f.path)},
          {"range", range_json(f.text, from, from + name.size(), enc)}};
}

json lsp_completion(const document_analysis* a) {
  json items = json::array();
  std::set<std::string> seen;
  const auto add = [&](const std::string& label, int kind, const std::string& detail) {
    if (label.empty() || !seen.insert(label).second) return;
    json item = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) item["detail"] = detail;
    items.push_back(std::move(item));
  };
  if (a && a->ast) {
    for (const input_table& t : a->ast->tables) add(t.name, 7, tr(N_("input table")));
    for (const decl& d : a->ast->decls) {
      if (!named_kind(d.kind)) continue;
      const int kind = d.kind == decl_kind::input_field ? 5 : d.kind == decl_kind::param ? 21 : d.kind == decl_kind::grade ? 20 : 6;
      std::string detail = kind_word(d);
      if (!d.label.empty()) detail += " 「" + d.label + "」";
      add(d.name, kind, detail);
    }
  }
  const std::string keyword = tr(N_("keyword"));
  for (const std::string_view kw : keyword_spellings()) add(std::string(kw), 14, keyword);
  return {{"isIncomplete", false}, {"items", items}};
}

json lsp_document_symbols(const document_analysis& a, position_encoding enc) {
  if (!a.ast || a.main_file == 0) return json::array();
  std::vector<std::pair<std::uint32_t, json>> found;  // by offset: a child's declaration replaces its parent's in
  const auto add = [&found](std::uint32_t offset, json s) { found.emplace_back(offset, std::move(s)); };  // place
  const source_file& f = a.sources.file(a.main_file);
  const auto symbol = [&](const std::string& name, const std::string& detail, int kind, std::size_t from, std::size_t to,
                          std::size_t name_from) {
    to = std::max(to, name_from + name.size());
    json s = {{"name", name.empty() ? "?" : name}, {"kind", kind}, {"range", range_json(f.text, from, to, enc)},
              {"selectionRange", range_json(f.text, name_from, name_from + name.size(), enc)}};
    if (!detail.empty()) s["detail"] = detail;
    return s;
  };
  const auto decl_symbol = [&](const decl& d, int kind) {
    const std::size_t name_from = written_at(f, d.name_at.valid() ? d.name_at : d.at, d.name);
    return symbol(d.name, d.label.empty() ? kind_word(d) : d.label, kind, d.at.offset, d.at.offset + d.length, name_from);
  };
  for (const input_table& t : a.ast->tables) {
    if (t.at.file != a.main_file) continue;
    json columns = json::array();
    std::size_t end = t.at.offset;
    for (const decl& d : a.ast->decls) {
      if (d.kind != decl_kind::input_field || d.table != t.name || d.at.file != a.main_file) continue;
      columns.push_back(decl_symbol(d, 8));
      end = std::max<std::size_t>(end, d.at.offset + d.length);
    }
    json s = symbol(t.name, tr(N_("input table")), 23, t.at.offset, end, written_at(f, t.at, t.name));
    s["children"] = std::move(columns);
    add(t.at.offset, std::move(s));
  }
  for (const decl& d : a.ast->decls) {
    if (d.at.file != a.main_file || d.kind == decl_kind::input_field || !d.dimension.empty()) continue;
    int kind = 0;
    switch (d.kind) {
      case decl_kind::param: kind = 14; break;           // Constant
      case decl_kind::value: kind = d.is_dimension ? 2 : 13; break;  // Module / Variable
      case decl_kind::veto: case decl_kind::ceiling: kind = 24; break;  // Event
      case decl_kind::grade: kind = 22; break;           // EnumMember
      case decl_kind::pool: kind = 19; break;            // Object
      case decl_kind::mapping: kind = 12; break;         // Function
      case decl_kind::raters: kind = 23; break;          // Struct
      default: break;
    }
    if (kind == 0 || d.name.empty()) continue;
    json s = decl_symbol(d, kind);
    if (d.is_dimension) {
      json indicators = json::array();
      for (const decl& i : a.ast->decls) {
        if (i.dimension == d.name && i.at.file == a.main_file) indicators.push_back(decl_symbol(i, 13));
      }
      s["children"] = std::move(indicators);
    }
    add(d.at.offset, std::move(s));
  }
  for (const test_spec& t : a.ast->tests) {
    if (t.at.file != a.main_file) continue;
    std::size_t end = f.text.find('\n', t.at.offset);
    if (end == std::string::npos) end = f.text.size();
    add(t.at.offset, symbol(t.name, tr(N_("test")), 6, t.at.offset, end, written_at(f, t.at, t.name)));
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  json out = json::array();
  for (auto& entry : found) out.push_back(std::move(entry.second));
  return out;
}

json lsp_formatting(const std::string& path, const std::string& text, position_encoding enc) {
  if (first_invalid_utf8(text) < text.size() || text.find('\0') != std::string::npos) return nullptr;
  source_manager sources;
  diagnostics diags;
  const std::uint32_t id = sources.add(path, text);
  if (!parse_scheme(sources, id, diags).has_value() || diags.error_count() > 0) return nullptr;
  const std::string formatted = canonical_layout(text);
  if (formatted == text) return json::array();
  return json::array({{{"range", range_json(text, 0, text.size(), enc)}, {"newText", formatted}}});
}

}  // namespace schemec
