// What --explain says about one row, as data: collected once from the run (explain.cpp), then rendered as
// text in English or Chinese (explain_text.cpp) or as JSON (explain_json.cpp). Values are the texts the
// results print (format_value; booleans yes/no, translated by the Chinese renderer). Files are named by
// their base name only, so that an explanation does not depend on where the files are (it may be posted).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace schemec {

enum class explain_language { english, chinese };

// A line of the scheme (or a block of up to 12 lines) that a step comes from.
struct explained_source {
  std::string file;                // base name
  std::uint32_t line = 0;          // 0: none
  std::vector<std::string> lines;  // the text of each line, leading blanks removed
};

struct explained_value {
  std::string name, label, value;  // label: the scheme's 「…」, or ""
  bool boolean = false;            // value is yes / no
};

struct explanation {
  std::string key;   // as displayed (composite parts joined by '/')
  std::string file;  // base name of the scored table's file
  std::uint32_t line = 0;
  std::string scheme;  // the scheme's name
  bool valid = true;
  std::vector<std::string> invalid_reasons;  // an invalid row's reasons, a leading "FILE:LINE:" on base names

  std::vector<explained_value> inputs, params;

  struct detail_row {
    std::uint32_t line = 0;
    std::string period_name, period_value;  // empty: the table has no periods
    std::vector<explained_value> values;
  };
  struct detail_table {
    std::string file;  // base name
    std::vector<detail_row> rows;
  };
  std::vector<detail_table> details;

  struct aggregate {
    explained_value result;
    enum class over_kind { detail_rows, group, all } over = over_kind::all;
    std::string table;                       // detail_rows: the detail table
    std::string group_column, group_value;   // group
    bool excluding_self = false;
  };
  std::vector<aggregate> aggregates;

  // A distribution (强制分布): its group's N (the rows it ranks), each band's exact share p × N, floor,
  // remainder, extra place and size, and this row's place and band.
  struct distribution {
    std::string name, group;  // the value's name; group "" for all rows
    bool ranked = false;      // false: outside 范围 or a key without a value (no band)
    std::size_t n = 0, place = 0;
    std::string band;
    struct band_line {
      std::string name, share, exact, remainder;
      std::size_t floor = 0, size = 0;
      bool extra = false;
    };
    std::vector<band_line> bands;
  };
  std::vector<distribution> distributions;

  struct choice {
    bool tiers = true;    // tiers, else a lookup
    std::string subject;  // the name the formula tests, or "" (an expression)
    explained_value subject_value;
    bool otherwise = false;
    std::string compare, bound;  // tiers: the entry that applied (">=", "90")
    std::string entry;           // lookup: the entry that applied
  };
  struct computed {
    explained_value result;
    explained_source from;
    bool capped = false;  // a bonus block: the smaller of the items' sum and the cap
    std::vector<choice> choices;
  };
  std::vector<computed> values;

  bool has_grades = false;  // the scheme grades its rows
  bool has_vetoes_only = false;  // vetoes without grades: the row is only marked
  std::string vetoed;       // has_vetoes_only: yes / no
  struct veto {
    std::string name, reason;
    bool applies = false;
    explained_source from;
  };
  std::vector<veto> vetoes;
  struct ceiling {
    std::string name, grade, reason;
    bool lowered = false;
  };
  std::vector<ceiling> ceilings;
  struct quota {
    std::string grade, group;  // group: "" for all rows
    std::vector<explained_value> keys;  // the ranking keys of this row (name "" for an expression)
    std::size_t places = 0, group_size = 0, ahead = 0, tied = 0;
    bool admitted = false;
    std::string base;  // the base (基数) as written: N counts the rows meeting it ("" without one)
  };
  std::vector<quota> quotas;
  std::string grade;
  enum class grade_how { condition, vetoed, otherwise } how = grade_how::condition;
  explained_source grade_from;  // not for a vetoed row

  struct pool {
    explained_value result;  // the pay
    std::string group;
    bool eligible = false;
    std::string amount, weight, total_weight, exact_share;
    bool leftover_cent = false;
  };
  std::vector<pool> pools;

  struct action {
    std::string text;
    explained_source from;
  };
  std::vector<action> actions;
  std::vector<std::string> reasons;
};

// The renderers (explain_text.cpp, explain_json.cpp).
std::string explanation_text(const explanation& e, explain_language lang);
// One JSON object (no trailing newline); its "text" is explanation_text in [lang].
std::string explanation_json(const explanation& e, explain_language lang);

// The base name of [path] ("docs/x/成绩.csv" → "成绩.csv").
std::string base_name(std::string_view path);
// A data reason "PATH:LINE: rest" with its path replaced by its base name (English: "成绩.csv:5: rest",
// Chinese: "成绩.csv 第5行：rest"); any other text as is.
std::string reason_without_path(std::string_view reason, explain_language lang);

}  // namespace schemec
