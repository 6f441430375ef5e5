#!/usr/bin/env bash
# `schemec fmt` (docs/language.md §45). Usage: bash tests/cli/fmt.sh PATH/TO/schemec (from the repository root)
#  1. every shipped scheme (schemes/) and every docs example scheme (docs/examples/), its indentation removed, is formatted in a copy of
#     those trees: the result is idempotent (`fmt --check` on it exits 0, `fmt --stdout` gives it back), it
#     changed nothing but white space and the punctuation twins `：，（）` / `:,()`, `check --dump program` prints
#     the same program and `check` the same messages (positions and quoted source lines left out), and
#     every example run (the schemes' sample data, docs/examples' data and args) gives the same output, messages
#     and exit code. A scheme with syntax errors is refused and left byte for byte as it was. The same again
#     with `fmt --align` (aligned blocks) in a third copy of the trees.
#  2. the command line: exit codes, --check's diff, --stdout, standard input, nothing written by --check,
#     the punctuation style and --align on small files.
#  3. scripts/fmt_check.sh (what CI runs): the shipped trees are in the canonical layout.
set -u
bin="$1"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
ok() { passed=$((passed + 1)); }

# Positions (FILE:LINE:COL, "line N") and the quoted source lines under a message are what fmt may change.
strip_positions() { sed -E -e 's/:[0-9]+:[0-9]+:/:/g' -e 's/(line|行|第) ?[0-9]+/\1 N/g' -e '/^ *[0-9]* *\|/d' -e '/^ *\^/d'; }
# The words of a scheme: every line without white space, the punctuation twins written one way, blank lines and BOM gone.
words_only() { sed -e 's/^\xEF\xBB\xBF//' -e 's/[[:space:]]//g' -e 's/　//g' -e 's/：/:/g' -e 's/，/,/g' -e 's/（/(/g' -e 's/）/)/g' | grep -v '^$'; }
# A program dump without source positions (@LINE:COL or LINE:COL).
strip_dump() { sed -E -e 's/@?[0-9]+:[0-9]+//g'; }

mkdir -p "$tmp/copy/docs" "$tmp/aligned/docs" "$tmp/shifted"
cp -a schemes "$tmp/copy/schemes"
cp -a docs/examples "$tmp/copy/docs/examples"
cp -a schemes "$tmp/aligned/schemes"
cp -a docs/examples "$tmp/aligned/docs/examples"
mapfile -t files < <(find schemes docs/examples -name '*.scheme' | sort)
# Two defaced copies of each scheme: in the copied trees every line's indentation removed (fmt must give a
# scheme that means the same), and in shifted/ every line indented 3 more columns, with a space and a tab
# after it, every blank line doubled, two blank lines first and CRLF line ends (fmt must give back the file
# as shipped, when that is in the canonical layout).
python3 - "$tmp" "${files[@]}" <<'PY'
import os, sys
tmp = sys.argv[1]
for f in sys.argv[2:]:
    data = open(f, "rb").read()
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    lines = data[len(bom):].split(b"\n")
    for tree in ("copy", "aligned"):
        open(os.path.join(tmp, tree, f), "wb").write(bom + b"\n".join(l.lstrip(b" \t") for l in lines))
    shifted = [b"", b""]
    for l in lines:
        shifted += [b"", b""] if l.strip() == b"" else [b"   " + l + b" \t"]
    out = os.path.join(tmp, "shifted", f)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    open(out, "wb").write(bom + b"\r\n".join(shifted))
