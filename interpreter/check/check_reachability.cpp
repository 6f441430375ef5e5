// Which grades can never be reached: a grade above (without a quota, no ceiling between) takes every row
// that meets the grade's condition. Each grade's condition is reduced once to its understood conjuncts, the
// grades above are indexed by which columns their conditions test, and each grade asks the index for the
// first grade above that covers it: n·log n for conditions testing one number (`total >= 85`, with any
// yes/no flags), never a scan of every pair (issue 14: 20,000 grades took 35 s).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_set>

#include "interpreter/check/checker.hpp"

namespace schemec::check_detail {

namespace {

// One conjunct of a grade condition that reachability analysis understands: `x >= 85`, `flag`, `not flag`.
// Its kind: a lower bound (>=, >), an upper bound (<=, <), a flag that holds, a flag that does not.
enum class bound_kind : std::uint8_t { lower, upper, flag_true, flag_false };

struct atom {
  std::int32_t symbol = -1;
  bound_kind kind = bound_kind::lower;
  decimal bound{};
  bool strict = false;  // > or < (not >=, <=)
};

bool numeric(bound_kind k) { return k == bound_kind::lower || k == bound_kind::upper; }

// Orders bounds of one kind from weakest to strongest: a row meeting [b] meets every bound ordered at or
// below it (x >= 80 below x > 80 below x >= 85; x <= 60 below x < 60 below x <= 50).
int compare_strength(const atom& a, const atom& b) {
  const int c = a.kind == bound_kind::upper ? compare(b.bound, a.bound) : compare(a.bound, b.bound);
  if (c != 0) return c;
  return static_cast<int>(a.strict) - static_cast<int>(b.strict);
}

atom compared(std::int32_t symbol, op o, const decimal& c) {
  const bool lower = o == op::ge || o == op::gt;
  return {symbol, lower ? bound_kind::lower : bound_kind::upper, c, o == op::gt || o == op::lt};
}

// Collects the understood conjuncts of [e]; returns false if some conjunct is not understood (or the
// condition is deeper than the analysis follows).
bool collect_atoms(const expr& e, const checked_scheme& cs, std::vector<atom>& out, std::size_t depth = 0) {
  if (depth > max_check_depth) return false;
  auto symbol_of = [&](const expr& x) {
    const expr_info* it = cs.info.find(&x);
    return x.kind == expr_kind::name && it != nullptr && !it->grade_test ? it->symbol : -1;
  };
  if (e.kind == expr_kind::binary && e.oper == op::and_) {
    const bool a = collect_atoms(*e.args[0], cs, out, depth + 1);
    const bool b = collect_atoms(*e.args[1], cs, out, depth + 1);
    return a && b;
  }
  if (e.kind == expr_kind::name && symbol_of(e) >= 0) {
    out.push_back({symbol_of(e), bound_kind::flag_true, {}, false});
    return true;
  }
  if (e.kind == expr_kind::unary && e.oper == op::not_ && symbol_of(*e.args[0]) >= 0) {
    out.push_back({symbol_of(*e.args[0]), bound_kind::flag_false, {}, false});
    return true;
  }
  if (e.kind == expr_kind::binary && (e.oper == op::ge || e.oper == op::gt || e.oper == op::le || e.oper == op::lt)) {
    if (symbol_of(*e.args[0]) >= 0) {
      if (const auto c = constant_number(*e.args[1])) {
        out.push_back(compared(symbol_of(*e.args[0]), e.oper, *c));
        return true;
      }
    }
    if (symbol_of(*e.args[1]) >= 0) {
      if (const auto c = constant_number(*e.args[0])) {
        out.push_back(compared(symbol_of(*e.args[1]), flipped(e.oper), *c));
        return true;
      }
    }
  }
  return false;
}

// The strongest conjunct per (symbol, kind), ordered by (symbol, kind). A set of conjuncts is implied by
// another exactly when each of its strongest ones is implied by the other's strongest of the same
// symbol and kind (implication between two bounds of one kind is their order of strength).
std::vector<atom> reduced(std::vector<atom> atoms) {
  std::sort(atoms.begin(), atoms.end(), [](const atom& a, const atom& b) {
    if (a.symbol != b.symbol) return a.symbol < b.symbol;
    if (a.kind != b.kind) return a.kind < b.kind;
    return numeric(a.kind) && compare_strength(a, b) > 0;  // the strongest first
  });
  std::vector<atom> out;
  for (const atom& a : atoms) {
    if (out.empty() || out.back().symbol != a.symbol || out.back().kind != a.kind) out.push_back(a);
  }
  return out;
}

using signature = std::vector<std::pair<std::int32_t, bound_kind>>;

signature signature_of(const std::vector<atom>& atoms) {
  signature s;
  for (const atom& a : atoms) s.emplace_back(a.symbol, a.kind);
  return s;
}

// The grades above whose conditions test the same (symbol, kind)s, in grade order. A segment tree over
// them keeps, per range, the weakest bound of the first numeric kind among the grades already passed;
// first_covered finds the first of them at or after a position whose every bound the strong side implies.
class grade_group {
 public:
  std::vector<std::size_t> grades;       // grade indexes, increasing
  std::vector<std::vector<atom>> atoms;  // their reduced conjuncts
  std::int32_t primary = -1;             // index in atoms of the first numeric kind, or -1

