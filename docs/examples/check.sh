#!/usr/bin/env bash
# Runs every example of the documentation and compares it with the results the documents show.
#
#   bash docs/examples/check.sh [PATH/TO/schemec]          # default: build/schemec of the repository
#   UPDATE=1 bash docs/examples/check.sh [PATH/TO/schemec] # rewrite the expected files, then review `git diff`
#
# It may be started from any directory. A relative PATH/TO/schemec is taken from the current directory
# when such a file exists there, else from the repository root (so `build/schemec` works from both).
#
# Layout. Every directory D under docs/examples/ that holds a data file (a *.csv other than expected*.csv)
# is one example run:
#   data       every data file of D, bound to its input table by name: D/participants.csv is passed as
#              participants=D/participants.csv, D/stations.csv as stations=D/stations.csv (in name order)
#   scheme     D/<name of D>.scheme, or the path (relative to D) written on the first line of the file D/scheme
#   arguments  the first line of D/args, if present (e.g. `--param reserve_rate=12%`)
#   expected   D/expected.csv    what `schemec run SCHEME NAME=D/NAME.csv … --out FILE ARGS` writes; when ARGS
#                                has its own --out (e.g. `--out -`), the run gets no --out FILE and
#                                expected.csv is what it writes on standard output
#              D/expected.stderr what it prints on standard error (only kept when not empty)
#              D/expected.exit   its exit code (only kept when not 0)
#   explain    D/explain holds row keys, one per line; for each key K, D/expected.explain.K is the output of
#              the same run with `--explain K`
# Every docs/examples/diagnostics/NAME.scheme is checked with `schemec check`: its standard error must equal
# NAME.stderr and its exit code NAME.exit.
# The script runs from the repository root, so file names in messages read docs/examples/….
# Prints one FAIL line per difference and then `examples: N passed, M failed`; exits 1 if M > 0 (also when
# schemec is missing). With UPDATE=1 nothing is compared: the last line says the expectations were rewritten.

