#!/usr/bin/env bash
# `schemec check --format json` (language.md §33): over every case of the diagnostics corpus at once, standard
# output is one JSON array whose diagnostics are those of the text rendering (file, line, column, severity,
# message, hint, in order), with the same exit code; the end of a span; a good scheme gives [] and exit 0; an
# unreadable file has null positions and exit 3; --quiet leaves out warnings; --format xml is a usage error.
# Usage: bash tests/cli/check_json.sh PATH/TO/schemec   (from the repository root)
set -u
bin="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
cases=$(ls tests/diagnostics/*.scheme)
# shellcheck disable=SC2086
"$bin" check $cases >"$tmp/text.out" 2>"$tmp/text.err"
text_exit=$?
# shellcheck disable=SC2086
"$bin" check --format json $cases >"$tmp/json.out" 2>"$tmp/json.err"
json_exit=$?
"$bin" check --format json schemes/performance-pay/performance-pay.scheme >"$tmp/good.out" 2>"$tmp/good.err"
good_exit=$?
"$bin" check --format json "$tmp/none.scheme" >"$tmp/none.out" 2>/dev/null
none_exit=$?
"$bin" check --format json --quiet $cases >"$tmp/quiet.out" 2>/dev/null
"$bin" check --format xml schemes/performance-pay/performance-pay.scheme >/dev/null 2>&1
xml_exit=$?
"$py" - "$tmp" "$text_exit" "$json_exit" "$good_exit" "$none_exit" "$xml_exit" <<'PY'
import json, re, sys
tmp, text_exit, json_exit, good_exit, none_exit, xml_exit = sys.argv[1], *map(int, sys.argv[2:])
problems = []
def expect(cond, what):
    if not cond: problems.append(what)
text = open(f"{tmp}/text.err", encoding="utf-8").read().split("\n")
items = json.load(open(f"{tmp}/json.out", encoding="utf-8"))
expect(open(f"{tmp}/json.err").read() == "", "json mode wrote to standard error")
expect(text_exit == json_exit, f"exit codes differ: text {text_exit}, json {json_exit}")
# the text rendering's diagnostics: a header line, then the excerpt, then an optional '= hint:' line
head = re.compile(r"^(\S.*?):(\d+):(\d+): (error|warning|note): (.*)$")
want = []
for i, line in enumerate(text):
    m = head.match(line)
    if not m: continue
    hint = ""
    for nxt in text[i + 1:i + 4]:
        if head.match(nxt) or re.match(r"^\S", nxt): break
        h = re.match(r"^\s*= hint: (.*)$", nxt)
        if h: hint = h.group(1); break
    want.append((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5), hint))
got = [(d["file"], d["line"], d["column"], d["severity"], d["message"], d["hint"]) for d in items if d["column"] is not None]
expect(len(want) > 150, f"only {len(want)} positioned diagnostics in the text rendering")
expect(want == got, "the JSON diagnostics differ from the text ones: " +
       next((f"text {w} / json {g}" for w, g in zip(want, got) if w != g), f"{len(want)} vs {len(got)} diagnostics"))
for d in items:
    expect(set(d) == {"file", "line", "column", "end", "severity", "message", "hint", "code"}, f"fields of {d}")
    expect(d["code"] is None or re.fullmatch(r"[EW]\d{4}", d["code"]), f"the code of {d}")
    if d["column"] is not None:
        e = d["end"]
        expect((e["line"], e["column"]) > (d["line"], d["column"]) or e["line"] > d["line"] or
               (e["line"], e["column"]) == (d["line"], d["column"]), f"end before start: {d}")
# a syntax error carries its code (issue 16), the same whatever the language
coded = [d for d in items if d["message"] == "expected a formula"]
expect(coded and all(d["code"] == "E0001" for d in coded), f"the code of 'expected a formula': {coded}")
typo = [d for d in items if d["message"].startswith("unknown word '一票否绝'")]
expect(typo and all(t["end"] == {"line": t["line"], "column": t["column"] + 4} for t in typo),
       f"the span of the misspelt keyword: {typo}")
expect(json.load(open(f"{tmp}/good.out")) == [] and good_exit == 0, f"a good scheme: exit {good_exit}")
none = json.load(open(f"{tmp}/none.out"))
expect(none_exit == 3 and len(none) == 1 and none[0]["line"] is None and none[0]["end"] is None, f"a missing file: {none}")
quiet = json.load(open(f"{tmp}/quiet.out"))
expect(quiet and all(d["severity"] != "warning" for d in quiet) and any(d["severity"] == "warning" for d in items),
       "--quiet leaves out warnings")
expect(xml_exit == 2, f"--format xml: exit {xml_exit}")
for p in problems: print("FAIL:", p)
print(f"check_json: {len(problems)} failed")
sys.exit(1 if problems else 0)
PY