PY
shipped_changed=0 refused=0
for f in "${files[@]}"; do
  "$bin" fmt --stdout "$f" >"$tmp/formatted" 2>/dev/null
  code=$?
  [ "$code" -eq 0 ] && ! cmp -s "$f" "$tmp/formatted" && shipped_changed=$((shipped_changed + 1))
  cp "$tmp/copy/$f" "$tmp/defaced"
  (cd "$tmp/copy" && "$bin" fmt --quiet "$f" >/dev/null 2>"$tmp/fmt.err")
  if [ $? -ne "$code" ]; then fail "$f: fmt exits $code on the file as shipped, and otherwise on it without indentation"; fi
  if [ "$code" -ne 0 ]; then
    refused=$((refused + 1))
    if cmp -s "$tmp/defaced" "$tmp/copy/$f"; then ok; else fail "$f: fmt exit $code but the file changed"; fi
    continue
  fi
  "$bin" fmt --stdout "$tmp/shifted/$f" >"$tmp/unshifted" 2>/dev/null
  if ! cmp -s "$f" "$tmp/formatted" || cmp -s "$tmp/unshifted" "$f"; then ok
  else fail "$f: fmt of the file shifted right (with blanks and CRLF) does not give it back:"; diff "$f" "$tmp/unshifted" | head -10; fi
  # idempotent
  if (cd "$tmp/copy" && "$bin" fmt --check "$f" >"$tmp/diff" 2>&1); then ok; else fail "$f: not idempotent:"; head -20 "$tmp/diff"; fi
  (cd "$tmp/copy" && "$bin" fmt --stdout "$f" >"$tmp/again" 2>/dev/null)
  if cmp -s "$tmp/again" "$tmp/copy/$f"; then ok; else fail "$f: fmt --stdout of the formatted file differs from it"; fi
  (cd "$tmp/aligned" && "$bin" fmt --align --quiet "$f" >/dev/null 2>&1)
  if (cd "$tmp/aligned" && "$bin" fmt --align --check "$f" >"$tmp/diff" 2>&1); then ok; else fail "$f: fmt --align not idempotent:"; head -20 "$tmp/diff"; fi
  for tree in copy aligned; do
    # only white space and the punctuation twins changed
    if diff <(words_only <"$f") <(words_only <"$tmp/$tree/$f") >/dev/null; then ok
    else fail "$f: fmt ($tree) changed more than white space and punctuation twins"; diff <(words_only <"$f") <(words_only <"$tmp/$tree/$f") | head -6; fi
    # the same program and the same check result
    "$bin" check --dump program "$f" >"$tmp/a.out" 2>"$tmp/a.err"; a=$?
    (cd "$tmp/$tree" && "$bin" check --dump program "$f" >"$tmp/b.out" 2>"$tmp/b.err"); b=$?
    if [ "$a" -eq "$b" ] && diff <(strip_dump <"$tmp/a.out") <(strip_dump <"$tmp/b.out") >/dev/null &&
       diff <(strip_positions <"$tmp/a.err") <(strip_positions <"$tmp/b.err") >/dev/null; then ok
    else fail "$f: check --dump program differs after fmt ($tree; exit $a, then $b)"; diff <(strip_dump <"$tmp/a.out") <(strip_dump <"$tmp/b.out") | head -10; fi
  done
done

# The runs with sample data: schemes/NAME (every data file bound by name) and docs/examples/D (check.sh's layout).
run_case() {  # run_case SCHEME ARGS DATA…
  local scheme="$1" args="$2"
  shift 2
  local out_args=(--out -)
  case " $args " in *" --out "*|*" -o "*) out_args=() ;; esac
  # shellcheck disable=SC2086
  "$bin" run "$scheme" "$@" "${out_args[@]}" $args >"$tmp/a.out" 2>"$tmp/a.err"; local a=$?
  local tree
  for tree in copy aligned; do
    # shellcheck disable=SC2086
    (cd "$tmp/$tree" && "$bin" run "$scheme" "$@" "${out_args[@]}" $args >"$tmp/b.out" 2>"$tmp/b.err"); local b=$?
    if [ "$a" -eq "$b" ] && diff <(strip_dump <"$tmp/a.out") <(strip_dump <"$tmp/b.out") >/dev/null && diff <(strip_positions <"$tmp/a.err") <(strip_positions <"$tmp/b.err") >/dev/null; then ok
    else fail "run $scheme $*: output differs after fmt ($tree; exit $a, then $b)"; diff "$tmp/a.out" "$tmp/b.out" | head -5; fi
  done
}
runs=0
for d in schemes/*/; do
  name=$(basename "$d")
  data=()
  for c in "$d"*.csv; do
    stem=$(basename "$c" .csv)
    [ "$stem" = oracle-expected ] && continue
    data+=("$stem=$c")
  done
  [ "${#data[@]}" -gt 0 ] || continue
  run_case "$d$name.scheme" "" "${data[@]}"; runs=$((runs + 1))
done
for d in docs/examples/*/; do
  name=$(basename "$d")
  data=()
  for c in "$d"*.csv; do
    [ -e "$c" ] || continue
    case "$(basename "$c")" in expected*) continue ;; esac
    data+=("$(basename "$c" .csv)=$c")
  done
  [ "${#data[@]}" -gt 0 ] || continue
  scheme="$d$name.scheme"
  [ -f "${d}scheme" ] && scheme="$d$(head -n1 "${d}scheme")"
  args=""
  [ -f "${d}args" ] && args=$(head -n1 "${d}args")
  run_case "$scheme" "$args" "${data[@]}"; runs=$((runs + 1))
