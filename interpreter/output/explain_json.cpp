// The --explain --format json object of one row (explain_model.hpp); its fields are documented in
// docs/language.md (§33, "--explain as JSON"). Every value is a string, exactly as the results print it.
#include <fmt/format.h>

#include "interpreter/output/explain_model.hpp"
#include "interpreter/output/result_writer.hpp"

namespace schemec {

namespace {

class json_object {
 public:
  explicit json_object(std::string& out) : m_out(out) { m_out.push_back('{'); }
  ~json_object() { m_out.push_back('}'); }
  json_object(const json_object&) = delete;
  json_object& operator=(const json_object&) = delete;

  std::string& field(std::string_view name) {
    if (!m_first) m_out.push_back(',');
    m_first = false;
    append_json_string(m_out, name);
    m_out.push_back(':');
    return m_out;
  }
  void text(std::string_view name, std::string_view value) { append_json_string(field(name), value); }
  void number(std::string_view name, std::size_t value) { field(name) += std::to_string(value); }
  void flag(std::string_view name, bool value) { field(name) += value ? "true" : "false"; }

 private:
  std::string& m_out;
  bool m_first = true;
};

template <typename T, typename F>
void array(std::string& out, const std::vector<T>& items, F&& each) {
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    each(items[i]);
  }
  out.push_back(']');
}

void strings(std::string& out, const std::vector<std::string>& items) {
  array(out, items, [&](const std::string& s) { append_json_string(out, s); });
}

void source(json_object& o, const explained_source& s) {
  if (s.line == 0) return;
  o.text("file", s.file);
  o.number("line", s.line);
  std::string text;
  for (std::size_t i = 0; i < s.lines.size(); ++i) text += (i > 0 ? "\n" : "") + s.lines[i];
  o.text("source", text);
}

void named_value(std::string& out, const explained_value& v) {
  json_object o(out);
  o.text("name", v.name);
  if (!v.label.empty()) o.text("label", v.label);
  o.text("value", v.value);
}

void values(std::string& out, const std::vector<explained_value>& items) {
  array(out, items, [&](const explained_value& v) { named_value(out, v); });
}

void scored_row(json_object& o, std::string& out, const explanation& e);

}  // namespace

std::string explanation_json(const explanation& e, explain_language lang) {
  std::string out;
  {
    json_object o(out);
    o.text("key", e.key);
    o.text("file", e.file);
    o.number("line", e.line);
    o.text("scheme", e.scheme);
    o.text("language", lang == explain_language::chinese ? "zh" : "en");
    o.text("status", e.valid ? "ok" : "invalid");
    if (!e.valid) {
      std::vector<std::string> reasons;
      for (const std::string& r : e.invalid_reasons) reasons.push_back(reason_without_path(r, explain_language::english));
      strings(o.field("reasons"), reasons);
    } else {
      scored_row(o, out, e);
    }
    o.text("text", explanation_text(e, lang));
  }
  return out;
}

