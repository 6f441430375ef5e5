#!/usr/bin/env bash
# Cross-check schemec against the Python oracles of the multi-table schemes R4–R7 and of the unseen-policy
# schemes U1–U3 (expert-review, grid-workers, street-departments; data from gen_unseen.py).
#
# Usage: bash multi_cross_check.sh PATH/TO/schemec SCHEMES_DIR
#        bash multi_cross_check.sh --compare EXPECTED.csv ACTUAL.csv
#   CROSS_SEEDS=N   seeds 1..N, each clean and with --bad: 2N datasets per scheme (default 50 → 100)
#   CROSS_KEEP=DIR  copy the tables, expected and actual output of every failing case into DIR
#
# Schemes: r4 community-centre, r5 labour-station, r6 sanshe-communities, r7 service-projects, u1
# expert-review, u2 grid-workers, u3 street-departments. A scheme
# whose SCHEMES_DIR/<name>/<name>.scheme does not exist is skipped with a note (a failure when the
# environment variable CROSS_REQUIRE_ALL is set, as in scripts/test.sh). Per case:
# gen_r4567.py writes the tables; schemec run SCHEME participants=… ratings=… --out out.csv (tables bound
# by name, stderr ignored, a non-zero exit is a failure); rN_oracle.py gives expected.csv; the two are
# compared cell by cell:
#   * the same header, the same number of rows, in each row the same key and the same status;
#   * `ok` rows: every cell equal (exact text);
#   * `invalid` rows: the reasons text is free (the oracle writes `<invalid>`) but must not be empty, and
#     every other cell of the actual row must be empty;
#   * u1 and u3 (schemes with a 约束) also run with --violations FILE: the table must equal the oracle's
#     byte for byte, and the exit code is 1 when it lists a violation (0 otherwise).
# Prints the first differences of each failing case with commands that reproduce it, then
# "multi-cross-check: N passed, M failed"; exits 1 on any failure.
# --compare runs only the comparison of two files (prints every difference; exits 1 on any).
# Without python3 it prints "multi-cross-check: skipped (no python3)" and exits 0.

set -u

if ! command -v python3 >/dev/null 2>&1; then
  echo "multi-cross-check: skipped (no python3)"
  exit 0
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/multi_cross_check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The comparison and verdict logic, one Python program used by both modes.
cat > "$WORK/mcc.py" <<'PY'
import contextlib, csv, io, os, shutil, sys

