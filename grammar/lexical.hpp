// The words of scheme files (PEGTL 3.2): characters and padding, punctuation, keywords, reserved words and
// tokens (names, numbers, quoted texts). grammar/rules.hpp builds the expressions and statements on them;
// the conventions (padding, full-width twins, error points) are described there.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace schemec::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// clang-format off

// ---- Characters and padding -----------------------------------------------------------------------
struct ideographic_space : TAO_PEGTL_STRING("\u3000") {};
struct comment : seq< sor< one< '#' >, two< '/' > >, until< eolf > > {};
struct blank : sor< ascii::space, ideographic_space, comment > {};
struct sep : star< blank > {};
struct line_space : star< sor< one< ' ', '\t' >, ideographic_space > > {};  // padding that stays on the line
struct bom : TAO_PEGTL_STRING("\xEF\xBB\xBF") {};

// Identifier characters: ASCII letters, digits, '_' and CJK ideographs (basic, extension A, compatibility).
struct cjk : utf8::ranges< 0x4E00, 0x9FFF, 0x3400, 0x4DBF, 0xF900, 0xFAFF, 0x3007, 0x3007 > {};
struct ident_first : sor< ascii::alpha, one< '_' >, cjk > {};
struct ident_char : sor< ascii::alnum, one< '_' >, cjk > {};

// The length in bytes of the run of identifier characters (ident_char) at [p], up to [end]: ASCII letters, digits
// and '_', and the ideographs of `cjk`, which are all three bytes long in UTF-8 (decoded as utf8::ranges does).
constexpr std::size_t name_run( const char* p, const char* end ) noexcept
{
   const char* const start = p;
   while( p < end ) {
      const auto c = static_cast< unsigned char >( *p );
      if( c < 0x80 ) {
         if( ( c >= '0' && c <= '9' ) || ( c >= 'a' && c <= 'z' ) || ( c >= 'A' && c <= 'Z' ) || c == '_' ) {
            ++p;
            continue;
         }
         break;
      }
      if( ( c & 0xF0 ) != 0xE0 || end - p < 3 ) break;
      const auto c1 = static_cast< unsigned char >( p[ 1 ] );
      const auto c2 = static_cast< unsigned char >( p[ 2 ] );
      if( ( c1 & 0xC0 ) != 0x80 || ( c2 & 0xC0 ) != 0x80 ) break;
      const char32_t cp = ( char32_t( c & 0x0F ) << 12 ) | ( char32_t( c1 & 0x3F ) << 6 ) | char32_t( c2 & 0x3F );
      if( !( ( cp >= 0x4E00 && cp <= 0x9FFF ) || ( cp >= 0x3400 && cp <= 0x4DBF ) || ( cp >= 0xF900 && cp <= 0xFAFF ) || cp == 0x3007 ) ) break;
      p += 3;
   }
   return static_cast< std::size_t >( p - start );
}

template< typename > struct spelling;
template< char... Cs > struct spelling< ascii::string< Cs... > >
{
   static constexpr char text[] = { Cs..., '\0' };
   static constexpr std::string_view value{ text, sizeof...( Cs ) };
};

// A keyword is a word not followed by another identifier character ("grades" is not "grade" + "s"): it means
// seq< sor< Words... >, not_at< ident_char > >. As every spelling is made of identifier characters and none is
// the start of a later one, that holds exactly when the whole run of identifier characters here is one of the
// spellings, which one scan decides instead of a try per spelling (keywords are tried at every name).
template< typename... Words > struct word
{
   using rule_t = word;
   using subs_t = empty_list;

   static constexpr std::array< std::string_view, sizeof...( Words ) > spellings{ spelling< Words >::value... };

   static constexpr bool valid() noexcept
   {
      for( std::size_t i = 0; i < spellings.size(); ++i ) {
         const std::string_view s = spellings[ i ];
         if( s.empty() || name_run( s.data(), s.data() + s.size() ) != s.size() ) return false;
         for( std::size_t j = i + 1; j < spellings.size(); ++j ) {
            if( spellings[ j ].substr( 0, s.size() ) == s ) return false;
         }
      }
      return true;
   }
   static_assert( valid(), "a keyword's spellings are made of identifier characters, and none starts a later one" );

   static constexpr bool is( std::string_view run ) noexcept
   {
      for( const std::string_view s : spellings ) {
         if( s == run ) return true;
      }
      return false;
   }

   template< typename ParseInput >
   static bool match( ParseInput& in )
   {
      const std::size_t n = name_run( in.current(), in.end() );
      if( n == 0 || !is( std::string_view( in.current(), n ) ) ) return false;
      in.bump_in_this_line( n );
      return true;
   }
};

