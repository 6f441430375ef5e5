// What a streamed run keeps (interpreter/run/stream_keep.hpp) is derived from the compiled program's reads.
// For every scheme under schemes/, the derived retention holds at least what the hand-made list of the
// steps kept before (old_what_to_keep below, a frozen copy of it), and the program's step roots hold every
// formula a step evaluates.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "interpreter/check/check.hpp"
#include "interpreter/run/compile.hpp"
#include "interpreter/run/stream_keep.hpp"
#include "interpreter/syntax/resolve.hpp"

using namespace schemec;

namespace {

// The hand-made list what_to_keep (stream.cpp) walked before it was derived from the program: frozen here
// as the floor the derived one must reach.
class old_keep_finder {
 public:
  old_keep_finder(const program& p, retention& keep) : p_(p), cs_(*p.scheme), keep_(keep) {}
  void symbol(std::int32_t id) {
    if (id < 0) return;
    const struct symbol& s = cs_.symbols[static_cast<std::size_t>(id)];
    if (s.kind == symbol_kind::input && s.field >= 0 && static_cast<std::size_t>(s.field) < keep_.field.size()) {
      keep_.field[static_cast<std::size_t>(s.field)] = true;
    }
    if (s.kind == symbol_kind::value && s.level == 0) keep_.symbol[static_cast<std::size_t>(id)] = true;
  }
  void reads(std::int32_t root) {
    if (root < 0) return;
    const instr& in = p_.code[static_cast<std::size_t>(root)];
    if (in.code == opcode::load) {
      symbol(in.aux);
      return;
    }
    all_operands(p_, root, [this](std::int32_t r) {
      reads(r);
      return true;
    });
  }
  bool row_phase(std::int32_t root) const {
    if (root < 0) return true;
    const instr& in = p_.code[static_cast<std::size_t>(root)];
    if (in.code == opcode::grade_is) return false;
    if (in.code == opcode::load) {
      const struct symbol& s = cs_.symbols[static_cast<std::size_t>(in.aux)];
      if (s.kind == symbol_kind::param) return true;
      if (s.kind == symbol_kind::input) return s.field >= 0;
      return s.kind == symbol_kind::value && s.level == 0 && (s.domain == any_domain || s.domain == subject_domain);
    }
    return all_operands(p_, root, [this](std::int32_t r) { return row_phase(r); });
  }
  void step(std::int32_t root) {
    if (root < 0) return;
    const opcode code = p_.code[static_cast<std::size_t>(root)].code;
    if (code == opcode::constant || code == opcode::load || !row_phase(root)) {
      reads(root);
      return;
    }
    if (std::find(keep_.roots.begin(), keep_.roots.end(), root) == keep_.roots.end()) keep_.roots.push_back(root);
  }
  void group(std::int32_t field) {
    if (field < 0 || static_cast<std::size_t>(field) >= keep_.field.size()) return;
    const auto f = static_cast<std::size_t>(field);
    keep_.field[f] = true;
    if (cs_.table.fields[f].type.kind != type_kind::text) keep_.raw[f] = true;
  }

