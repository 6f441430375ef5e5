// --explain ID: how every value of one row was obtained, so a person can check it by hand against the
// policy: the inputs as read, each formula (with its scheme line) and its value, the tier or lookup entry
// that applied, vetoes and ceilings, the grade with its quota position, pool shares, actions and reasons.
// In the scheme's language (scheme_header::chinese) unless asked otherwise, as text or as JSON
// (explain_model.hpp); files named by their base names only, so that it can be posted (公示).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "interpreter/output/explain_model.hpp"
#include "interpreter/run/assemble.hpp"
#include "interpreter/run/evaluate.hpp"

namespace schemec {

// The language of the scheme's texts for people: Chinese when its 方案 line is spelled in Chinese.
explain_language scheme_language(const checked_scheme& cs);

// Explains the rows of one scored run. Built once per run (it indexes the detail rows by their owner), so
// explaining every row is linear in the run's size: the report calls it row by row. The quota places and
// pool shares are only there when the run kept traces (run_state::traces).
class row_explainer {
 public:
  // [in], when given, adds the rows of detail tables (periods, ratings) that each row rolls up.
  row_explainer(const run_state& st, const input_data* in, explain_language lang);

  std::optional<std::size_t> find(const std::string& key) const;  // the row with this key, see explain_key
  explanation collect(std::size_t row) const;                      // what there is to say about [row]
  std::string text(std::size_t row) const { return explanation_text(collect(row), m_lang); }
  std::string json(std::size_t row) const { return explanation_json(collect(row), m_lang); }
  // The displayed key of the row closest to [key] (for "did you mean"), or "".
  std::string closest_key(const std::string& key) const;
  explain_language language() const { return m_lang; }

 private:
  const run_state& m_st;
  const input_data* m_in;
  explain_language m_lang;
  // Per detail table: the detail rows of each scored row, in file order (by_owner[t][row]).
  std::vector<std::vector<std::vector<std::uint32_t>>> m_by_owner;
};

// The stored key of a key as given on the command line: trimmed; a composite key's parts joined by '/'
// (or by ','), each part trimmed: "P1/E2", "P1, E2".
std::string explain_key(const run_state& st, const std::string& given);

// The explanation of the row whose key is [key] in the scheme's language, or "" if there is no such row.
std::string explain_row(const run_state& st, const std::string& key, const input_data* in = nullptr);

}  // namespace schemec
