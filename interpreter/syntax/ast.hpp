// The abstract syntax tree of a scheme file, as parse_scheme builds it.
//
// Every node carries the source position of its first character, so any later phase can point at the
// user's text. The tree is a plain value: resolve() merges a file with its `extends` parent and its
// imports into one `scheme_ast`, and check() annotates nothing here: it builds its own tables.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/values/decimal.hpp"
#include "interpreter/base/source.hpp"

namespace schemec {

// ---- Expressions ---------------------------------------------------------------------------------

enum class expr_kind : std::uint8_t {
  number,    // 85, 84.995, 15% (percent literals are stored already divided by 100)
  text,      // "发放年度绩效", 「旷工超过15天」
  boolean,   // true / 真
  name,      // a value, input, parameter, builtin (grade, reasons, actions) or enum member
  unary,     // - x, not x
  binary,    // arithmetic, comparison, and, or
  call,      // round(x, 2), min(a, b), weighted(a × 30%, b × 70%)
  if_else,   // if c then a else b
  in_set,    // x in (a, b, c)
  lookup,    // lookup post { 总干事 -> 4.0, ... }
  tiers,     // tiers completion_rate { >= 90 -> 1.2, ..., otherwise -> 0 }
  aggregate, // mean(unit_price per category), count(per unit), rank(total per unit desc), mean(quarter_score)
  empty,     // empty / 空: no value (as an empty optional cell)
};

// The functions of an aggregate. Over the rows of a group (population) or over the periods / detail rows
// of one row (roll-up): which of the two is settled by the checker from what the argument reads.
// distribute: a 强制分布 block (distribute), desugared to its value's formula: the band of each ranked row.
enum class agg_kind : std::uint8_t { mean, sum, count, min, max, rank, latest, count_distinct, distribute };

enum class op : std::uint8_t { add, sub, mul, div, neg, not_, eq, ne, lt, le, gt, ge, and_, or_ };

struct expr;
using expr_ptr = std::unique_ptr<expr>;

// The deepest formula schemec takes (operations nested in each other, a chain `a + b + …` counting one level
// per operator). The builder refuses a longer chain before building it, so no pass — checking, compiling,
// destroying the tree — recurses deeper on any input; the checker refuses deeper nesting (check_expr.cpp).
constexpr std::size_t max_expression_depth = 256;

struct lookup_entry {
  source_pos at;
  std::string key;  // enum member / text; empty with is_default for `otherwise`
  bool is_default = false;
  expr_ptr value;
};

struct tier_entry {
  source_pos at;
  op compare = op::ge;  // ge, gt, le, lt; ignored when is_default
  decimal bound{};
  bool is_default = false;
  expr_ptr value;
};

// A band of a distribution (强制分布): its name and its share of each group (0–1).
struct band_entry {
  source_pos at;
  std::uint32_t length = 1;
  std::string name;
  decimal share{};
  source_pos share_at;
  std::uint32_t share_length = 1;
};

struct expr {
  expr_kind kind = expr_kind::number;
  source_pos at{};
  std::uint32_t length = 1;  // bytes of source text the node spans (for underlining)
  op oper = op::add;          // unary and binary
  decimal number{};           // number
  bool is_percent = false;    // number written with % (only affects display and weight checks)
  bool flag = false;          // boolean
  std::string text;           // text, name, call (function name as written)
  std::vector<expr_ptr> args; // unary/binary operands, call arguments, if_else (c, a, b), in_set (x, members…),
                              // lookup/tiers (subject)
  std::vector<lookup_entry> lookups;
  std::vector<tier_entry> tiers;
  // aggregate: args holds the argument (none for count); text is the function as written
  agg_kind agg = agg_kind::mean;
  std::string group;          // per COLUMN (empty: the whole dataset, or the row's own periods)
  source_pos group_at{};
  expr_ptr among;             // only rows where this holds
  bool exclude_self = false;  // excluding self (不含本人)
  bool descending = true;     // rank: desc (default) or asc
  bool has_direction = false; // a direction was written (only rank takes one)
  // rank / row_number (名次 / 序号): one direction per key in args (the first is also in descending);
  // strict: row numbers 1..n (序号 / row_number), rows tied on every key in row order.
  std::vector<bool> key_descending;
  bool strict = false;
  // distribute (强制分布): the bands in the scheme's order; args are the ranking keys (strict order).
  std::vector<band_entry> bands;
};

// ---- Types of inputs and parameters ---------------------------------------------------------------

// points: percentage points (百分点), a number where a cell 92, 92% or ９２％ is 92.
enum class base_type : std::uint8_t { decimal, integer, percent, boolean, enumeration, text, date, points };

struct range_spec {
  std::optional<decimal> low, high;  // inclusive unless low_open/high_open
  bool low_open = false, high_open = false;
  source_pos at{};
};

struct type_spec {
  base_type base = base_type::decimal;
  bool optional = false;
  std::vector<std::string> members;  // enumeration
  range_spec range;
  source_pos at{};
};

// ---- Declarations --------------------------------------------------------------------------------

enum class decl_kind : std::uint8_t {
  input_field,  // one column of an input table
  param,        // parameter with default, range, run-time override
  value,        // name = expr (also bonus / deduction blocks, which desugar to a capped sum)
  veto,         // 一票否决
  ceiling,      // 封顶: grade at most X when cond
  grade,        // one grade of the grades block
  action,       // one line of the actions block
  pool,         // 分配: a pool split by weights
  raters,       // 评分: rater roles with weights over a table of ratings
  remove,       // 删除 NAME in a child scheme
  constraint,   // one rule of a 约束 block: per GROUP count [among COND] <= N (group in [group], COND in [among])
  mapping,      // 映射 NAME { key -> result … }: body is a lookup without subject; NAME(x) is that lookup on x
  lint,         // one line of the lints block (提醒): body is a condition checked without data, reason its text
  row_rule,     // one line of a 校验 / require block: body is a condition every row of one input table must meet
};

struct quota_spec {
  source_pos at{};
  expr_ptr share;                    // a percentage
  std::string group;                 // empty: the whole dataset; else a column/value name
  source_pos group_at{};
  struct key { expr_ptr value; bool descending = true; };
  std::vector<key> keys;
  expr_ptr base;                     // 基数 / base: N counts only the rows meeting it (null: every row)
};

// The limit of a dataset constraint: `<= 2` (compare is le, ge, lt, gt or eq; limit a number literal).
struct constraint_spec {
  op compare = op::le;
  expr_ptr limit;
  std::string distinct;      // count_distinct COLUMN (去重计数): the column whose distinct values are counted (empty: rows)
  source_pos distinct_at{};
};

// One indicator of a dimension block, as the checker needs it: its weight (a constant share, pointing into
// the dimension's formula) or its points.
struct indicator_spec {
  std::string name;
  source_pos at{};
  const expr* weight = nullptr;
  expr_ptr points;
};

// A raters block: long-format ratings (one row per rating) aggregated per rated row, role and item.
struct raters_spec {
  std::string table;                   // the ratings table
  source_pos table_at{};
  std::string role_column, rater_column, item_column, score_column;
  source_pos role_at{}, rater_at{}, item_at{}, score_at{};
  struct entry { std::string name; source_pos at{}; expr_ptr value; };
  std::vector<entry> roles;            // role name and its weight (a share)
  std::vector<entry> items;            // item name and its maximum score
  std::optional<std::int64_t> trim_from;  // drop one highest and one lowest when a role has >= this many raters
  source_pos trim_at{};
  bool reweight_missing = false;       // missing role: false → the row is invalid; true → weights of the present roles
  source_pos missing_at{};             // where 'missing_role' is given (none: not given)
  bool missing_given = false;
  std::optional<std::int64_t> min_raters;  // min_raters (至少): fewer distinct raters make the row invalid
  source_pos min_raters_at{};
  bool incomplete_given = false;       // incomplete (缺项) given: checked per rater (always, in a block without roles)
  bool drop_incomplete = false;        // incomplete drop: a rater who skipped items is left out (else the row is invalid)
};

// 权重 按 COLUMN { member: w1, w2, …  其余: … } inside a dimension: one row of weights (one per indicator, in
// order) per member of a choice column. The parser makes the dimension's formula a lookup on COLUMN whose
// entries are Σ indicator × weight; the checker checks the rows (check_variants.cpp).
struct weight_cell {
  decimal value{};
  bool is_percent = false;
  source_pos at{};
  std::uint32_t length = 0;
};

struct weight_row {
  source_pos at{};
  std::string key;  // member; empty with is_default for 其余 / otherwise
  std::uint32_t key_length = 0;  // bytes of the key (or 其余) as written
  bool is_default = false;
  std::vector<weight_cell> weights;
};

struct weight_table {
  source_pos at{};  // the 权重 of '权重 按'
  std::string column;
  source_pos column_at{};
  std::vector<weight_row> rows;
};

struct decl {
  decl_kind kind = decl_kind::value;
  source_pos at{};          // the declaration's first token
  std::uint32_t length = 0; // bytes of source the declaration spans (blocks: up to their '}')
  source_pos name_at{};
  std::string name;         // value / field / param / veto / ceiling / grade / pool name; action text
  std::string label;        // optional display label 「…」
  std::string table;        // input_field: its table
  type_spec type;           // input_field, param
  expr_ptr default_value;   // param
  expr_ptr body;            // value: formula; veto/ceiling/grade: condition (null for `otherwise`); pool: amount
  expr_ptr cap;             // value from a bonus/deduction block: optional cap
  std::string reason;       // veto, ceiling, grade (when reached by its rule), action
  std::string target;       // ceiling: the highest grade allowed; veto: grade it sends to (empty: last grade)
  source_pos target_at{};
  std::optional<quota_spec> quota;  // grade
  std::vector<expr_ptr> conditions; // action: any of these (grade names are sugar for grade = X)
  std::vector<std::string> texts;   // action: every text of the line ([name] is the first)
  expr_ptr weight;                  // pool
  std::string group;                // pool: per group
  source_pos group_at{};
  expr_ptr among;                   // pool: only rows where this holds
  bool is_bonus_block = false;      // value desugared from a bonus/deduction block (for messages)
  // dimension blocks: the dimension is a value whose formula is the weighted sum (or plain sum) of its
  // indicators; each indicator is a value of its own whose [dimension] names the block it belongs to.
  bool is_dimension = false;
  std::vector<indicator_spec> indicators;
  expr_ptr points;                  // dimension: declared total points (optional)
  std::string dimension;            // indicator: the dimension it belongs to
  // input_field: `references TABLE` — the cell is the key of a row of TABLE (optional: the row may be missing)
  std::string references;
  source_pos references_at{};
  bool references_optional = false;
  // input_field: `column "TEXT"` (列) — the header the column is read from, besides its name and label
  std::string header;
  source_pos header_at{};
  std::shared_ptr<raters_spec> raters;  // raters
  std::optional<constraint_spec> constraint;  // constraint: its comparison and limit
  std::optional<weight_table> weights_by;  // dimension: weights chosen by a choice column (body is its lookup)
  // Where [reason] and each of [texts] start (after the opening quote): a name in braces inside them
  // (「不满{月数}个月」) is reported at its own column.
  source_pos reason_at{};
  std::vector<source_pos> text_at;
  bool warn = false;  // row_rule from a 提示 / warn block: a row meeting its condition is reported, not made invalid
};

struct input_table {
  std::string name;
  std::string key;  // key column (the first one of a composite key)
  source_pos at{}, key_at{};
  std::vector<std::string> key_columns;  // every key column as written (键 project, expert, item); empty: none
  std::vector<source_pos> key_column_at;
  bool skip_bad_rows = false;     // 坏行 跳过 / bad_rows skip: a bad detail row is left out with a warning
  source_pos bad_rows_at{};       // the 坏行 clause, when written
  std::string period;             // period column: several rows per key, one per period (empty: one row per key)
  source_pos period_at{};
  std::int64_t min_periods = 0;   // fewer periods make the row invalid
};

struct output_item {
  std::string name;     // "grade", "reasons", "actions", "status" for a built-in column's keyword, else as written
  source_pos at{};
  std::string written;  // the word as written (等级 may also be a declared value's name, which then wins)
  std::optional<std::string> header;  // `grade as 等级` (等次 为 等级): the column's header in the result, else empty
  source_pos header_at{};
};

struct header_field {
  std::string value;
  source_pos at{};
};

struct scheme_header {
  header_field name, version, effective, locality, policy;
  // The scheme's language, for the texts people read (explanations, reports, labels): Chinese when its
  // `方案` line is spelled with the Chinese keyword (or the file has no `scheme` line and the base it
  // extends is Chinese). Set by the builder, carried through `extends` with the name.
  bool chinese = false;
};

// A test block (测试 / test, docs/language.md §46): inline input rows, parameters and expectations for named
// rows. Ignored by check and run; `schemec test` runs it (cli/scheme_tests.cpp).
struct test_check {
  source_pos at{};
  std::string target;     // a value's name, or grade / status / reasons / actions (either spelling, as written)
  std::string expected;   // the text of the expected value (a quoted text without its quotes)
  bool contains = false;  // 包含 / contains: a list (reasons, actions) has an item containing it, or a text contains it
};

struct test_expectation {
  source_pos at{};        // the 期望 / expect keyword
  std::string row;        // the key of the row
  std::vector<test_check> checks;
};

struct test_table {
  source_pos at{};           // the 数据 / data keyword
  std::string name;          // the input table
  std::string rows;          // the text between the braces: CSV lines, the header first
  std::string file;          // 数据 TABLE 「FILE」: a data file, relative to the scheme's folder (then [rows] is empty)
  source_pos rows_at{};
};

struct test_param_value {
  source_pos at{};
  std::string name;
  std::string value;  // as written (a quoted text without its quotes)
};

// 期望 错误 包含 「TEXT」 / expect error contains "TEXT": the rows must be refused with a message containing TEXT.
struct test_error {
  source_pos at{};       // the 期望 / expect keyword
  std::string contains;  // the text (a quoted text without its quotes)
};

struct test_spec {
  source_pos at{};  // the 测试 / test keyword
  std::string name;
  std::vector<test_table> tables;
  std::vector<test_param_value> params;
  std::vector<test_expectation> expectations;
  std::vector<test_error> errors;  // expected errors, in source order
};

// One parsed file, before `extends` and `import` are resolved.
struct scheme_file {
  std::uint32_t file = 0;  // source_manager id
  scheme_header header;
  std::optional<header_field> extends;   // path as written
  std::vector<header_field> imports;     // module names or paths as written
  std::vector<input_table> tables;
  std::vector<decl> decls;               // in source order
  std::optional<std::vector<output_item>> outputs;
  source_pos outputs_at{};
  std::vector<test_spec> tests;          // test blocks (测试), in source order
};

}  // namespace schemec
