#!/usr/bin/env bash
# --explain (docs/language.md §33): several rows by repeating the option, JSON with --format json (checked
# with python's json module, field by field), --lang, a key that matches no row (did you mean, exit 1,
# nothing on standard output), and an explanation that does not depend on where the files are (base names).
# Usage: bash tests/cli/explain.sh PATH/TO/schemec   (from the repository root)
set -u
bin=$(realpath "$1")
ex=docs/examples/explain-chinese
scheme=$ex/explain-chinese.scheme
data=$ex/participants.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# Several ids: the explanations in the order asked, separated by one blank line.
"$bin" run "$scheme" "$data" --explain A05 --explain ' A02 ' >"$tmp/two" 2>"$tmp/err"
{ cat "$ex/expected.explain.A05"; echo; cat "$ex/expected.explain.A02"; } >"$tmp/want"
if cmp -s "$tmp/two" "$tmp/want"; then ok; else fail "--explain A05 --explain A02"; diff "$tmp/want" "$tmp/two" | head -5; fi

# Where the files are does not matter: copies under another directory, given by absolute paths.
mkdir -p "$tmp/某区/公示"
cp "$scheme" "$data" "$tmp/某区/公示/"
"$bin" run "$tmp/某区/公示/explain-chinese.scheme" "$tmp/某区/公示/participants.csv" --explain A02 >"$tmp/moved" 2>/dev/null
if cmp -s "$tmp/moved" "$ex/expected.explain.A02"; then ok; else fail "the explanation depends on the files' directory"; diff "$ex/expected.explain.A02" "$tmp/moved" | head -5; fi
if grep -q "$tmp" "$tmp/moved"; then fail "a path in the explanation"; else ok; fi

# --lang en: the English text of a Chinese scheme.
"$bin" run "$scheme" "$data" --explain A02 --lang en >"$tmp/en" 2>/dev/null
if head -1 "$tmp/en" | grep -qx 'Row A02 (participants.csv:3) of scheme 街道社工年度考核（说明示例）' && grep -q '^Grade: 优秀 — its condition holds$' "$tmp/en"; then ok; else fail "--lang en"; head -3 "$tmp/en"; fi

# A key that matches no row: did you mean, exit 1, nothing written; a comma list is one (unknown) key.
"$bin" run "$scheme" "$data" --explain A02 --explain A2 >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && grep -qx "schemec: error: no row with id 'A2' in $data; did you mean 'A02'?" "$tmp/err"; then ok; else fail "unknown key: exit $rc"; cat "$tmp/err"; fi
"$bin" run "$scheme" "$data" --explain A02,A05 >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -q "to explain several rows, repeat --explain KEY" "$tmp/err"; then ok; else fail "comma list: exit $rc"; cat "$tmp/err"; fi
"$bin" run "$scheme" "$data" --explain '' >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && grep -qx "schemec: error: no row with id '' in $data" "$tmp/err"; then ok; else fail "empty key: exit $rc"; cat "$tmp/err"; fi

# JSON: an array of one object per row, in the order asked.
if "$bin" run "$scheme" "$data" --format json --explain A02 --explain A04 --explain A03 --explain A05 >"$tmp/json" 2>"$tmp/err" &&
   /usr/bin/python3 - "$tmp/json" "$ex" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
ex = sys.argv[2]
assert [r["key"] for r in rows] == ["A02", "A04", "A03", "A05"], [r["key"] for r in rows]
a02, a04, a03, a05 = rows
for r in rows:
    assert r["language"] == "zh" and r["status"] == "ok" and r["file"] == "participants.csv", r
    assert r["scheme"] == "街道社工年度考核（说明示例）"
    assert r["text"] == open(ex + "/expected.explain." + r["key"], encoding="utf-8").read(), r["key"]
assert a02["line"] == 3
assert {"name": "score", "label": "考评得分", "value": "86"} in a02["inputs"]
values = {v["name"]: v for v in a02["values"]}
assert values["bonus"]["value"] == "5" and values["bonus"]["capped"] is True, values["bonus"]
assert values["total"]["value"] == "91.00" and values["total"]["label"] == "年度总分"
assert values["total"]["file"] == "explain-chinese.scheme" and values["total"]["line"] == 20
assert values["total"]["source"] == "total 「年度总分」 = 四舍五入（score + bonus，2）"
assert a02["grade"] == {"name": "优秀", "how": "condition", "file": "explain-chinese.scheme", "line": 31,
                        "source": "优秀：total >= 85 且 support >= 80"}, a02["grade"]
q = a02["quotas"][0]
assert (q["grade"], q["group"], q["places"], q["group_size"], q["rank"], q["admitted"]) == ("优秀", "东街社工站", 2, 5, 1, True), q
assert q["keys"] == [{"name": "total", "value": "91.00"}]
q = a05["quotas"][0]
assert (q["rank"], q["ahead"], q["tied"], q["admitted"]) == (3, 2, 1, False), q
p = a02["pools"][0]
assert (p["name"], p["group"], p["amount"], p["weight"], p["total_weight"], p["value"], p["eligible"]) == \
    ("pay", "东街社工站", "10000.00", "1.2", "4.4", "2727.27", True), p
assert p["exact_share"].startswith("2727.2727") and p["leftover_cent"] is False
assert a05["pools"][0]["leftover_cent"] is True
assert [v["applies"] for v in a04["vetoes"]] == [True] and a04["vetoes"][0]["reason"] == "重大工作失误"
assert a04["grade"]["how"] == "vetoed" and a04["reasons"] == ["重大工作失误"]
assert a03["ceilings"] == [{"name": "投诉", "grade": "合格", "reason": "有效投诉3次以上", "lowered": True}], a03["ceilings"]
assert a03["quotas"] == [] and a03["reasons"] == ["有效投诉3次以上"]
PY
then ok; else fail "--format json"; head -c 400 "$tmp/err"; fi

# JSON of an invalid row: its reasons; and --lang en gives the English text.
"$bin" run docs/examples/guide/annual/annual.scheme docs/examples/guide/annual-bad/participants.csv --explain G09 --format json --lang en >"$tmp/bad" 2>/dev/null
if /usr/bin/python3 -c '
import json, sys
[r] = json.load(open(sys.argv[1], encoding="utf-8"))
assert r["status"] == "invalid" and r["language"] == "en", r
assert r["reasons"] == ["participants.csv:10: column '"'"'report_score'"'"' is empty"], r["reasons"]
assert r["text"].startswith("Row G09 (participants.csv:10) of scheme ")
assert "inputs" not in r
' "$tmp/bad"; then ok; else fail "--format json, invalid row"; cat "$tmp/bad"; fi

echo "explain: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
