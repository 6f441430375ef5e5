// Loading schemes (issue 14 items 3 and 4): the path rule of the scheme tree (base/scheme_tree.hpp), the
// confinement of 继承 and 引用 to it, files that are not schemes, and diamonds of imports loaded once with
// the meaning they had when every import was loaded again (syntax/resolve.cpp, syntax/ast_clone.cpp).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "interpreter/base/scheme_tree.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/run/compile.hpp"
#include "interpreter/syntax/ast_clone.hpp"
#include "interpreter/syntax/resolve.hpp"
#include "interpreter/values/decimal.hpp"

namespace fs = std::filesystem;
using namespace schemec;

namespace {

// A fresh folder under the system's temporary folder, removed at the end of the test.
struct temp_folder {
  fs::path path;
  explicit temp_folder(const std::string& name) : path(fs::temp_directory_path() / ("schemec-loading-" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
    path = fs::canonical(path);
  }
  ~temp_folder() { fs::remove_all(path); }
  std::string write(const std::string& relative, const std::string& text) const {
    const fs::path file = path / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
};

struct loaded {
  source_manager sources;
  diagnostics diags;
  std::optional<scheme_ast> ast;
  std::string messages;
};

void load(loaded& out, const std::string& path, const std::vector<std::string>& allowed = {}) {
  out.ast = load_scheme(path, out.sources, out.diags, allowed);
  out.messages = render_all(out.diags, out.sources);
}

// How many times [path] was added to the sources (read and parsed).
std::size_t times_read(const source_manager& sources, const std::string& path) {
  std::size_t n = 0;
  for (std::size_t id = 1; id < sources.size(); ++id) n += sources.file(static_cast<std::uint32_t>(id)).path == path;
  return n;
}

const std::string head = "方案 「t」\n版本 「1」\n";

// Field by field, as written independently of clone_decl: a field it forgets to copy differs here.
bool same(const expr_ptr& a, const expr_ptr& b);
bool same(const expr& a, const expr& b) {
  auto same_pos = [](source_pos x, source_pos y) { return x.file == y.file && x.offset == y.offset; };
  if (a.kind != b.kind || !same_pos(a.at, b.at) || a.length != b.length || a.oper != b.oper || a.number != b.number ||
      a.is_percent != b.is_percent || a.flag != b.flag || a.text != b.text || a.args.size() != b.args.size() ||
      a.lookups.size() != b.lookups.size() || a.tiers.size() != b.tiers.size() || a.agg != b.agg || a.group != b.group ||
      !same_pos(a.group_at, b.group_at) || !same(a.among, b.among) || a.exclude_self != b.exclude_self ||
      a.descending != b.descending || a.has_direction != b.has_direction) {
    return false;
  }
  for (std::size_t i = 0; i < a.args.size(); ++i) {
    if (!same(a.args[i], b.args[i])) return false;
  }
  for (std::size_t i = 0; i < a.lookups.size(); ++i) {
    const lookup_entry &x = a.lookups[i], &y = b.lookups[i];
    if (!same_pos(x.at, y.at) || x.key != y.key || x.is_default != y.is_default || !same(x.value, y.value)) return false;
  }
  for (std::size_t i = 0; i < a.tiers.size(); ++i) {
    const tier_entry &x = a.tiers[i], &y = b.tiers[i];
    if (!same_pos(x.at, y.at) || x.compare != y.compare || x.bound != y.bound || x.is_default != y.is_default ||
        !same(x.value, y.value)) {
      return false;
    }
  }
  return true;
}
bool same(const expr_ptr& a, const expr_ptr& b) { return (!a && !b) || (a && b && a.get() != b.get() && same(*a, *b)); }

std::string differing_field(const decl& a, const decl& b) {
  auto pos = [](source_pos p) { return fmt::format("{}:{}", p.file, p.offset); };
  auto type = [&](const type_spec& t) {
    return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", static_cast<int>(t.base), t.optional, fmt::join(t.members, ","),
                       t.range.low ? to_string(*t.range.low) : "-", t.range.high ? to_string(*t.range.high) : "-",
                       t.range.low_open, t.range.high_open, pos(t.range.at) + pos(t.at));
  };
  if (a.kind != b.kind || pos(a.at) != pos(b.at) || a.length != b.length || pos(a.name_at) != pos(b.name_at)) return "kind/at";
  if (a.name != b.name || a.label != b.label || a.table != b.table || type(a.type) != type(b.type)) return "name/label/table/type";
  if (!same(a.default_value, b.default_value) || !same(a.body, b.body) || !same(a.cap, b.cap)) return "default/body/cap";
  if (a.reason != b.reason || a.target != b.target || pos(a.target_at) != pos(b.target_at)) return "reason/target";
  if (a.quota.has_value() != b.quota.has_value()) return "quota";
  if (a.quota) {
    const quota_spec &x = *a.quota, &y = *b.quota;
    if (pos(x.at) != pos(y.at) || !same(x.share, y.share) || x.group != y.group || pos(x.group_at) != pos(y.group_at) ||
        x.keys.size() != y.keys.size()) {
      return "quota";
    }
    for (std::size_t i = 0; i < x.keys.size(); ++i) {
      if (!same(x.keys[i].value, y.keys[i].value) || x.keys[i].descending != y.keys[i].descending) return "quota keys";
    }
  }
  if (a.conditions.size() != b.conditions.size() || a.texts != b.texts) return "conditions/texts";
  for (std::size_t i = 0; i < a.conditions.size(); ++i) {
    if (!same(a.conditions[i], b.conditions[i])) return "conditions";
  }
  if (!same(a.weight, b.weight) || a.group != b.group || pos(a.group_at) != pos(b.group_at) || !same(a.among, b.among)) return "pool";
  if (a.is_bonus_block != b.is_bonus_block || a.is_dimension != b.is_dimension || !same(a.points, b.points) ||
      a.dimension != b.dimension || a.indicators.size() != b.indicators.size()) {
    return "dimension";
  }
  for (std::size_t i = 0; i < a.indicators.size(); ++i) {
    const indicator_spec &x = a.indicators[i], &y = b.indicators[i];
    if (x.name != y.name || pos(x.at) != pos(y.at) || !same(x.points, y.points) || (x.weight == nullptr) != (y.weight == nullptr) ||
        (x.weight && (x.weight == y.weight || !same(*x.weight, *y.weight)))) {
      return "indicators";
    }
  }
  if (a.references != b.references || pos(a.references_at) != pos(b.references_at) ||
      a.references_optional != b.references_optional || a.header != b.header || pos(a.header_at) != pos(b.header_at)) {
    return "references/header";
  }
  if ((a.raters == nullptr) != (b.raters == nullptr)) return "raters";
  if (a.raters) {
    const raters_spec &x = *a.raters, &y = *b.raters;
    auto entries = [&](const std::vector<raters_spec::entry>& e, const std::vector<raters_spec::entry>& f) {
      if (e.size() != f.size()) return false;
      for (std::size_t i = 0; i < e.size(); ++i) {
        if (e[i].name != f[i].name || pos(e[i].at) != pos(f[i].at) || !same(e[i].value, f[i].value)) return false;
      }
      return true;
    };
    if (a.raters == b.raters || x.table != y.table || pos(x.table_at) != pos(y.table_at) || x.role_column != y.role_column ||
        x.rater_column != y.rater_column || x.item_column != y.item_column || x.score_column != y.score_column ||
        pos(x.role_at) + pos(x.rater_at) + pos(x.item_at) + pos(x.score_at) != pos(y.role_at) + pos(y.rater_at) + pos(y.item_at) + pos(y.score_at) ||
        !entries(x.roles, y.roles) || !entries(x.items, y.items) || x.trim_from != y.trim_from || pos(x.trim_at) != pos(y.trim_at) ||
        x.reweight_missing != y.reweight_missing || pos(x.missing_at) != pos(y.missing_at) || x.missing_given != y.missing_given ||
        x.min_raters != y.min_raters || pos(x.min_raters_at) != pos(y.min_raters_at) || x.incomplete_given != y.incomplete_given ||
        x.drop_incomplete != y.drop_incomplete) {
      return "raters";
    }
  }
  if (a.constraint.has_value() != b.constraint.has_value()) return "constraint";
  if (a.constraint && (a.constraint->compare != b.constraint->compare || !same(a.constraint->limit, b.constraint->limit) ||
                       a.constraint->distinct != b.constraint->distinct || pos(a.constraint->distinct_at) != pos(b.constraint->distinct_at))) {
    return "constraint";
  }
  if (a.weights_by.has_value() != b.weights_by.has_value()) return "weights_by";
  if (a.weights_by && (a.weights_by->column != b.weights_by->column || a.weights_by->rows.size() != b.weights_by->rows.size() ||
                       pos(a.weights_by->at) != pos(b.weights_by->at))) {
    return "weights_by";
  }
  return "";
}

}  // namespace

TEST_CASE("loading: path_is_inside compares canonical paths by whole components") {
  const std::vector<std::string> roots{"/home/a/schemes", "/srv/lib/"};
  CHECK(path_is_inside("/home/a/schemes", roots));
  CHECK(path_is_inside("/home/a/schemes/x.scheme", roots));
  CHECK(path_is_inside("/home/a/schemes/sub/dir/x.scheme", roots));
  CHECK(path_is_inside("/srv/lib/m.scheme", roots));
  CHECK(path_is_inside("/srv/lib", roots));
  CHECK_FALSE(path_is_inside("/home/a/schemes2/x.scheme", roots));  // a sibling with a longer name
  CHECK_FALSE(path_is_inside("/home/a/scheme", roots));
  CHECK_FALSE(path_is_inside("/home/a", roots));
  CHECK_FALSE(path_is_inside("/etc/passwd", roots));
  CHECK_FALSE(path_is_inside("", roots));
  CHECK_FALSE(path_is_inside("/etc/passwd", {}));
  CHECK(path_is_inside("/etc/passwd", {"/"}));
  CHECK_FALSE(path_is_inside("relative/x", {"/"}));
}

TEST_CASE("loading: the scheme tree is the main scheme's folder, or the nearest ancestor holding .schemec-root") {
  temp_folder t("tree");
  t.write("lib/a/x.scheme", head);
  t.write("lib/b/y.scheme", head);
  scheme_tree plain = scheme_tree_of((t.path / "lib/a/x.scheme").string(), {});
  CHECK(plain.root == (t.path / "lib/a").string());
  CHECK_FALSE(plain.marked);
  CHECK(plain.contains((t.path / "lib/a/sub/z.scheme").string()));
  CHECK_FALSE(plain.contains((t.path / "lib/b/y.scheme").string()));

  t.write(std::string("lib/") + std::string(scheme_root_marker), "");
  const scheme_tree marked = scheme_tree_of((t.path / "lib/a/x.scheme").string(), {});
  CHECK(marked.root == (t.path / "lib").string());
  CHECK(marked.marked);
  CHECK(marked.contains((t.path / "lib/b/y.scheme").string()));
  CHECK_FALSE(marked.contains((t.path / "other/y.scheme").string()));

  const scheme_tree allowed = scheme_tree_of((t.path / "lib/a/x.scheme").string(), {(t.path / "other/../shared").string()});
  REQUIRE(allowed.allowed.size() == 1);
  CHECK(allowed.contains((t.path / "shared/m.scheme").string()));

  CHECK(scheme_tree_of("-", {}).root == fs::current_path().string());  // standard input: the current folder

  // A marker in a shared folder (world-writable and sticky, as /tmp) is ignored: a stranger could have
  // planted it. World-writable alone (a checkout under umask 000) keeps it.
  fs::permissions(t.path / "lib", fs::perms::others_write, fs::perm_options::add);
  CHECK(scheme_tree_of((t.path / "lib/a/x.scheme").string(), {}).marked);
  fs::permissions(t.path / "lib", fs::perms::sticky_bit, fs::perm_options::add);
  const scheme_tree planted = scheme_tree_of((t.path / "lib/a/x.scheme").string(), {});
  fs::permissions(t.path / "lib", fs::perms::others_write | fs::perms::sticky_bit, fs::perm_options::remove);
  CHECK(planted.root == (t.path / "lib/a").string());
  CHECK_FALSE(planted.marked);
}

TEST_CASE("loading: 继承 and 引用 outside the scheme tree are refused before the file is read") {
  temp_folder t("confine");
  t.write("outside/secret.scheme", head + "输入 p 键 id { id：文本 }\n");
  const std::string main = t.write("here/main.scheme", head + "继承 「../outside/secret.scheme」\n");
  loaded l;
  load(l, main);
  CHECK_FALSE(l.ast);
  CHECK(l.messages.find("「../outside/secret.scheme」 is outside the folder of this scheme (" + (t.path / "here").string() + ")") !=
        std::string::npos);
  CHECK(l.messages.find("--allow-dir DIR") != std::string::npos);
  CHECK(times_read(l.sources, (t.path / "outside/secret.scheme").string()) == 0);
  CHECK(times_read(l.sources, (t.path / "here/../outside/secret.scheme").lexically_normal().string()) == 0);

  SECTION("--allow-dir lets it be read") {
    loaded a;
    load(a, main, {(t.path / "outside").string()});
    CHECK(a.messages.empty());
    CHECK(a.ast);
  }
  SECTION(".schemec-root in a common ancestor lets it be read") {
    t.write(".schemec-root", "");
    loaded a;
    load(a, main);
    CHECK(a.messages.empty());
    CHECK(a.ast);
  }
  SECTION("a symlink inside the tree pointing outside is refused; one pointing inside is followed") {
    fs::create_symlink(t.path / "outside/secret.scheme", t.path / "here/link.scheme");
    const std::string via_link = t.write("here/via-link.scheme", head + "引用 link\n");
    loaded a;
    load(a, via_link);
    CHECK(a.messages.find("「link」 is outside the folder of this scheme") != std::string::npos);
    CHECK(times_read(a.sources, (t.path / "here/link.scheme").string()) == 0);
    t.write("here/inner.scheme", "输入 p { x：小数 }\n");
    fs::create_symlink(t.path / "here/inner.scheme", t.path / "here/inner-link.scheme");
    const std::string good = t.write("here/good.scheme", head + "引用 inner-link\n输入 p 键 id { id：文本 }\n");
    loaded b;
    load(b, good);
    CHECK(b.messages.empty());
  }
  SECTION("an absolute path and .. are refused whether the file exists or not") {
    const std::string abs = t.write("here/abs.scheme", head + "继承 「/etc/passwd」\n引用 ../../../../../../no/such\n");
    loaded a;
    load(a, abs);
    CHECK(a.messages.find("「/etc/passwd」 is outside") != std::string::npos);
    CHECK(times_read(a.sources, "/etc/passwd") == 0);
  }
}

TEST_CASE("loading: a file named by 继承 or 引用 that is no scheme is refused without quoting it") {
  temp_folder t("not-a-scheme");
  t.write("data.csv", "id,secret_salary\nA01,12345\n");
  static const char blob[] = "# x\n\x01\x02 top secret\x00\n";
  t.write("blob.scheme", std::string(blob, sizeof blob - 1));
  t.write("gbk.scheme", "# \xb7\xbd\xb0\xb8 secret\n");
  for (const auto& [name, why] : {std::pair<std::string, std::string>{"data.csv", "its name does not end in .scheme, and its line 1"},
                                  {"blob.scheme", "it holds binary data: a control byte on line 2"},
                                  {"gbk.scheme", "it is not UTF-8 text (from line 1 on)"}}) {
    const std::string main = t.write("main-" + name + ".scheme", head + "继承 「" + name + "」\n");
    loaded l;
    load(l, main);
    CHECK_FALSE(l.ast);
    CHECK(l.messages.find(why) != std::string::npos);
    CHECK(l.messages.find("secret") == std::string::npos);  // nothing of the file is shown
    CHECK(l.diags.error_count() == 1);
  }
}

TEST_CASE("loading: a diamond of imports reads each file once and is linear") {
  temp_folder t("diamond");
  // Level k has two modules, each importing both modules of level k + 1; 2^16 paths lead to the bottom.
  constexpr int levels = 16;
  t.write(fmt::format("m{}a.scheme", levels), "输入 p { x：小数 }\n");
  t.write(fmt::format("m{}b.scheme", levels), "y = x + 1\n");
  for (int k = levels - 1; k >= 1; --k) {
    for (const char* side : {"a", "b"}) {
      t.write(fmt::format("m{}{}.scheme", k, side),
              fmt::format("引用 m{}a\n引用 m{}b\nv{}{} = x + {}\n", k + 1, k + 1, k, side, k));
    }
  }
  const std::string main = t.write("main.scheme", head + "引用 m1a\n引用 m1b\n输入 p 键 id { id：文本 }\n");
  const auto start = std::chrono::steady_clock::now();
  loaded l;
  load(l, main);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(l.messages.empty());
  REQUIRE(l.ast);
  CHECK(seconds < 10);
  CHECK(l.sources.size() == 1 + 1 + 2 * levels);  // id 0 is no file; the main scheme; each module once
  CHECK(times_read(l.sources, (t.path / fmt::format("m{}b.scheme", levels)).string()) == 1);
  CHECK(l.ast->decls.size() == 1 + 1 + 2 * (levels - 1) + 1);  // x, y, v1a … v15b, id
}

TEST_CASE("loading: a module reached twice is merged twice, as when it was loaded twice") {
  temp_folder t("twice");
  t.write("d.scheme", "输入 p { a：小数 }\nx = a + 1\ny = a + 2\n维度 w { i：a 权重 50%  j：a 权重 50% }\n");
  t.write("b.scheme", "引用 d\nx = a + 10\nb = x\n");  // overrides d's x …
  t.write("c.scheme", "引用 d\nc = y\n");               // … and c's copy of d, merged after b, puts it back
  const std::string main = t.write("main.scheme", head + "引用 b\n引用 c\n输入 p 键 id { id：文本 }\n输出 x, b, c, w\n");
  loaded l;
  load(l, main);
  CHECK(l.messages.empty());
  REQUIRE(l.ast);
  std::vector<std::string> names;
  for (const decl& d : l.ast->decls) names.push_back(d.name);
  CHECK(names == std::vector<std::string>{"a", "x", "y", "i", "j", "w", "b", "c", "id"});
  const decl& x = l.ast->decls[1];
  CHECK(l.sources.file(x.at.file).path == (t.path / "d.scheme").string());  // d's x, not b's
  CHECK(times_read(l.sources, (t.path / "d.scheme").string()) == 1);
  // The copy keeps what points into it: each indicator's weight points into its own dimension's formula.
  const decl& w = l.ast->decls[5];
  REQUIRE(w.indicators.size() == 2);
  CHECK(w.indicators[0].weight != nullptr);
  auto copy = check(std::move(*l.ast), l.sources, l.diags);
  CHECK(copy);
  CHECK(render_all(l.diags, l.sources).empty());
}

TEST_CASE("loading: a module with errors reached twice reports them once") {
  temp_folder t("errors-once");
  t.write("d.scheme", "x = = 1\n");
  t.write("b.scheme", "引用 d\n");
  t.write("c.scheme", "引用 d\n");
  const std::string main = t.write("main.scheme", head + "引用 b\n引用 c\n输入 p 键 id { id：文本 }\n");
  loaded l;
  load(l, main);
  CHECK_FALSE(l.ast);
  CHECK(l.diags.error_count() == 1);
}

TEST_CASE("loading: the depth limit counts a file reached again from where it is reached") {
  temp_folder t("depth");
  // chain0 → chain1 → … → chain62 (63 files, within 64); main reaches chain0 directly (64 deep) and through
  // one more file (65 deep): refused there, although chain0 was loaded before.
  for (int i = 0; i < 62; ++i) t.write(fmt::format("chain{}.scheme", i), fmt::format("引用 chain{}\n", i + 1));
  t.write("chain62.scheme", "输入 p { x：小数 }\n");
  t.write("step.scheme", "引用 chain0\n");
  const std::string ok = t.write("ok.scheme", head + "引用 chain0\n输入 p 键 id { id：文本 }\n");
  loaded a;
  load(a, ok);
  CHECK(a.messages.empty());
  const std::string deep = t.write("deep.scheme", head + "引用 chain0\n引用 step\n输入 p 键 id { id：文本 }\n");
  loaded b;
  load(b, deep);
  CHECK_FALSE(b.ast);
  CHECK(b.messages.find("more than 64 files deep") != std::string::npos);
}

TEST_CASE("loading: a copy of every reference scheme and docs example checks and compiles to the same program") {
  std::size_t compared = 0;
  for (const char* folder : {"schemes", "docs/examples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SCHEMEC_SOURCE_DIR) / folder)) {
      const fs::path& p = entry.path();
      if (p.extension() != ".scheme" || p.stem() != p.parent_path().filename()) continue;
      source_manager sources;
      diagnostics diags;
      auto ast = load_scheme(p.string(), sources, diags);
      if (!ast) continue;
      scheme_ast copy;
      copy.file = ast->file;
      copy.header = ast->header;
      copy.tables = ast->tables;
      for (const decl& d : ast->decls) {
        copy.decls.push_back(clone_decl(d));
        INFO(p.string() << ": " << d.name);
        CHECK(differing_field(d, copy.decls.back()).empty());
      }
      copy.outputs = ast->outputs;
      copy.outputs_at = ast->outputs_at;
      copy.has_outputs = ast->has_outputs;
      diagnostics diags_original, diags_copy;
      auto original = check(std::move(*ast), sources, diags_original);
      auto copied = check(std::move(copy), sources, diags_copy);
      INFO(p.string());
      CHECK(render_all(diags_original, sources) == render_all(diags_copy, sources));
      REQUIRE(original.has_value() == copied.has_value());
      if (!original) continue;
      CHECK(dump_program(compile(*original)) == dump_program(compile(*copied)));
      ++compared;
    }
  }
  CHECK(compared > 60);
}