// Whether [run] (a whole run of identifier characters) can start a match of a keyword rule, of a sor of such
// rules, or of a seq that starts with one: false means the rule cannot match here.
template< typename... Words > constexpr bool could_start( const word< Words... >* /*unused*/, std::string_view run ) noexcept
{
   return word< Words... >::is( run );
}
template< typename... Rules > constexpr bool could_start( const internal::sor< Rules... >* /*unused*/, std::string_view run ) noexcept
{
   return ( could_start( static_cast< const Rules* >( nullptr ), run ) || ... );
}
template< typename Rule, typename... Rules > constexpr bool could_start( const internal::seq< Rule, Rules... >* /*unused*/, std::string_view run ) noexcept
{
   return could_start( static_cast< const Rule* >( nullptr ), run );
}

// Succeeds, without consuming, when Rule cannot match here; when it fails, Rule may match.
template< typename Rule > struct cannot_start
{
   using rule_t = cannot_start;
   using subs_t = empty_list;

   template< typename ParseInput >
   static bool match( ParseInput& in ) noexcept
   {
      return !could_start( static_cast< const Rule* >( nullptr ), std::string_view( in.current(), name_run( in.current(), in.end() ) ) );
   }
};
// not_at< Rule > for a Rule that starts with a keyword (see could_start), without trying each of its keywords
// and spellings in the usual case, a name that is none of them.
template< typename Rule > struct not_at_keyword : sor< cannot_start< Rule >, not_at< Rule > > {};

// ---- Punctuation (ASCII and full-width) ---------------------------------------------------------------
struct colon : sor< one< ':' >, TAO_PEGTL_STRING("：") > {};
struct comma : sor< one< ',' >, TAO_PEGTL_STRING("，"), TAO_PEGTL_STRING("、") > {};
struct semicolon : sor< one< ';' >, TAO_PEGTL_STRING("；") > {};
struct lparen : sor< one< '(' >, TAO_PEGTL_STRING("（") > {};
struct rparen : sor< one< ')' >, TAO_PEGTL_STRING("）") > {};
struct lbrace : sor< one< '{' >, TAO_PEGTL_STRING("｛") > {};
struct rbrace : sor< one< '}' >, TAO_PEGTL_STRING("｝") > {};
struct percent_sign : sor< one< '%' >, TAO_PEGTL_STRING("％") > {};
struct arrow : sor< TAO_PEGTL_STRING("->"), TAO_PEGTL_STRING("=>"), TAO_PEGTL_STRING("→"), TAO_PEGTL_STRING("－＞") > {};
struct equals_sign : seq< sor< one< '=' >, TAO_PEGTL_STRING("＝") >, not_at< one< '=', '>' > > > {};
struct range_dots : sor< TAO_PEGTL_STRING(".."), TAO_PEGTL_STRING("～"), one< '~' >, TAO_PEGTL_STRING("至") > {};
struct entry_sep : seq< sep, opt< sor< comma, semicolon >, sep > > {};

