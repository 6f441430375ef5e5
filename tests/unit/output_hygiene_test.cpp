// Unit tests for output hygiene (issue 14 item 6): CSV text cells Excel would run as formulas get a leading '
// (csv_cells, result_writer.hpp) unless raw; the temporaries of atomic writes (temp_files.hpp): names, the
// removal of those a killed run left, and nothing left behind by a write.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "interpreter/base/files.hpp"
#include "interpreter/base/temp_files.hpp"
#include "interpreter/output/result_writer.hpp"

namespace {

using namespace schemec;
namespace fs = std::filesystem;

result_cell text(std::string t) { return {cell_kind::text, std::move(t), {}}; }
result_cell number(std::string t) { return {cell_kind::number, std::move(t), {}}; }
result_cell list(std::vector<std::string> items) { return {cell_kind::list, {}, std::move(items)}; }

// One CSV cell as the writer writes it, and how many cells got a '.
std::string csv_of(const std::string& cell, bool raw = false, std::size_t* neutralised = nullptr) {
  csv_cells cells{raw};
  std::string out;
  cells.append(out, cell);
  if (neutralised != nullptr) *neutralised = cells.neutralised;
  return out;
}

struct temp_dir {
  fs::path path;
  temp_dir() {
    std::string pattern = "/tmp/schemec_hygiene_test_XXXXXX";
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~temp_dir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
};

void touch(const fs::path& p, const std::string& content = "x") { std::ofstream(p) << content; }

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A pid no process has: a child that has exited and been reaped.
long dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return static_cast<long>(child);
}

}  // namespace

