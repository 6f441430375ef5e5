// One message per error point of the grammar (the `expect_*` rules of rules.hpp).
//
// These are the texts a policy author reads when a scheme does not parse, so they say what was expected
// in the author's terms, with both spellings of a keyword where it helps. A rule without an entry here
// fails silently (backtracks) like any PEG rule; a rule with an entry raises a positioned error.
#pragma once

#include "grammar/rules.hpp"
#include "interpreter/base/i18n.hpp"

namespace schemec::grammar {

// A syntax error's code (E0001…, i18n.hpp) beside its English msgid (N_: translated in po/zh_CN.po).
struct syntax_message {
  const char* code = nullptr;
  const char* text = nullptr;
};

template< typename > inline constexpr syntax_message error_message{};

// clang-format off
template<> inline constexpr syntax_message error_message< expect_expr >{"E0001", N_("expected a formula")};
template<> inline constexpr syntax_message error_message< expect_close_ascii >{"E0002", N_("this text has no closing '\"' on its line")};
template<> inline constexpr syntax_message error_message< expect_close_curly >{"E0003", N_("this text has no closing '”' on its line")};
template<> inline constexpr syntax_message error_message< expect_close_corner >{"E0004", N_("this text has no closing '」' on its line")};
template<> inline constexpr syntax_message error_message< expect_close_white >{"E0005", N_("this text has no closing '』' on its line")};
template<> inline constexpr syntax_message error_message< expect_or_operand >{"E0006", N_("expected a condition after 'or' (或)")};
template<> inline constexpr syntax_message error_message< expect_and_operand >{"E0007", N_("expected a condition after 'and' (且)")};
template<> inline constexpr syntax_message error_message< expect_not_operand >{"E0008", N_("expected a condition after 'not' (非)")};
template<> inline constexpr syntax_message error_message< expect_compare_operand >{"E0009", N_("expected a value after the comparison")};
template<> inline constexpr syntax_message error_message< expect_add_operand >{"E0010", N_("expected a value after '+' or '-'")};
template<> inline constexpr syntax_message error_message< expect_mul_operand >{"E0011", N_("expected a value after '×' or '/'")};
template<> inline constexpr syntax_message error_message< expect_negated_operand >{"E0012", N_("expected a value after '-'")};
template<> inline constexpr syntax_message error_message< expect_subject >{"E0013", N_("expected the value to look up")};
template<> inline constexpr syntax_message error_message< expect_tier_value >{"E0014", N_("expected the tier's value after '->'")};
template<> inline constexpr syntax_message error_message< expect_rparen >{"E0015", N_("expected ')' to close the parenthesis")};
template<> inline constexpr syntax_message error_message< expect_then >{"E0016", N_("expected 'then' (则) after the condition of 'if' (若)")};
template<> inline constexpr syntax_message error_message< expect_else >{"E0017", N_("expected 'else' (否则): every 'if' (若) needs both results")};
template<> inline constexpr syntax_message error_message< expect_arrow >{"E0018", N_("expected '->' between the condition and the result")};
template<> inline constexpr syntax_message error_message< expect_lbrace >{"E0019", N_("expected '{' to open the block")};
template<> inline constexpr syntax_message error_message< expect_rbrace >{"E0020", N_("expected '}' to close the block, or another entry")};
template<> inline constexpr syntax_message error_message< expect_lparen >{"E0021", N_("expected '(' to start the list")};
template<> inline constexpr syntax_message error_message< expect_tier_condition >{"E0022", N_("expected a tier such as '>= 90 -> 1.2' or 'otherwise -> 0' (其余 -> 0)")};
template<> inline constexpr syntax_message error_message< expect_header_value >{"E0023", N_("expected a value, e.g. 「青川县社工岗位年度考核」")};
template<> inline constexpr syntax_message error_message< expect_path >{"E0024", N_("expected a file or module name, e.g. \"social-worker-annual.scheme\"")};
template<> inline constexpr syntax_message error_message< expect_type >{"E0025", N_("expected a type: decimal (小数), integer (整数), percent (百分比), percent_points (百分点), boolean (布尔), text (文本), date (日期) or enum(…) (枚举（…）)")};
template<> inline constexpr syntax_message error_message< expect_name >{"E0026", N_("expected a name")};
template<> inline constexpr syntax_message error_message< expect_test_item >{"E0027", N_("expected 'data' (数据), 'param' (参数) or 'expect' (期望) in the test block, or '}' to close it")};
template<> inline constexpr syntax_message error_message< expect_test_rows >{"E0028", N_("expected '{' and the table's rows (its header line first), or a data file such as 「cases.csv」")};
template<> inline constexpr syntax_message error_message< expect_test_row >{"E0029", N_("expected the key of a row of the test's data, e.g. 期望 A：等次 = 优秀")};
template<> inline constexpr syntax_message error_message< expect_test_check >{"E0030", N_("expected what to check: a value's name, grade (等次), status (状态), reasons (理由) or actions (动作)")};
template<> inline constexpr syntax_message error_message< expect_test_value >{"E0031", N_("expected the expected value, e.g. 优秀, 92.5 or 「…」")};
// parse.cpp adds the word: "…: '5A'" (with a hint), or where a quoted name is accepted "…: write 「5A」"
template<> inline constexpr syntax_message error_message< expect_not_digit_led >{"E0032", N_("a name cannot start with a digit")};
template<> inline constexpr syntax_message error_message< expect_unquoted_digit_led >{"E0033", N_("a name cannot start with a digit: quote it")};
template<> inline constexpr syntax_message error_message< expect_colon >{"E0034", N_("expected ':' (：) after the name")};
template<> inline constexpr syntax_message error_message< expect_value_equals >{"E0035", N_("expected '=' after this name: a value is declared as 'name = formula' (or is this line not meant to be part of the scheme? comment it out with #)")};
template<> inline constexpr syntax_message error_message< expect_equals >{"E0036", N_("expected '=' and the parameter's default value")};
template<> inline constexpr syntax_message error_message< expect_string >{"E0037", N_("expected text in quotes, e.g. 「…」")};
template<> inline constexpr syntax_message error_message< expect_param_default >{"E0038", N_("expected the parameter's default value")};
template<> inline constexpr syntax_message error_message< expect_reason >{"E0039", N_("expected the reason in quotes, e.g. 理由 「旷工超过15天」")};
template<> inline constexpr syntax_message error_message< expect_grade_name >{"E0040", N_("expected a grade name")};
template<> inline constexpr syntax_message error_message< expect_rank_keys >{"E0041", N_("expected ranking keys, e.g. 'by total desc, field_score desc' (排序 total 降序)")};
template<> inline constexpr syntax_message error_message< expect_action_text >{"E0042", N_("expected the action, e.g. 「发放年度绩效」")};
template<> inline constexpr syntax_message error_message< expect_pool_field >{"E0043", N_("expected 'amount', 'weight', 'per' or 'among' (总额, 权重, 按, 范围) inside the pool")};
template<> inline constexpr syntax_message error_message< expect_distribute_field >{"E0044", N_("expected 'among' (范围), 'by' (排序) or a band and its share such as 'A: 10%' (A：10%) inside the distribution, or '}' to close it")};
template<> inline constexpr syntax_message error_message< expect_band_share >{"E0045", N_("expected the band's share of each group, e.g. 10%")};
template<> inline constexpr syntax_message error_message< expect_output_item >{"E0046", N_("expected the name of a value to output")};
template<> inline constexpr syntax_message error_message< expect_output_header >{"E0047", N_("expected the column's header after 'as' (为), e.g. 输出 等次 为 等级")};
template<> inline constexpr syntax_message error_message< expect_weights >{"E0048", N_("expected this category's weights, one per indicator in their order, e.g. 15%，15%，30%")};
template<> inline constexpr syntax_message error_message< expect_remove_target >{"E0049", N_("expected the name of the declaration to remove")};
template<> inline constexpr syntax_message error_message< expect_statement >{"E0050", N_("expected a declaration: a header line (方案, 版本 …), input (输入), param (参数), name = formula, bonus (加分), dimension (维度), veto (一票否决), ceiling (封顶), grades (等次), actions (动作), pool (分配), raters (评分), constraints (约束), row rules (校验), mapping (映射), lints (提醒), output (输出) or remove (删除)")};
template<> inline constexpr syntax_message error_message< expect_group_name >{"E0051", N_("expected the column that forms the groups, e.g. 'per unit' (按 unit)")};
template<> inline constexpr syntax_message error_message< expect_agg_close >{"E0052", N_("expected ')' to close the aggregate, or one of its clauses: 按 COLUMN (per), 范围 CONDITION (among), 不含本人 (excluding self), 降序 / 升序 (desc / asc)")};
template<> inline constexpr syntax_message error_message< expect_count >{"E0053", N_("expected a whole number")};
template<> inline constexpr syntax_message error_message< expect_bad_rows_policy >{"E0054", N_("expected what a bad row does: 'skip' (跳过) or 'invalid' (无效)")};
template<> inline constexpr syntax_message error_message< expect_rule_reason >{"E0055", N_("expected the rule's reason in quotes, e.g. 理由 「满意票与基本满意票之和超过有效票」")};
template<> inline constexpr syntax_message error_message< expect_missing_policy >{"E0056", N_("expected what a missing rater role does: 'invalid' (无效) or 'reweight' (按比例)")};
template<> inline constexpr syntax_message error_message< expect_incomplete_policy >{"E0057", N_("expected what a rater who skipped items does: 'invalid' (无效) or 'drop' (剔除)")};
template<> inline constexpr syntax_message error_message< expect_raters_field >{"E0058", N_("expected 'role', 'rater', 'item', 'score', 'trim', 'missing_role', 'min_raters' or 'incomplete' (角色, 评分人, 项目, 分数, 去掉最高最低, 缺少角色, 至少, 缺项) inside the raters block")};
template<> inline constexpr syntax_message error_message< expect_constraint_group >{"E0059", N_("expected 'per' and the column that forms the groups, e.g. 'per station count <= 2' (按 station 人数 <= 2)")};
template<> inline constexpr syntax_message error_message< expect_count_keyword >{"E0060", N_("expected 'count' (人数) or 'count_distinct COLUMN' (去重计数) after the group column, e.g. 'per station count <= 2' (按 station 人数 <= 2)")};
template<> inline constexpr syntax_message error_message< expect_header_text >{"E0061", N_("expected the header text in quotes after 'column' (列), e.g. 'column \"民主测评支持率（%）\"' (列 「民主测评支持率（%）」)")};
template<> inline constexpr syntax_message error_message< expect_constraint_limit >{"E0062", N_("expected the limit: '<=', '<', '>=', '>' or '=' and a whole number, e.g. '<= 2', or 'among' (范围) and a condition")};
template<> inline constexpr syntax_message error_message< expect_limit_number >{"E0063", N_("expected a whole number of rows after the comparison, e.g. '<= 2'")};
template<> inline constexpr syntax_message error_message< expect_limit_end >{"E0064", N_("the limit of a constraint is a whole number, not a formula, e.g. '<= 2'")};
template<> inline constexpr syntax_message error_message< expect_not_ne >{"E0065", N_("a constraint's limit is compared with '<=', '<', '>=', '>' or '=', not '!='")};
// clang-format on

// The exception of a syntax error: PEGTL's, with the message of the rule that failed (its code and msgid).
struct coded_parse_error : tao::pegtl::parse_error {
  template< typename ParseInput >
  coded_parse_error( const syntax_message& m, const ParseInput& in ) : tao::pegtl::parse_error( m.text, in ), message( &m ) {}
  const syntax_message* message;
};

// A rule with a message raises a syntax_error where it fails; any other rule fails (backtracks) as usual.
template< typename Rule >
struct control : tao::pegtl::normal< Rule > {
  static constexpr bool raises = error_message< Rule >.text != nullptr;

  template< typename ParseInput, typename... States >
  static void failure( const ParseInput& in, States&&... st ) {
    if constexpr( raises ) throw coded_parse_error( error_message< Rule >, in );
    else tao::pegtl::normal< Rule >::failure( in, st... );
  }

  template< typename ParseInput, typename... States >
  [[noreturn]] static void raise( const ParseInput& in, States&&... st ) {
    if constexpr( raises ) throw coded_parse_error( error_message< Rule >, in );
    else tao::pegtl::normal< Rule >::raise( in, st... );
  }
};

}  // namespace schemec::grammar
