// The language of messages and the gettext catalog (i18n.hpp).
#include "interpreter/base/i18n.hpp"

#include <libintl.h>
#include <unistd.h>

#include <atomic>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <system_error>

namespace schemec {

namespace {

constexpr const char* domain = "schemec";

std::atomic<message_language> g_language{message_language::english};
std::atomic<bool> g_decided{false};
std::once_flag g_bound;
std::string g_catalog_dir;

// <exe dir>/locale (the build tree), else <exe dir>/../share/locale (installed): the first holding the catalog.
std::string find_catalog_dir() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const std::filesystem::path dir = exe.parent_path();
  for (const std::filesystem::path& candidate : {dir / "locale", dir / ".." / "share" / "locale"}) {
    if (std::filesystem::exists(candidate / "zh_CN" / "LC_MESSAGES" / "schemec.mo", ec)) return candidate.lexically_normal().string();
  }
  return {};
}

// glibc's gettext translates only for a locale that exists; this machine (and a fresh CI machine) may have
// only C and C.UTF-8, and with LC_MESSAGES "C" glibc ignores LANGUAGE. So: LC_MESSAGES C.UTF-8 (other
// categories untouched: numbers and characters are read as before) and LANGUAGE=zh_CN, before the first
// gettext call.
void bind_catalog() {
  if (g_catalog_dir.empty()) g_catalog_dir = find_catalog_dir();
  setenv("LANGUAGE", "zh_CN", 1);
  if (std::setlocale(LC_MESSAGES, "C.UTF-8") == nullptr && std::setlocale(LC_MESSAGES, "C.utf8") == nullptr) std::setlocale(LC_MESSAGES, "");
  if (!g_catalog_dir.empty()) bindtextdomain(domain, g_catalog_dir.c_str());
  bind_textdomain_codeset(domain, "UTF-8");
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::optional<message_language> language_of_option(std::string_view lang) {
  if (lang == "zh") return message_language::chinese;
  if (lang == "en") return message_language::english;
  return std::nullopt;
}

std::optional<message_language> language_of_locale() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') continue;
    const std::string_view value(v);
    if (starts_with(value, "zh")) return message_language::chinese;
    if (value == "C" || value == "POSIX" || starts_with(value, "C.") || starts_with(value, "en")) return message_language::english;
    return std::nullopt;
  }
  return std::nullopt;
}

void decide_language(std::optional<message_language> from_option) {
  std::optional<message_language> chosen = from_option ? from_option : language_of_locale();
  g_decided = chosen.has_value();
  set_message_language(chosen.value_or(message_language::english));
}

bool language_decided() { return g_decided; }

bool decide_language_by_scheme(bool chinese_keywords) {
  if (g_decided) return false;
  g_decided = true;
  const message_language chosen = chinese_keywords ? message_language::chinese : message_language::english;
  if (chosen == g_language) return false;
  set_message_language(chosen);
  return true;
}

void set_message_language(message_language language) {
  if (language == message_language::chinese) std::call_once(g_bound, bind_catalog);
  g_language = language;
}

message_language current_language() { return g_language.load(std::memory_order_relaxed); }

const char* translate(const char* msgid) {
  if (!chinese_messages() || msgid == nullptr || *msgid == '\0') return msgid;
  return dgettext(domain, msgid);
}

std::string catalog_dir() { return g_catalog_dir; }

void use_catalog_dir(const std::string& dir) {
  g_catalog_dir = dir;
  bindtextdomain(domain, dir.c_str());
}

}  // namespace schemec
