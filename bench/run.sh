#!/usr/bin/env bash
# CSC-1 benchmark: time `schemec run` on generated data, check its output, compare with `cat` (and DuckDB
# when it is installed). See bench/README.md.
#
# Usage: bash bench/run.sh [--schemec PATH] [--scheme PATH] [--sizes "100000 1000000"] [--seed S]
#                          [--pool-per-unit AMOUNT] [--duckdb-modules DIR] [--no-duckdb] [--repeat K]
#   --schemec PATH          default build/schemec
#   --scheme PATH           default schemes/csc1/csc1.scheme; when it does not exist the script says so and
#                           still times cat, the oracle and DuckDB
#   --sizes "N …"           default "100000 1000000"
#   --seed S                default 1
#   --pool-per-unit AMOUNT  only for a scheme with a fixed pool per unit (an experiment): passed to
#                           the oracle and the checker, and DuckDB is not compared (its SQL is CSC-1 itself)
#   --duckdb-modules DIR    a node_modules directory holding @duckdb/node-api (also $DUCKDB_NODE_MODULES;
#                           bench/node_modules is always tried)
#   --no-duckdb             skip DuckDB
#   --repeat K              K paired runs per size (default 3): schemec, then DuckDB, K times; reports the
#                           medians (never the best run), every run's time, the median of the pairs'
#                           ratios and the phases of schemec's median run (SCHEMEC_TIMING=1)
#   --quoted                also the same file with every name quoted (bench/quote_names.py: id, unit
#                           and post in double quotes, as Excel writes a cell holding a comma), run by
#                           schemec right after the plain file in each pair: medians of both, the median
#                           of the pairs' time and memory ratios, and the two outputs compared byte for byte
# Data files are generated once per (size, seed) into bench/data/ (git-ignored) and reused.
# Verification: sizes up to ORACLE_MAX_ROWS (default 100000) compare schemec's id,total,grade,pay with
# tests/oracle/csc1_oracle.py byte for byte (and DuckDB's output too); larger sizes run bench/check_csc1.py
# (row count, ids in order, quota per unit, every unit's pay = its pool) and compare schemec with DuckDB
# byte for byte when DuckDB ran. Exits 1 if any verification failed.

set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SCHEMEC="$ROOT/build/schemec"
SCHEME="$ROOT/schemes/csc1/csc1.scheme"
SIZES="100000 1000000"
SEED=1
POOL=""
DUCK_DIRS=()
[ -n "${DUCKDB_NODE_MODULES:-}" ] && DUCK_DIRS+=("$DUCKDB_NODE_MODULES")
USE_DUCKDB=1
REPEAT=3
QUOTED=0
ORACLE_MAX=${ORACLE_MAX_ROWS:-100000}

while [ $# -gt 0 ]; do
  case "$1" in
    --schemec) SCHEMEC=$2; shift 2 ;;
    --scheme) SCHEME=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --pool-per-unit) POOL=$2; shift 2 ;;
    --duckdb-modules) DUCK_DIRS+=("$2"); shift 2 ;;
    --no-duckdb) USE_DUCKDB=0; shift ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --quoted) QUOTED=1; shift ;;
    -h|--help) sed -n '2,28p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$SCHEMEC" in /*) ;; */*) SCHEMEC="$(pwd)/$SCHEMEC" ;; esac