 private:
  const program& p_;
  const checked_scheme& cs_;
  retention& keep_;
};

retention old_what_to_keep(const program& p) {
  const checked_scheme& cs = *p.scheme;
  retention keep{std::vector<bool>(cs.table.fields.size()), std::vector<bool>(cs.table.fields.size()),
                 std::vector<bool>(cs.symbols.size()), {}};
  old_keep_finder find(p, keep);
  for (std::size_t i = 0; i < cs.symbols.size(); ++i) {
    const symbol& s = cs.symbols[i];
    if (s.kind == symbol_kind::value && s.level > 0) find.reads(p.value_root[i]);
  }
  for (const compiled_rule& r : p.vetoes) find.step(r.condition);
  for (const compiled_rule& r : p.ceilings) find.step(r.condition);
  for (const compiled_grade& g : p.grades) {
    find.step(g.condition);
    if (!g.has_quota) continue;
    find.step(g.quota.share);
    for (const std::int32_t k : g.quota.keys) find.step(k);
    find.group(g.quota.group_field);
  }
  for (const compiled_action& a : p.actions) {
    for (const std::int32_t c : a.conditions) find.step(c);
  }
  for (const compiled_pool& pool : p.pools) {
    find.step(pool.amount);
    find.step(pool.weight);
    find.step(pool.among);
    find.group(pool.group_field);
  }
  for (const compiled_aggregate& a : p.aggregates) {
    find.step(a.argument);
    find.step(a.among);
    find.group(a.group_field);
  }
  for (const std::int32_t id : cs.outputs) find.symbol(id);
  return keep;
}

bool covers(const std::vector<bool>& derived, const std::vector<bool>& old) {
  if (derived.size() != old.size()) return false;
  for (std::size_t i = 0; i < old.size(); ++i) {
    if (old[i] && !derived[i]) return false;
  }
  return true;
}

// Every formula root a step of [p] evaluates, from the compiled steps themselves.
std::vector<std::int32_t> step_formulas(const program& p) {
  std::vector<std::int32_t> roots;
  auto add = [&](std::int32_t r) {
    if (r >= 0) roots.push_back(r);
  };
  for (const compiled_rule& r : p.vetoes) add(r.condition);
  for (const compiled_rule& r : p.ceilings) add(r.condition);
  for (const compiled_grade& g : p.grades) {
    add(g.condition);
    if (!g.has_quota) continue;
    add(g.quota.share);
    for (const std::int32_t k : g.quota.keys) add(k);
  }
  for (const compiled_action& a : p.actions) {
    for (const std::int32_t c : a.conditions) add(c);
  }
  for (const compiled_pool& pool : p.pools) {
    add(pool.amount);
    add(pool.weight);
    add(pool.among);
  }
  for (const compiled_aggregate& a : p.aggregates) {
    add(a.argument);
    for (const std::int32_t k : a.more_keys) add(k);  // the keys after the first of rank, row_number, distribute
    add(a.among);
  }
  for (const compiled_constraint& c : p.constraints) add(c.among);
  return roots;
}

std::vector<std::string> scheme_files() {
  std::vector<std::string> files;
  for (const auto& dir : std::filesystem::directory_iterator(std::string(SCHEMEC_SOURCE_DIR) + "/schemes")) {
    if (!dir.is_directory()) continue;
    for (const auto& f : std::filesystem::directory_iterator(dir.path())) {
      if (f.path().extension() == ".scheme") files.push_back(f.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("the derived retention keeps at least what the hand-made list kept, for every scheme") {
  const std::vector<std::string> files = scheme_files();
  REQUIRE(files.size() >= 5);
  std::size_t with_steps = 0;
  for (const std::string& file : files) {
    INFO(file);
    source_manager sources;
    diagnostics diags;
    auto ast = load_scheme(file, sources, diags);
    REQUIRE(ast);
    const std::optional<checked_scheme> cs = check(std::move(*ast), sources, diags);
    REQUIRE(cs);
    const program p = compile(*cs);
    const retention derived = what_to_keep(p);
    const retention old = old_what_to_keep(p);
    CHECK(covers(derived.field, old.field));
    CHECK(covers(derived.raw, old.raw));
    CHECK(covers(derived.symbol, old.symbol));
    for (const std::int32_t r : old.roots) CHECK(std::find(derived.roots.begin(), derived.roots.end(), r) != derived.roots.end());
    // Every formula of a step is one of the program's step roots, and every step root is one of them.
    std::vector<std::int32_t> formulas = step_formulas(p);
    std::vector<std::int32_t> steps = p.step_roots;
    std::sort(formulas.begin(), formulas.end());
    formulas.erase(std::unique(formulas.begin(), formulas.end()), formulas.end());
    std::sort(steps.begin(), steps.end());
    CHECK(steps == formulas);
    if (!formulas.empty()) ++with_steps;
  }
  CHECK(with_steps >= 5);
}
