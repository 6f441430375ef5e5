#!/usr/bin/env bash
# Cross-check schemec against the Python oracle on generated adversarial data.
#
# Usage: bash cross_check.sh PATH/TO/schemec SCHEMES_DIR
#   CROSS_SEEDS=N   seeds 1..N (default 25)
#   CROSS_KEEP=DIR  copy data, expected and actual output of every failing case into DIR
#
# Cases: r1, r1b, r2, r3 × seeds 1..N × (clean, --bad) × rows {1, 3, 7, 20, 150}; r3 also with
# --param reserve_rate=12%, 0.1, 20% and project_funds=333333.33 reserve_rate=12.5% (seeds 1..min(N,5),
# rows 20 and 150); and reserve_rate=21%, 0.21, 9.99% must make schemec exit non-zero.
# Per case: gen_data.py → data.csv; schemec run SCHEME data.csv --out out.csv [--param ...] (stderr
# ignored, a non-zero exit is a failure); oracle.py → expected.csv; compare.py expected.csv out.csv.
# For speed the generator, the oracle and the comparer run in one Python process each for all cases
# (the same code as the command-line tools); every failure prints standalone commands to reproduce it.
# Prints "cross-check: N passed, M failed"; exits 1 if anything failed.

set -u

if ! command -v python3 >/dev/null 2>&1; then
  echo "cross-check: skipped (no python3)"
  exit 0