case "$SCHEME" in /*) ;; *) SCHEME="$(pwd)/$SCHEME" ;; esac

DATA="$HERE/data"
OUT=$(mktemp -d "${TMPDIR:-/tmp}/csc1_bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$DATA"
POOL_ARGS=()
[ -n "$POOL" ] && POOL_ARGS=(--pool-per-unit "$POOL")

# measure WALL_AND_RSS_FILE CMD...: runs CMD (stdout/stderr to $OUT/last.log), writes "seconds peak_kib"
if [ -z "${BENCH_NO_GNU_TIME:-}" ] && [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
  measure() {  # wall from date +%s.%N (ms resolution; %e only has 10 ms), peak RSS from /usr/bin/time
    local file=$1 start end rc; shift
    start=$(date +%s.%N)
    /usr/bin/time -o "$file.time" -f '%M' "$@" > "$OUT/last.log" 2>&1
    rc=$?
    end=$(date +%s.%N)
    python3 -c "import sys; print('%.3f %s' % (float(sys.argv[2]) - float(sys.argv[1]), sys.argv[3]))" \
      "$start" "$end" "$(tail -1 "$file.time")" > "$file"
    return $rc
  }
  TIMER="wall: date +%s.%N around the command; peak RSS: /usr/bin/time -f %M"
else
  measure() {  # wall clock and the children's peak RSS (ru_maxrss, KiB on Linux) from Python
    local file=$1; shift
    python3 - "$file" "$@" > "$OUT/last.log" 2>&1 <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
rc = subprocess.call(sys.argv[2:])
wall = time.monotonic() - start
open(sys.argv[1], "w").write("%.3f %d\n" % (wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc)
PY
  }
  TIMER="python3 resource.getrusage(RUSAGE_CHILDREN)"
fi

ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print('%.2f' % (a / b) if b > 0 else 'n/a')" "$1" "$2"; }
per_second() { python3 -c "import sys; r, s = int(sys.argv[1]), float(sys.argv[2]); print('{:,.0f}'.format(r / s) if s > 0 else 'n/a')" "$1" "$2"; }
mib() { python3 -c "import sys; print('%.1f MiB' % (int(sys.argv[1]) / 1048576))" "$1"; }

# DuckDB: a CLI on PATH, else the Node.js client @duckdb/node-api (bench/node_modules or --duckdb-modules).
DUCK=""
DUCK_DESC=""
if [ "$USE_DUCKDB" = 1 ]; then
  if command -v duckdb >/dev/null 2>&1; then
    DUCK=cli
    DUCK_DESC="duckdb CLI $(duckdb --version 2>/dev/null | head -1)"
  elif command -v node >/dev/null 2>&1 && DUCK_DESC=$(node "$HERE/duckdb_run.mjs" --probe "${DUCK_DIRS[@]}" 2>/dev/null); then
    DUCK=node
  fi
fi
duckdb_command() {  # INPUT OUTPUT -> the command line (in the array DUCK_CMD) that writes OUTPUT
  if [ "$DUCK" = cli ]; then
    sed -e "s|__INPUT__|$1|g" -e "s|__OUTPUT__|$2|g" "$HERE/csc1.sql" > "$OUT/duck.sql"
    DUCK_CMD=(sh -c 'duckdb :memory: < "$0"' "$OUT/duck.sql")
  else
    DUCK_CMD=(node "$HERE/duckdb_run.mjs" "$HERE/csc1.sql" "$1" "$2" "${DUCK_DIRS[@]}")
  fi
}

echo "CSC-1 benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: bash bench/run.sh --schemec $SCHEMEC --scheme $SCHEME --sizes \"$SIZES\" --seed $SEED --repeat $REPEAT${POOL:+ --pool-per-unit $POOL}$([ "$QUOTED" = 1 ] && echo " --quoted")"
echo "timer: $TIMER"
HAVE_SCHEME=1
if [ ! -f "$SCHEME" ]; then
  echo "scheme: $SCHEME does not exist yet: schemec is not run (cat, the oracle and DuckDB are still timed)"
  HAVE_SCHEME=0
elif [ ! -x "$SCHEMEC" ]; then
  echo "schemec: $SCHEMEC not found or not executable: build it (bash scripts/build.sh) or pass --schemec"
  HAVE_SCHEME=0
else
  echo "schemec: $SCHEMEC (binary of $(date -u -r "$SCHEMEC" "+%Y-%m-%d %H:%M UTC"); repository at $( (cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null) || echo "?"))"
fi
[ -n "$POOL" ] && echo "NOTE: --pool-per-unit $POOL: a stand-in pool, not CSC-1 step 12"
if [ -n "$DUCK" ]; then echo "duckdb: $DUCK_DESC"; elif [ "$USE_DUCKDB" = 1 ]; then echo "duckdb: not installed (see bench/README.md)"; fi

failed=0
for N in $SIZES; do
  echo
  FILE="$DATA/csc1_${N}_s${SEED}.csv"
  if [ ! -s "$FILE" ]; then
    echo "generating $FILE ..."
    start=$(date +%s.%N)
    python3 "$HERE/gen_csc1.py" --rows "$N" --seed "$SEED" --out "$FILE.tmp" && mv "$FILE.tmp" "$FILE" || { echo "generation failed"; exit 1; }
    echo "  generated in $(python3 -c "import sys; print('%.1f s' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")"
  fi
  bytes=$(stat -c %s "$FILE")
  echo "== $N rows: $FILE ($(mib "$bytes"), $bytes bytes)"
  QFILE="$DATA/csc1_${N}_s${SEED}_quoted.csv"
  if [ "$QUOTED" = 1 ]; then
    if [ ! -s "$QFILE" ]; then
      python3 "$HERE/quote_names.py" "$FILE" "$QFILE.tmp" && mv "$QFILE.tmp" "$QFILE" || { echo "quoting failed"; exit 1; }
    fi
    qbytes=$(stat -c %s "$QFILE")
    echo "   with every name quoted: $QFILE ($(mib "$qbytes"), $qbytes bytes)"
    cat "$QFILE" > /dev/null
  fi
  quoted_runs=()
  quoted_kibs=()
  plain_kibs=()
  quoted_ratios=()
  quoted_mem_ratios=()

  cat "$FILE" > /dev/null   # warm the page cache once so every reader below starts from the same state
  measure "$OUT/cat.t" sh -c "cat '$FILE' > /dev/null"
  read -r cat_s cat_kib < "$OUT/cat.t"
  echo "  cat FILE > /dev/null        wall ${cat_s} s"

  # Paired runs: schemec, then DuckDB (when installed), REPEAT times, so that both see the same machine
  # state; the reported figures are the medians (never the best run) and the median of the pairs' ratios.
  schemec_s=""
  duck_s=""
  schemec_runs=()
  duck_runs=()
  ratios=()
  schemec_kib=0
  duck_kib_max=0
  [ -n "$DUCK" ] && duckdb_command "$FILE" "$OUT/duck_$N.csv"
  for ((k = 1; k <= REPEAT; k++)); do
    run_s=""
    if [ "$HAVE_SCHEME" = 1 ]; then
      if SCHEMEC_TIMING=1 measure "$OUT/schemec.t" "$SCHEMEC" run "$SCHEME" "$FILE" --out "$OUT/schemec_$N.csv"; then
        read -r run_s run_kib < "$OUT/schemec.t"
        schemec_runs+=("$run_s")
        [ "$run_kib" -gt "$schemec_kib" ] && schemec_kib=$run_kib
        grep '^schemec: timing:' "$OUT/last.log" | sed 's/^schemec: timing: /      /' > "$OUT/phases_$k.txt"
        plain_kibs+=("$run_kib")
        if [ "$QUOTED" = 1 ]; then
          if SCHEMEC_TIMING=1 measure "$OUT/quoted.t" "$SCHEMEC" run "$SCHEME" "$QFILE" --out "$OUT/quoted_$N.csv"; then
            read -r q_s q_kib < "$OUT/quoted.t"
            quoted_runs+=("$q_s")
            quoted_kibs+=("$q_kib")
            quoted_ratios+=("$(python3 -c "import sys; print('%.4f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$q_s" "$run_s")")
            quoted_mem_ratios+=("$(python3 -c "import sys; print('%.4f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$q_kib" "$run_kib")")
            grep '^schemec: timing:' "$OUT/last.log" | sed 's/^schemec: timing: /      /' > "$OUT/qphases_$k.txt"
          else
            echo "  schemec run (quoted)        FAILED (exit $?):"; head -5 "$OUT/last.log" | sed 's/^/    /'
            failed=1
          fi
        fi
      else
        echo "  schemec run                 FAILED (exit $?):"; head -5 "$OUT/last.log" | sed 's/^/    /'
        failed=1
        break
      fi
    fi
    if [ -n "$DUCK" ]; then
      if measure "$OUT/duck.t" "${DUCK_CMD[@]}"; then
        read -r one_duck_s one_duck_kib < "$OUT/duck.t"
        duck_runs+=("$one_duck_s")
        [ "$one_duck_kib" -gt "$duck_kib_max" ] && duck_kib_max=$one_duck_kib
        [ -n "$run_s" ] && ratios+=("$(python3 -c "import sys; print('%.4f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$run_s" "$one_duck_s")")
      else
        echo "  DuckDB                      FAILED:"; head -5 "$OUT/last.log" | sed 's/^/    /'
        DUCK=""
      fi
    fi
  done
  median() { python3 -c "import statistics, sys; print('%.3f' % statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
  median_index() {  # the 1-based number of the run whose time is the (lower) median
    python3 -c "import sys; v = [float(x) for x in sys.argv[1:]]; o = sorted(range(len(v)), key=lambda i: v[i]); print(o[(len(v) - 1) // 2] + 1)" "$@"
  }
  if [ "${#schemec_runs[@]}" -eq "$REPEAT" ] && [ "$REPEAT" -gt 0 ]; then
    schemec_s=$(median "${schemec_runs[@]}")
    echo "  schemec run                 wall ${schemec_s} s (median of $REPEAT: ${schemec_runs[*]}), peak RSS $((schemec_kib / 1024)) MiB (highest), $(per_second "$N" "$schemec_s") rows/s, $(ratio "$schemec_s" "$cat_s") x cat"
    echo "    phases of the median run:"
    cat "$OUT/phases_$(median_index "${schemec_runs[@]}").txt"
  fi
  if [ "${#quoted_runs[@]}" -eq "$REPEAT" ] && [ "$REPEAT" -gt 0 ]; then
    echo "  schemec run, names quoted   wall $(median "${quoted_runs[@]}") s (median of $REPEAT: ${quoted_runs[*]}), peak RSS $(median "${quoted_kibs[@]}" | cut -d. -f1) KiB median (plain: $(median "${plain_kibs[@]}" | cut -d. -f1) KiB; runs ${quoted_kibs[*]} / ${plain_kibs[*]})"
    echo "    quoted / plain            time $(median "${quoted_ratios[@]}"), peak memory $(median "${quoted_mem_ratios[@]}") (medians of the pairs' ratios: ${quoted_ratios[*]} / ${quoted_mem_ratios[*]})"
    echo "    phases of the quoted median run:"
    cat "$OUT/qphases_$(median_index "${quoted_runs[@]}").txt"
    if grep -q 'read and row phase' "$OUT/qphases_$(median_index "${quoted_runs[@]}").txt"; then
      echo "  verify: the quoted file was streamed"
    else
      echo "  verify: the quoted file was NOT streamed"; failed=1
    fi
    if cmp -s "$OUT/schemec_$N.csv" "$OUT/quoted_$N.csv"; then
      echo "  verify: quoted output = plain output, byte for byte"
    else
      echo "  verify: the quoted file's output DIFFERS from the plain one's"; failed=1
    fi
  fi
  if [ "${#duck_runs[@]}" -gt 0 ]; then
    duck_s=$(median "${duck_runs[@]}")
    echo "  DuckDB (bench/csc1.sql)     wall ${duck_s} s (median of ${#duck_runs[@]}: ${duck_runs[*]}), peak RSS $((duck_kib_max / 1024)) MiB, $(per_second "$N" "$duck_s") rows/s"
    if [ "${#ratios[@]}" -gt 0 ]; then
      echo "  schemec / DuckDB            $(median "${ratios[@]}") (median of the paired runs' wall-time ratios: ${ratios[*]})"
    fi
  elif [ "$USE_DUCKDB" = 1 ] && [ -z "$DUCK" ]; then
    echo "  duckdb: not installed (see bench/README.md)"
  fi

  oracle_ok=0
  if [ "$N" -le "$ORACLE_MAX" ]; then
    if measure "$OUT/oracle.t" python3 "$ROOT/tests/oracle/csc1_oracle.py" "$FILE" --out "$OUT/oracle_$N.csv" "${POOL_ARGS[@]}"; then
      read -r oracle_s oracle_kib < "$OUT/oracle.t"
      oracle_ok=1
      echo "  oracle (Python Fraction)    wall ${oracle_s} s, peak RSS $((oracle_kib / 1024)) MiB"
    else
      echo "  oracle                      FAILED:"; head -5 "$OUT/last.log" | sed 's/^/    /'
      failed=1
    fi
  fi

  # Verification
  if [ -n "$schemec_s" ]; then
    python3 "$ROOT/tests/oracle/csc1_oracle.py" --project "$OUT/schemec_$N.csv" --out "$OUT/schemec_${N}_p.csv" \
      || { echo "  verify: schemec's output has rows that are not ok"; failed=1; }
    if [ "$oracle_ok" = 1 ]; then
      if cmp -s "$OUT/oracle_$N.csv" "$OUT/schemec_${N}_p.csv"; then
        echo "  verify: schemec = oracle, byte for byte ($N rows)"
      else
        echo "  verify: schemec DIFFERS from the oracle:"; diff "$OUT/oracle_$N.csv" "$OUT/schemec_${N}_p.csv" | head -6 | sed 's/^/    /'
        failed=1
      fi
    fi
    python3 "$HERE/check_csc1.py" "$FILE" "$OUT/schemec_$N.csv" "${POOL_ARGS[@]}" | sed 's/^/  verify: /'
    [ "${PIPESTATUS[0]}" -eq 0 ] || failed=1
    if [ -n "$duck_s" ] && [ -z "$POOL" ]; then
      if cmp -s "$OUT/duck_$N.csv" "$OUT/schemec_${N}_p.csv"; then
        echo "  verify: schemec = DuckDB, byte for byte"
      else
        echo "  verify: schemec DIFFERS from DuckDB:"; diff "$OUT/duck_$N.csv" "$OUT/schemec_${N}_p.csv" | head -6 | sed 's/^/    /'
        failed=1
      fi
    fi
  fi
  if [ -n "$duck_s" ] && [ "$oracle_ok" = 1 ] && [ -z "$POOL" ]; then
    if cmp -s "$OUT/oracle_$N.csv" "$OUT/duck_$N.csv"; then
      echo "  verify: DuckDB = oracle, byte for byte"
    else
      echo "  verify: DuckDB DIFFERS from the oracle:"; diff "$OUT/oracle_$N.csv" "$OUT/duck_$N.csv" | head -6 | sed 's/^/    /'
      failed=1
    fi
  fi
done
echo
if [ "$failed" = 0 ]; then echo "run.sh: all checks passed"; else echo "run.sh: SOME CHECKS FAILED"; fi
exit "$failed"
