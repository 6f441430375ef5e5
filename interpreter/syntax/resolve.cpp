#include "interpreter/syntax/resolve.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>
#include <unordered_map>
#include <set>

#include "interpreter/base/files.hpp"
#include "interpreter/base/scheme_tree.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/syntax/ast_clone.hpp"
#include "interpreter/syntax/long_words.hpp"
#include "interpreter/syntax/parse.hpp"
#include "stdlib/modules.hpp"

namespace schemec {

namespace fs = std::filesystem;

namespace {

// Declarations that may replace each other across files share a family: a value may override an input
// (R2 computing what R1 read), but a grade never replaces a veto of the same name.
int family(decl_kind k) {
  switch (k) {
    case decl_kind::input_field:
    case decl_kind::param:
    case decl_kind::value:
    case decl_kind::pool:
    case decl_kind::raters: return 0;
    case decl_kind::veto: return 1;
    case decl_kind::ceiling: return 2;
    case decl_kind::grade: return 3;
    case decl_kind::action: return 4;
    case decl_kind::remove: return 5;
    case decl_kind::constraint: return 6;
    case decl_kind::mapping: return 7;
    case decl_kind::lint: return 8;
    case decl_kind::row_rule: return 9;
  }
  return 5;
}

// The kind after "first as a" (its article's "n" included), translated.
std::string kind_name(decl_kind k) {
  switch (k) {
    case decl_kind::input_field: return tr(N_("n input"));
    case decl_kind::param: return tr(N_(" parameter"));
    case decl_kind::value: return tr(N_(" value"));
    case decl_kind::veto: return tr(N_(" veto"));
    case decl_kind::ceiling: return tr(N_(" ceiling"));
    case decl_kind::grade: return tr(N_(" grade"));
    case decl_kind::action: return tr(N_("n action"));
    case decl_kind::pool: return tr(N_(" pool"));
    case decl_kind::remove: return tr(N_(" remove"));
    case decl_kind::raters: return tr(N_(" raters block"));
    case decl_kind::constraint: return tr(N_(" constraint"));
    case decl_kind::mapping: return tr(N_(" mapping"));
    case decl_kind::lint: return tr(N_(" lint"));
    case decl_kind::row_rule: return tr(N_(" row rule"));
  }
  return tr(N_(" declaration"));
}

// The name a declaration is known by when files are merged: a column of an input table other than the
// first is TABLE.COLUMN (stations.station is not participants.station).
std::string identity(const decl& d, const std::vector<input_table>& tables) {
  if (d.kind != decl_kind::input_field || tables.empty() || d.table == tables.front().name) return d.name;
  return d.table + "." + d.name;
}

class loader {
 public:
  loader(source_manager& sources, diagnostics& diags, scheme_tree tree)
      : m_sources(sources), m_diags(diags), m_tree(std::move(tree)) {}

  // [named]: the 继承 or 引用 line that names [path] (null for the main scheme).
  std::optional<scheme_ast> load_file(const std::string& path, const header_field* named);
  std::optional<scheme_ast> load_text(const std::string& path, std::string text, const header_field* named);

 private:
  std::optional<scheme_ast> resolve_parsed(scheme_file file, const std::string& path);
  std::optional<scheme_ast> load_import(const header_field& name, const std::string& dir);
  std::optional<scheme_ast> load_once(const std::string& key, const std::string& path, const header_field* named,
                                      const std::function<std::optional<scheme_ast>()>& load, bool limited = true);
  bool outside_tree(const std::string& canonical, const header_field& named, std::uint32_t length = 0);
  bool not_a_scheme(const std::string& path, const std::string& text, const diagnostics& parse_diags, const header_field& named);
  void check_duplicates(const scheme_file& f);
  void merge(scheme_ast& base, scheme_file&& child);
  void merge_decl(scheme_ast& base, std::size_t inherited, decl&& d, bool one_file);
  void merge_action(std::vector<decl>& decls, std::size_t inherited, decl&& d);