def read(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return [row for row in csv.reader(io.StringIO(text, newline="")) if row != []]

def compare(expected_path, actual_path):
    """The list of differences (strings)."""
    try:
        expected, actual = read(expected_path), read(actual_path)
    except OSError as e:
        return ["cannot read: %s" % e]
    if not expected:
        return ["expected file %s is empty" % expected_path]
    if not actual:
        return ["actual file %s is empty" % actual_path]
    if expected[0] != actual[0]:
        return ["header: expected %r, actual %r" % (",".join(expected[0]), ",".join(actual[0]))]
    header = expected[0]
    status, reasons = header.index("status"), header.index("reasons")
    out = []
    e_rows, a_rows = expected[1:], actual[1:]
    if len(e_rows) != len(a_rows):
        out.append("row count: expected %d, actual %d" % (len(e_rows), len(a_rows)))
    for number, (e, a) in enumerate(zip(e_rows, a_rows), start=1):
        if len(a) != len(header):
            out.append("row %d (%s): %d cells, the header has %d" % (number, e[0], len(a), len(header)))
        e = e + [""] * (len(header) - len(e))
        a = a + [""] * (len(header) - len(a))
        where = "row %d (%s %s)" % (number, header[0], e[0])
        if e[0] != a[0]:
            out.append("%s: column %s: expected %r, actual %r" % (where, header[0], e[0], a[0]))
        if e[status] != a[status]:
            out.append("%s: column status: expected %r, actual %r" % (where, e[status], a[status]))
            continue
        if e[status] == "invalid":
            for c in range(len(header)):
                if c not in (0, status, reasons) and a[c] != "":
                    out.append("%s: invalid row: column %s must be empty, actual %r" % (where, header[c], a[c]))
            if a[reasons] == "":
                out.append("%s: invalid row without a reason" % where)
            continue
        for c in range(len(header)):
            if e[c] != a[c]:
                out.append("%s: column %s: expected %r, actual %r" % (where, header[c], e[c], a[c]))
    return out

def main_compare(expected_path, actual_path):
    differences = compare(expected_path, actual_path)
    for line in differences:
        print(line)
    rows = max(len(read(expected_path)) - 1, 0) if os.path.exists(expected_path) else 0
    print("compare: %d rows, %d differences" % (rows, len(differences)))
    return 1 if differences else 0

TABLES = {"r4": ("participants", "ratings"), "r5": ("participants", "stations"),
          "r6": ("quarters", "history"), "r7": ("projects",),
          "u1": ("projects", "ratings"), "u2": ("monthly", "workers"),
          "u3": ("departments", "leader_ratings", "notices")}

WITH_VIOLATIONS = ("u1", "u3")

def prepare(here, cases, work):
    """Tables and expected output of every case."""
    sys.path.insert(0, here)
    import gen_r4567, gen_unseen, r4_oracle, r5_oracle, r6_oracle, r7_oracle, u1_oracle, u2_oracle, u3_oracle
    oracles = {"r4": r4_oracle, "r5": r5_oracle, "r6": r6_oracle, "r7": r7_oracle,
               "u1": u1_oracle, "u2": u2_oracle, "u3": u3_oracle}
    for line in open(cases, encoding="utf-8"):
        number, scheme, seed, bad, _ = line.rstrip("\n").split("\t")
        case = os.path.join(work, number)
        generator = gen_unseen if scheme.startswith("u") else gen_r4567
        paths = generator.write(scheme, int(seed), case, None, bad == "1")
        with open(os.path.join(case, "args"), "w", encoding="utf-8") as f:
            f.write("\n".join("%s=%s" % (t, paths[t]) for t in TABLES[scheme]) + "\n")
        with open(os.path.join(case, "expected.csv"), "wb") as f:
            f.write(oracles[scheme].run(paths).encode("utf-8"))
        if scheme in WITH_VIOLATIONS:  # a scheme with a 约束: its --violations table too
            with open(os.path.join(case, "expected_violations.csv"), "wb") as f:
                f.write(oracles[scheme].run(paths, violations=True).encode("utf-8"))

def verdicts(here, cases, work, schemec, keep, script):
    passed = failed = 0
    for line in open(cases, encoding="utf-8"):
        number, scheme, seed, bad, path = line.rstrip("\n").split("\t")
        case = os.path.join(work, number)
        rc = int(open(os.path.join(case, "rc")).read())
        out = os.path.join(case, "out.csv")
        badflag = " --bad" if bad == "1" else ""
        label = "%s seed=%s%s" % (scheme, seed, badflag)
        tables = " ".join("%s=d/%s.csv" % (t, t) for t in TABLES[scheme])
        generator = "gen_unseen" if scheme.startswith("u") else "gen_r4567"
        reproduce = ("python3 %s/%s.py %s --seed %s --outdir d%s; %s run %s %s --out out.csv; "
                     "python3 %s/%s_oracle.py %s > expected.csv; bash %s --compare expected.csv out.csv"
                     % (here, generator, scheme, seed, badflag, schemec, path, tables, here, scheme, tables,
                        script))
        problem, details = None, []
        expected_violations = os.path.join(case, "expected_violations.csv")
        broken = os.path.exists(expected_violations) and len(read(expected_violations)) > 1
        if broken and rc == 1:
            rc = 0  # a broken 约束 exits 1; the violations are compared below
        elif broken:
            problem = "schemec exited %d, expected 1 (a 约束 is broken)" % rc
        if problem is not None:
            pass
        elif rc != 0:
            stderr = open(os.path.join(case, "stderr.txt"), "rb").read()[:300].decode("utf-8", "replace")
            problem = "schemec exited %d: %s" % (rc, stderr.replace("\n", " "))
        elif not os.path.exists(out):
            problem = "schemec wrote no output file"
        else:
            details = compare(os.path.join(case, "expected.csv"), out)
            if os.path.exists(expected_violations):
                actual = os.path.join(case, "violations.csv")
                if not os.path.exists(actual) or open(actual, "rb").read() != open(expected_violations, "rb").read():
                    details.append("the --violations table differs: see %s and %s" % (expected_violations, actual))
            if details:
                problem = "output differs (%d differences)" % len(details)
        if problem is None:
            passed += 1
            continue
        failed += 1
        print("FAIL %s: %s" % (label, problem))
        print("  reproduce: %s" % reproduce)
        for d in details[:10]:
            print("    " + d)
        if len(details) > 10:
            print("    … %d more" % (len(details) - 10))
        if keep:
            target = os.path.join(keep, label.replace(" ", "_").replace("=", "-"))
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(case, target)
    return passed, failed

if __name__ == "__main__":
    sys.dont_write_bytecode = True
    mode = sys.argv[1]
    if mode == "compare":
        sys.exit(main_compare(sys.argv[2], sys.argv[3]))
    if mode == "prepare":
        prepare(*sys.argv[2:5])
        sys.exit(0)
    if mode == "verdicts":
        here, cases, work, schemec, keep, script, skipped = sys.argv[2:9]
        passed, failed = verdicts(here, cases, work, schemec, keep, script)
        note = ", %s scheme(s) skipped" % skipped if skipped != "0" else ""
        print("multi-cross-check: %d passed, %d failed%s" % (passed, failed, note))
        sys.exit(1 if failed else 0)
PY

if [ "${1:-}" = "--compare" ]; then
  if [ $# -ne 3 ]; then
    echo "usage: bash multi_cross_check.sh --compare EXPECTED.csv ACTUAL.csv" >&2
    exit 2
  fi
  python3 "$WORK/mcc.py" compare "$2" "$3"
  exit $?
fi
if [ $# -ne 2 ]; then
  echo "usage: bash multi_cross_check.sh PATH/TO/schemec SCHEMES_DIR" >&2
  exit 2
fi

SCHEMEC=$1
SCHEMES_DIR=$2
SEEDS=${CROSS_SEEDS:-50}
KEEP=${CROSS_KEEP:-}
SCRIPT="$HERE/$(basename "${BASH_SOURCE[0]}")"
case "$SCHEMES_DIR" in
  /*) ;;
  *) SCHEMES_DIR="$(pwd)/$SCHEMES_DIR" ;;
esac
# shellcheck source=tests/oracle/cross_common.sh
. "$HERE/cross_common.sh"
cross_init multi-cross-check 120

# 1. The case list: number, scheme, seed, bad (0/1), scheme file.
CASES="$WORK/cases.tsv"
: > "$CASES"
n=0
skipped=0
for pair in r4:community-centre r5:labour-station r6:sanshe-communities r7:service-projects \
            u1:expert-review u2:grid-workers u3:street-departments; do
  scheme=${pair%%:*}
  name=${pair#*:}
  path="$SCHEMES_DIR/$name/$name.scheme"
  if [ ! -f "$path" ]; then
    if [ -n "${CROSS_REQUIRE_ALL:-}" ]; then
      echo "FAIL $scheme: $path does not exist (CROSS_REQUIRE_ALL is set)"
      exit 1
    fi
    echo "note: $scheme skipped: $path does not exist"
    skipped=$((skipped + 1))
    continue
  fi
  for seed in $(seq 1 "$SEEDS"); do
    for bad in 0 1; do
      n=$((n + 1))
      printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$scheme" "$seed" "$bad" "$path" >> "$CASES"
    done
  done
done

# 2. Tables and expected output (gen_r4567.py and the oracles, imported once).
if ! python3 "$WORK/mcc.py" prepare "$HERE" "$CASES" "$WORK"; then
  echo "multi-cross-check: preparing the cases failed"
  echo "multi-cross-check: 0 passed, $n failed"
  exit 1
fi

# 3. schemec on every case.
while IFS=$'\t' read -r number scheme seed bad path; do
  args=()
  while IFS= read -r a; do args+=("$a"); done < "$WORK/$number/args"
  rc=0
  if [ -f "$WORK/$number/expected_violations.csv" ]; then args+=(--violations "$WORK/$number/violations.csv"); fi
  $TIMEOUT "$SCHEMEC" run "$path" "${args[@]}" --out "$WORK/$number/out.csv" --no-bom \
    < /dev/null > /dev/null 2> "$WORK/$number/stderr.txt" || rc=$?
  echo "$rc" > "$WORK/$number/rc"
done < "$CASES"

# 4. Verdicts.
python3 "$WORK/mcc.py" verdicts "$HERE" "$CASES" "$WORK" "$SCHEMEC" "$KEEP" "$SCRIPT" "$skipped"
