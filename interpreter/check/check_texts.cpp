// Names in braces inside reason and action texts (「不满{月数}个月」, docs/language.md §29): each must be a
// value, a parameter or an input of the scored rows (or the grade); the texts are kept as pieces for the run
// (checked_scheme::text_templates, filled by run/texts.cpp).

#include <fmt/format.h>

#include <algorithm>

#include "interpreter/check/checker.hpp"
#include "interpreter/syntax/text_template.hpp"

namespace schemec::check_detail {

// [table] >= 0: the text of a 提示 / warn rule of that input table, filled on its rows as read: it may show
// the table's columns and parameters only.
void checker::check_text(const std::string& text, source_pos at, std::int32_t table) {
  if (!has_braces(text) || m_out.text_templates.count(text) != 0) return;
  const text_split split = split_text(text);
  if (!split.problem.text.empty()) {
    error({at.file, at.offset + split.problem_offset}, split.problem,
          translate(N_("a value in a text is written {name}; write {{ and }} for a brace of its own")), split.problem_length);
    return;
  }
  std::vector<checked_scheme::text_piece> pieces;
  bool ok = true;
  for (const text_part& p : split.parts) {
    if (!p.is_name) {
      pieces.push_back({p.text, -1});
      continue;
    }
    const source_pos where{at.file, at.offset + p.offset};
    const std::int32_t id = find_symbol(p.text);
    const bool list = std::find(reasons_aliases.begin(), reasons_aliases.end(), p.text) != reasons_aliases.end() ||
                      std::find(actions_aliases.begin(), actions_aliases.end(), p.text) != actions_aliases.end();
    if (id < 0 && !list) {
      std::vector<std::string> names;
      for (const symbol& s : m_out.symbols) {
        if (s.kind != symbol_kind::reasons && s.kind != symbol_kind::actions) names.push_back(s.name);
      }
      const std::string guess = closest_name(p.text, names);
      error(where, msg("E2137", N_("unknown name '{}' in the text"), p.text),
            guess.empty() ? std::string(translate(N_("a text can show a value, a parameter or an input: {name}; write {{ and }} for a brace of its own")))
                          : tr(N_("did you mean '{}'?"), guess),
            name_length(p.text));
      ok = false;
      continue;
    }
    if (list || m_out.symbols[static_cast<std::size_t>(id)].kind == symbol_kind::reasons ||
        m_out.symbols[static_cast<std::size_t>(id)].kind == symbol_kind::actions) {
      error(where, msg("E2138", N_("'{}' is a list of texts; a text can show a value, a parameter or an input"), p.text), {},
            name_length(p.text));
      ok = false;
      continue;
    }
    const symbol& s = m_out.symbols[static_cast<std::size_t>(id)];
    if (table >= 0 && s.kind != symbol_kind::param &&
        !(s.kind == symbol_kind::input && s.source && s.source->kind == decl_kind::input_field &&
          s.source->table == m_out.ast.tables[static_cast<std::size_t>(table)].name)) {
      error(where, msg("E2139", N_("a warning's text can show the columns of table '{}' and parameters, not '{}'"),
                               m_out.ast.tables[static_cast<std::size_t>(table)].name, p.text),
            tr(N_("a warning is reported as the rows are read, before anything is computed")), name_length(p.text));
      ok = false;
      continue;
    }
    if (table < 0 && s.kind == symbol_kind::input && s.domain > subject_domain) {  // a column of detail rows
      error(where, msg("E2140", N_("'{}' has one value for {}; a text shows one value of the row"), p.text, domain_name(s.domain)),
            tr(N_("show a value computed from it, e.g. {}"), rollup_examples(p.text, s.domain)), name_length(p.text));
      ok = false;
      continue;
    }
    use(id);
    pieces.push_back({{}, id});
  }
  if (ok) m_out.text_templates.emplace(text, std::move(pieces));
}

void checker::check_texts() {
  // The reasons and actions are filled by the last population step (run/actions.cpp): what their texts
  // show is read by it, as what its conditions read.
  m_deps = &m_out.symbols[static_cast<std::size_t>(m_out.actions_symbol)].deps;
  for (const auto* list : {&m_out.vetoes, &m_out.ceilings, &m_out.grades, &m_out.actions}) {
    for (const decl* d : *list) {
      if (!d->reason.empty()) check_text(d->reason, d->reason_at);
      for (std::size_t i = 0; i < d->texts.size() && i < d->text_at.size(); ++i) check_text(d->texts[i], d->text_at[i]);
    }
  }
  m_deps = nullptr;
}

}  // namespace schemec::check_detail
