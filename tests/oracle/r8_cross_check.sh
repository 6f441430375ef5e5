#!/usr/bin/env bash
# Cross-check schemec's dataset constraints against tests/oracle/r8_oracle.py on random staff data.
#
# Usage: bash tests/oracle/r8_cross_check.sh PATH/TO/schemec [SCHEMES_DIR]   (R8_SEEDS=N, default 200)
# Per seed: r8_oracle.py --gen SEED → staff.csv; schemec run SCHEMES_DIR/union-staffing/union-staffing.scheme
# staff=staff.csv --out out.csv must write what r8_oracle.py staff.csv prints, and exit 1 exactly when there
# is a violation (0 otherwise). Prints "r8-cross-check: N passed, M failed"; exits 1 if anything failed.
set -u
if ! command -v python3 >/dev/null 2>&1; then echo "r8-cross-check: skipped (no python3)"; exit 0; fi
if [ $# -lt 1 ]; then echo "usage: bash r8_cross_check.sh PATH/TO/schemec [SCHEMES_DIR]" >&2; exit 2; fi
SCHEMEC=$1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCHEMES_DIR=${2:-$HERE/../../schemes}
SCHEME=$SCHEMES_DIR/union-staffing/union-staffing.scheme
WORK=$(mktemp -d "${TMPDIR:-/tmp}/r8_cross.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
for seed in $(seq 1 "${R8_SEEDS:-200}"); do
  python3 "$HERE/r8_oracle.py" --gen "$seed" >"$WORK/staff.csv"
  python3 "$HERE/r8_oracle.py" "$WORK/staff.csv" >"$WORK/expected.csv"
  rm -f "$WORK/out.csv"
  "$SCHEMEC" run "$SCHEME" "staff=$WORK/staff.csv" --out "$WORK/out.csv" --no-bom 2>"$WORK/stderr"  # compared byte for byte
  status=$?
  want=0
  [ "$(wc -l <"$WORK/expected.csv")" -gt 1 ] && want=1
  if [ "$status" = "$want" ] && cmp -s "$WORK/expected.csv" "$WORK/out.csv"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL seed $seed: exit $status (expected $want); reproduce: python3 $HERE/r8_oracle.py --gen $seed > staff.csv"
    diff -u "$WORK/expected.csv" "$WORK/out.csv" | head -20 | sed 's/^/    /'
  fi
done
echo "r8-cross-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
