// The language of what a person reads (issue 16): messages are written in English at their call site and
// translated by GNU gettext (glibc's libintl, domain "schemec", catalog po/zh_CN.po) when the language is
// Chinese. The driver decides the language once (decide_language), before any message is made; phases read it
// only through message_language() (and tr / msg, which call it).
//
// A message at its call site (docs/architecture.md, "A message"):
//   diags.error(at, msg("E0142", N_("expected '=' after {}"), name), tr(N_("write '{} = …'"), name));
// msg gives the code (E + 4 digits: an error, W + 4 digits: a warning; one code for one msgid, never reused)
// and the text in the current language; tr translates a text without a code (a hint, a piece of a message).
// N_ marks the English msgid for xgettext; it stays a fmt format string checked at compile time, and its
// translation is formatted at run time (ctest catalog checks both have the same placeholders).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

// Marks an English msgid for xgettext (keyword N_) without translating it.
#define N_(text) text

namespace schemec {

enum class message_language : std::uint8_t { english, chinese };

// The language a --lang word names ("zh", "en"); nullopt for "" (not given).
std::optional<message_language> language_of_option(std::string_view lang);
// The language the locale names: the first non-empty of LC_ALL, LC_MESSAGES, LANG; "zh…" is Chinese, "C",
// "C.…", "POSIX" and "en…" English; nullopt when none is set or it names another language.
std::optional<message_language> language_of_locale();

// Sets the language of messages: --lang's, else the locale's; nullopt leaves it to the scheme's keywords
// (decide_language_by_scheme, once the scheme is loaded). English until then.
void decide_language(std::optional<message_language> from_option);
// Whether --lang or the locale decided it (then the scheme's keywords do not).
bool language_decided();
// Called by the driver once it knows the scheme's keywords, when nothing decided before; true if it changed
// the language (so that messages made before are made again).
bool decide_language_by_scheme(bool chinese_keywords);

// Sets the language outright (tests, and decide_language); binds the catalog on the first Chinese use.
void set_message_language(message_language language);
message_language current_language();
inline bool chinese_messages() { return current_language() == message_language::chinese; }

// The translation of [msgid] in the current language: the msgid itself in English (gettext is not called) or
// when the catalog has no entry.
const char* translate(const char* msgid);

// The folder the catalog was bound to ("" before the first Chinese message).
std::string catalog_dir();
// Binds the catalog in [dir] instead (the unit tests, whose binary has no locale folder beside it).
void use_catalog_dir(const std::string& dir);

namespace i18n_detail {
// A translated format string that does not fit its arguments (a broken catalog): the English text instead.
template <typename... A>
std::string format_translated(fmt::format_string<A...> msgid, A&&... args) {
  try {
    return fmt::format(fmt::runtime(translate(fmt::string_view(msgid).data())), args...);
  } catch (const fmt::format_error&) {
    return fmt::format(msgid, std::forward<A>(args)...);
  }
}
}  // namespace i18n_detail

// [msgid] formatted with [args] in the current language.
template <typename... A>
std::string tr(fmt::format_string<A...> msgid, A&&... args) {
  if (!chinese_messages()) return fmt::format(msgid, std::forward<A>(args)...);
  return i18n_detail::format_translated(msgid, std::forward<A>(args)...);
}

// The English plural ending "s" of a word counted [n] ("group{}"), "" for one and in Chinese, which has
// none: a msgstr keeps the msgid's {} where the ending goes and gets "" there.
inline const char* plural_s(std::size_t n) { return n == 1 || chinese_messages() ? "" : "s"; }

// A message with its code: the code never changes with the language or the wording.
struct coded_text {
  std::string code;
  std::string text;
};

template <typename... A>
coded_text msg(const char* code, fmt::format_string<A...> msgid, A&&... args) {
  return {code, tr(msgid, std::forward<A>(args)...)};
}

}  // namespace schemec