set -u
# The expectations are in English: messages follow the locale (issue 16), so pin it whatever the machine's is.
export LC_ALL=C.UTF-8
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCHEMEC=${1:-}
if [ -z "$SCHEMEC" ]; then SCHEMEC="$ROOT/build/schemec"
else
  case "$SCHEMEC" in
    /*) ;;
    *) if [ -f "$SCHEMEC" ]; then SCHEMEC="$(cd "$(dirname "$SCHEMEC")" && pwd)/$(basename "$SCHEMEC")"
       else SCHEMEC="$ROOT/$SCHEMEC"; fi ;;
  esac
fi
if ! cd "$ROOT"; then
  echo "FAIL cannot enter the repository root $ROOT"
  echo "examples: 0 passed, 1 failed"
  exit 1
fi
if [ ! -x "$SCHEMEC" ]; then
  echo "FAIL schemec not found: $SCHEMEC (build it with: cmake --build build)"
  echo "examples: 0 passed, 1 failed"
  exit 1
fi
UPDATE=${UPDATE:-}
[ "$UPDATE" = 0 ] && UPDATE=""
if ! WORK=$(mktemp -d "${TMPDIR:-/tmp}/doc_examples.XXXXXX"); then
  echo "FAIL cannot create a temporary directory"
  echo "examples: 0 passed, 1 failed"
  exit 1
fi
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

first_line() { local l=""; IFS= read -r l <"$1" || true; printf '%s' "${l%$'\r'}"; }

# compare LABEL EXPECTED ACTUAL [optional]: equal files pass; with "optional", a missing EXPECTED means "empty".
compare() {
  local want=$2
  if [ ! -f "$want" ]; then
    if [ "${4:-}" = optional ]; then want=/dev/null; else
      failed=$((failed + 1)); echo "FAIL $1: $2 is missing"; return 1
    fi
  fi
  if cmp -s "$want" "$3"; then return 0; fi
  failed=$((failed + 1))
  echo "FAIL $1: differs from $2"
  diff -u "$want" "$3" | head -n 40 | sed 's/^/    /'
  return 1
}

# keep FILE CONTENT-FILE: writes the expectation, or removes it when CONTENT-FILE is empty (optional ones).
keep() { if [ -s "$2" ]; then cp "$2" "$1"; else rm -f "$1"; fi; }

while IFS= read -r dir; do
  name=$(basename "$dir")
  if [ -f "$dir/scheme" ]; then scheme="$dir/$(first_line "$dir/scheme")"; else scheme="$dir/$name.scheme"; fi
  args=()
  if [ -f "$dir/args" ]; then read -r -a args <<<"$(first_line "$dir/args")"; fi
  out=(--out "$WORK/out.csv")
  for a in ${args[@]+"${args[@]}"}; do case "$a" in --out|-o|--out=*) out=() ;; esac; done
  data=()
  for f in "$dir"/*.csv; do
    case "$(basename "$f")" in expected*.csv) continue ;; esac
    [ -f "$f" ] && data+=("$(basename "$f" .csv)=$f")
  done
  rm -f "$WORK/out.csv"
  "$SCHEMEC" run "$scheme" "${data[@]}" ${out[@]+"${out[@]}"} ${args[@]+"${args[@]}"} \
    >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
  echo "$?" >"$WORK/exit"
  [ ${#out[@]} -eq 0 ] && cp "$WORK/stdout" "$WORK/out.csv"
  [ -f "$WORK/out.csv" ] || : >"$WORK/out.csv"
  # --out FILE.csv starts with the UTF-8 byte-order mark; the documents show the text after it
  if [ "$(head -c 3 "$WORK/out.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ]; then tail -c +4 "$WORK/out.csv" >"$WORK/out.text" && mv "$WORK/out.text" "$WORK/out.csv"; fi
  [ "$(cat "$WORK/exit")" = 0 ] && : >"$WORK/exit.kept" || cp "$WORK/exit" "$WORK/exit.kept"
  if [ -n "$UPDATE" ]; then
    cp "$WORK/out.csv" "$dir/expected.csv"
    keep "$dir/expected.stderr" "$WORK/stderr"
    keep "$dir/expected.exit" "$WORK/exit.kept"
  else
    ok=1
    compare "$dir" "$dir/expected.csv" "$WORK/out.csv" || ok=0
    compare "$dir (stderr)" "$dir/expected.stderr" "$WORK/stderr" optional || ok=0
    compare "$dir (exit code)" "$dir/expected.exit" "$WORK/exit.kept" optional || ok=0
    [ "$ok" = 1 ] && passed=$((passed + 1))
  fi
  if [ -f "$dir/explain" ]; then
    while IFS= read -r key; do
      key=${key%$'\r'}
      [ -n "$key" ] || continue
      "$SCHEMEC" run "$scheme" "${data[@]}" --explain "$key" ${args[@]+"${args[@]}"} \
        >"$WORK/explain" 2>/dev/null </dev/null
      if [ -n "$UPDATE" ]; then cp "$WORK/explain" "$dir/expected.explain.$key"
      elif compare "$dir (--explain $key)" "$dir/expected.explain.$key" "$WORK/explain"; then passed=$((passed + 1)); fi
    done <"$dir/explain"
  fi
done < <(find docs/examples -name '*.csv' ! -name 'expected*.csv' -printf '%h\n' | LC_ALL=C sort -u)

for scheme in docs/examples/diagnostics/*.scheme; do
  [ -f "$scheme" ] || continue
  base=${scheme%.scheme}
  "$SCHEMEC" check "$scheme" >/dev/null 2>"$WORK/stderr" </dev/null
  echo "$?" >"$WORK/exit"
  if [ -n "$UPDATE" ]; then
    cp "$WORK/stderr" "$base.stderr"
    cp "$WORK/exit" "$base.exit"
  else
    ok=1
    compare "$scheme" "$base.stderr" "$WORK/stderr" || ok=0
    compare "$scheme (exit code)" "$base.exit" "$WORK/exit" || ok=0
    [ "$ok" = 1 ] && passed=$((passed + 1))
  fi
done

if [ -n "$UPDATE" ]; then echo "examples: expectations rewritten; review them with git diff"; exit 0; fi
echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
