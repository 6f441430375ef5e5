// The builder of test blocks (测试 / test, docs/language.md §46): the parse tree of a test block → test_spec.
#include "interpreter/syntax/parse_tree.hpp"

namespace schemec::parsing {

void builder::test_block(const node& n, scheme_file& out) {
  test_spec t;
  t.at = pos(n);
  t.name = text_of(*n.children.front());
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const node& item = *n.children[i];
    if (item.is_type<g::test_data>()) {
      test_table table;
      table.at = pos(item);
      table.name = text_of(*item.children[0]);
      const node& rows = *item.children[1];
      if (rows.is_type<g::test_file>()) {
        table.file = text_of(rows);
      } else {
        table.rows = std::string(rows.string_view());
      }
      table.rows_at = pos(rows);
      t.tables.push_back(std::move(table));
    } else if (item.is_type<g::test_param>()) {
      t.params.push_back({pos(item), text_of(*item.children[0]), text_of(*item.children[1])});
    } else if (item.is_type<g::test_expect_error>()) {
      t.errors.push_back({pos(item), text_of(*item.children[0])});
    } else if (item.is_type<g::test_expect>()) {
      test_expectation e;
      e.at = pos(item);
      e.row = text_of(*item.children[0]);
      for (std::size_t c = 1; c < item.children.size(); ++c) {
        const node& check = *item.children[c];
        test_check k;
        k.at = pos(check);
        k.target = std::string(check.children[0]->string_view());
        const node& v = *check.children[1];
        k.contains = v.is_type<g::test_contains>();
        k.expected = text_of(k.contains ? *v.children[0] : v);
        e.checks.push_back(std::move(k));
      }
      t.expectations.push_back(std::move(e));
    }
  }
  out.tests.push_back(std::move(t));
}

}  // namespace schemec::parsing