fi
if [ $# -ne 2 ]; then
  echo "usage: bash cross_check.sh PATH/TO/schemec SCHEMES_DIR" >&2
  exit 2
fi

SCHEMEC=$1
SCHEMES_DIR=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SEEDS=${CROSS_SEEDS:-25}
KEEP=${CROSS_KEEP:-}
case "$SCHEMES_DIR" in
  /*) ;;
  *) SCHEMES_DIR="$(pwd)/$SCHEMES_DIR" ;;
esac
# shellcheck source=tests/oracle/cross_common.sh
. "$HERE/cross_common.sh"
cross_init cross-check 120

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cross_check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

scheme_file() {
  case "$1" in
    r1)  echo "$SCHEMES_DIR/social-worker-annual/social-worker-annual.scheme" ;;
    r1b) echo "$SCHEMES_DIR/social-worker-annual-jiangsu/social-worker-annual-jiangsu.scheme" ;;
    r2)  echo "$SCHEMES_DIR/social-worker-term/social-worker-term.scheme" ;;
    r3)  echo "$SCHEMES_DIR/performance-pay/performance-pay.scheme" ;;
  esac
}

# 1. The case list: one line per case, tab-separated: number, scheme, seed, rows, bad (0/1),
#    expect (ok/error), scheme file, params (space-separated name=value).
CASES="$WORK/cases.tsv"
: > "$CASES"
n=0
add_case() {  # scheme seed rows bad expect [param ...]
  local scheme=$1 seed=$2 rows=$3 bad=$4 expect=$5
  shift 5
  n=$((n + 1))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$scheme" "$seed" "$rows" "$bad" "$expect" \
    "$(scheme_file "$scheme")" "$*" >> "$CASES"
}
missing=0
for scheme in r1 r1b r2 r3; do
  if [ ! -f "$(scheme_file "$scheme")" ]; then
    echo "FAIL $scheme: scheme file not found: $(scheme_file "$scheme")"
    missing=$((missing + 1))
    continue
  fi
  for seed in $(seq 1 "$SEEDS"); do
    for bad in 0 1; do
      for rows in 1 3 7 20 150; do
        add_case "$scheme" "$seed" "$rows" "$bad" ok
      done
    done
  done
  if [ "$scheme" = r3 ]; then
    param_seeds=$SEEDS
    [ "$param_seeds" -gt 5 ] && param_seeds=5
    for seed in $(seq 1 "$param_seeds"); do
      for bad in 0 1; do
        for rows in 20 150; do
          add_case r3 "$seed" "$rows" "$bad" ok "reserve_rate=12%"
          add_case r3 "$seed" "$rows" "$bad" ok "reserve_rate=0.1"
          add_case r3 "$seed" "$rows" "$bad" ok "reserve_rate=20%"
          add_case r3 "$seed" "$rows" "$bad" ok "project_funds=333333.33" "reserve_rate=12.5%"
        done
      done
    done
    add_case r3 1 20 0 error "reserve_rate=21%"
    add_case r3 2 3 1 error "reserve_rate=0.21"
    add_case r3 3 7 0 error "reserve_rate=9.99%"
  fi
done

# 2. Data and expected output of every case (gen_data.py and oracle.py, imported).
if ! python3 - "$HERE" "$CASES" "$WORK" <<'PY'
import os, sys
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, sys.argv[1])
import gen_data, oracle
for line in open(sys.argv[2], encoding="utf-8"):
    number, scheme, seed, rows, bad, expect, _, params = line.rstrip("\n").split("\t")
    case = os.path.join(sys.argv[3], number)
    os.makedirs(case)
    data = os.path.join(case, "data.csv")
    with open(data, "wb") as f:
        f.write(gen_data.Gen(scheme, int(rows), int(seed), bad == "1").generate().encode("utf-8"))
    values = dict(p.split("=", 1) for p in params.split())
    try:
        text = oracle.run(scheme, data, values)
    except oracle.ParamError as e:
        open(os.path.join(case, "oracle_error"), "w").write(str(e))
        continue
    with open(os.path.join(case, "expected.csv"), "wb") as f:
        f.write(text.encode("utf-8"))
PY
then
  echo "cross-check: preparing the cases failed"
  echo "cross-check: 0 passed, $((n + missing)) failed"
  exit 1
fi

# 3. schemec on every case.
while IFS=$'\t' read -r number scheme seed rows bad expect path params; do
  args=()
  for p in $params; do args+=(--param "$p"); done
  rc=0
  $TIMEOUT "$SCHEMEC" run "$path" "$WORK/$number/data.csv" --out "$WORK/$number/out.csv" "${args[@]}" \
    < /dev/null > /dev/null 2> "$WORK/$number/stderr.txt" || rc=$?
  echo "$rc" > "$WORK/$number/rc"
done < "$CASES"

# 4. Verdicts (compare.py, imported).
python3 - "$HERE" "$CASES" "$WORK" "$SCHEMEC" "$KEEP" "$missing" <<'PY'
import contextlib, io, os, shutil, sys
here, cases, work, schemec, keep, missing = sys.argv[1:7]
sys.dont_write_bytecode = True
sys.path.insert(0, here)
import compare
passed, failed = 0, int(missing)
for line in open(cases, encoding="utf-8"):
    number, scheme, seed, rows, bad, expect, path, params = line.rstrip("\n").split("\t")
    case = os.path.join(work, number)
    rc = int(open(os.path.join(case, "rc")).read())
    out = os.path.join(case, "out.csv")
    badflag = " --bad" if bad == "1" else ""
    pargs = "".join(" --param " + p for p in params.split())
    label = "%s seed=%s rows=%s%s%s" % (scheme, seed, rows, badflag, pargs)
    gen = "python3 %s/gen_data.py %s --rows %s --seed %s%s > data.csv" % (here, scheme, rows, seed, badflag)
    run = "%s run %s data.csv --out out.csv%s" % (schemec, path, pargs)
    problem, details = None, ""
    if expect == "error":
        if not os.path.exists(os.path.join(case, "oracle_error")):
            problem = "the oracle accepted%s" % pargs
        elif rc == 0:
            problem = "schemec exited 0 for%s (must be an error)" % pargs
    elif os.path.exists(os.path.join(case, "oracle_error")):
        problem = "oracle error: " + open(os.path.join(case, "oracle_error")).read()
    elif rc != 0:
        stderr = open(os.path.join(case, "stderr.txt"), "rb").read()[:300].decode("utf-8", "replace")
        problem = "schemec exited %d: %s" % (rc, stderr.replace("\n", " "))
    elif not os.path.exists(out):
        problem = "schemec wrote no output file"
    else:
        report = io.StringIO()
        with contextlib.redirect_stdout(report):
            status = compare.main(["compare.py", os.path.join(case, "expected.csv"), out])
        if status != 0:
            problem = "output differs"
            lines = report.getvalue().splitlines()
            details = "".join("    %s\n" % l for l in lines[:12] + (lines[-1:] if len(lines) > 12 else []))
            run += ("; python3 %s/oracle.py %s data.csv%s > expected.csv; python3 %s/compare.py expected.csv out.csv"
                    % (here, scheme, pargs, here))
    if problem is None:
        passed += 1
        continue
    failed += 1
    print("FAIL %s: %s" % (label, problem))
    print("  reproduce: %s; %s" % (gen, run))
    sys.stdout.write(details)
    if keep:
        target = os.path.join(keep, label.replace(" ", "_").replace("=", "-").replace("%", "pct"))
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(case, target)
print("cross-check: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
