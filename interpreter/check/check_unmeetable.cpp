// Conditions no row can meet: a grade, veto, ceiling or pool condition that is false for every value the
// declared ranges and points allow (`总分 >= 185` when 总分 is at most 108; `score >= 85 且 score < 80`).
// A warning, once per condition, naming the bound and where it comes from. Sound by construction: the
// intervals of value_ranges.cpp hold every value a valid row can have, so a reachable condition never warns;
// what the intervals do not understand is unbounded and never warns.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_set>

#include "interpreter/check/checker.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/check/value_ranges.hpp"

namespace schemec::check_detail {

namespace {

using env = std::unordered_map<std::int32_t, interval>;

bool is_comparison(const expr& e) {
  return e.kind == expr_kind::binary &&
         (e.oper == op::ge || e.oper == op::gt || e.oper == op::le || e.oper == op::lt || e.oper == op::eq);
}

// Whether `a OP b` is false for every a in [a], b in [b].
bool never_true(op o, const interval& a, const interval& b) {
  switch (o) {
    case op::ge: return a.hi && b.lo && compare(*a.hi, *b.lo) < 0;
    case op::gt: return a.hi && b.lo && compare(*a.hi, *b.lo) <= 0;
    case op::le: return a.lo && b.hi && compare(*a.lo, *b.hi) > 0;
    case op::lt: return a.lo && b.hi && compare(*a.lo, *b.hi) >= 0;
    case op::eq: return intersect(a, b).empty();
    default: return false;
  }
}

class unmeetable {
 public:
  unmeetable(const checked_scheme& cs, const source_manager& sources) : m_cs(cs), m_sources(sources), m_ranges(cs) {}

  // Why [e] can never hold (empty: it may hold, or the analysis does not know).
  std::string never(const expr& e, const env& outer, std::size_t depth = 0) {
    if (depth > max_check_depth) return {};
    if (e.kind == expr_kind::binary && e.oper == op::or_) {
      const std::string a = never(*e.args[0], outer, depth + 1);
      if (a.empty()) return {};
      const std::string b = never(*e.args[1], outer, depth + 1);
      return b.empty() ? std::string{} : tr(N_("{}; and {}"), a, b);
    }
    if (e.kind == expr_kind::binary && e.oper == op::and_) return never_and(e, outer, depth);
    if (is_comparison(e)) return never_comparison(e, outer);
    return {};
  }

  // Why the entry [t] of the tiers [e] never applies: its comparison is false for every value of the
  // subject (empty: it may apply).
  std::string never_tier(const expr& e, const tier_entry& t) {
    if (t.is_default || e.args.empty() || !numeric(*e.args[0])) return {};
    const interval subject = m_ranges.of(*e.args[0]);
    if (!never_true(t.compare, subject, interval::exactly(t.bound))) return {};
    return describe(*e.args[0], subject, t.compare == op::ge || t.compare == op::gt);
  }

  // The bytes of an entry's comparison: from [at] up to its arrow (-> or →), without the blanks before it.
  std::uint32_t entry_length(source_pos at) const {
    if (!at.valid()) return 0;
    const std::string_view t = m_sources.file(at.file).text;
    if (at.offset >= t.size()) return 0;
    const std::string_view rest = t.substr(at.offset);
    std::size_t end = std::min({rest.find("->"), rest.find("→"), rest.find('\n')});
    if (end == std::string_view::npos) return 0;
    while (end > 0 && (rest[end - 1] == ' ' || rest[end - 1] == '\t')) --end;
    return static_cast<std::uint32_t>(end);
  }

  std::string entry_text(source_pos at) const {
    const std::uint32_t n = entry_length(at);
    return n == 0 ? std::string("?") : cut_for_message(m_sources.file(at.file).text.substr(at.offset, n));
  }

 private:
  std::string text(const expr& e) const {
    if (!e.at.valid()) return "?";
    const std::string& t = m_sources.file(e.at.file).text;
    if (e.at.offset >= t.size()) return "?";
    return cut_for_message(std::string_view(t).substr(e.at.offset, e.length));
  }

