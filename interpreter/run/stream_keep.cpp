// What a streamed run keeps: a walk over the compiled program's reads (see stream_keep.hpp).
#include "interpreter/run/stream_keep.hpp"

#include <algorithm>

namespace schemec {

namespace {

class keep_finder {
 public:
  keep_finder(const program& p, retention& keep) : p_(p), cs_(*p.scheme), keep_(keep) {}

  void symbol(std::int32_t id) {
    if (id < 0) return;
    const struct symbol& s = cs_.symbols[static_cast<std::size_t>(id)];
    if (s.kind == symbol_kind::input && s.field >= 0 && static_cast<std::size_t>(s.field) < keep_.field.size()) {
      keep_.field[static_cast<std::size_t>(s.field)] = true;
    }
    if (s.kind == symbol_kind::value && s.level == 0) keep_.symbol[static_cast<std::size_t>(id)] = true;
  }

  // Every symbol the formula at [root] loads.
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

  // Whether the formula at [root] reads only what the row phase has: inputs, parameters, level-0 values.
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

  // A population step's formula: computed with the row phase when it can be (then what it reads need
  // not be kept), otherwise what it reads is kept. So are what the formulas past the first
  // max_cached_roots read: each cached formula costs a value per row, and a scheme with 20,000 grades
  // would keep rows × grades values (issue 14); what they read is at most one column per input or value.
  void step(std::int32_t root) {
    if (root < 0) return;
    const opcode code = p_.code[static_cast<std::size_t>(root)].code;
    // A constant costs nothing to evaluate again, and a plain name is read from its own column.
    if (code == opcode::constant || code == opcode::load || !row_phase(root)) {
      reads(root);
      return;
    }
    if (std::find(keep_.roots.begin(), keep_.roots.end(), root) != keep_.roots.end()) return;
    if (keep_.roots.size() >= max_cached_roots) {
      reads(root);
      return;
    }
    keep_.roots.push_back(root);
  }

  // A quota's base (基数): also evaluated on invalid rows, from the cells that were read
  // (invalid_row_in_quota_base), so what it reads is kept, with the cell text of the input columns it reads
  // (an empty optional cell is told from a cell that could not be read by its text).
  void base(std::int32_t root) {
    if (root < 0) return;
    reads(root);
    const instr& in = p_.code[static_cast<std::size_t>(root)];
    if (in.code == opcode::load) {
      const struct symbol& s = cs_.symbols[static_cast<std::size_t>(in.aux)];
      if (s.kind == symbol_kind::input && s.field >= 0 && static_cast<std::size_t>(s.field) < keep_.raw.size()) {
        keep_.raw[static_cast<std::size_t>(s.field)] = true;
      }
      return;
    }
    all_operands(p_, root, [this](std::int32_t r) {
      base(r);
      return true;
    });
  }

  void group(std::int32_t field) {
    if (field <= -2) symbol(-2 - field);  // a computed group: its value
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

}  // namespace

retention what_to_keep(const program& p) {
  const checked_scheme& cs = *p.scheme;
  retention keep{std::vector<bool>(cs.table.fields.size()), std::vector<bool>(cs.table.fields.size()),
                 std::vector<bool>(cs.symbols.size()), {}};
  keep_finder find(p, keep);
  for (std::size_t i = 0; i < cs.symbols.size(); ++i) {
    const symbol& s = cs.symbols[i];
    if (s.kind == symbol_kind::value && s.level > 0) find.reads(p.value_root[i]);
  }
  // A quota's base is never computed with the row phase: an invalid row has no row-phase values, and its
  // base is evaluated from its cells (find.base keeps them).
  std::vector<std::int32_t> bases;
  for (const compiled_grade& g : p.grades) {
    if (g.quota.base >= 0) bases.push_back(g.quota.base);
  }
  for (const std::int32_t root : p.step_roots) {
    if (std::find(bases.begin(), bases.end(), root) == bases.end()) find.step(root);
  }
  for (const std::int32_t field : p.step_groups) find.group(field);
  for (const std::int32_t root : bases) find.base(root);
  for (const std::int32_t id : cs.outputs) find.symbol(id);
  return keep;
}

}  // namespace schemec