  source_manager& m_sources;
  diagnostics& m_diags;
  scheme_tree m_tree;                // where 继承 and 引用 may read (base/scheme_tree.hpp)
  std::vector<std::string> m_stack;  // canonical paths being loaded, for cycle detection
  // Every file (or stdlib module) loaded so far, by canonical path: what it resolved to (nothing when it
  // failed; its errors were reported then) and its height, the files on the longest chain of 继承/引用 it
  // starts, itself included. A file reached again (a diamond of imports) is not read again.
  struct loaded_file {
    std::optional<scheme_ast> ast;
    std::size_t height = 0;
  };
  std::unordered_map<std::string, loaded_file> m_loaded;
  std::size_t m_reach = 0;  // the deepest stack (files being loaded) the load in progress has reached
};


// Limits of what a scheme may load (docs/language.md §3): files nested at most this deep through 继承 and
// 引用 (a chain of thousands would exhaust the stack), each a regular file of at most this many bytes.
constexpr std::size_t max_load_depth = 64;
// 4 MiB: a policy's scheme is a few KB, a generated one a few hundred; reading a scheme takes about 150
// times its size (docs/language.md §34), so 4 MiB stays well under a gigabyte.
constexpr std::uintmax_t max_scheme_bytes = std::uintmax_t{4} << 20;

coded_text too_deep_message(const std::string& path) {
  return msg("E0111", N_("cannot load '{}': schemes extend (继承) or import (引用) each other more than {} files deep"), path,
             max_load_depth);
}
std::string too_deep_hint() { return tr(N_("a chain this long is not a policy; merge the files it goes through")); }

// The 1-based line of byte [offset] of [text].
std::size_t line_of(const std::string& text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

// The first byte of [text] that no text file holds (NUL, a control character other than tab, line and page
// ends, DEL), or text.size().
std::size_t first_binary_byte(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f) return i;
  }
  return text.size();
}

bool ends_with(const std::string& text, std::string_view tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

std::optional<scheme_ast> loader::load_file(const std::string& path, const header_field* named) {
  const source_pos named_at = named ? named->at : source_pos{};
  const std::string key = canonical_path(path);
  for (const std::string& open : m_stack) {
    if (open == key) {
      m_diags.error(named_at, msg("E0100", N_("'{}' extends or imports itself through a cycle"), path),
                    tr(N_("a scheme may not inherit from one of its own descendants")));
      return std::nullopt;
    }
  }
  // Refused before it is opened: a file outside the scheme tree, a directory, a device (/dev/zero never
  // ends) or a FIFO (opening it would wait for a writer), a file larger than any scheme; nothing of it is quoted.
  auto refuse = [&](const coded_text& message, const std::string& hint) {
    if (named_at.valid()) m_diags.error(named_at, message, hint);
    else m_diags.add({severity::error, {}, 0, message.text, hint, {}, 0, message.code});
    return std::nullopt;
  };
  if (named && outside_tree(key, *named)) return std::nullopt;
  return load_once(key, path, named, [&]() -> std::optional<scheme_ast> {
    std::error_code status_error;
    const fs::file_status status = fs::status(path, status_error);
    const bool exists = !status_error && fs::exists(status);
    if (exists && !fs::is_regular_file(status)) {
      return refuse(fs::is_directory(status) ? msg("E0112", N_("cannot load '{}': it is a directory, not a scheme file"), path)
                                             : msg("E0113", N_("cannot load '{}': it is a device or a FIFO, not a scheme file"), path),
                    tr(N_("name a .scheme file")));
    }
    std::error_code size_error;
    if (const std::uintmax_t size = fs::file_size(path, size_error); !size_error && size > max_scheme_bytes) {
      return refuse(msg("E0114", N_("cannot load '{}': it has {} bytes, more than a scheme file may have ({} MiB)"), path, size,
                        max_scheme_bytes >> 20),
                    tr(N_("is this the scheme file? a scheme of a thousand rules is well under 1 MiB")));
    }
    std::string text, error;
    if (!named) {
      coded_text unread;
      if (!read_file(path, text, unread)) return refuse(unread, {});
    } else if (!exists) {
      return refuse(msg("E0115", N_("cannot load '{}': no such file"), path), tr(N_("paths are relative to the file that names them")));
    } else if (!read_regular_file(key, max_scheme_bytes, text, error)) {  // the very file found inside the tree
      return refuse(msg("E0116", N_("cannot load '{}': {}"), path, error), tr(N_("name a .scheme file")));
    }
    return load_text(path, std::move(text), named);
  });
}

// Loads the file (or stdlib module) [key] with [load], once: a second request gets a copy of the first
// result, or nothing when that failed (its errors were reported then). The depth limit holds as if the file
// were loaded again here: refused when its longest chain, from this depth, is more than 64 files deep.
// ([limited] false: a stdlib module, which the limit does not count, as before files were loaded once.)
std::optional<scheme_ast> loader::load_once(const std::string& key, const std::string& path, const header_field* named,
                                            const std::function<std::optional<scheme_ast>()>& load, bool limited) {
  const source_pos named_at = named ? named->at : source_pos{};
  auto too_deep = [&]() {
    coded_text message = too_deep_message(path);
    if (named_at.valid()) m_diags.error(named_at, message, too_deep_hint());
    else m_diags.add({severity::error, {}, 0, message.text, too_deep_hint(), {}, 0, message.code});
    return std::nullopt;
  };
  if (const auto hit = m_loaded.find(key); hit != m_loaded.end()) {
    if (limited && m_stack.size() + hit->second.height > max_load_depth) return too_deep();
    if (limited) m_reach = std::max(m_reach, m_stack.size() + hit->second.height);
    if (!hit->second.ast) return std::nullopt;
    return clone_ast(*hit->second.ast);
  }
  if (limited && m_stack.size() >= max_load_depth) return too_deep();
  const std::size_t outer_reach = m_reach;
  m_stack.push_back(key);
  m_reach = m_stack.size();
  auto out = load();
  const std::size_t height = m_reach - (m_stack.size() - 1);
  m_stack.pop_back();
  m_reach = limited ? std::max(outer_reach, m_reach) : outer_reach;
  // The main scheme is loaded once anyway; anything it reaches may be reached again.
  if (named) m_loaded.emplace(key, loaded_file{out ? std::optional<scheme_ast>(clone_ast(*out)) : std::nullopt, height});
  return out;
}

// Refuses [canonical], named by [named], when it lies outside the scheme tree and the --allow-dir folders
// ([length]: the bytes underlined at [named]).
bool loader::outside_tree(const std::string& canonical, const header_field& named, std::uint32_t length) {
  if (m_tree.contains(canonical)) return false;
  const std::string where = m_tree.marked
      ? tr(N_("the folder tree of this scheme ({}, which holds {})"), m_tree.shown_root(), scheme_root_marker)
      : tr(N_("the folder of this scheme ({})"), m_tree.shown_root());
  m_diags.error(named.at,
                msg("E0101", N_("「{}」 is outside {}; a scheme may extend (继承) or import (引用) only files in its own folder tree{}"),
                            named.value, where, m_tree.allowed.empty() ? std::string() : tr(N_(" or in a folder given with --allow-dir"))),
                tr(N_("to allow another folder, run with --allow-dir DIR, or put an empty file {} in the folder that "
                            "holds the schemes that belong together"),
                            scheme_root_marker),
                length);
  return true;
}

// A file named by 继承 or 引用 that did not parse, and is no scheme file at all (binary, or not named .scheme):
// one message at the line that names it instead of its syntax errors, which would quote its lines.
bool loader::not_a_scheme(const std::string& path, const std::string& text, const diagnostics& parse_diags,
                          const header_field& named) {
  const std::size_t binary = first_binary_byte(text);
  if (binary == text.size() && ends_with(path, ".scheme")) return false;
  std::string why;
  if (binary < text.size()) {
    why = tr(N_("it holds binary data: a control byte on line {}"), line_of(text, binary));
  } else {
    std::size_t line = 1;
    for (const diagnostic& d : parse_diags.items()) {
      if (d.level == severity::error && d.at.valid()) {
        line = m_sources.locate(d.at).line;
        break;
      }
    }
    why = tr(N_("its name does not end in .scheme, and its line {} is not written in the scheme language"), line);
  }
  m_diags.error(named.at, msg("E0102", N_("cannot load '{}': it is not a scheme file ({})"), path, why),
                tr(N_("name a .scheme file (nothing of this file is shown: it may hold anything)")));
  return true;
}

std::optional<scheme_ast> loader::load_text(const std::string& path, std::string text, const header_field* named) {
  // The one validator (base/utf8.hpp): strict UTF-8, and no NUL (valid UTF-8, but no text).
  const std::size_t bad = first_invalid_utf8(text);
  const std::size_t nul = first_nul(std::string_view(text).substr(0, bad));
  if ((bad < text.size() || nul < bad) && named) {
    // A file named by 继承 or 引用 is not quoted: it may be anything.
    if (nul < bad) {
      m_diags.error(named->at,
                    msg("E0103", N_("cannot load '{}': it is not a scheme file (it holds binary data: a control byte on line {})"), path,
                                line_of(text, nul)),
                    tr(N_("name a .scheme file (nothing of this file is shown: it may hold anything)")));
    } else {
      m_diags.error(named->at,
                    msg("E0104", N_("cannot load '{}': it is not UTF-8 text (from line {} on), as a scheme file must be"), path, line_of(text, bad)),
                    tr(N_("if it is a scheme saved as GBK (Notepad's 'ANSI' on Chinese Windows), save it as UTF-8, or: iconv -f GBK -t UTF-8 in.scheme > out.scheme")));
    }
    return std::nullopt;
  }
  if (bad < text.size() || nul < bad) {
    // The message points at the bad byte; the excerpt shows the line up to it (the bytes themselves would be
    // garbled).
    const bool is_nul = nul < bad;  // a NUL before any malformed byte
    const std::size_t at = is_nul ? nul : bad;
    coded_text message;
    std::string hint;
    const utf8_fault fault = is_nul ? utf8_fault::other : utf8_fault_at(text.data(), text.size(), at);
    if (is_nul) {
      message = msg("E0117", N_("a NUL character (byte 0) is not text: a scheme may not hold one"));
      hint = tr(N_("delete it (it is invisible in most editors; the file may have been saved as UTF-16 or be no text file)"));
    } else if (utf8_shaped_fault(fault)) {
      message = msg("E0118", N_("the scheme file is not UTF-8 text: byte 0x{:02X} starts {}"), static_cast<unsigned char>(text[at]), utf8_fault_text(fault));
      hint = tr(N_("retype the character here, and save the file as UTF-8"));
    } else {
      message = msg("E0119", N_("the scheme file is not UTF-8 text (it may be GBK, as Notepad saves 'ANSI' on Chinese Windows)"));
      hint = tr(N_("save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8), or: iconv -f GBK -t UTF-8 in.scheme > out.scheme"));
    }
    const std::uint32_t id = m_sources.add(path, text.substr(0, at));
    m_diags.error({id, static_cast<std::uint32_t>(at)}, std::move(message), std::move(hint));
    return std::nullopt;
  }
  const std::optional<long_word> word = first_long_word(text);
  const std::uint32_t id = m_sources.add(path, std::move(text));
  if (word) {
    // A file named by 继承 or 引用 that is no scheme is not quoted (see not_a_scheme).
    if (named && not_a_scheme(path, m_sources.file(id).text, diagnostics{}, *named)) return std::nullopt;
    m_diags.error({id, static_cast<std::uint32_t>(word->offset)},
                  msg("E0105", N_("this word is {} characters long, more than a name or number may be ({} characters)"),
                              grouped_number(word->chars), max_word_chars),
                  tr(N_("shorten the name; a long text belongs in a string, as 「…」")));
    return std::nullopt;
  }
  diagnostics parse_diags;
  auto parsed = parse_scheme(m_sources, id, parse_diags);
  const bool failed = !parsed || parse_diags.has_errors();
  if (failed && named && not_a_scheme(path, m_sources.file(id).text, parse_diags, *named)) return std::nullopt;
  m_diags.append(parse_diags);
  if (failed) return std::nullopt;
  return resolve_parsed(std::move(*parsed), path);
}

std::optional<scheme_ast> loader::resolve_parsed(scheme_file file, const std::string& path) {
  const std::string dir = fs::path(path).parent_path().string();
  const std::size_t errors_before = m_diags.error_count();
  check_duplicates(file);
  scheme_ast base;
  if (file.extends) {
    const std::string parent = (fs::path(dir) / file.extends->value).lexically_normal().string();
    auto loaded = load_file(parent, &*file.extends);
    if (!loaded) return std::nullopt;
    base = std::move(*loaded);
  }
  // The table scored is the parent's first, else this file's first: a module's tables never take its place.
  const std::string own_first = file.extends || file.tables.empty() ? std::string() : file.tables.front().name;
  bool failed = false;  // a module failed (when loaded here or before: then no new error says so)
  for (const header_field& imp : file.imports) {
    auto module = load_import(imp, dir);
    if (!module) {
      failed = true;
      continue;
    }
    scheme_file as_file;
    as_file.file = module->file;
    as_file.tables = std::move(module->tables);
    as_file.decls = std::move(module->decls);
    merge(base, std::move(as_file));
  }
  base.file = file.file;
  merge(base, std::move(file));
  const auto first = std::find_if(base.tables.begin(), base.tables.end(), [&](const input_table& t) { return t.name == own_first; });
  if (!own_first.empty() && first != base.tables.end()) std::rotate(base.tables.begin(), first, first + 1);
  if (failed || m_diags.error_count() > errors_before) return std::nullopt;
  return base;
}

// `import X`: X.scheme (or X as written) beside the importing file, else the stdlib module X.
std::optional<scheme_ast> loader::load_import(const header_field& name, const std::string& dir) {
  for (const std::string& candidate : {name.value, name.value + ".scheme"}) {
    const fs::path p = (fs::path(dir) / candidate).lexically_normal();
    // Outside the scheme tree: refused whether it exists or not (nothing is looked at there).
    if (outside_tree(canonical_path(p.string()), name, static_cast<std::uint32_t>(name.value.size()))) return std::nullopt;
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return load_file(p.string(), &name);
  }
  std::vector<std::string> known;
  for (const embedded_module& m : embedded_modules()) {
    if (m.name == name.value) {
      const std::string key = "<stdlib " + std::string(m.name) + ">";
      for (const std::string& open : m_stack) {
        if (open == key) {
          m_diags.error(name.at, msg("E0106", N_("module '{}' imports itself through a cycle"), name.value));
          return std::nullopt;
        }
      }
      return load_once(key, key, &name, [&] { return load_text(key, std::string(m.text), nullptr); }, false);
    }
    known.emplace_back(m.name);
  }
  const std::string guess = closest_name(name.value, known);
  m_diags.error(name.at, msg("E0107", N_("cannot import '{}': no file '{}.scheme' beside this scheme and no stdlib module of that name"), name.value, name.value),
                guess.empty() ? "" : tr(N_("did you mean '{}'?"), guess), static_cast<std::uint32_t>(name.value.size()));
  return std::nullopt;
}

void loader::check_duplicates(const scheme_file& f) {
  std::unordered_map<std::string, const decl*> seen;  // family digit + name
  seen.reserve(f.decls.size());
  for (const decl& d : f.decls) {
    if (d.kind == decl_kind::action || d.kind == decl_kind::remove) continue;
    const auto [it, fresh] = seen.emplace(std::to_string(family(d.kind)) + identity(d, f.tables), &d);
    if (fresh) continue;
    const line_col lc = m_sources.locate(it->second->name_at);
    m_diags.error(d.name_at, msg("E0108", N_("'{}' is declared twice in this file (first as a{} on line {})"), d.name,
                                         kind_name(it->second->kind), lc.line),
                  tr(N_("rename one of them, or delete the older one")), static_cast<std::uint32_t>(d.name.size()));
  }
}

void loader::merge(scheme_ast& base, scheme_file&& child) {
  auto take = [](header_field& to, header_field& from) {
    if (!from.value.empty()) to = std::move(from);
  };
  if (!child.header.name.value.empty()) base.header.chinese = child.header.chinese;
  take(base.header.name, child.header.name);
  take(base.header.version, child.header.version);
  take(base.header.effective, child.header.effective);
  take(base.header.locality, child.header.locality);
  take(base.header.policy, child.header.policy);
  for (input_table& t : child.tables) {
    auto it = std::find_if(base.tables.begin(), base.tables.end(), [&](const input_table& b) { return b.name == t.name; });
    if (it == base.tables.end()) {
      base.tables.push_back(std::move(t));
      continue;
    }
    // Redeclaring a table adds or replaces columns; its header changes only in what the child writes.
    if (t.key_at.valid()) {
      it->key = t.key;
      it->key_at = t.key_at;
      it->key_columns = t.key_columns;
      it->key_column_at = t.key_column_at;
    }
    if (t.bad_rows_at.valid()) {
      it->skip_bad_rows = t.skip_bad_rows;
      it->bad_rows_at = t.bad_rows_at;
    }
    if (t.period_at.valid()) {
      it->period = t.period;
      it->period_at = t.period_at;
      it->min_periods = t.min_periods;
    }
  }
  const std::size_t inherited = base.decls.size();
  base.decls.reserve(inherited + child.decls.size());
  // Nothing inherited and every declaration from one file: no declaration can come from another file.
  const bool one_file = inherited == 0 && std::all_of(child.decls.begin(), child.decls.end(), [&](const decl& d) {
    return d.at.file == child.decls.front().at.file;
  });
  for (decl& d : child.decls) merge_decl(base, inherited, std::move(d), one_file);
  if (child.outputs) {
    base.outputs = std::move(*child.outputs);
    base.outputs_at = child.outputs_at;
    base.has_outputs = true;
  }
  // Test blocks (§46): the parent's first, then the child's; `schemec test` runs them all.
  for (test_spec& t : child.tests) base.tests.push_back(std::move(t));
}

// Removes [text] from the texts of action [a]; true if it had it.
bool strip_action_text(decl& a, const std::string& text) {
  const auto gone = std::erase(a.texts, text);
  if (!a.texts.empty()) a.name = a.texts.front();
  return gone > 0;
}

// Actions are overridden by their text: every text of [d] is taken out of the inherited action lines
// (a line left without texts goes), and [d] takes the place of the first line it touched.
void loader::merge_action(std::vector<decl>& decls, std::size_t inherited, decl&& d) {
  std::optional<std::size_t> at;
  for (std::size_t i = 0; i < std::min(inherited, decls.size()); ++i) {
    if (decls[i].kind != decl_kind::action) continue;
    bool touched = false;
    for (const std::string& text : d.texts) touched = strip_action_text(decls[i], text) || touched;
    if (touched && !at) at = i;
  }
  if (at) {
    decls.insert(decls.begin() + static_cast<std::ptrdiff_t>(*at), std::move(d));
  } else {
    decls.push_back(std::move(d));
  }
  std::erase_if(decls, [](const decl& b) { return b.kind == decl_kind::action && b.texts.empty(); });
}

// Replaces inherited declarations of the same family and name, appends new ones, applies `remove`.
// [one_file]: every declaration of [base] and of the file being merged comes from one file.
void loader::merge_decl(scheme_ast& base, std::size_t inherited, decl&& d, bool one_file) {
  auto& decls = base.decls;
  std::size_t limit = std::min(inherited, decls.size());
  if (d.kind == decl_kind::action) return merge_action(decls, limit, std::move(d));
  if (d.kind == decl_kind::remove) {
    // Removing a dimension removes its indicators with it; removing an action's text removes that action.
    std::size_t stripped = 0;
    for (decl& b : decls) {
      if (b.kind == decl_kind::action && strip_action_text(b, d.name)) ++stripped;
    }
    const auto removed = stripped + std::erase_if(decls, [&](const decl& b) {
      return identity(b, base.tables) == d.name || b.dimension == d.name || (b.kind == decl_kind::action && b.texts.empty());
    });
    if (removed == 0) {
      std::vector<std::string> names;
      for (const decl& b : decls) names.push_back(b.name);
      const std::string guess = closest_name(d.name, names);
      m_diags.error(d.name_at, msg("E0109", N_("nothing named '{}' to remove"), d.name),
                    guess.empty() ? tr(N_("only inherited declarations can be removed")) : tr(N_("did you mean '{}'?"), guess),
                    static_cast<std::uint32_t>(d.name.size()));
    }
    return;
  }
  if (limit == 0 && (!d.is_dimension || one_file)) {
    // nothing inherited to replace, and no indicator from another file to drop: the loops below do nothing
    decls.push_back(std::move(d));
    return;
  }
  const std::string name = d.name;
  const std::string id = identity(d, base.tables);
  const int fam = family(d.kind);
  if (d.is_dimension) {
    // A dimension is replaced whole: inherited indicators of it that the new one does not redeclare go.
    const std::uint32_t file = d.at.file;
    const auto gone = std::erase_if(decls, [&](const decl& b) { return b.dimension == name && b.at.file != file; });
    limit -= std::min(limit, static_cast<std::size_t>(gone));
  }
  bool replaced = false;
  for (std::size_t i = 0; i < limit; ++i) {
    if (family(decls[i].kind) != fam || identity(decls[i], base.tables) != id) continue;
    if (!replaced) {
      decls[i] = std::move(d);
      replaced = true;
    } else {
      decls.erase(decls.begin() + static_cast<std::ptrdiff_t>(i));
      --i;
      --limit;
    }
  }
  if (!replaced) decls.push_back(std::move(d));
}

}  // namespace

std::optional<scheme_ast> load_scheme(const std::string& path, source_manager& sources, diagnostics& diags,
                                      const std::vector<std::string>& allowed_dirs) {
  loader l(sources, diags, scheme_tree_of(path, allowed_dirs));
  return l.load_file(path, nullptr);
}

std::optional<scheme_ast> load_scheme_text(const std::string& path, std::string text, source_manager& sources,
                                           diagnostics& diags, const std::vector<std::string>& allowed_dirs) {
  loader l(sources, diags, scheme_tree_of(path, allowed_dirs));
  return l.load_text(path, std::move(text), nullptr);
}

}  // namespace schemec
