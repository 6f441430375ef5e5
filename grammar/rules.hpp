// The grammar of scheme files (PEGTL 3.2). Rules only: no actions, no semantics.
//
// Padding convention: a rule never eats leading or trailing padding; sequences insert `sep` between
// their parts. Padding is ASCII white space, the ideographic space U+3000, and comments (`#` or `//` to
// the end of the line). Statements need no terminator: every statement starts with a keyword or with
// `name =`, and no expression can continue with a name, so the end of an expression is unambiguous.
// `;` / `；` may still be written between statements and block entries.
//
// Every keyword has an English and a Chinese spelling, and every ASCII punctuation mark has its
// full-width twin (：，；（）％｛｝＝＞＜), so a scheme typed with a Chinese input method parses as is.
//
// Error points: rules named `expect_*` are the only ones with a message in errors.hpp, and they are always
// used as `must< expect_* >`. Once a statement's head has matched (its keyword, or `name =`), what follows
// is mandatory and a failure there is reported at that spot with that message, instead of as a vague
// failure at the end of the file. (must<> matters: under the parse tree, a rule that is not stored in the
// tree never reports its failure to the control, so must_if alone would not raise; must<> calls raise.)
//
// The words (characters, punctuation, keywords, tokens) are in grammar/lexical.hpp.
#pragma once

#include "grammar/lexical.hpp"