done

# The command line.
expect() {  # expect CODE DESCRIPTION COMMAND…
  local want="$1" what="$2"
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else fail "$what: exit $got, expected $want"; sed 's/^/  | /' "$tmp/err"; fi
}
mkdir -p "$tmp/cli"
printf '方案 「x」\n输入 p 键 id {\n    id：文本   \n\n\n}\n' >"$tmp/cli/messy.scheme"
printf '方案 「x」\n输入 p 键 id {\n  id：文本\n\n}\n' >"$tmp/cli/tidy.scheme"
printf '方案 「x」\n输入 p 键 id {\n  id：文本\n' >"$tmp/cli/broken.scheme"
cp "$tmp/cli/messy.scheme" "$tmp/cli/messy.orig"
expect 1 "fmt --check on a file that is not canonical" "$bin" fmt --check "$tmp/cli/messy.scheme"
# (the hunk GNU diff -u writes too)
printf -- '--- %s\n+++ %s (formatted)\n@@ -1,6 +1,5 @@\n 方案 「x」\n 输入 p 键 id {\n-    id：文本   \n-\n+  id：文本\n \n }\n' \
  "$tmp/cli/messy.scheme" "$tmp/cli/messy.scheme" >"$tmp/want.diff"
if cmp -s "$tmp/out" "$tmp/want.diff"; then ok; else fail "fmt --check's diff:"; diff "$tmp/want.diff" "$tmp/out"; fi
if grep -q '1 file is not in the canonical layout' "$tmp/err"; then ok; else fail "fmt --check's summary: $(cat "$tmp/err")"; fi
if cmp -s "$tmp/cli/messy.scheme" "$tmp/cli/messy.orig"; then ok; else fail "fmt --check wrote the file"; fi
expect 0 "fmt --check on a canonical file" "$bin" fmt --check "$tmp/cli/tidy.scheme"
if [ ! -s "$tmp/out" ]; then ok; else fail "fmt --check printed a diff for a canonical file"; fi
expect 1 "fmt --check on a canonical and a messy file" "$bin" fmt --check "$tmp/cli/tidy.scheme" "$tmp/cli/messy.scheme"
expect 0 "fmt --stdout" "$bin" fmt --stdout "$tmp/cli/messy.scheme"
if cmp -s "$tmp/out" "$tmp/cli/tidy.scheme" && cmp -s "$tmp/cli/messy.scheme" "$tmp/cli/messy.orig"; then ok; else fail "fmt --stdout: wrong text or the file was written"; fi
"$bin" fmt - <"$tmp/cli/messy.scheme" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && cmp -s "$tmp/out" "$tmp/cli/tidy.scheme"; then ok; else fail "fmt - (standard input to standard output)"; fi
expect 0 "fmt FILE" "$bin" fmt "$tmp/cli/messy.scheme"
if cmp -s "$tmp/cli/messy.scheme" "$tmp/cli/tidy.scheme"; then ok; else fail "fmt FILE did not write the canonical layout"; fi
if grep -qx "$tmp/cli/messy.scheme: formatted" "$tmp/err"; then ok; else fail "fmt FILE's message: $(cat "$tmp/err")"; fi
expect 0 "fmt FILE again (nothing to do)" "$bin" fmt "$tmp/cli/messy.scheme"
if [ ! -s "$tmp/err" ]; then ok; else fail "fmt on a canonical file printed: $(cat "$tmp/err")"; fi
cp "$tmp/cli/broken.scheme" "$tmp/cli/broken.orig"
expect 1 "fmt on a file with syntax errors" "$bin" fmt "$tmp/cli/broken.scheme"
if cmp -s "$tmp/cli/broken.scheme" "$tmp/cli/broken.orig" && grep -q 'not formatted: fix the errors above first' "$tmp/err"; then ok
else fail "fmt on a broken file: it changed, or no message: $(cat "$tmp/err")"; fi
printf '\xff\n' >"$tmp/cli/gbk.scheme"
expect 1 "fmt on a file that is not UTF-8" "$bin" fmt "$tmp/cli/gbk.scheme"
expect 3 "fmt on a missing file" "$bin" fmt "$tmp/cli/none.scheme"
expect 2 "fmt without a file" "$bin" fmt
expect 0 "fmt --help" "$bin" fmt --help
if grep -q -- '--check' "$tmp/out" && grep -q 'Exit codes' "$tmp/out"; then ok; else fail "fmt --help names --check and the exit codes"; fi

