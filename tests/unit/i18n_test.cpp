// The language of messages (interpreter/base/i18n.hpp): the choice by --lang and the locale, English without
// gettext, Chinese from the compiled catalog, codes, and the Chinese rendering of a diagnostic.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>

#include "grammar/errors.hpp"
#include "interpreter/base/diagnostic.hpp"
#include "interpreter/base/i18n.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/cli/usage_errors.hpp"
#include "interpreter/syntax/parse.hpp"
#include "interpreter/syntax/resolve.hpp"

using namespace schemec;

namespace {

// Sets the locale variables for one test and restores them (and English messages) afterwards.
struct locale_env {
  std::optional<std::string> saved[3];
  static constexpr const char* names[3] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  locale_env(const char* lc_all, const char* lc_messages, const char* lang) {
    const char* values[3] = {lc_all, lc_messages, lang};
    for (int i = 0; i < 3; ++i) {
      if (const char* v = std::getenv(names[i])) saved[i] = v;
      if (values[i] != nullptr) setenv(names[i], values[i], 1);
      else unsetenv(names[i]);
    }
  }
  ~locale_env() {
    for (int i = 0; i < 3; ++i) {
      if (saved[i]) setenv(names[i], saved[i]->c_str(), 1);
      else unsetenv(names[i]);
    }
    set_message_language(message_language::english);
  }
};

// Chinese messages from the catalog the build compiled, English again afterwards.
struct chinese_messages_on {
  chinese_messages_on() {
    use_catalog_dir(std::string(SCHEMEC_BINARY_DIR) + "/locale");
    set_message_language(message_language::chinese);
  }
  ~chinese_messages_on() { set_message_language(message_language::english); }
};

}  // namespace

TEST_CASE("i18n: --lang names a language; \"\" leaves it to the locale") {
  CHECK(language_of_option("zh") == message_language::chinese);
  CHECK(language_of_option("en") == message_language::english);
  CHECK_FALSE(language_of_option("").has_value());
}

TEST_CASE("i18n: the locale: the first non-empty of LC_ALL, LC_MESSAGES, LANG") {
  {
    locale_env env(nullptr, nullptr, "zh_CN.UTF-8");
    CHECK(language_of_locale() == message_language::chinese);
  }
  {
    locale_env env("C", nullptr, "zh_CN.UTF-8");
    CHECK(language_of_locale() == message_language::english);
  }
  {
    locale_env env("", "zh_TW.UTF-8", "C");
    CHECK(language_of_locale() == message_language::chinese);
  }
  {
    locale_env env(nullptr, nullptr, "C.UTF-8");
    CHECK(language_of_locale() == message_language::english);
  }
  {
    locale_env env(nullptr, nullptr, "POSIX");
    CHECK(language_of_locale() == message_language::english);
  }
  {
    locale_env env(nullptr, nullptr, "en_GB.UTF-8");
    CHECK(language_of_locale() == message_language::english);
  }
  {
    locale_env env(nullptr, nullptr, "de_DE.UTF-8");
    CHECK_FALSE(language_of_locale().has_value());
  }
  {
    locale_env env(nullptr, nullptr, nullptr);
    CHECK_FALSE(language_of_locale().has_value());
  }
}

TEST_CASE("i18n: --lang beats the locale, which beats the scheme's keywords") {
  {
    locale_env env(nullptr, nullptr, "zh_CN.UTF-8");
    decide_language(message_language::english);
    CHECK(current_language() == message_language::english);
    CHECK(language_decided());
    CHECK_FALSE(decide_language_by_scheme(true));  // decided already: the keywords change nothing
    CHECK(current_language() == message_language::english);
    decide_language(std::nullopt);
    CHECK(current_language() == message_language::chinese);
  }
  {
    locale_env env(nullptr, nullptr, nullptr);
    decide_language(std::nullopt);
    CHECK_FALSE(language_decided());
    CHECK(current_language() == message_language::english);
    use_catalog_dir(std::string(SCHEMEC_BINARY_DIR) + "/locale");
    CHECK(decide_language_by_scheme(true));  // a Chinese-keyword scheme: Chinese, and messages made again
    CHECK(current_language() == message_language::chinese);
    CHECK_FALSE(decide_language_by_scheme(false));  // once only
  }
  CHECK(current_language() == message_language::english);
}

TEST_CASE("i18n: English formats the msgid; Chinese the catalog's text, with the same code") {
  CHECK(tr(N_("'{}' is not a number"), "8x") == "'8x' is not a number");
  const coded_text en = msg("E1001", N_("missing column '{}'"), "score");
  CHECK(en.code == "E1001");
  CHECK(en.text == "missing column 'score'");
  chinese_messages_on zh;
  CHECK(tr(N_("'{}' is not a number"), "8x") == "「8x」不是数字");
  const coded_text cn = msg("E1001", N_("missing column '{}'"), "score");
  CHECK(cn.code == "E1001");
  CHECK(cn.text == "缺少列「score」");
  // a text the catalog does not have stays English
  CHECK(translate("no such message in the catalog") == std::string("no such message in the catalog"));
}

