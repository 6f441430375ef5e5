// Deep copies of AST nodes. See ast_clone.hpp.
#include "interpreter/syntax/ast_clone.hpp"

#include <algorithm>

#include "interpreter/base/internal_error.hpp"

namespace schemec {

namespace {

// A new field of these structs must be copied below: their sizes change with their fields (checked where
// they are known: x86-64 with libstdc++, as built by scripts/build.sh). Update the numbers once it is copied.
#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
static_assert(sizeof(expr) == 320, "a field was added to expr: copy it in clone_expr (ast_clone.cpp), then update this size");
static_assert(sizeof(decl) == 944, "a field was added to decl: copy it in clone_decl (ast_clone.cpp), then update this size");
static_assert(sizeof(quota_spec) == 88, "a field was added to quota_spec: copy it in clone_decl, then update this size");
static_assert(sizeof(raters_spec) == 320, "a field was added to raters_spec: copy it in clone_decl, then update this size");
static_assert(sizeof(constraint_spec) == 56, "a field was added to constraint_spec: copy it in clone_decl, then update this size");
static_assert(sizeof(indicator_spec) == 56, "a field was added to indicator_spec: copy it in clone_decl, then update this size");
static_assert(sizeof(lookup_entry) == 56, "a field was added to lookup_entry: copy it in clone_expr, then update this size");
static_assert(sizeof(tier_entry) == 64, "a field was added to tier_entry: copy it in clone_expr, then update this size");
#endif

// Copies expressions; the copy of each node listed in [watched] is recorded in [copies] (same index), so
// that a pointer into the original tree (an indicator's weight) can be pointed into the copy.
class cloner {
 public:
  std::vector<const expr*> watched;
  std::vector<expr*> copies;

  expr_ptr copy(const expr_ptr& e) { return e ? copy(*e) : nullptr; }

