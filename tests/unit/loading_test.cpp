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
  // Level k has two modules, each importing both modules of level k + 1; 2^24 paths lead to the bottom.
  constexpr int levels = 24;
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
  CHECK(times_read(l.sources, (t.path / "m24b.scheme").string()) == 1);
  CHECK(l.ast->decls.size() == 1 + 1 + 2 * (levels - 1) + 1);  // x, y, v1a … v23b, id
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
      for (const decl& d : ast->decls) copy.decls.push_back(clone_decl(d));
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