  void start() {
    size_ = 1;
    while (size_ < grades.size()) size_ *= 2;
    tree_.assign(2 * size_, -1);
  }

  // Grade number [local] (an index in grades) is above the grades still to be asked about.
  void pass(std::size_t local) {
    std::size_t n = size_ + local;
    tree_[n] = static_cast<std::int32_t>(local);
    for (n /= 2; n >= 1; n /= 2) tree_[n] = weaker(tree_[2 * n], tree_[2 * n + 1]);
  }

  // The first passed grade at or after grade index [from] whose conjuncts [strong] implies, or -1.
  std::int64_t first_covered(std::size_t from, const std::map<std::pair<std::int32_t, bound_kind>, const atom*>& strong) const {
    const auto start = static_cast<std::size_t>(std::lower_bound(grades.begin(), grades.end(), from) - grades.begin());
    const atom* threshold = nullptr;
    if (primary >= 0) {
      const atom& p = atoms.front()[static_cast<std::size_t>(primary)];
      threshold = strong.at({p.symbol, p.kind});
    }
    for (std::size_t at = start; at < grades.size();) {
      const std::int32_t found = find(1, 0, size_, at, threshold);
      if (found < 0) return -1;
      const auto f = static_cast<std::size_t>(found);
      if (covers(atoms[f], strong)) return static_cast<std::int64_t>(grades[f]);
      at = f + 1;  // another bound is not implied: look further
    }
    return -1;
  }

  static bool covers(const std::vector<atom>& weak, const std::map<std::pair<std::int32_t, bound_kind>, const atom*>& strong) {
    return std::all_of(weak.begin(), weak.end(), [&](const atom& w) {
      const atom& s = *strong.at({w.symbol, w.kind});
      return !numeric(w.kind) || compare_strength(w, s) <= 0;
    });
  }

 private:
  std::int32_t weaker(std::int32_t a, std::int32_t b) const {
    if (a < 0 || primary < 0) return a < 0 ? b : a;
    if (b < 0) return a;
    const auto p = static_cast<std::size_t>(primary);
    return compare_strength(atoms[static_cast<std::size_t>(b)][p], atoms[static_cast<std::size_t>(a)][p]) < 0 ? b : a;
  }

  bool implied(std::int32_t local, const atom* threshold) const {
    if (local < 0) return false;
    if (threshold == nullptr) return true;
    return compare_strength(atoms[static_cast<std::size_t>(local)][static_cast<std::size_t>(primary)], *threshold) <= 0;
  }

  // The first passed leaf at or after [from] in node [n] (covering [lo, hi)) whose primary bound is implied.
  std::int32_t find(std::size_t n, std::size_t lo, std::size_t hi, std::size_t from, const atom* threshold) const {
    if (hi <= from || !implied(tree_[n], threshold)) return -1;
    if (hi - lo == 1) return tree_[n];
    const std::size_t mid = (lo + hi) / 2;
    const std::int32_t left = find(2 * n, lo, mid, from, threshold);
    return left >= 0 ? left : find(2 * n + 1, mid, hi, from, threshold);
  }

