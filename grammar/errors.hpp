// One message per error point of the grammar (the `expect_*` rules of rules.hpp).
//
// These are the texts a policy author reads when a scheme does not parse, so they say what was expected
// in the author's terms, with both spellings of a keyword where it helps. A rule without an entry here
// fails silently (backtracks) like any PEG rule; a rule with an entry raises a positioned error.
#pragma once

#include "grammar/rules.hpp"

namespace schemec::grammar {

template< typename > inline constexpr const char* error_message = nullptr;

// clang-format off
template<> inline constexpr auto error_message< expect_expr > = "expected a formula";
template<> inline constexpr auto error_message< expect_close_ascii > = "this text has no closing '\"' on its line";
template<> inline constexpr auto error_message< expect_close_curly > = "this text has no closing '”' on its line";
template<> inline constexpr auto error_message< expect_close_corner > = "this text has no closing '」' on its line";
template<> inline constexpr auto error_message< expect_close_white > = "this text has no closing '』' on its line";
template<> inline constexpr auto error_message< expect_or_operand > = "expected a condition after 'or' (或)";
template<> inline constexpr auto error_message< expect_and_operand > = "expected a condition after 'and' (且)";
template<> inline constexpr auto error_message< expect_not_operand > = "expected a condition after 'not' (非)";
template<> inline constexpr auto error_message< expect_compare_operand > = "expected a value after the comparison";
template<> inline constexpr auto error_message< expect_add_operand > = "expected a value after '+' or '-'";
template<> inline constexpr auto error_message< expect_mul_operand > = "expected a value after '×' or '/'";
template<> inline constexpr auto error_message< expect_negated_operand > = "expected a value after '-'";
template<> inline constexpr auto error_message< expect_subject > = "expected the value to look up";
template<> inline constexpr auto error_message< expect_tier_value > = "expected the tier's value after '->'";
template<> inline constexpr auto error_message< expect_rparen > = "expected ')' to close the parenthesis";
template<> inline constexpr auto error_message< expect_then > = "expected 'then' (则) after the condition of 'if' (若)";
template<> inline constexpr auto error_message< expect_else > = "expected 'else' (否则): every 'if' (若) needs both results";
template<> inline constexpr auto error_message< expect_arrow > = "expected '->' between the condition and the result";
template<> inline constexpr auto error_message< expect_lbrace > = "expected '{' to open the block";
template<> inline constexpr auto error_message< expect_rbrace > = "expected '}' to close the block, or another entry";
template<> inline constexpr auto error_message< expect_lparen > = "expected '(' to start the list";
template<> inline constexpr auto error_message< expect_tier_condition > = "expected a tier such as '>= 90 -> 1.2' or 'otherwise -> 0' (其余 -> 0)";
template<> inline constexpr auto error_message< expect_header_value > = "expected a value, e.g. 「青川县社工岗位年度考核」";
template<> inline constexpr auto error_message< expect_path > = "expected a file or module name, e.g. \"social-worker-annual.scheme\"";
template<> inline constexpr auto error_message< expect_type > = "expected a type: decimal (小数), integer (整数), percent (百分比), percent_points (百分点), boolean (布尔), text (文本), date (日期) or enum(…) (枚举（…）)";
template<> inline constexpr auto error_message< expect_name > = "expected a name";
template<> inline constexpr auto error_message< expect_test_item > = "expected 'data' (数据), 'param' (参数) or 'expect' (期望) in the test block, or '}' to close it";
template<> inline constexpr auto error_message< expect_test_rows > = "expected '{' and the table's rows (its header line first), or a data file such as 「cases.csv」";
template<> inline constexpr auto error_message< expect_test_row > = "expected the key of a row of the test's data, e.g. 期望 A：等次 = 优秀";
template<> inline constexpr auto error_message< expect_test_check > = "expected what to check: a value's name, grade (等次), status (状态), reasons (理由) or actions (动作)";
template<> inline constexpr auto error_message< expect_test_value > = "expected the expected value, e.g. 优秀, 92.5 or 「…」";
// parse.cpp adds the word: "…: '5A'" (with a hint), or where a quoted name is accepted "…: write 「5A」"
template<> inline constexpr auto error_message< expect_not_digit_led > = "a name cannot start with a digit";
template<> inline constexpr auto error_message< expect_unquoted_digit_led > = "a name cannot start with a digit: quote it";
template<> inline constexpr auto error_message< expect_colon > = "expected ':' (：) after the name";
template<> inline constexpr auto error_message< expect_value_equals > = "expected '=' after this name: a value is declared as 'name = formula' (or is this line not meant to be part of the scheme? comment it out with #)";
template<> inline constexpr auto error_message< expect_equals > = "expected '=' and the parameter's default value";
template<> inline constexpr auto error_message< expect_string > = "expected text in quotes, e.g. 「…」";
template<> inline constexpr auto error_message< expect_param_default > = "expected the parameter's default value";
template<> inline constexpr auto error_message< expect_reason > = "expected the reason in quotes, e.g. 理由 「旷工超过15天」";
template<> inline constexpr auto error_message< expect_grade_name > = "expected a grade name";
template<> inline constexpr auto error_message< expect_rank_keys > = "expected ranking keys, e.g. 'by total desc, field_score desc' (排序 total 降序)";
template<> inline constexpr auto error_message< expect_action_text > = "expected the action, e.g. 「发放年度绩效」";
template<> inline constexpr auto error_message< expect_pool_field > = "expected 'amount', 'weight', 'per' or 'among' (总额, 权重, 按, 范围) inside the pool";
template<> inline constexpr auto error_message< expect_distribute_field > = "expected 'among' (范围), 'by' (排序) or a band and its share such as 'A: 10%' (A：10%) inside the distribution, or '}' to close it";
template<> inline constexpr auto error_message< expect_band_share > = "expected the band's share of each group, e.g. 10%";
template<> inline constexpr auto error_message< expect_output_item > = "expected the name of a value to output";
template<> inline constexpr auto error_message< expect_output_header > = "expected the column's header after 'as' (为), e.g. 输出 等次 为 等级";
template<> inline constexpr auto error_message< expect_weights > = "expected this category's weights, one per indicator in their order, e.g. 15%，15%，30%";
template<> inline constexpr auto error_message< expect_remove_target > = "expected the name of the declaration to remove";
template<> inline constexpr auto error_message< expect_statement > = "expected a declaration: a header line (方案, 版本 …), input (输入), param (参数), name = formula, bonus (加分), dimension (维度), veto (一票否决), ceiling (封顶), grades (等次), actions (动作), pool (分配), raters (评分), constraints (约束), row rules (校验), mapping (映射), lints (提醒), output (输出) or remove (删除)";
template<> inline constexpr auto error_message< expect_group_name > = "expected the column that forms the groups, e.g. 'per unit' (按 unit)";
template<> inline constexpr auto error_message< expect_agg_close > = "expected ')' to close the aggregate, or one of its clauses: 按 COLUMN (per), 范围 CONDITION (among), 不含本人 (excluding self), 降序 / 升序 (desc / asc)";
template<> inline constexpr auto error_message< expect_count > = "expected a whole number";
template<> inline constexpr auto error_message< expect_bad_rows_policy > = "expected what a bad row does: 'skip' (跳过) or 'invalid' (无效)";
template<> inline constexpr auto error_message< expect_rule_reason > = "expected the rule's reason in quotes, e.g. 理由 「满意票与基本满意票之和超过有效票」";
template<> inline constexpr auto error_message< expect_missing_policy > = "expected what a missing rater role does: 'invalid' (无效) or 'reweight' (按比例)";
template<> inline constexpr auto error_message< expect_incomplete_policy > = "expected what a rater who skipped items does: 'invalid' (无效) or 'drop' (剔除)";
template<> inline constexpr auto error_message< expect_raters_field > = "expected 'role', 'rater', 'item', 'score', 'trim', 'missing_role', 'min_raters' or 'incomplete' (角色, 评分人, 项目, 分数, 去掉最高最低, 缺少角色, 至少, 缺项) inside the raters block";
template<> inline constexpr auto error_message< expect_constraint_group > = "expected 'per' and the column that forms the groups, e.g. 'per station count <= 2' (按 station 人数 <= 2)";
template<> inline constexpr auto error_message< expect_count_keyword > = "expected 'count' (人数) or 'count_distinct COLUMN' (去重计数) after the group column, e.g. 'per station count <= 2' (按 station 人数 <= 2)";
template<> inline constexpr auto error_message< expect_header_text > = "expected the header text in quotes after 'column' (列), e.g. 'column \"民主测评支持率（%）\"' (列 「民主测评支持率（%）」)";
template<> inline constexpr auto error_message< expect_constraint_limit > = "expected the limit: '<=', '<', '>=', '>' or '=' and a whole number, e.g. '<= 2', or 'among' (范围) and a condition";
template<> inline constexpr auto error_message< expect_limit_number > = "expected a whole number of rows after the comparison, e.g. '<= 2'";
template<> inline constexpr auto error_message< expect_limit_end > = "the limit of a constraint is a whole number, not a formula, e.g. '<= 2'";
template<> inline constexpr auto error_message< expect_not_ne > = "a constraint's limit is compared with '<=', '<', '>=', '>' or '=', not '!='";
// clang-format on

struct error_table {
  template< typename Rule >
  static constexpr const char* message = error_message< Rule >;
};

template< typename Rule >
using control = tao::pegtl::must_if< error_table, tao::pegtl::normal, false >::control< Rule >;

}  // namespace schemec::grammar