TEST_CASE("hygiene: a text cell Excel would run as a formula gets a leading '", "[hygiene]") {
  std::size_t n = 0;
  CHECK(csv_of("=HYPERLINK(\"http://x\")", false, &n) == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(n == 1);
  CHECK(csv_of("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0");
  CHECK(csv_of("-2+3") == "'-2+3");
  CHECK(csv_of("@SUM(1)") == "'@SUM(1)");
  CHECK(csv_of("\t=1") == "'\t=1");
  CHECK(csv_of("\r=1") == "\"'\r=1\"");  // a CR inside: quoted as CSV requires
  CHECK(csv_of("=a,b") == "\"'=a,b\"");
  CHECK(csv_of("-") == "'-");
  SECTION("anything else is written as before") {
    CHECK(csv_of("P001", false, &n) == "P001");
    CHECK(n == 0);
    CHECK(csv_of("a=b") == "a=b");
    CHECK(csv_of("'=x") == "'=x");
    CHECK(csv_of(" =x") == "\" =x\"");
    CHECK(csv_of("＝1+1") == "＝1+1");
    CHECK(csv_of("") == "");
  }
  SECTION("raw: as they are") {
    CHECK(csv_of("=HYPERLINK(\"http://x\")", true, &n) == "\"=HYPERLINK(\"\"http://x\"\")\"");
    CHECK(n == 0);
    CHECK(csv_of("-2+3", true) == "-2+3");
    CHECK(csv_of("\r=1", true) == "\"\r=1\"");
  }
}

TEST_CASE("hygiene: the CSV writer guards texts, lists and headers, never numbers", "[hygiene]") {
  result_table t;
  t.columns = {"id", "=label", "total", "reasons"};
  t.rows.push_back({text("@x"), text("-"), number("-3.50"), list({"=a", "b"})});
  t.rows.push_back({text("P2"), text("ok"), number("+1"), list({"a", "=b"})});
  csv_cells cells;
  CHECK(format_results(t, output_format::csv, cells) == "id,'=label,total,reasons\n'@x,'-,-3.50,'=a;b\nP2,ok,+1,a;=b\n");
  CHECK(cells.neutralised == 4);
  CHECK(format_csv(t) == "id,'=label,total,reasons\n'@x,'-,-3.50,'=a;b\nP2,ok,+1,a;=b\n");
  csv_cells raw{true};
  CHECK(format_results(t, output_format::csv, raw) == "id,=label,total,reasons\n@x,-,-3.50,=a;b\nP2,ok,+1,a;=b\n");
  CHECK(raw.neutralised == 0);
  SECTION("JSON is untouched") {
    csv_cells json;
    CHECK(format_results(t, output_format::json, json).find("\"id\": \"@x\", \"=label\": \"-\"") != std::string::npos);
    CHECK(json.neutralised == 0);
  }
}

TEST_CASE("hygiene: temporaries are named .OUT.schemec-tmp.PID beside OUT", "[hygiene]") {
  CHECK(temporary_path_for("out.csv", 42) == ".out.csv.schemec-tmp.42");
  CHECK(temporary_path_for("a/b/out.csv", 7) == "a/b/.out.csv.schemec-tmp.7");
  CHECK(temporary_path_for("/r.xlsx", 7) == "/.r.xlsx.schemec-tmp.7");
  CHECK(directory_of("out.csv") == ".");
  CHECK(directory_of("a/b/out.csv") == "a/b");
  CHECK(directory_of("/out.csv") == "/");
}

TEST_CASE("hygiene: the temporaries of dead runs are removed, nothing else", "[hygiene]") {
  temp_dir dir;
  const std::string dead = std::to_string(dead_pid());
  const std::string alive = std::to_string(::getppid());  // our parent exists
  const std::string mine = std::to_string(::getpid());
  touch(dir.path / (".out.csv.schemec-tmp." + dead));                  // a killed run's file: removed
  fs::create_directory(dir.path / (".r.xlsx.schemec-tmp." + dead));     // a killed xlsx run's folder: removed
  touch(dir.path / (".r.xlsx.schemec-tmp." + dead) / "r.xlsx");
  fs::create_directory(dir.path / (".e.xlsx.schemec-tmp." + dead));     // an empty one: removed
  fs::create_directory(dir.path / (".k.xlsx.schemec-tmp." + dead));     // holding something else: kept
  touch(dir.path / (".k.xlsx.schemec-tmp." + dead) / "other");
  touch(dir.path / (".live.csv.schemec-tmp." + alive));                // a living process's: kept
  touch(dir.path / (".me.csv.schemec-tmp." + mine));                   // ours: kept
  touch(dir.path / ("out.csv.tmp." + dead));                           // not our pattern: kept
  touch(dir.path / (".out.csv.schemec-tmp.0" + dead));                 // a leading zero: kept
  touch(dir.path / (".out.csv.schemec-tmp." + dead + "x"));            // not digits: kept
  touch(dir.path / (".schemec-tmp." + dead));                          // no name: kept
  touch(dir.path / "keep.csv");
  touch(dir.path / "target");
  fs::create_symlink(dir.path / "target", dir.path / (".link.csv.schemec-tmp." + dead));  // a link: kept
  CHECK(remove_stale_temporaries(dir.path.string()) == 3);
  std::vector<std::string> want = {".k.xlsx.schemec-tmp." + dead,       ".link.csv.schemec-tmp." + dead, ".live.csv.schemec-tmp." + alive,
                                   ".me.csv.schemec-tmp." + mine,       ".out.csv.schemec-tmp.0" + dead, ".out.csv.schemec-tmp." + dead + "x",
                                   ".schemec-tmp." + dead,              "keep.csv",                      "out.csv.tmp." + dead,
                                   "target"};
  std::sort(want.begin(), want.end());
  CHECK(entries(dir.path) == want);
  CHECK(fs::exists(dir.path / "target"));
}

TEST_CASE("hygiene: an atomic write removes a dead run's temporary and leaves none of its own", "[hygiene]") {
  temp_dir dir;
  const fs::path stale = dir.path / (".out.csv.schemec-tmp." + std::to_string(dead_pid()));
  touch(stale, "partial");
  std::string error;
  REQUIRE(write_file_atomic((dir.path / "out.csv").string(), "a,b\n", error));
  CHECK(entries(dir.path) == std::vector<std::string>{"out.csv"});
  touch(stale, "partial");
  REQUIRE(write_file_atomic_by_name(
      (dir.path / "r.xlsx").string(),
      [](const std::string& file, std::string&) {
        touch(file, "book");
        return true;
      },
      error));
  CHECK(entries(dir.path) == std::vector<std::string>{"out.csv", "r.xlsx"});
}
