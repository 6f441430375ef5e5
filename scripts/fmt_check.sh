#!/usr/bin/env bash
# CI: every scheme file under schemes/ and docs/examples/ is in the canonical layout of `schemec fmt`
# (docs/language.md §45). Usage: bash scripts/fmt_check.sh [PATH/TO/schemec] (from anywhere; default build/schemec).
# The files below are broken on purpose (examples of syntax errors and refused files): fmt refuses them, so
# they are left out — and each must still be refused, so that the list cannot go stale. A new file that
# does not parse fails the check: fix it, or add it here if it is broken on purpose.
set -u
cd "$(dirname "$0")/.."
bin="${1:-build/schemec}"
broken=(
  docs/examples/diagnostics/digit-name.scheme
  docs/examples/diagnostics/formula-too-deep.scheme
  docs/examples/diagnostics/full-width-digits.scheme
  docs/examples/diagnostics/glued-keyword.scheme
  docs/examples/diagnostics/grade-bare-reason.scheme
  docs/examples/diagnostics/if-without-else.scheme
  docs/examples/diagnostics/keyword-in-formula.scheme
  docs/examples/diagnostics/lookup-grades.scheme
  docs/examples/diagnostics/misspelt-keyword.scheme
  docs/examples/diagnostics/reserved-word.scheme
  docs/examples/diagnostics/scheme-gbk.scheme
  docs/examples/diagnostics/stray-line.scheme
  docs/examples/diagnostics/unclosed-block.scheme
  docs/examples/diagnostics/unclosed-text.scheme
)
status=0
files=()
while IFS= read -r f; do
  skip=0
  for b in "${broken[@]}"; do [ "$f" = "$b" ] && skip=1; done
  [ "$skip" -eq 0 ] && files+=("$f")
done < <(find schemes docs/examples -name '*.scheme' | sort)
for b in "${broken[@]}"; do
  if [ ! -f "$b" ]; then
    echo "fmt_check: $b is listed as broken on purpose but does not exist: take it out of scripts/fmt_check.sh"
    status=1
  elif "$bin" fmt --check --quiet "$b" >/dev/null 2>&1 || ! "$bin" fmt --stdout "$b" 2>&1 >/dev/null | grep -q 'not formatted'; then
    echo "fmt_check: $b is listed as broken on purpose but fmt formats it: take it out of scripts/fmt_check.sh"
    status=1
  fi
done
if ! "$bin" fmt --check "${files[@]}"; then
  echo "fmt_check: run 'schemec fmt FILE' on the files above (or list a file broken on purpose in scripts/fmt_check.sh)"
  status=1
fi
[ "$status" -eq 0 ] && echo "fmt_check: ${#files[@]} scheme files in the canonical layout (${#broken[@]} broken on purpose left out)"
exit "$status"