namespace {

// The fields of a row that was scored: inputs, parameters, detail rows, aggregates, values, grading, pools,
// actions, reasons.
void scored_row(json_object& o, std::string& out, const explanation& e) {
  {
    values(o.field("inputs"), e.inputs);
    values(o.field("parameters"), e.params);
    array(o.field("details"), e.details, [&](const explanation::detail_table& t) {
      json_object d(out);
      d.text("file", t.file);
      array(d.field("rows"), t.rows, [&](const explanation::detail_row& r) {
        json_object row(out);
        row.number("line", r.line);
        if (!r.period_name.empty()) {
          row.text("period", r.period_name);
          row.text("period_value", r.period_value);
        }
        values(row.field("values"), r.values);
      });
    });
    array(o.field("aggregates"), e.aggregates, [&](const explanation::aggregate& a) {
      json_object g(out);
      g.text("name", a.result.name);
      g.text("value", a.result.value);
      using k = explanation::aggregate::over_kind;
      g.text("over", a.over == k::detail_rows ? "detail_rows" : a.over == k::group ? "group" : "all");
      if (a.over == k::detail_rows) g.text("table", a.table);
      if (a.over == k::group) {
        g.text("group_column", a.group_column);
        g.text("group", a.group_value);
      }
      g.flag("excluding_self", a.excluding_self);
    });
    if (!e.distributions.empty()) {
      array(o.field("distributions"), e.distributions, [&](const explanation::distribution& d) {
        json_object x(out);
        x.text("name", d.name);
        x.flag("ranked", d.ranked);
        if (!d.ranked) return;
        x.text("group", d.group);
        x.number("n", d.n);
        x.number("place", d.place);
        x.text("band", d.band);
        array(x.field("bands"), d.bands, [&](const explanation::distribution::band_line& b) {
          json_object y(out);
          y.text("name", b.name);
          y.text("share", b.share);
          y.text("exact", b.exact);
          y.number("floor", b.floor);
          y.text("remainder", b.remainder);
          y.flag("extra", b.extra);
          y.number("size", b.size);
        });
      });
    }
    array(o.field("values"), e.values, [&](const explanation::computed& c) {
      json_object v(out);
      v.text("name", c.result.name);
      if (!c.result.label.empty()) v.text("label", c.result.label);
      v.text("value", c.result.value);
      source(v, c.from);
      v.flag("capped", c.capped);
      array(v.field("choices"), c.choices, [&](const explanation::choice& ch) {
        json_object x(out);
        x.text("kind", ch.tiers ? "tiers" : "lookup");
        x.text("subject", ch.subject);
        x.text("subject_value", ch.subject_value.value);
        x.text("entry", ch.otherwise ? "otherwise" : ch.tiers ? ch.compare + " " + ch.bound : ch.entry);
      });
    });
    array(o.field("vetoes"), e.vetoes, [&](const explanation::veto& v) {
      json_object x(out);
      x.text("name", v.name);
      x.text("reason", v.reason);
      x.flag("applies", v.applies);
      source(x, v.from);
    });
    if (e.has_vetoes_only) o.text("vetoed", e.vetoed);
    array(o.field("ceilings"), e.ceilings, [&](const explanation::ceiling& c) {
      json_object x(out);
      x.text("name", c.name);
      x.text("grade", c.grade);
      x.text("reason", c.reason);
      x.flag("lowered", c.lowered);
    });
    array(o.field("quotas"), e.quotas, [&](const explanation::quota& q) {
      json_object x(out);
      x.text("grade", q.grade);
      x.text("group", q.group);
      x.number("places", q.places);
      x.number("group_size", q.group_size);
      if (!q.base.empty()) x.text("base", q.base);
      x.number("ahead", q.ahead);
      x.number("tied", q.tied);
      x.number("rank", q.ahead + 1);
      x.flag("admitted", q.admitted);
      values(x.field("keys"), q.keys);
    });
    if (e.has_grades) {
      json_object g(o.field("grade"));
      g.text("name", e.grade);
      using h = explanation::grade_how;
      g.text("how", e.how == h::vetoed ? "vetoed" : e.how == h::otherwise ? "otherwise" : "condition");
      source(g, e.grade_from);
    } else {
      o.field("grade") += "null";
    }
    array(o.field("pools"), e.pools, [&](const explanation::pool& p) {
      json_object x(out);
      x.text("name", p.result.name);
      x.text("value", p.result.value);
      x.flag("eligible", p.eligible);
      if (p.eligible) {
        x.text("group", p.group);
        x.text("amount", p.amount);
        x.text("weight", p.weight);
        x.text("total_weight", p.total_weight);
        x.text("exact_share", p.exact_share);
        x.flag("leftover_cent", p.leftover_cent);
      }
    });
    array(o.field("actions"), e.actions, [&](const explanation::action& a) {
      json_object x(out);
      x.text("text", a.text);
      source(x, a.from);
    });
    strings(o.field("reasons"), e.reasons);
  }
}

}  // namespace

}  // namespace schemec
