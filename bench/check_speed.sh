#!/usr/bin/env bash
# Times `schemec check` on generated schemes (bench/gen_scheme.py). Builds nothing.
# Usage: bench/check_speed.sh [SCHEMEC] [--runs N] [--lines "5000 40000"] [--seed S]
# SCHEMEC defaults to build-rel/schemec, else build/schemec. Prints every command it runs, then per size:
# lines, bytes, best and median wall time of N runs (default 10), and the time per 1,000 lines.
set -euo pipefail
cd "$(dirname "$0")/.."

schemec=""
runs=10
sizes="5000 40000"
seed=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --lines) sizes="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n 2,4p "$0"; exit 0 ;;
    *) schemec="$1"; shift ;;
  esac
done
if [ -z "$schemec" ]; then
  if [ -x build-rel/schemec ]; then schemec=build-rel/schemec; else schemec=build/schemec; fi
fi
if [ ! -x "$schemec" ]; then
  echo "check_speed: no schemec binary at $schemec (build one first: bash scripts/build.sh)" >&2
  exit 2
fi

echo "schemec check speed — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "schemec: $schemec (binary of $(date -u -r "$schemec" '+%Y-%m-%d %H:%M UTC'); repository at $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ', with local changes'))"
echo "timer: wall time of each run, date +%s%N before and after; best and median of $runs runs"
mkdir -p bench/data

for n in $sizes; do
  file="bench/data/scheme_${n}_s${seed}.scheme"
  echo
  echo "\$ python3 bench/gen_scheme.py --lines $n --seed $seed --out $file"
  python3 bench/gen_scheme.py --lines "$n" --seed "$seed" --out "$file"
  echo "\$ $schemec check $file    # x $runs"
  # one untimed run: warms the page cache and shows the verdict
  if ! "$schemec" check "$file" >/dev/null 2>bench/data/check_speed.stderr; then
    echo "check_speed: schemec check failed on $file:" >&2
    head -20 bench/data/check_speed.stderr >&2
    exit 1
  fi
  tail -1 bench/data/check_speed.stderr | sed 's/^/  /'
  times=()
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$schemec" check "$file" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  best=${sorted[0]}
  k=${#sorted[@]}
  if (( k % 2 )); then median=${sorted[k / 2]}; else median=$(( (sorted[k / 2 - 1] + sorted[k / 2]) / 2 )); fi
  bytes=$(wc -c <"$file")
  awk -v n="$n" -v b="$bytes" -v best="$best" -v med="$median" 'BEGIN {
    printf "  %d lines, %d bytes: best %.1f ms, median %.1f ms, %.2f ms per 1,000 lines (best)\n",
      n, b, best / 1000, med / 1000, best / 1000 / (n / 1000) }'
done
