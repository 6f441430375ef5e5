// Values printed as text, and texts that show values (texts.hpp).

#include "interpreter/run/texts.hpp"

#include "interpreter/values/date.hpp"

namespace schemec {

std::string format_value(const checked_scheme& cs, const value_type& type, const value& v) {
  if (type.kind == type_kind::date && v.kind == value_kind::number && v.number.is_integer()) {
    return format_date(static_cast<std::int64_t>(v.number.num));  // a date's day number: 2024-03-01
  }
  switch (v.kind) {
    case value_kind::missing: return {};
    case value_kind::number: return to_string(v.number, type.places);
    case value_kind::boolean: return v.flag ? "yes" : "no";
    case value_kind::text: return std::string(v.text);
    case value_kind::member:
      return type.enum_id >= 0 ? cs.enums[static_cast<std::size_t>(type.enum_id)].members[static_cast<std::size_t>(v.member)] : std::string();
  }
  return {};
}

std::string fill_text(const run_state& st, std::size_t row, const std::string& text) {
  const checked_scheme& cs = *st.prog->scheme;
  const auto it = cs.text_templates.find(text);
  if (it == cs.text_templates.end()) return text;
  std::string out;
  for (const checked_scheme::text_piece& p : it->second) {
    if (p.symbol < 0) {
      out += p.literal;
      continue;
    }
    out += text_of_value(cs, cs.symbols[static_cast<std::size_t>(p.symbol)].type, value_of(st, p.symbol, row));
  }
  return out;
}

std::string text_of_value(const checked_scheme& cs, const value_type& type, const value& v) {
  if (v.kind == value_kind::boolean) return cs.ast.header.chinese ? (v.flag ? "是" : "否") : (v.flag ? "yes" : "no");
  return format_value(cs, type, v);
}

}  // namespace schemec