// ---- Keywords ---------------------------------------------------------------------------------------
// Statement keywords: contextual (a scheme may still name a value `pool` or `weight`).
struct kw_scheme : word< TAO_PEGTL_STRING("scheme"), TAO_PEGTL_STRING("方案") > {};
struct kw_version : word< TAO_PEGTL_STRING("version"), TAO_PEGTL_STRING("版本") > {};
struct kw_effective : word< TAO_PEGTL_STRING("effective"), TAO_PEGTL_STRING("生效日期"), TAO_PEGTL_STRING("生效") > {};
struct kw_locality : word< TAO_PEGTL_STRING("locality"), TAO_PEGTL_STRING("地区") > {};
struct kw_policy : word< TAO_PEGTL_STRING("policy"), TAO_PEGTL_STRING("依据") > {};
struct kw_extends : word< TAO_PEGTL_STRING("extends"), TAO_PEGTL_STRING("继承") > {};
struct kw_import : word< TAO_PEGTL_STRING("import"), TAO_PEGTL_STRING("引用"), TAO_PEGTL_STRING("导入") > {};
struct kw_input : word< TAO_PEGTL_STRING("input"), TAO_PEGTL_STRING("输入") > {};
struct kw_key : word< TAO_PEGTL_STRING("key"), TAO_PEGTL_STRING("主键"), TAO_PEGTL_STRING("键") > {};
struct kw_param : word< TAO_PEGTL_STRING("param"), TAO_PEGTL_STRING("参数") > {};
struct kw_let : word< TAO_PEGTL_STRING("let"), TAO_PEGTL_STRING("计算") > {};
struct kw_dimension : word< TAO_PEGTL_STRING("dimension"), TAO_PEGTL_STRING("维度") > {};
struct kw_points : word< TAO_PEGTL_STRING("points"), TAO_PEGTL_STRING("分值"), TAO_PEGTL_STRING("满分") > {};
struct kw_bonus : word< TAO_PEGTL_STRING("bonus"), TAO_PEGTL_STRING("加分") > {};
struct kw_deduction : word< TAO_PEGTL_STRING("deduction"), TAO_PEGTL_STRING("扣分") > {};
struct kw_cap : word< TAO_PEGTL_STRING("cap"), TAO_PEGTL_STRING("上限"), TAO_PEGTL_STRING("最高") > {};
struct kw_veto : word< TAO_PEGTL_STRING("veto"), TAO_PEGTL_STRING("一票否决") > {};
struct kw_ceiling : word< TAO_PEGTL_STRING("ceiling"), TAO_PEGTL_STRING("封顶") > {};
struct kw_grades : word< TAO_PEGTL_STRING("grades"), TAO_PEGTL_STRING("等次") > {};
struct kw_quota : word< TAO_PEGTL_STRING("quota"), TAO_PEGTL_STRING("比例"), TAO_PEGTL_STRING("名额") > {};
struct kw_base : word< TAO_PEGTL_STRING("base"), TAO_PEGTL_STRING("基数") > {};
struct kw_per : word< TAO_PEGTL_STRING("per"), TAO_PEGTL_STRING("按"), TAO_PEGTL_STRING("每") > {};
struct kw_by : word< TAO_PEGTL_STRING("by"), TAO_PEGTL_STRING("排序"), TAO_PEGTL_STRING("排名") > {};
struct kw_actions : word< TAO_PEGTL_STRING("actions"), TAO_PEGTL_STRING("动作"), TAO_PEGTL_STRING("结果运用") > {};
struct kw_pool : word< TAO_PEGTL_STRING("pool"), TAO_PEGTL_STRING("分配") > {};
struct kw_distribute : word< TAO_PEGTL_STRING("distribute"), TAO_PEGTL_STRING("强制分布") > {};
struct kw_amount : word< TAO_PEGTL_STRING("amount"), TAO_PEGTL_STRING("总额"), TAO_PEGTL_STRING("金额") > {};
struct kw_weight : word< TAO_PEGTL_STRING("weight"), TAO_PEGTL_STRING("权重") > {};
struct kw_among : word< TAO_PEGTL_STRING("among"), TAO_PEGTL_STRING("范围"), TAO_PEGTL_STRING("对象") > {};
struct kw_output : word< TAO_PEGTL_STRING("output"), TAO_PEGTL_STRING("输出") > {};
struct kw_constraints : word< TAO_PEGTL_STRING("constraints"), TAO_PEGTL_STRING("约束") > {};
struct kw_count : word< TAO_PEGTL_STRING("count"), TAO_PEGTL_STRING("人数"), TAO_PEGTL_STRING("计数") > {};
struct kw_count_distinct : word< TAO_PEGTL_STRING("count_distinct"), TAO_PEGTL_STRING("去重计数") > {};
struct kw_column : word< TAO_PEGTL_STRING("column"), TAO_PEGTL_STRING("列") > {};
struct kw_mapping : word< TAO_PEGTL_STRING("mapping"), TAO_PEGTL_STRING("映射") > {};
struct kw_lints : word< TAO_PEGTL_STRING("lints"), TAO_PEGTL_STRING("提醒"), TAO_PEGTL_STRING("建议") > {};
struct kw_require : word< TAO_PEGTL_STRING("require"), TAO_PEGTL_STRING("校验") > {};
struct kw_warn : word< TAO_PEGTL_STRING("warn"), TAO_PEGTL_STRING("提示") > {};
struct kw_bad_rows : word< TAO_PEGTL_STRING("bad_rows"), TAO_PEGTL_STRING("坏行") > {};
struct kw_skip : word< TAO_PEGTL_STRING("skip"), TAO_PEGTL_STRING("跳过") > {};
struct kw_remove : word< TAO_PEGTL_STRING("remove"), TAO_PEGTL_STRING("删除"), TAO_PEGTL_STRING("去掉") > {};
struct kw_references : word< TAO_PEGTL_STRING("references"), TAO_PEGTL_STRING("关联"), TAO_PEGTL_STRING("对应") > {};
struct kw_period : word< TAO_PEGTL_STRING("period"), TAO_PEGTL_STRING("期间"), TAO_PEGTL_STRING("周期") > {};
struct kw_at_least : word< TAO_PEGTL_STRING("min"), TAO_PEGTL_STRING("至少") > {};
struct kw_raters : word< TAO_PEGTL_STRING("raters"), TAO_PEGTL_STRING("评分") > {};
struct kw_from : word< TAO_PEGTL_STRING("from"), TAO_PEGTL_STRING("来自") > {};
struct kw_role : word< TAO_PEGTL_STRING("role"), TAO_PEGTL_STRING("角色") > {};
struct kw_rater : word< TAO_PEGTL_STRING("rater"), TAO_PEGTL_STRING("评分人") > {};
struct kw_item : word< TAO_PEGTL_STRING("item"), TAO_PEGTL_STRING("项目") > {};
struct kw_score : word< TAO_PEGTL_STRING("score"), TAO_PEGTL_STRING("分数") > {};
struct kw_trim : word< TAO_PEGTL_STRING("trim"), TAO_PEGTL_STRING("去掉一个最高分和一个最低分"), TAO_PEGTL_STRING("去掉最高最低") > {};
struct kw_missing_role : word< TAO_PEGTL_STRING("missing_role"), TAO_PEGTL_STRING("缺少角色") > {};
struct kw_invalid : word< TAO_PEGTL_STRING("invalid"), TAO_PEGTL_STRING("无效") > {};
struct kw_reweight : word< TAO_PEGTL_STRING("reweight"), TAO_PEGTL_STRING("按比例") > {};
struct kw_incomplete : word< TAO_PEGTL_STRING("incomplete"), TAO_PEGTL_STRING("缺项") > {};
struct kw_drop : word< TAO_PEGTL_STRING("drop"), TAO_PEGTL_STRING("剔除") > {};
struct kw_as : word< TAO_PEGTL_STRING("as"), TAO_PEGTL_STRING("为") > {};  // output grade as 等级
struct kw_optional : word< TAO_PEGTL_STRING("optional"), TAO_PEGTL_STRING("可选") > {};
struct kw_t_decimal : word< TAO_PEGTL_STRING("decimal"), TAO_PEGTL_STRING("number"), TAO_PEGTL_STRING("小数"), TAO_PEGTL_STRING("数值") > {};
struct kw_t_integer : word< TAO_PEGTL_STRING("integer"), TAO_PEGTL_STRING("整数") > {};
struct kw_t_percent : word< TAO_PEGTL_STRING("percent"), TAO_PEGTL_STRING("百分比") > {};
struct kw_t_points : word< TAO_PEGTL_STRING("percent_points"), TAO_PEGTL_STRING("百分点") > {};
struct kw_t_boolean : word< TAO_PEGTL_STRING("boolean"), TAO_PEGTL_STRING("布尔"), TAO_PEGTL_STRING("是否") > {};
struct kw_t_text : word< TAO_PEGTL_STRING("text"), TAO_PEGTL_STRING("文本") > {};
struct kw_t_date : word< TAO_PEGTL_STRING("date"), TAO_PEGTL_STRING("日期") > {};
struct kw_t_enum : word< TAO_PEGTL_STRING("enum"), TAO_PEGTL_STRING("枚举"), TAO_PEGTL_STRING("选项") > {};
// Built-in result columns, usable in `output` even where their Chinese spelling is a reserved word.
struct kw_b_grade : word< TAO_PEGTL_STRING("grade"), TAO_PEGTL_STRING("等次"), TAO_PEGTL_STRING("等级") > {};
struct kw_b_reasons : word< TAO_PEGTL_STRING("reasons"), TAO_PEGTL_STRING("理由"), TAO_PEGTL_STRING("原因") > {};
struct kw_b_actions : word< TAO_PEGTL_STRING("actions"), TAO_PEGTL_STRING("动作") > {};
struct kw_b_status : word< TAO_PEGTL_STRING("status"), TAO_PEGTL_STRING("状态") > {};

