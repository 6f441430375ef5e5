#!/usr/bin/env bash
# Hostile schemes (issue 14), generated here: each must be refused with its message and exit code, never
# crash (exit 139) or hang. Formulas: a chain of 300,000 terms (`x = a + a + …`), a chain of 1,000,000
# `且`, parentheses nested inside long chains — refused as too deep before a tree that deep is built.
# Files: 继承 of /dev/zero, of a FIFO (would block) and of a directory; a chain of 3,000 files each
# extending the next; a 17 MiB file — refused before they are read. Messages: a quota tie of thousands of
# rows lists 20 ids and how many more. Data: one quoted cell in a 200,000-row file keeps it on the
# streaming reader (it used to read the file whole: 11-15 s and 2.9 GB at a million rows).
# Usage: bash tests/cli/hostile.sh PATH/TO/schemec   (from the repository root)
set -u
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect FILE CODE TEXT: `schemec check FILE` exits CODE within 300 s (the 1,000,000-term case takes ~40 s under ASan) and prints TEXT.
expect() {
  timeout 300 "$bin" check "$1" >"$tmp/out" 2>&1; local rc=$?
  if [ "$rc" -ne "$2" ]; then fail "$(basename "$1"): exit $rc, want $2: $(head -c 300 "$tmp/out")"; return; fi
  grep -qF "$3" "$tmp/out" && ok || fail "$(basename "$1"): no '$3' in: $(head -c 300 "$tmp/out")"
}

python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
head = '方案 「深」\n版本 「1」\n输入 p 键 id { id：文本  a：小数 }\n'
def write(name, formula):
    open(f"{d}/{name}.scheme", "w", encoding="utf-8").write(head + "x = " + formula + "\n")
write("chain300k", " + ".join(["a"] * 300000))
write("and1m", " 且 ".join(["a > 1"] * 1000000))
write("chain255", " + ".join(["a"] * 256))        # 255 operators: the deepest chain taken
write("chain256", " + ".join(["a"] * 257))        # 256 operators: one too deep
# a long chain whose first operand is a parenthesis holding another long chain, 150 times over
s = "a"
for _ in range(150):
    s = "(" + s + ") + " + " + ".join(["a"] * 200)
write("nested", s)
PY
too_deep="this formula is more than 256 operations deep"
expect "$tmp/chain300k.scheme" 1 "$too_deep"
expect "$tmp/and1m.scheme" 1 "$too_deep"
expect "$tmp/chain255.scheme" 0 "ok (0 errors"
expect "$tmp/chain256.scheme" 1 "$too_deep"
expect "$tmp/nested.scheme" 1 "$too_deep"

# Files a scheme may not load.
mkfifo "$tmp/fifo"
mkdir "$tmp/adir"
extends() { printf '方案 「x」\n版本 「1」\n继承 「%s」\n' "$2" >"$tmp/$1.scheme"; }
extends zero /dev/zero
extends fifo fifo
extends dir adir
expect "$tmp/zero.scheme" 1 "cannot load '/dev/zero': it is a device or a FIFO, not a scheme file"
expect "$tmp/fifo.scheme" 1 "cannot load '$tmp/fifo': it is a device or a FIFO, not a scheme file"
expect "$tmp/dir.scheme" 1 "cannot load '$tmp/adir': it is a directory, not a scheme file"
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
for i in range(3000):
    open(f"{d}/chain{i}.scheme", "w", encoding="utf-8").write(f"方案 「链{i}」\n版本 「1」\n继承 「chain{i + 1}.scheme」\n")
open(f"{d}/chain3000.scheme", "w", encoding="utf-8").write("方案 「底」\n版本 「1」\n输入 p 键 id { id：文本 }\n")
with open(f"{d}/big.scheme", "w", encoding="utf-8") as f:
    f.write("方案 「大」\n版本 「1」\n输入 p 键 id { id：文本 }\n")
    f.write(("# " + "x" * 1000 + "\n") * (17 * 1024))
PY
expect "$tmp/chain0.scheme" 1 "more than 64 files deep"
extends usesbig big.scheme
expect "$tmp/usesbig.scheme" 1 "more than a scheme file may have (16 MiB)"
expect "$tmp/big.scheme" 3 "more than a scheme file may have (16 MiB)"
# A quota tie of thousands of rows is one readable warning: 20 ids, then how many more.
python3 - "$(realpath schemes/social-worker-annual/participants.csv)" "$tmp/ties.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(lines[0] + "\n")
    for n in range(2000):
        for line in lines[1:]:
            if line.strip():
                cells = line.split(",")
                cells[0] = f"{cells[0]}-{n}"
                out.write(",".join(cells) + "\n")
PY
"$bin" run schemes/social-worker-annual/social-worker-annual.scheme "$tmp/ties.csv" --out "$tmp/ties.out.csv" 2>"$tmp/ties.err"
line=$(grep "tie at the cut-off" "$tmp/ties.err" | head -1)
if [ "${#line}" -lt 1000 ] && [[ "$line" == *"… and "*" more tie at the cut-off"* ]]; then ok; else fail "the tie warning is ${#line} characters: ${line:0:300}"; fi
# One quoted cell (as Excel writes "张三,李四") in a large file: still streamed, and the same results.
python3 tests/stream/gen_stream_data.py --rows 200000 --seed 14 --quote --out "$tmp/quoted.csv"
SCHEMEC_TIMING=1 "$bin" run schemes/csc1/csc1.scheme "$tmp/quoted.csv" --out "$tmp/quoted.out.csv" 2>"$tmp/quoted.err"
SCHEMEC_WHOLE_FILE=1 "$bin" run schemes/csc1/csc1.scheme "$tmp/quoted.csv" --out "$tmp/quoted.whole.csv" 2>/dev/null
if grep -q '^schemec: timing: read and row phase' "$tmp/quoted.err" && cmp -s "$tmp/quoted.out.csv" "$tmp/quoted.whole.csv"; then ok; else fail "a file with one quoted cell was not streamed, or differs from the whole-file reader"; fi
echo "hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