TEST_CASE("i18n: a diagnostic in Chinese keeps its position and caret; the level words are Chinese") {
  source_manager sources;
  const std::uint32_t file = sources.add("a.scheme", "方案 「x」\ntotal = 若 a 则 1\n");
  diagnostics diags;
  diags.error({file, 21}, msg("E0017", N_("expected 'else' (否则): every 'if' (若) needs both results")), tr(N_("did you mean '{}'?"), "否则"));
  const std::string english = render(diags.items().front(), sources);
  CHECK(english.starts_with("a.scheme:2:"));
  CHECK(english.find(": error: expected 'else'") != std::string::npos);
  CHECK(english.find("  = hint: did you mean '否则'?") != std::string::npos);
  CHECK(diags.items().front().code == "E0017");
  chinese_messages_on zh;
  diagnostics zh_diags;
  zh_diags.error({file, 21}, msg("E0017", N_("expected 'else' (否则): every 'if' (若) needs both results")), tr(N_("did you mean '{}'?"), "否则"));
  const std::string chinese = render(zh_diags.items().front(), sources);
  CHECK(chinese.find(": 错误：此处应有「否则」（else）") != std::string::npos);
  CHECK(chinese.find("  = 提示：是否想写「否则」？") != std::string::npos);
  // the same position and the same excerpt lines
  CHECK(chinese.substr(0, chinese.find(' ')) == english.substr(0, english.find(' ')));
  CHECK(chinese.substr(chinese.find('\n')).substr(0, chinese.substr(chinese.find('\n')).find("  =")) ==
        english.substr(english.find('\n')).substr(0, english.substr(english.find('\n')).find("  =")));
}

TEST_CASE("i18n: a syntax error carries the code of its grammar rule, in both languages") {
  for (const bool zh : {false, true}) {
    std::optional<chinese_messages_on> on;
    if (zh) on.emplace();
    source_manager sources;
    const std::uint32_t file = sources.add("a.scheme", "方案 「x」\ntotal = 若 a 则 1\n");
    diagnostics diags;
    CHECK_FALSE(parse_scheme(sources, file, diags).has_value());
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items().front().code == grammar::error_message<grammar::expect_else>.code);
    CHECK(diags.items().front().message == (zh ? std::string("此处应有「否则」（else）：每个「若」（if）都要写出两种结果")
                                               : std::string(grammar::error_message<grammar::expect_else>.text)));
  }
}

TEST_CASE("i18n: a scheme that does not parse is Chinese when its header is spelt 方案") {
  CHECK(starts_with_chinese_header("方案 「x」\ntotal = 若 a 则 1\n"));
  CHECK(starts_with_chinese_header("\xEF\xBB\xBF# 注释\n// another\n\n  方案 「x」\n"));
  CHECK_FALSE(starts_with_chinese_header("scheme \"x\"\nlet total = if a then 1\n"));
  CHECK_FALSE(starts_with_chinese_header("# 方案 in a comment\n继承 「a.scheme」\n"));
  CHECK_FALSE(starts_with_chinese_header(""));
}

TEST_CASE("i18n: a wrong command line in both languages, from CLI11's English texts") {
  CHECK(usage_error_text("run", "data is required") == "schemec: error: data is required\n'schemec run --help' shows how the command is used\n");
  CHECK(usage_error_text("", "A subcommand is required").starts_with("schemec: error: a command is required: check, run"));
  CHECK(usage_error_text("check", "The following arguments were not expected: -x y").find("not expected here: -x y") != std::string::npos);
  CHECK(usage_error_text("run", "--lang: fr not in {zh,en}").find("--lang: 'fr' is not one of zh,en") != std::string::npos);
  CHECK(usage_error_text("run", "--threads: Value 0 not in range 1 to 64").find("'0' is not a whole number from 1 to 64") != std::string::npos);
  CHECK(usage_error_text("run", "--out: 1 required TEXT missing").find("--out needs a value after it") != std::string::npos);
  // a text of CLI11 it does not know: kept, after "wrong command line"
  CHECK(usage_error_text("run", "something new").starts_with("schemec: error: wrong command line: something new\n"));
  chinese_messages_on zh;
  CHECK(usage_error_text("run", "data is required") == "schemec：错误：缺少 data（必填）\n用法见「schemec run --help」\n");
  CHECK(usage_error_text("check", "The following argument was not expected: --bogus").find("此处不应有 --bogus") != std::string::npos);
  CHECK(usage_error_text("run", "something new").find("命令行有误：something new") != std::string::npos);
}

TEST_CASE("i18n: a byte of UTF-8's shape that is not UTF-8 is named in the language of messages") {
  const std::string surrogate = "\xED\xA0\x80";
  const utf8_fault fault = utf8_fault_at(surrogate.data(), surrogate.size(), 0);
  CHECK(fault == utf8_fault::surrogate);
  CHECK(utf8_shaped_fault(fault));
  CHECK(utf8_fault_text(fault) == "a surrogate, U+D800–DFFF");
  const std::string gbk = "\xD6\xD0";  // 中 in GBK: a lead byte without its continuation, not UTF-8's shape
  CHECK_FALSE(utf8_shaped_fault(utf8_fault_at(gbk.data(), gbk.size(), 0)));
  chinese_messages_on zh;
  CHECK(utf8_fault_text(fault) == "代理码位（U+D800–DFFF）");
  CHECK(utf8_fault_text(utf8_fault::above_max) == "超出 U+10FFFF 的码位");
}