// Reserved words: they may not name anything, because they would make expressions ambiguous.
struct kw_and : word< TAO_PEGTL_STRING("and"), TAO_PEGTL_STRING("并且"), TAO_PEGTL_STRING("而且"), TAO_PEGTL_STRING("且") > {};
struct kw_or : word< TAO_PEGTL_STRING("or"), TAO_PEGTL_STRING("或者"), TAO_PEGTL_STRING("或") > {};
struct kw_not : word< TAO_PEGTL_STRING("not"), TAO_PEGTL_STRING("非") > {};
struct kw_if : word< TAO_PEGTL_STRING("if"), TAO_PEGTL_STRING("如果"), TAO_PEGTL_STRING("若") > {};
struct kw_then : word< TAO_PEGTL_STRING("then"), TAO_PEGTL_STRING("那么"), TAO_PEGTL_STRING("则") > {};
struct kw_else : word< TAO_PEGTL_STRING("else"), TAO_PEGTL_STRING("否则") > {};
struct kw_in : word< TAO_PEGTL_STRING("in"), TAO_PEGTL_STRING("属于") > {};
struct kw_otherwise : word< TAO_PEGTL_STRING("otherwise"), TAO_PEGTL_STRING("其余"), TAO_PEGTL_STRING("其他") > {};
struct kw_reason : word< TAO_PEGTL_STRING("reason"), TAO_PEGTL_STRING("理由"), TAO_PEGTL_STRING("原因") > {};
struct kw_desc : word< TAO_PEGTL_STRING("desc"), TAO_PEGTL_STRING("降序") > {};
struct kw_asc : word< TAO_PEGTL_STRING("asc"), TAO_PEGTL_STRING("升序") > {};
struct kw_true : word< TAO_PEGTL_STRING("true"), TAO_PEGTL_STRING("真") > {};
struct kw_false : word< TAO_PEGTL_STRING("false"), TAO_PEGTL_STRING("假") > {};
struct kw_empty : word< TAO_PEGTL_STRING("empty"), TAO_PEGTL_STRING("空") > {};  // no value (§35)
struct kw_lookup : word< TAO_PEGTL_STRING("lookup"), TAO_PEGTL_STRING("查表") > {};
struct kw_tiers : word< TAO_PEGTL_STRING("tiers"), TAO_PEGTL_STRING("分档") > {};
struct reserved : sor< kw_and, kw_or, kw_not, kw_if, kw_then, kw_else, kw_in, kw_otherwise, kw_reason,
                       kw_desc, kw_asc, kw_true, kw_false, kw_empty, kw_lookup, kw_tiers > {};