  bool numeric(const expr& e) const {
    const expr_info* info = m_cs.info.find(&e);
    return info != nullptr && info->type.kind == type_kind::number;
  }

  // The numeric input, parameter or value a comparison side names (-1: none).
  std::int32_t symbol_of(const expr& e) const {
    if (e.kind != expr_kind::name) return -1;
    const expr_info* info = m_cs.info.find(&e);
    return info != nullptr && info->member < 0 && !info->grade_test && info->type.kind == type_kind::number ? info->symbol : -1;
  }

  // `x OP c` or `c OP x`: the symbol, the comparison as read from x's side, and c.
  struct atom {
    std::int32_t symbol = -1;
    op oper = op::ge;
    decimal bound{};
  };
  std::optional<atom> atom_of(const expr& e) const {
    if (!is_comparison(e)) return std::nullopt;
    if (const auto c = constant_number(*e.args[1]); c && symbol_of(*e.args[0]) >= 0) return atom{symbol_of(*e.args[0]), e.oper, *c};
    if (const auto c = constant_number(*e.args[0]); c && symbol_of(*e.args[1]) >= 0) return atom{symbol_of(*e.args[1]), flipped(e.oper), *c};
    return std::nullopt;
  }

  static interval allowed(const atom& a) {  // the values of x for which `x OP c` may hold (bounds inclusive)
    switch (a.oper) {
      case op::ge:
      case op::gt: return {a.bound, std::nullopt};
      case op::le:
      case op::lt: return {std::nullopt, a.bound};
      default: return interval::exactly(a.bound);
    }
  }

  std::string never_and(const expr& e, const env& outer, std::size_t depth) {
    std::vector<const expr*> parts, pending{&e};
    while (!pending.empty()) {
      const expr* p = pending.back();
      pending.pop_back();
      if (p->kind == expr_kind::binary && p->oper == op::and_) {
        pending.push_back(p->args[1].get());
        pending.push_back(p->args[0].get());
      } else {
        parts.push_back(p);
      }
    }
    for (const expr* p : parts) {
      if (std::string why = never(*p, outer, depth + 1); !why.empty()) return why;
    }
    // The same value constrained by several parts: narrow it by each, then ask each part again.
    env narrowed = outer;
    std::map<std::int32_t, std::vector<const expr*>> on;  // symbol → the parts bounding it
    for (const expr* p : parts) {
      const auto a = atom_of(*p);
      if (!a) continue;
      auto it = narrowed.find(a->symbol);
      if (it == narrowed.end()) it = narrowed.emplace(a->symbol, m_ranges.of_symbol(a->symbol)).first;
      it->second = intersect(it->second, allowed(*a));
      on[a->symbol].push_back(p);
    }
    for (const expr* p : parts) {
      const auto a = atom_of(*p);
      if (!a || on[a->symbol].size() < 2) continue;
      const interval& x = narrowed[a->symbol];
      const interval c = interval::exactly(a->bound);
      if (x.empty() || never_true(a->oper, x, c)) {
        std::vector<std::string> texts;
        for (const expr* q : on[a->symbol]) texts.push_back(tr(N_("'{}'"), text(*q)));
        std::string listed = texts[0];
        for (std::size_t k = 1; k < texts.size(); ++k) listed += (k + 1 == texts.size() ? tr(N_(" and ")) : tr(N_(", "))) + texts[k];
        return tr(N_("no value of {} meets {} at once"), m_cs.symbols[static_cast<std::size_t>(a->symbol)].name, listed);
      }
    }
    return {};
  }

  // "总分 is at most 108 (the points of its indicators add up to 108)"
  std::string describe(const expr& side, const interval& range, bool upper) {
    const decimal& b = upper ? *range.hi : *range.lo;
    const std::int32_t id = symbol_of(side);
    const std::string why = id >= 0 ? m_ranges.origin(id) : tr(N_("from the ranges and points of what it reads"));
    return upper ? tr(N_("{} is at most {} ({})"), text(side), to_string(b), why) : tr(N_("{} is at least {} ({})"), text(side), to_string(b), why);
  }