  // Recursion as deep as the tree, which the builder keeps within max_expression_depth (ast.hpp).
  expr_ptr copy(const expr& e) {
    auto out = std::make_unique<expr>();
    out->kind = e.kind;
    out->at = e.at;
    out->length = e.length;
    out->oper = e.oper;
    out->number = e.number;
    out->is_percent = e.is_percent;
    out->flag = e.flag;
    out->text = e.text;
    out->args.reserve(e.args.size());
    for (const expr_ptr& a : e.args) out->args.push_back(copy(a));
    out->lookups.reserve(e.lookups.size());
    for (const lookup_entry& l : e.lookups) out->lookups.push_back({l.at, l.key, l.is_default, copy(l.value)});
    out->tiers.reserve(e.tiers.size());
    for (const tier_entry& t : e.tiers) out->tiers.push_back({t.at, t.compare, t.bound, t.is_default, copy(t.value)});
    out->agg = e.agg;
    out->group = e.group;
    out->group_at = e.group_at;
    out->among = copy(e.among);
    out->exclude_self = e.exclude_self;
    out->descending = e.descending;
    out->has_direction = e.has_direction;
    out->key_descending = e.key_descending;
    out->strict = e.strict;
    out->bands = e.bands;
    for (std::size_t i = 0; i < watched.size(); ++i) {
      if (watched[i] == &e) copies[i] = out.get();
    }
    return out;
  }
};

std::vector<raters_spec::entry> copy_entries(cloner& c, const std::vector<raters_spec::entry>& entries) {
  std::vector<raters_spec::entry> out;
  out.reserve(entries.size());
  for (const raters_spec::entry& e : entries) out.push_back({e.name, e.at, c.copy(e.value)});
  return out;
}

}  // namespace

expr_ptr clone_expr(const expr& e) {
  cloner c;
  return c.copy(e);
}

decl clone_decl(const decl& d) {
  cloner c;
  for (const indicator_spec& i : d.indicators) {
    if (i.weight) c.watched.push_back(i.weight);
  }
  c.copies.assign(c.watched.size(), nullptr);
  decl out;
  out.kind = d.kind;
  out.at = d.at;
  out.length = d.length;
  out.name_at = d.name_at;
  out.name = d.name;
  out.label = d.label;
  out.table = d.table;
  out.type = d.type;
  out.default_value = c.copy(d.default_value);
  out.body = c.copy(d.body);
  out.cap = c.copy(d.cap);
  out.reason = d.reason;
  out.target = d.target;
  out.target_at = d.target_at;
  if (d.quota) {
    quota_spec& q = out.quota.emplace();
    q.at = d.quota->at;
    q.share = c.copy(d.quota->share);
    q.group = d.quota->group;
    q.group_at = d.quota->group_at;
    for (const quota_spec::key& k : d.quota->keys) q.keys.push_back({c.copy(k.value), k.descending});
    if (d.quota->base) q.base = c.copy(d.quota->base);
  }
  out.conditions.reserve(d.conditions.size());
  for (const expr_ptr& e : d.conditions) out.conditions.push_back(c.copy(e));
  out.texts = d.texts;
  out.reason_at = d.reason_at;
  out.text_at = d.text_at;
  out.warn = d.warn;
  out.weight = c.copy(d.weight);
  out.group = d.group;
  out.group_at = d.group_at;
  out.among = c.copy(d.among);
  out.is_bonus_block = d.is_bonus_block;
  out.is_dimension = d.is_dimension;
  std::size_t watched = 0;
  for (const indicator_spec& i : d.indicators) {
    const expr* weight = nullptr;
    if (i.weight) {
      weight = c.copies[watched++];
      // An indicator's weight points into the dimension's formula, so it was copied with it.
      if (!weight) throw internal_error("clone_decl: the weight of indicator '" + i.name + "' is not in its dimension's formula");
    }
    out.indicators.push_back({i.name, i.at, weight, c.copy(i.points)});
  }
  out.points = c.copy(d.points);
  out.dimension = d.dimension;
  out.references = d.references;
  out.references_at = d.references_at;
  out.references_optional = d.references_optional;
  out.header = d.header;
  out.header_at = d.header_at;
  if (d.raters) {
    const raters_spec& r = *d.raters;
    auto copy = std::make_shared<raters_spec>();
    copy->table = r.table;
    copy->table_at = r.table_at;
    copy->role_column = r.role_column;
    copy->rater_column = r.rater_column;
    copy->item_column = r.item_column;
    copy->score_column = r.score_column;
    copy->role_at = r.role_at;
    copy->rater_at = r.rater_at;
    copy->item_at = r.item_at;
    copy->score_at = r.score_at;
    copy->roles = copy_entries(c, r.roles);
    copy->items = copy_entries(c, r.items);
    copy->trim_from = r.trim_from;
    copy->trim_at = r.trim_at;
    copy->reweight_missing = r.reweight_missing;
    copy->missing_at = r.missing_at;
    copy->missing_given = r.missing_given;
    copy->min_raters = r.min_raters;
    copy->min_raters_at = r.min_raters_at;
    copy->incomplete_given = r.incomplete_given;
    copy->drop_incomplete = r.drop_incomplete;
    out.raters = std::move(copy);
  }
  if (d.constraint) {
    constraint_spec& k = out.constraint.emplace();
    k.compare = d.constraint->compare;
    k.limit = c.copy(d.constraint->limit);
    k.distinct = d.constraint->distinct;
    k.distinct_at = d.constraint->distinct_at;
  }
  out.weights_by = d.weights_by;
  return out;
}

scheme_ast clone_ast(const scheme_ast& a) {
  scheme_ast out;
  out.file = a.file;
  out.header = a.header;
  out.tables = a.tables;
  out.decls.reserve(a.decls.size());
  for (const decl& d : a.decls) out.decls.push_back(clone_decl(d));
  out.outputs = a.outputs;
  out.outputs_at = a.outputs_at;
  out.has_outputs = a.has_outputs;
  out.tests = a.tests;
  return out;
}

}  // namespace schemec