namespace schemec::grammar {

// clang-format off

// ---- Expressions --------------------------------------------------------------------------------------
// Precedence, loosest first: or, and, not, comparison / in, + -, × ÷, unary minus, primary.
// Binary levels are written as `operand (op operand)*` (no left recursion); the AST builder folds left.
struct expr;
struct or_expr;
struct and_expr;
struct not_expr;
struct add_expr;
struct mul_expr;
struct unary_expr;
struct expect_expr : seq< expr > {};
// One operand rule per precedence level: `a × b + c` must read (a × b) + c.
struct expect_or_operand : seq< and_expr > {};
struct expect_and_operand : seq< not_expr > {};
struct expect_not_operand : seq< not_expr > {};
struct expect_compare_operand : seq< add_expr > {};
struct expect_add_operand : seq< mul_expr > {};
struct expect_mul_operand : seq< unary_expr > {};
struct expect_negated_operand : seq< unary_expr > {};
struct expect_subject : seq< add_expr > {};
struct expect_tier_value : seq< add_expr > {};  // not a comparison: the next line may start with '>= 75'
struct expect_rparen : seq< rparen > {};
struct expect_then : seq< kw_then > {};
struct expect_else : seq< kw_else > {};
struct expect_arrow : seq< arrow > {};
struct expect_lbrace : seq< lbrace > {};
struct expect_rbrace : seq< rbrace > {};
struct expect_lparen : seq< lparen > {};

struct op_or : kw_or {};
struct op_and : kw_and {};
struct op_not : kw_not {};
struct op_ge : sor< TAO_PEGTL_STRING(">="), TAO_PEGTL_STRING("≥"), TAO_PEGTL_STRING("＞＝") > {};
struct op_le : sor< TAO_PEGTL_STRING("<="), TAO_PEGTL_STRING("≤"), TAO_PEGTL_STRING("＜＝") > {};
struct op_ne : sor< TAO_PEGTL_STRING("!="), TAO_PEGTL_STRING("<>"), TAO_PEGTL_STRING("≠") > {};
struct op_eq : sor< TAO_PEGTL_STRING("=="), seq< one< '=' >, not_at< one< '>' > > >, TAO_PEGTL_STRING("＝") > {};
struct op_gt : sor< one< '>' >, TAO_PEGTL_STRING("＞") > {};
struct op_lt : sor< one< '<' >, TAO_PEGTL_STRING("＜") > {};
struct compare_op : sor< op_ge, op_le, op_ne, op_eq, op_gt, op_lt > {};
struct op_add : sor< one< '+' >, TAO_PEGTL_STRING("＋") > {};
struct op_sub : seq< minus_sign, not_at< sor< one< '>' >, TAO_PEGTL_STRING("＞") > > > {};
struct op_mul : sor< one< '*' >, TAO_PEGTL_STRING("×"), TAO_PEGTL_STRING("＊") > {};
struct op_div : sor< one< '/' >, TAO_PEGTL_STRING("÷"), TAO_PEGTL_STRING("／") > {};
struct op_neg : seq< minus_sign, not_at< sor< one< '>' >, TAO_PEGTL_STRING("＞") > > > {};

struct paren_expr : seq< lparen, sep, must< expect_expr >, sep, must< expect_rparen > > {};
struct call_args : seq< lparen, sep, opt< list< must< expect_expr >, seq< sep, comma, sep > > >, sep, must< expect_rparen > > {};
struct call : seq< identifier, call_args > {};  // no space between a function name and '('
struct boolean_literal : sor< kw_true, kw_false > {};
struct empty_literal : kw_empty {};  // 空 / empty: no value, as an empty optional cell
struct if_expr : seq< kw_if, sep, must< expect_expr >, sep, must< expect_then >, sep, must< expect_expr >, sep, must< expect_else >, sep, must< expect_expr > > {};

struct lookup_key : sor< string_literal, quotable_name_check, identifier, signed_number > {};
struct lookup_default : kw_otherwise {};
struct lookup_entry : seq< sor< lookup_default, lookup_key >, sep, must< expect_arrow >, sep, must< expect_expr > > {};
struct lookup_expr : seq< kw_lookup, sep, must< expect_subject >, sep, must< expect_lbrace >, sep,
                          star< lookup_entry, entry_sep >, must< expect_rbrace > > {};
struct tier_bound : seq< compare_op, sep, signed_number > {};
struct tier_default : kw_otherwise {};
struct expect_tier_condition : sor< tier_default, tier_bound > {};
struct tier_entry : seq< must< expect_tier_condition >, sep, must< expect_arrow >, sep, must< expect_tier_value > > {};
struct tiers_expr : seq< kw_tiers, sep, must< expect_subject >, sep, must< expect_lbrace >, sep,
                         star< not_at< rbrace >, tier_entry, entry_sep >, must< expect_rbrace > > {};

struct rank_direction : sor< kw_desc, kw_asc > {};

// A name in a formula is never the start of the next statement: `total =` left empty before `等次 {`
// must be reported there, not read as `total = 等次`. (等次 alone is still the grade in a formula.)
struct grades_head;
struct actions_head;
struct pool_head;
struct distribute_head;
struct bonus_head;
struct dimension_head;
// The name after 'bonus', 'dimension', 'pool' or 'raters' is never a block keyword: in `score = annual + bonus`
// followed by `grades {`, 'bonus' is a name, not the head of a bonus block called 'grades'.
struct block_keyword : sor< kw_grades, kw_actions, kw_veto, kw_ceiling > {};
struct declared_name : seq< not_at< block_keyword, sep, lbrace >, identifier > {};
struct raters_head;
struct constraints_head;
struct mapping_head;
struct lints_head;
struct rules_head;
struct test_head;
struct statement_start : sor< grades_head, test_head, constraints_head, actions_head, pool_head, distribute_head, bonus_head, dimension_head, raters_head, mapping_head, lints_head, rules_head, kw_veto, kw_ceiling, kw_input, kw_param,
                              kw_output, kw_remove, kw_extends, kw_import, kw_scheme, kw_version, kw_effective,
                              kw_locality, kw_policy > {};
// A column of another input table is written TABLE.COLUMN: stations.rated_excellent, history.previous_grade.
struct qualified_name : seq< identifier, one< '.' >, identifier > {};
struct name_in_formula : seq< not_at_keyword< statement_start >, sor< qualified_name, identifier > > {};
// Population aggregates and roll-ups: mean(unit_price per category), count(per unit), rank(total per unit desc),
// mean(quarter_score) over the periods of a row. Tried before a function call; `min(a, b)` with two
// arguments is not an aggregate and falls back to the call.
struct agg_only_name : word< TAO_PEGTL_STRING("count_distinct"), TAO_PEGTL_STRING("去重计数"), TAO_PEGTL_STRING("mean"), TAO_PEGTL_STRING("平均值"), TAO_PEGTL_STRING("平均"), TAO_PEGTL_STRING("sum"),
                             TAO_PEGTL_STRING("合计"), TAO_PEGTL_STRING("求和"), TAO_PEGTL_STRING("总和"), TAO_PEGTL_STRING("count"),
                             TAO_PEGTL_STRING("计数"), TAO_PEGTL_STRING("人数"),
                             TAO_PEGTL_STRING("latest"), TAO_PEGTL_STRING("最新") > {};
// min and max are also functions of two or more values: as aggregates they take one value and clauses.
struct agg_either_name : word< TAO_PEGTL_STRING("min"), TAO_PEGTL_STRING("最小值"), TAO_PEGTL_STRING("max"), TAO_PEGTL_STRING("最大值") > {};
struct group_name : sor< qualified_name, identifier > {};
struct expect_group_name : seq< group_name > {};
struct agg_per : seq< kw_per, sep, must< expect_group_name > > {};
struct agg_among : seq< kw_among, sep, must< expect_expr > > {};
struct agg_excluding_self : sor< seq< TAO_PEGTL_STRING("excluding"), sep, TAO_PEGTL_STRING("self") >, TAO_PEGTL_STRING("不含本人"), TAO_PEGTL_STRING("除本人") > {};
struct agg_clause : sor< agg_per, agg_among, agg_excluding_self, rank_direction > {};
struct agg_argument : seq< expr > {};
struct agg_body : seq< sep, opt< not_at< agg_clause >, agg_argument >, star< sep, agg_clause >, sep > {};
// rank (名次, shared places 1, 2, 2, 4) and row_number (序号, strict places 1..n) take several keys, each with
// its direction: 名次（total 降序，second 降序 按 unit）.
struct rank_name : word< TAO_PEGTL_STRING("rank"), TAO_PEGTL_STRING("名次"), TAO_PEGTL_STRING("row_number"), TAO_PEGTL_STRING("序号") > {};
struct agg_next_key : seq< comma, sep, must< expect_expr > > {};
struct rank_body : seq< sep, opt< not_at< agg_clause >, agg_argument >, star< sep, sor< agg_clause, agg_next_key > >, sep > {};
// Once '平均（' is read the aggregate is certain: what does not fit is reported where it stands.
struct expect_agg_close : seq< rparen > {};
struct aggregate : sor< seq< rank_name, lparen, rank_body, must< expect_agg_close > >, seq< agg_only_name, lparen, agg_body, must< expect_agg_close > >, seq< agg_either_name, lparen, agg_body, rparen > > {};
struct primary : sor< paren_expr, if_expr, lookup_expr, tiers_expr, number_literal, string_literal,
                      boolean_literal, empty_literal, aggregate, call, name_in_formula > {};
struct negation : seq< op_neg, sep, must< expect_negated_operand > > {};
struct unary_expr : sor< negation, primary > {};
struct mul_expr : seq< unary_expr, star< sep, sor< op_mul, op_div >, sep, must< expect_mul_operand > > > {};
struct add_expr : seq< mul_expr, star< sep, sor< op_add, op_sub >, sep, must< expect_add_operand > > > {};
struct in_members : seq< must< expect_lparen >, sep, list< must< expect_expr >, seq< sep, comma, sep > >, sep, must< expect_rparen > > {};
struct in_tail : seq< kw_in, sep, in_members > {};
struct compare_tail : seq< compare_op, sep, must< expect_compare_operand > > {};
struct compare_expr : seq< add_expr, opt< sep, sor< in_tail, compare_tail > > > {};
struct not_application : seq< op_not, sep, must< expect_not_operand > > {};
struct not_expr : sor< not_application, compare_expr > {};
struct and_expr : seq< not_expr, star< sep, op_and, sep, must< expect_and_operand > > > {};
struct or_expr : seq< and_expr, star< sep, op_or, sep, must< expect_or_operand > > > {};
struct expr : seq< or_expr > {};

// ---- Header -------------------------------------------------------------------------------------------
struct expect_header_value : sor< string_literal, date_literal, bare_word > {};
struct header_scheme : seq< kw_scheme, sep, must< expect_header_value > > {};
struct header_version : seq< kw_version, sep, must< expect_header_value > > {};
struct header_effective : seq< kw_effective, sep, must< expect_header_value > > {};
struct header_locality : seq< kw_locality, sep, must< expect_header_value > > {};
struct header_policy : seq< kw_policy, sep, must< expect_header_value > > {};
struct expect_path : sor< string_literal, bare_word > {};
struct extends_stmt : seq< kw_extends, sep, must< expect_path > > {};
struct import_stmt : seq< kw_import, sep, must< expect_path > > {};

// ---- Types and ranges ---------------------------------------------------------------------------------
struct range_bound : signed_number {};
struct range_between : seq< range_bound, sep, range_dots, sep, range_bound > {};
struct range_op : sor< op_ge, op_le, op_gt, op_lt > {};  // not '=': '>= 0 = 15' is a range, then a default
struct range_compare : seq< range_op, sep, range_bound > {};
struct range : sor< range_between, seq< range_compare, opt< sep, opt< comma, sep >, range_compare > > > {};
struct enum_member : name_or_text {};
struct enum_members : seq< must< expect_lparen >, sep, list< enum_member, seq< sep, comma, sep > >, sep, must< expect_rparen > > {};
struct type_decimal : kw_t_decimal {};
struct type_integer : kw_t_integer {};
struct type_percent : kw_t_percent {};
struct type_points : kw_t_points {};  // percentage points: 92, 92% and ９２％ are all 92
struct type_boolean : kw_t_boolean {};
struct type_text : kw_t_text {};
struct type_date : kw_t_date {};
struct type_enum : seq< kw_t_enum, sep, enum_members > {};
struct optional_mark : kw_optional {};
struct expect_type : sor< type_decimal, type_integer, type_points, type_percent, type_boolean, type_text, type_date, type_enum > {};
struct type_spec : seq< opt< optional_mark, sep >, must< expect_type >, opt< sep, range > > {};

// ---- Statements ---------------------------------------------------------------------------------------
struct expect_name : seq< identifier > {};
struct expect_colon : seq< colon > {};
struct expect_equals : seq< equals_sign > {};
struct expect_string : seq< string_literal > {};

// input participants key id { id: text  name「姓名」: text  score: decimal 0..100 }
// station: text references stations      (a row of stations.csv whose key is this cell; 关联)
// community: text references optional history   (a missing row is allowed: its columns are then empty)
struct relation_optional : kw_optional {};
struct relation_clause : seq< kw_references, sep, opt< relation_optional, sep >, must< expect_name > > {};
// support: decimal 0..100 column "民主测评支持率（%）"   (the header the column is read from; 列, on the type's line)
struct expect_header_text : seq< string_literal > {};
struct header_clause : seq< kw_column, line_space, not_at< colon >, must< expect_header_text > > {};
struct field_decl : seq< identifier, sep, opt< label, sep >, must< expect_colon >, sep, type_spec, opt< sep, relation_clause >, opt< line_space, header_clause >,
                         opt< sep, label > > {};
// key a, b, c: a composite key (键 project、expert、item)
struct key_clause : seq< kw_key, sep, list< must< expect_name >, seq< sep, comma, sep > > > {};
// bad_rows skip | bad_rows invalid (坏行 跳过 / 坏行 无效): what a bad row of a detail table does
struct bad_rows_skip : kw_skip {};
struct bad_rows_invalid : kw_invalid {};
struct expect_bad_rows_policy : sor< bad_rows_skip, bad_rows_invalid > {};
struct bad_rows_clause : seq< kw_bad_rows, sep, must< expect_bad_rows_policy > > {};
// input quarters key community period quarter min 3 { … }: several rows per key, one per period.
struct expect_count : seq< digits > {};
struct period_min : seq< kw_at_least, sep, must< expect_count > > {};
struct period_clause : seq< kw_period, sep, must< expect_name >, opt< sep, period_min > > {};
struct input_block : seq< kw_input, sep, must< expect_name >, sep, opt< key_clause, sep >, opt< period_clause, sep >, opt< bad_rows_clause, sep >,
                          must< expect_lbrace >, sep,
                          star< field_decl, entry_sep >, must< expect_rbrace > > {};

// param reserve_rate「预留比例」: percent 10%..20% = 15%
struct param_default : sor< date_literal, signed_number, string_literal, boolean_literal, identifier > {};  // a date: 2024-12-31
struct expect_param_default : seq< param_default > {};
struct param_decl : seq< kw_param, sep, must< expect_name >, sep, opt< label, sep >, must< expect_colon >, sep, type_spec, sep,
                         must< expect_equals >, sep, must< expect_param_default > > {};

// [let] total「总分」 = expr
// Every other statement is tried first, so a name here starts a value: it must be followed by '='. The
// check is a lookahead (no tree nodes) so that the error points right after the name, not at the next line.
struct label_shape : sor< seq< one< '"' >, string_body_ascii, one< '"' > >,
                          seq< TAO_PEGTL_STRING("“"), string_body_curly, TAO_PEGTL_STRING("”") >,
                          seq< TAO_PEGTL_STRING("「"), string_body_corner, TAO_PEGTL_STRING("」") >,
                          seq< TAO_PEGTL_STRING("『"), string_body_white, TAO_PEGTL_STRING("』") > > {};
struct expect_value_equals : at< sep, opt< label_shape, sep >, equals_sign > {};
struct value_head : seq< opt< kw_let, sep >, identifier, must< expect_value_equals >, sep, opt< label, sep >, equals_sign > {};
struct value_decl : seq< value_head, sep, must< expect_expr > > {};

// bonus bonus「奖励加分」 cap 8 { awards_county × 1, awards_city × 5 }
struct item_label : seq< name_or_text, sep, colon > {};
struct bonus_item : seq< opt< item_label, sep >, expr > {};
struct cap_clause : seq< kw_cap, sep, must< expect_expr > > {};
struct bonus_head : seq< sor< kw_bonus, kw_deduction >, sep, declared_name, sep, opt< label, sep >, at< sor< kw_cap, lbrace > > > {};
struct bonus_block : seq< bonus_head, opt< cap_clause, sep >, must< expect_lbrace >, sep,
                          star< not_at< rbrace >, bonus_item, entry_sep >, must< expect_rbrace > > {};

// dimension 年度得分「加权得分」 { 述职「本人述职」: report_score weight 30%   实地: field_score + bonus weight 70% }
// dimension 服务质量 points 40 { 服务态度: attitude points 10   服务效率: efficiency points 10   质量: quality points 20 }
struct indicator_weight : seq< kw_weight, not_at< sep, kw_per >, sep, opt< colon, sep >, must< expect_expr > > {};  // not '权重 按 …' on the next line
struct indicator_points : seq< kw_points, sep, opt< colon, sep >, must< expect_expr > > {};
struct indicator : seq< identifier, sep, opt< label, sep >, must< expect_colon >, sep, must< expect_expr >,
                        opt< sep, sor< indicator_weight, indicator_points > > > {};
struct dimension_points : seq< kw_points, sep, must< expect_expr > > {};
struct dimension_head : seq< kw_dimension, sep, declared_name, sep, opt< label, sep >, at< sor< kw_points, lbrace > > > {};
// weights that vary by a choice column: 权重 按 category { 窗口服务: 15%, 15%, 70%   其余: 20%, 20%, 60% }
// The weights start on the row's line, so that a row left empty is reported after its ':', not on the next line.
struct expect_weights : seq< star< sor< one< ' ', '\t' >, ideographic_space > >, list< signed_number, seq< sep, comma, sep > > > {};
struct weight_row_default : kw_otherwise {};
struct weight_row_key : name_or_text {};
struct weight_row : seq< sor< weight_row_default, weight_row_key >, sep, must< expect_colon >, must< expect_weights > > {};
struct weight_table_head : seq< kw_weight, sep, kw_per > {};
struct weight_table : seq< weight_table_head, sep, must< expect_name >, sep, must< expect_lbrace >, sep,
                           star< weight_row, entry_sep >, must< expect_rbrace > > {};
struct dimension_block : seq< dimension_head, opt< dimension_points, sep >, must< expect_lbrace >, sep,
                              star< sor< weight_table, indicator >, entry_sep >, must< expect_rbrace > > {};

// veto { 旷工: absent_days > 15 reason「旷工超过15天」 }
struct reason_clause : seq< opt< kw_reason, sep >, string_literal > {};
struct expect_reason : seq< reason_clause > {};
struct grade_name : name_or_text {};
struct expect_grade_name : seq< grade_name > {};
struct veto_target : seq< arrow, sep, must< expect_grade_name > > {};
struct veto_entry : seq< identifier, sep, must< expect_colon >, sep, must< expect_expr >, entry_sep, must< expect_reason >, opt< sep, veto_target > > {};
struct veto_block : seq< kw_veto, sep, must< expect_lbrace >, sep, star< veto_entry, entry_sep >, must< expect_rbrace > > {};

// ceiling { 投诉: complaints >= 3 -> 基本合格 reason「有效投诉3次以上」 }
struct ceiling_entry : seq< identifier, sep, must< expect_colon >, sep, must< expect_expr >, sep, must< expect_arrow >, sep,
                            must< expect_grade_name >, entry_sep, must< expect_reason > > {};
struct ceiling_block : seq< kw_ceiling, sep, must< expect_lbrace >, sep, star< ceiling_entry, entry_sep >, must< expect_rbrace > > {};

// grades { 优秀: total >= 85 quota 15% [base COND] per unit by total desc, field_score desc   合格: total >= 60   不合格: otherwise }
struct rank_key : seq< expr, opt< sep, rank_direction > > {};
struct expect_rank_keys : list< rank_key, seq< sep, comma, sep > > {};
struct quota_group : seq< kw_per, sep, must< expect_group_name > > {};
struct quota_order : seq< kw_by, sep, must< expect_rank_keys > > {};
struct quota_base : seq< kw_base, sep, must< expect_expr > > {};  // N counts only the rows meeting it
struct quota_clause : seq< kw_quota, sep, must< expect_expr >, opt< sep, quota_base >, opt< sep, quota_group >, opt< sep, quota_base >,
                           opt< sep, quota_order > > {};
struct grade_otherwise : kw_otherwise {};
struct grade_condition : sor< grade_otherwise, must< expect_expr > > {};
// In a grade or an action, the reason needs its keyword: a bare text there is the next entry's start.
struct grade_reason : seq< kw_reason, sep, must< expect_string > > {};
struct grade_clause : sor< quota_clause, grade_reason > {};
struct grade_entry : seq< grade_name, sep, must< expect_colon >, sep, grade_condition,
                          star< sep, opt< comma, sep >, grade_clause > > {};
struct grades_head : seq< kw_grades, sep, at< lbrace > > {};
struct grades_block : seq< grades_head, lbrace, sep, star< grade_entry, entry_sep >, must< expect_rbrace > > {};

// actions { 优秀, 合格 -> 发放年度绩效   不合格 and previous_grade = 不合格 -> 解聘 reason「连续两年不合格」 }
struct action_condition : seq< must< expect_unquoted_digit_led >, expr > {};  // a grade such as 5A is quoted: 「5A」
struct action_text : name_or_text {};
struct expect_action_text : seq< action_text > {};
struct action_entry : seq< list< action_condition, seq< sep, comma, sep > >, sep, must< expect_arrow >, sep,
                           list< must< expect_action_text >, seq< sep, comma, sep > >, opt< entry_sep, grade_reason > > {};
struct actions_head : seq< kw_actions, sep, at< lbrace > > {};
struct actions_block : seq< actions_head, lbrace, sep, star< action_entry, entry_sep >, must< expect_rbrace > > {};

// pool pay { amount pool  weight weight  per unit  among grade != 不合格 }
struct pool_amount : seq< kw_amount, sep, opt< colon, sep >, must< expect_expr > > {};
struct pool_weight : seq< kw_weight, sep, opt< colon, sep >, must< expect_expr > > {};
struct pool_group : seq< kw_per, sep, opt< colon, sep >, must< expect_group_name > > {};
struct pool_among : seq< kw_among, sep, opt< colon, sep >, must< expect_expr > > {};
struct expect_pool_field : sor< pool_amount, pool_weight, pool_group, pool_among > {};
struct pool_head : seq< kw_pool, sep, declared_name, sep, opt< label, sep >, at< lbrace > > {};
struct pool_block : seq< pool_head, lbrace, sep, star< not_at< rbrace >, must< expect_pool_field >, entry_sep >, must< expect_rbrace > > {};

// distribute band per unit { among not probation  by total desc, hired asc  A: 10%  B: 20%  C: 40%  D: 20%  E: 10% }
// (强制分布 档次 按 部门 { 范围 非 试用期  排序 总分 降序，入职日期 升序  A：10% … }): each group's rows, in strict
// ranking order, are given the bands in turn; band sizes by largest remainder.
struct distribute_group : seq< kw_per, sep, must< expect_group_name > > {};
struct distribute_among : seq< kw_among, sep, opt< colon, sep >, must< expect_expr > > {};
struct distribute_order : seq< kw_by, sep, opt< colon, sep >, must< expect_rank_keys > > {};
// The share starts on the band's line, so that a band left without one is reported after its ':'.
struct expect_band_share : seq< star< sor< one< ' ', '\t' >, ideographic_space > >, number_literal > {};
struct distribute_band : seq< grade_name, sep, must< expect_colon >, must< expect_band_share > > {};
struct expect_distribute_field : sor< distribute_among, distribute_order, distribute_band > {};
struct distribute_head : seq< kw_distribute, sep, declared_name, sep, opt< label, sep >, opt< distribute_group, sep >, at< lbrace > > {};
struct distribute_block : seq< distribute_head, lbrace, sep, star< not_at< rbrace >, must< expect_distribute_field >, entry_sep >, must< expect_rbrace > > {};

// raters rated from ratings { role rater_role: self 10%, superior 40%   rater rater_id   item item: 服务态度 10, …
//                             score score   trim 5   missing_role invalid }
struct rater_weight : seq< name_or_text, sep, opt< colon, sep >, must< expect_expr > > {};
struct raters_roles : seq< kw_role, sep, must< expect_name >, sep, must< expect_colon >, sep, list< rater_weight, seq< sep, comma, sep > > > {};
struct raters_rater : seq< kw_rater, sep, must< expect_name > > {};
struct item_max : seq< name_or_text, sep, must< expect_expr > > {};
struct raters_items : seq< kw_item, sep, must< expect_name >, sep, must< expect_colon >, sep, list< item_max, seq< sep, comma, sep > > > {};
struct raters_score : seq< kw_score, sep, must< expect_name > > {};
struct raters_trim : seq< kw_trim, sep, must< expect_count > > {};
struct missing_policy : sor< kw_invalid, kw_reweight > {};
struct expect_missing_policy : seq< missing_policy > {};
struct raters_missing : seq< kw_missing_role, sep, must< expect_missing_policy > > {};
// min_raters 3 (至少 3): fewer distinct raters make the row invalid. incomplete invalid | drop (缺项 无效 | 剔除):
// what a rater who scored some items but not all does.
struct kw_min_raters : word< TAO_PEGTL_STRING("min_raters") > {};
struct raters_min : seq< sor< kw_min_raters, kw_at_least >, sep, must< expect_count > > {};
struct incomplete_policy : sor< kw_invalid, kw_drop > {};
struct expect_incomplete_policy : seq< incomplete_policy > {};
struct raters_incomplete : seq< kw_incomplete, sep, must< expect_incomplete_policy > > {};
struct expect_raters_field : sor< raters_roles, raters_rater, raters_items, raters_score, raters_trim, raters_missing, raters_min, raters_incomplete > {};
struct raters_head : seq< kw_raters, sep, declared_name, sep, opt< label, sep >, at< kw_from > > {};
struct raters_block : seq< raters_head, kw_from, sep, must< expect_name >, sep, must< expect_lbrace >, sep,
                           star< not_at< rbrace >, must< expect_raters_field >, entry_sep >, must< expect_rbrace > > {};

// constraints { max_2_per_station「每站至多2名」: per station count <= 2
//               max_1_retired: per station count among kind in (退休, 内退, 大学生) <= 1 }
// A condition that ends in a comparison swallows the limit ('among active <= 1'); the builder takes it back.
struct constraint_op : sor< op_ge, op_le, op_eq, op_gt, op_lt > {};
struct expect_limit_number : seq< signed_number > {};
struct expect_limit_end : not_at< sep, sor< op_add, op_sub, op_mul, op_div, lparen > > {};
struct constraint_limit : seq< constraint_op, sep, must< expect_limit_number >, must< expect_limit_end > > {};
struct expect_constraint_limit : seq< constraint_limit > {};
struct expect_not_ne : not_at< op_ne > {};
struct constraint_group : seq< kw_per, sep, must< expect_group_name > > {};
struct expect_constraint_group : seq< constraint_group > {};
// count_distinct TABLE.COLUMN (去重计数): the distinct non-empty values of a column of the grouped table
struct constraint_distinct : seq< kw_count_distinct, sep, must< expect_group_name > > {};
struct expect_count_keyword : sor< constraint_distinct, kw_count > {};
struct constraint_among : seq< kw_among, sep, must< expect_expr > > {};
struct constraint_entry : seq< identifier, sep, opt< label, sep >, must< expect_colon >, sep, must< expect_constraint_group >, sep,
                               must< expect_count_keyword >, sor< seq< sep, constraint_among, opt< sep, constraint_limit >, line_space, must< expect_not_ne > >,
                                                         seq< sep, constraint_limit >,
                                                         seq< line_space, must< expect_constraint_limit > > > > {};
struct constraints_head : seq< kw_constraints, sep, at< lbrace > > {};
struct constraints_block : seq< constraints_head, lbrace, sep, star< constraint_entry, entry_sep >, must< expect_rbrace > > {};

// mapping level_factor「等级系数」 { 执行良好 -> 1.0  一般 -> 0.7  otherwise -> 0 }   used as level_factor(plan_level)
struct mapping_head : seq< kw_mapping, sep, identifier, sep, opt< label, sep >, at< lbrace > > {};
struct mapping_decl : seq< mapping_head, lbrace, sep, star< lookup_entry, entry_sep >, must< expect_rbrace > > {};

// lints { 满意度权重: weight(satisfaction_part) >= 30% reason「P4.8 满意度权重应不低于30%」 }
struct lint_reason : sor< seq< kw_reason, sep, must< expect_string > >, string_literal > {};
struct lint_entry : seq< identifier, sep, must< expect_colon >, sep, must< expect_expr >, opt< sep, lint_reason > > {};
struct lints_head : seq< kw_lints, sep, at< lbrace > > {};
struct lints_block : seq< lints_head, lbrace, sep, star< lint_entry, entry_sep >, must< expect_rbrace > > {};

// require { votes_ok「票数校验」: satisfied + basic <= valid reason「满意票与基本满意票之和超过有效票」 }
struct rule_reason : sor< seq< kw_reason, sep, must< expect_string > >, string_literal > {};
struct expect_rule_reason : seq< rule_reason > {};
struct rule_entry : seq< identifier, sep, opt< label, sep >, must< expect_colon >, sep, must< expect_expr >, sep, must< expect_rule_reason > > {};
struct rules_head : seq< kw_require, sep, at< lbrace > > {};
struct rules_block : seq< rules_head, lbrace, sep, star< rule_entry, entry_sep >, must< expect_rbrace > > {};

// warn { outside「期外记录」: 日期 < 期初 or 日期 > 期末 reason「记录不在考核期内，已忽略」 }: a row rule that only warns
struct warns_head : seq< kw_warn, sep, at< lbrace > > {};
struct warns_block : seq< warns_head, lbrace, sep, star< rule_entry, entry_sep >, must< expect_rbrace > > {};

// output bonus, total, grade as 等级, reasons, actions: `as` (为) gives the column another header
struct output_header : sor< string_literal, identifier > {};
struct expect_output_header : seq< output_header > {};
struct output_rename : seq< kw_as, sep, must< expect_output_header > > {};
struct output_item : seq< sor< kw_b_grade, kw_b_reasons, kw_b_actions, kw_b_status, qualified_name, identifier >, opt< sep, output_rename > > {};
struct expect_output_item : seq< output_item > {};
struct output_stmt : seq< kw_output, sep, list< must< expect_output_item >, seq< sep, comma, sep > > > {};

// remove 重大失误
struct remove_target : sor< string_literal, qualified_name, identifier > {};  // stations.region: a column of another table
struct expect_remove_target : seq< remove_target > {};
struct remove_stmt : seq< kw_remove, sep, must< expect_remove_target > > {};

// ---- Tests in a scheme (docs/language.md §46) -------------------------------------------------------------
// 测试「两人」 { 数据 participants { id, score ⏎ A, 90 ⏎ B, 50 }   参数 pass_line = 60
//               期望 A：等次 = 优秀，total = 92.5，理由 包含「…」 }
// `check` and `run` ignore test blocks; `schemec test` runs them.
struct kw_test : word< TAO_PEGTL_STRING("test"), TAO_PEGTL_STRING("测试") > {};
struct kw_data : word< TAO_PEGTL_STRING("data"), TAO_PEGTL_STRING("数据") > {};
struct kw_expect : word< TAO_PEGTL_STRING("expect"), TAO_PEGTL_STRING("期望") > {};
struct kw_contains : word< TAO_PEGTL_STRING("contains"), TAO_PEGTL_STRING("包含") > {};
struct kw_error : word< TAO_PEGTL_STRING("error"), TAO_PEGTL_STRING("错误") > {};
// The rows of an inline table, as the lines of a CSV file (its header first): everything up to the '}'.
struct test_rows : star< not_at< rbrace >, any > {};
// or a data file beside the scheme, inside its scheme tree: 数据 participants 「cases.csv」
struct test_file : seq< string_literal > {};
struct expect_test_rows : sor< test_file, seq< lbrace, test_rows, must< expect_rbrace > > > {};
struct test_data : seq< kw_data, sep, must< expect_name >, sep, must< expect_test_rows > > {};
struct test_param : seq< kw_param, sep, must< expect_name >, sep, must< expect_equals >, sep, must< expect_param_default > > {};
struct test_word : plus< not_at< sor< blank, comma, semicolon, colon, rbrace, equals_sign > >, any > {};
struct test_row_key : sor< string_literal, test_word > {};
struct expect_test_row : seq< test_row_key > {};
struct test_target : sor< kw_b_grade, kw_b_status, kw_b_reasons, kw_b_actions, qualified_name, identifier > {};
struct test_value : sor< string_literal, test_word > {};
struct expect_test_value : seq< test_value > {};
struct test_contains : seq< kw_contains, sep, must< expect_test_value > > {};
struct test_equals : seq< must< expect_equals >, sep, must< expect_test_value > > {};
struct test_check : seq< test_target, sep, sor< test_contains, test_equals > > {};
struct expect_test_check : seq< test_check > {};
struct test_expect : seq< kw_expect, sep, must< expect_test_row >, sep, must< expect_colon >, sep,
                          list< must< expect_test_check >, seq< sep, comma, sep > > > {};
// 期望 错误 包含 「…」: the test's rows must be refused (a run-stopping error, a broken constraint or an
// invalid row) with a message containing the text. Tried before test_expect, so a row keyed 错误 still works.
struct test_expect_error : seq< kw_expect, sep, kw_error, sep, kw_contains, sep, must< expect_test_value > > {};
struct expect_test_item : sor< test_data, test_param, test_expect_error, test_expect > {};
struct test_head : seq< kw_test, sep, string_literal, sep, at< lbrace > > {};
struct test_block : seq< test_head, lbrace, sep, star< not_at< rbrace >, must< expect_test_item >, entry_sep >, must< expect_rbrace > > {};

struct statement : sor< header_scheme, header_version, header_effective, header_locality, header_policy,
                        extends_stmt, import_stmt, input_block, param_decl, bonus_block, dimension_block, veto_block,
                        ceiling_block, grades_block, actions_block, pool_block, distribute_block, raters_block, output_stmt, remove_stmt, constraints_block,
                        mapping_decl, lints_block, rules_block, warns_block, test_block, value_decl > {};
struct expect_statement : seq< statement > {};
struct scheme_file : seq< opt< bom >, sep, star< not_at< eof >, must< expect_statement >, sep, star< semicolon, sep > >, eof > {};

// clang-format on

}  // namespace schemec::grammar