  std::string never_comparison(const expr& e, const env& outer) {
    const expr& l = *e.args[0];
    const expr& r = *e.args[1];
    if (!numeric(l) || !numeric(r)) return {};
    const interval a = m_ranges.of(l, &outer), b = m_ranges.of(r, &outer);
    if (!never_true(e.oper, a, b)) return {};
    const bool l_const = constant_number(l).has_value(), r_const = constant_number(r).has_value();
    const op o = e.oper;
    // Which way the sides miss each other: the left side entirely below the right one, or above it.
    const bool l_below = o == op::eq ? a.hi && b.lo && compare(*a.hi, *b.lo) < 0 : o == op::ge || o == op::gt;
    std::string why;
    if (!l_const) why = describe(l, a, l_below);
    if (!r_const) why += (why.empty() ? std::string() : tr(N_(", "))) + describe(r, b, !l_below);
    if (why.empty()) why = tr(N_("both sides are numbers written in the formula"));
    return tr(N_("{}, so '{}' is never true"), why, text(e));
  }

  const checked_scheme& m_cs;
  const source_manager& m_sources;
  value_ranges m_ranges;
};

}  // namespace

void checker::check_unmeetable() {
  unmeetable u(m_out, m_sources);
  const env none;
  auto check_one = [&](const expr* condition, const std::string& what) {
    if (condition == nullptr) return;
    const std::string why = u.never(*condition, none);
    if (why.empty()) return;
    m_diags.warning(condition->at, msg("W2005", N_("{} can never hold: {}"), what, why),
                    tr(N_("compare the threshold with the declared ranges and points (a slip such as 185 for 85?), or correct the range")),
                    condition->length);
  };
  for (const decl* g : m_out.grades) check_one(g->body.get(), tr(N_("the condition of grade '{}'"), g->name));
  for (const decl* v : m_out.vetoes) check_one(v->body.get(), tr(N_("the condition of veto '{}'"), v->name));
  for (const decl* c : m_out.ceilings) check_one(c->body.get(), tr(N_("the condition of ceiling '{}'"), c->name));
  for (const decl* p : m_out.pools) check_one(p->among.get(), tr(N_("the 'among' (范围) of pool '{}'"), p->name));
  // Entries of tiers (分档) in the formulas of values: once per entry, even where a mapping repeats it.
  std::unordered_set<std::uint64_t> reported;
  std::vector<const expr*> pending;
  for (const symbol& s : m_out.symbols) {
    if (s.kind != symbol_kind::value || s.source == nullptr || s.source->kind != decl_kind::value) continue;
    if (s.source->body) pending.push_back(s.source->body.get());
    if (s.source->cap) pending.push_back(s.source->cap.get());
  }
  while (!pending.empty()) {
    const expr* e = pending.back();
    pending.pop_back();
    for (const auto& a : e->args) pending.push_back(a.get());
    for (const lookup_entry& l : e->lookups) if (l.value) pending.push_back(l.value.get());
    for (const tier_entry& t : e->tiers) if (t.value) pending.push_back(t.value.get());
    if (e->among) pending.push_back(e->among.get());
    if (e->kind != expr_kind::tiers) continue;
    for (const tier_entry& t : e->tiers) {
      const std::string why = u.never_tier(*e, t);
      const std::uint64_t key = (std::uint64_t{t.at.file} << 32) | t.at.offset;
      if (why.empty() || !reported.insert(key).second) continue;
      m_diags.warning(t.at, msg("W2006", N_("the tier '{}' (分档) never applies: {}"), u.entry_text(t.at), why),
                      tr(N_("compare the bound with the subject's declared range, or correct the range")), u.entry_length(t.at));
    }
  }
}

}  // namespace schemec::check_detail