// ---- Tokens -----------------------------------------------------------------------------------------
// A word that starts with digits and goes on with letters (5A, 3星级) is no name: where a name is expected
// it is reported as such (the parser adds the word: write 「5A」), instead of failing further on. A number
// is tried before a name in a formula, so `90分` there is not affected.
// Where a quoted text is accepted as a name (grades, choices, mapping levels …) the message says to quote it.
struct digit_led_word : seq< plus< ascii::digit >, ident_first, star< ident_char > > {};
struct expect_not_digit_led : not_at< digit_led_word > {};
struct expect_unquoted_digit_led : not_at< digit_led_word > {};
struct identifier : sor< seq< not_at_keyword< reserved >, ident_first, star< ident_char > >, seq< must< expect_not_digit_led >, failure > > {};
struct quotable_name_check : seq< must< expect_unquoted_digit_led >, failure > {};
struct digits : plus< ascii::digit > {};
struct number : seq< digits, opt< one< '.' >, digits > > {};
struct percent_number : seq< number, percent_sign > {};
struct number_literal : sor< percent_number, number > {};
struct minus_sign : sor< one< '-' >, TAO_PEGTL_STRING("－"), TAO_PEGTL_STRING("−") > {};
struct signed_number : seq< opt< minus_sign >, number_literal > {};
struct string_body_ascii : star< not_one< '"', '\n' > > {};
struct string_body_curly : star< not_at< TAO_PEGTL_STRING("”") >, not_one< '\n' > > {};
struct string_body_corner : star< not_at< TAO_PEGTL_STRING("」") >, not_one< '\n' > > {};
struct string_body_white : star< not_at< TAO_PEGTL_STRING("』") >, not_one< '\n' > > {};
// Once a quote opens, the text must close on the same line.
struct expect_close_ascii : one< '"' > {};
struct expect_close_curly : TAO_PEGTL_STRING("”") {};
struct expect_close_corner : TAO_PEGTL_STRING("」") {};
struct expect_close_white : TAO_PEGTL_STRING("』") {};
struct string_literal : sor< seq< one< '"' >, string_body_ascii, must< expect_close_ascii > >,
                             seq< TAO_PEGTL_STRING("“"), string_body_curly, must< expect_close_curly > >,
                             seq< TAO_PEGTL_STRING("「"), string_body_corner, must< expect_close_corner > >,
                             seq< TAO_PEGTL_STRING("『"), string_body_white, must< expect_close_white > > > {};
struct date_literal : seq< rep< 4, ascii::digit >, one< '-' >, rep< 2, ascii::digit >, one< '-' >, rep< 2, ascii::digit > > {};
struct bare_word : plus< not_at< blank >, not_at< semicolon >, any > {};
struct label : seq< string_literal > {};
struct name_or_text : sor< string_literal, quotable_name_check, identifier > {};

// clang-format on

}  // namespace schemec::grammar

namespace tao::pegtl {

// For pegtl::analyze (tests): a keyword consumes what it matches, cannot_start never consumes.
template< typename Name, typename... Words >
struct analyze_traits< Name, schemec::grammar::word< Words... > > : analyze_any_traits<> {};
template< typename Name, typename Rule >
struct analyze_traits< Name, schemec::grammar::cannot_start< Rule > > : analyze_opt_traits<> {};

}  // namespace tao::pegtl