# The punctuation style and --align on a small file: the minority comma and colon follow the majority;
# texts and comments untouched; --align lines up the column lines.
printf '方案 「x」\n输入 p 键 id {\n  id：文本\n  score:小数 # a:b, c\n  名称：文本 「a, b」\n}\ntotal = max(score, 0)\n输出 total，id，score\n' >"$tmp/cli/mixed.scheme"
printf '方案 「x」\n输入 p 键 id {\n  id：文本\n  score：小数 # a:b, c\n  名称：文本 「a, b」\n}\ntotal = max(score，0)\n输出 total，id，score\n' >"$tmp/cli/mixed.want"
printf '方案 「x」\n输入 p 键 id {\n  id   ：文本\n  score：小数 # a:b, c\n  名称 ：文本 「a, b」\n}\ntotal = max(score，0)\n输出 total，id，score\n' >"$tmp/cli/mixed.aligned"
expect 0 "fmt --stdout: punctuation style" "$bin" fmt --stdout "$tmp/cli/mixed.scheme"
if cmp -s "$tmp/out" "$tmp/cli/mixed.want"; then ok; else fail "fmt's punctuation style:"; diff "$tmp/cli/mixed.want" "$tmp/out"; fi
expect 0 "fmt --align --stdout" "$bin" fmt --align --stdout "$tmp/cli/mixed.scheme"
if cmp -s "$tmp/out" "$tmp/cli/mixed.aligned"; then ok; else fail "fmt --align:"; diff "$tmp/cli/mixed.aligned" "$tmp/out"; fi
expect 1 "fmt --check on a file with minority punctuation" "$bin" fmt --check "$tmp/cli/mixed.scheme"
expect 0 "fmt --check on a file in the layout but not aligned (--align is not part of it)" "$bin" fmt --check "$tmp/cli/mixed.want"
expect 1 "fmt --align --check on a file not aligned" "$bin" fmt --align --check "$tmp/cli/mixed.want"
expect 0 "fmt --align --check on an aligned file" "$bin" fmt --align --check "$tmp/cli/mixed.aligned"

# What CI runs: the shipped trees are in the canonical layout, the broken files listed are still broken.
expect 0 "scripts/fmt_check.sh" bash scripts/fmt_check.sh "$bin"

echo "fmt: ${#files[@]} schemes ($shipped_changed not in the canonical layout as shipped, $refused refused: syntax errors), $runs runs; $passed passed, $failed failed"
[ "$failed" -eq 0 ]