  std::size_t size_ = 1;
  std::vector<std::int32_t> tree_;
};

}  // namespace

void checker::check_grade_reachability() {
  const auto& grades = m_out.grades;
  const enum_def& grade_enum = m_out.enums[static_cast<std::size_t>(m_out.grade_enum)];
  std::unordered_set<std::string> veto_targets;
  for (const decl* v : m_out.vetoes) veto_targets.insert(v->target);
  // A ceiling to grade t stands between the grades above t and those from t down: floor[j] is the first
  // grade above j with no ceiling's target between it and j.
  std::vector<std::size_t> floor(grades.size(), 0);
  for (const decl* c : m_out.ceilings) {
    const std::int32_t t = grade_enum.find(c->target);
    if (t > 0) floor[static_cast<std::size_t>(t)] = static_cast<std::size_t>(t);
  }
  for (std::size_t j = 1; j < grades.size(); ++j) floor[j] = std::max(floor[j], floor[j - 1]);

  // Each grade's conjuncts, once: its strong side (what a row meeting it meets) and, when all of its
  // condition is understood, its weak side (what a row must meet to get it).
  std::vector<std::vector<atom>> strong(grades.size());
  std::vector<std::int32_t> group_of(grades.size(), -1);
  std::vector<std::size_t> local_of(grades.size(), 0);
  std::map<signature, std::int32_t> group_by_signature;
  std::vector<grade_group> groups;
  std::vector<std::size_t> otherwise;  // grades without a condition (and without a quota)
  for (std::size_t i = 0; i < grades.size(); ++i) {
    const decl& g = *grades[i];
    std::vector<atom> atoms;
    const bool understood = g.body && collect_atoms(*g.body, m_out, atoms);
    strong[i] = reduced(atoms);
    if (g.quota || !g.body || !understood) continue;
    const auto [it, added] = group_by_signature.emplace(signature_of(strong[i]), static_cast<std::int32_t>(groups.size()));
    if (added) groups.emplace_back();
    grade_group& group = groups[static_cast<std::size_t>(it->second)];
    group_of[i] = it->second;
    local_of[i] = group.grades.size();
    group.grades.push_back(i);
    group.atoms.push_back(strong[i]);
  }
  for (grade_group& group : groups) {
    const auto primary = std::find_if(group.atoms.front().begin(), group.atoms.front().end(), [](const atom& a) { return numeric(a.kind); });
    if (primary != group.atoms.front().end()) group.primary = static_cast<std::int32_t>(primary - group.atoms.front().begin());
    group.start();
  }

  for (std::size_t j = 0; j < grades.size(); ++j) {
    if (j > 0 && veto_targets.count(grades[j]->name) == 0) {
      // The first grade i in [floor[j], j) without a quota that takes every row meeting grade j.
      std::int64_t above = -1;
      const auto o = std::lower_bound(otherwise.begin(), otherwise.end(), floor[j]);
      if (o != otherwise.end()) above = static_cast<std::int64_t>(*o);
      if (grades[j]->body && !strong[j].empty()) {
        std::map<std::pair<std::int32_t, bound_kind>, const atom*> by_key;
        for (const atom& a : strong[j]) by_key.emplace(std::make_pair(a.symbol, a.kind), &a);
        auto ask = [&](std::int32_t g) {
          const std::int64_t i = groups[static_cast<std::size_t>(g)].first_covered(floor[j], by_key);
          if (i >= 0 && (above < 0 || i < above)) above = i;
        };
        // The groups whose keys are all among grade j's: every subset of its keys, or every group when
        // there are fewer groups than subsets.
        const std::size_t keys = strong[j].size();
        if (keys < 20 && (std::size_t{1} << keys) <= groups.size()) {
          for (std::size_t mask = 1; mask < (std::size_t{1} << keys); ++mask) {
            signature s;
            for (std::size_t k = 0; k < keys; ++k) {
              if ((mask >> k) & 1U) s.emplace_back(strong[j][k].symbol, strong[j][k].kind);
            }
            if (const auto it = group_by_signature.find(s); it != group_by_signature.end()) ask(it->second);
          }
        } else {
          for (const auto& [s, g] : group_by_signature) {
            const bool subset = std::all_of(s.begin(), s.end(), [&](const auto& key) { return by_key.count(key) > 0; });
            if (subset) ask(g);
          }
        }
      }
      if (above >= 0) {
        const decl& a = *grades[static_cast<std::size_t>(above)];
        error(grades[j]->name_at,
              a.body ? msg("E2166", N_("grade '{}' can never be reached: every row that meets its condition already gets '{}' above it"),
                                   grades[j]->name, a.name)
                     : msg("E2167", N_("grade '{}' can never be reached: '{}' above it is 'otherwise' and takes every remaining row"),
                                   grades[j]->name, a.name),
              tr(N_("list grades from best to worst, the highest threshold first")), name_length(grades[j]->name));
      }
    }
    if (grades[j]->quota) continue;
    if (!grades[j]->body) otherwise.push_back(j);
    if (group_of[j] >= 0) groups[static_cast<std::size_t>(group_of[j])].pass(local_of[j]);
  }
}

}  // namespace schemec::check_detail
