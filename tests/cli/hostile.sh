#!/usr/bin/env bash
# Hostile schemes (issue 14), generated here: each must be refused with its message and exit code, never
# crash (exit 139) or hang. Formulas: a chain of 300,000 terms (`x = a + a + …`), a chain of 350,000
# `且` (1,000,000: 10 MB, over the 4 MiB a scheme file may have), parentheses nested inside long chains — refused as too deep before a tree that deep is built.
# Files: 继承 of /dev/zero, of a FIFO (would block) and of a directory; a chain of 3,000 files each
# extending the next; a 17 MiB file — refused before they are read. Messages: a quota tie of thousands of
# rows lists 20 ids and how many more. Loading: a diamond of imports 30 levels deep (each module imports
# two of the next level: 2^30 paths) loads each file once, in well under a second. Confinement: a symlink
# out of the scheme's folder, `..`, standard input, --allow-dir and .schemec-root (docs/language.md §3).
# Data: one quoted cell in a 200,000-row file keeps it on the streaming reader (it used to read the file whole: 11-15 s and 2.9 GB at a million rows).
# Usage: bash tests/cli/hostile.sh PATH/TO/schemec   (from the repository root)
set -u
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect FILE CODE TEXT [ARG…]: `schemec check FILE [ARG…]` exits CODE within 300 s (the 1,000,000-term case takes
# ~40 s under ASan) and prints TEXT.
expect() {
  timeout 300 "$bin" check "$1" "${@:4}" >"$tmp/out" 2>&1; local rc=$?
  if [ "$rc" -ne "$2" ]; then fail "$(basename "$1"): exit $rc, want $2: $(head -c 300 "$tmp/out")"; return; fi
  grep -qF -- "$3" "$tmp/out" && ok || fail "$(basename "$1"): no '$3' in: $(head -c 300 "$tmp/out")"
}

python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
head = '方案 「深」\n版本 「1」\n输入 p 键 id { id：文本  a：小数 }\n'
def write(name, formula):
    open(f"{d}/{name}.scheme", "w", encoding="utf-8").write(head + "x = " + formula + "\n")
write("chain300k", " + ".join(["a"] * 300000))
write("and1m", " 且 ".join(["a > 1"] * 1000000))  # 10 MB: now refused for its size
write("and350k", " 且 ".join(["a > 1"] * 350000))  # 3.5 MB: refused as too deep
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
expect "$tmp/and1m.scheme" 3 "more than a scheme file may have (4 MiB)"
expect "$tmp/and350k.scheme" 1 "$too_deep"
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
expect "$tmp/zero.scheme" 1 "「/dev/zero」 is outside the folder of this scheme ($(realpath "$tmp"))"
expect "$tmp/zero.scheme" 1 "cannot load '/dev/zero': it is a device or a FIFO, not a scheme file" --allow-dir /dev
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
expect "$tmp/usesbig.scheme" 1 "more than a scheme file may have (4 MiB)"
expect "$tmp/big.scheme" 3 "more than a scheme file may have (4 MiB)"
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
# A diamond of imports 30 levels deep: 2^30 paths to the bottom, each file read once.
python3 - "$tmp/diamond" <<'PY'
import os, sys
d = sys.argv[1]
os.makedirs(d)
levels = 30
for k in range(1, levels + 1):
    for side in "ab":
        body = f"引用 m{k + 1}a\n引用 m{k + 1}b\n" if k < levels else ("输入 p { x：小数 }\n" if side == "a" else "")
        open(f"{d}/m{k}{side}.scheme", "w", encoding="utf-8").write(body + f"v{k}{side} = x + {k}\n")
open(f"{d}/main.scheme", "w", encoding="utf-8").write("方案 「菱形」\n版本 「1」\n引用 m1a\n引用 m1b\n输入 p 键 id { id：文本 }\n")
PY
start=$(date +%s%N)
timeout 60 "$bin" check "$tmp/diamond/main.scheme" >"$tmp/out" 2>&1; rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$rc" -eq 0 ] && grep -qF "ok (0 errors" "$tmp/out"; then ok; else fail "diamond of 30 levels: exit $rc after $ms ms: $(head -c 300 "$tmp/out")"; fi
[ "$ms" -lt 20000 ] && ok || fail "diamond of 30 levels took $ms ms"

# Confinement: 继承/引用 read only files of the scheme's folder tree (its folder, or the nearest folder above
# holding .schemec-root), plus --allow-dir folders; refused before the file is opened, nothing of it shown.
mkdir -p "$tmp/jail/inside" "$tmp/jail/outside" "$tmp/lib/a" "$tmp/lib/b"
printf '方案 「秘密」\n版本 「1」\n输入 p 键 id { id：文本  secret_column：小数 }\n' >"$tmp/jail/outside/secret.scheme"
ln -s "$tmp/jail/outside/secret.scheme" "$tmp/jail/inside/link.scheme"
printf '方案 「x」\n版本 「1」\n继承 「link.scheme」\n' >"$tmp/jail/inside/symlink.scheme"
printf '方案 「x」\n版本 「1」\n继承 「../outside/secret.scheme」\n' >"$tmp/jail/inside/dotdot.scheme"
jail=$(realpath "$tmp/jail/inside")
expect "$tmp/jail/inside/symlink.scheme" 1 "「link.scheme」 is outside the folder of this scheme ($jail)"
expect "$tmp/jail/inside/dotdot.scheme" 1 "「../outside/secret.scheme」 is outside the folder of this scheme ($jail)"
grep -q secret_column "$tmp/out" && fail "the refused file was shown" || ok
expect "$tmp/jail/inside/dotdot.scheme" 1 "--allow-dir DIR, or put an empty file .schemec-root"
expect "$tmp/jail/inside/dotdot.scheme" 0 "ok (0 errors" --allow-dir "$tmp/jail/outside"
expect "$tmp/jail/inside/symlink.scheme" 0 "ok (0 errors" --allow-dir "$tmp/jail/outside" --allow-dir /dev
expect "$tmp/jail/inside/dotdot.scheme" 2 "--allow-dir $tmp/nowhere: no such folder" --allow-dir "$tmp/nowhere"
printf 'id,secret_column\nA,1\n' >"$tmp/jail/data.csv"
"$bin" run "$tmp/jail/inside/dotdot.scheme" "$tmp/jail/data.csv" >/dev/null 2>"$tmp/out"; rc=$?
[ "$rc" -eq 1 ] && grep -qF "is outside the folder of this scheme" "$tmp/out" && ok || fail "run: exit $rc: $(head -c 300 "$tmp/out")"
"$bin" run "$tmp/jail/inside/dotdot.scheme" "$tmp/jail/data.csv" --allow-dir "$tmp/jail/outside" >"$tmp/res" 2>"$tmp/out"; rc=$?
[ "$rc" -eq 0 ] && [ "$(head -c 9 "$tmp/res")" = "id,status" ] && ok || fail "run --allow-dir: exit $rc: $(head -c 300 "$tmp/out")"
# A scheme library: .schemec-root above the scheme makes its folder the tree.
printf '方案 「基础」\n版本 「1」\n输入 p 键 id { id：文本 }\n' >"$tmp/lib/b/base.scheme"
printf '继承 「../b/base.scheme」\n方案 「变体」\n' >"$tmp/lib/a/child.scheme"
expect "$tmp/lib/a/child.scheme" 1 "is outside the folder of this scheme ($(realpath "$tmp/lib/a"))"
: >"$tmp/lib/.schemec-root"
expect "$tmp/lib/a/child.scheme" 0 "ok (0 errors"
printf '继承 「../../jail/outside/secret.scheme」\n方案 「变体」\n' >"$tmp/lib/a/escape.scheme"
expect "$tmp/lib/a/escape.scheme" 1 "is outside the folder tree of this scheme ($(realpath "$tmp/lib"), which holds .schemec-root)"
# A scheme read from standard input: its tree is the current folder.
(cd "$tmp/jail/inside" && "$bin" check - <"$tmp/jail/inside/dotdot.scheme" >"$tmp/out" 2>&1); rc=$?
[ "$rc" -eq 1 ] && grep -qF "「../outside/secret.scheme」 is outside the folder of this scheme ($jail)" "$tmp/out" && ok || fail "stdin: exit $rc: $(head -c 300 "$tmp/out")"
printf '方案 「x」\n版本 「1」\n继承 「secret.scheme」\n' | (cd "$tmp/jail/outside" && "$bin" check - >"$tmp/out" 2>&1); rc=$?
[ "$rc" -eq 0 ] && ok || fail "stdin inside its folder: exit $rc: $(head -c 300 "$tmp/out")"

# Issue 14 item 7: strict UTF-8, NUL, long echoed text, precision, tiny values (the small cases are also in
# the corpora: tests/diagnostics/encoding.*, syntax.number_too_*, tests/data_errors/utf8_*, nul_in_cell …).
# run_expect SCHEME DATA CODE TEXT [BYTES]: `schemec run SCHEME DATA` exits CODE and prints TEXT (standard
# output and error together) in at most BYTES (100 kB unless given: no big cell is echoed whole).
run_expect() {
  timeout 300 "$bin" run "$1" "$2" >"$tmp/out" 2>&1; local rc=$?
  if [ "$rc" -ne "$3" ]; then fail "$(basename "$2"): exit $rc, want $3: $(head -c 300 "$tmp/out")"; return; fi
  if [ "$(wc -c <"$tmp/out")" -gt "${5:-100000}" ]; then fail "$(basename "$2"): $(wc -c <"$tmp/out") bytes of output"; return; fi
  grep -qF "$4" "$tmp/out" && ok || fail "$(basename "$2"): no '$4' in: $(head -c 300 "$tmp/out")"
}
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
head = '方案 「严格」\n版本 「1」\n输入 p 键 id {\n  id：文本\n  name：文本\n  a：小数\n}\n'
open(f"{d}/u8.scheme", "w", encoding="utf-8").write(head + "x = a × 2\n输出 name，x\n")
open(f"{d}/overlong_label.scheme", "wb").write("方案 「".encode() + b"\xc0\xaf" + "」\n".encode() + head.encode()[head.encode().index(b"\n") + 1:])
open(f"{d}/nul_label.scheme", "wb").write(head.encode() + "y 「x".encode() + b"\0" + "y」 = a\n".encode())
open(f"{d}/long_name.scheme", "w", encoding="utf-8").write(head + "x = " + "b" * 1048576 + "\n")
open(f"{d}/literal100.scheme", "w", encoding="utf-8").write(head + "x = a × 0." + "0" * 99 + "1\n")
open(f"{d}/tiny.scheme", "w", encoding="utf-8").write(head + "x = a × 0.000000000000000000000000001 × 0.000000000000000000000000001\n输出 x\n")
tie = '方案 「并列」\n版本 「1」\n输入 p 键 id {\n  id：文本\n  a：小数\n}\nk = a × 0.000000000000000000000000000001 × 0.0000001\n等次 {\n  优秀：a >= 0 比例 50% 排序 k 降序\n  合格：其余\n}\n'
open(f"{d}/tie.scheme", "w", encoding="utf-8").write(tie)
open(f"{d}/tie.csv", "w").write("id,a\nP1,1\nP2,1\nP3,1\n")
open(f"{d}/ok.csv", "w").write("id,name,a\nP1,张三,1\n")
open(f"{d}/surrogate.csv", "wb").write(b"id,name,a\nP1," + b"\xed\xa0\x80" + b",85\n")
open(f"{d}/nul.csv", "wb").write(b"id,name,a\nP1,x,8\x005\n")
open(f"{d}/nul_label.csv", "wb").write(b"id,name,a\nP1,x\x00y,85\n")
with open(f"{d}/big_cell.csv", "w") as f:  # a 10 MB cell, and a 500 kB one that is no number
    f.write("id,name,a\nP1," + "x" * (10 * 1024 * 1024) + ",1\nP2,y," + "9" * 500000 + "x\n")
with open(f"{d}/many.csv", "w") as f:  # the same after 30,000 rows: the streamed reader leaves it to the whole-file one
    f.write("id,name,a\n")
    for i in range(30000):
        f.write(f"Q{i},n,{i}\n")
    f.write("P1," + "x" * (10 * 1024 * 1024) + ",1\n")
PY
expect "$tmp/overlong_label.scheme" 1 "overlong_label.scheme:1:5: error: the scheme file is not UTF-8 text: byte 0xC0 starts an overlong form"
expect "$tmp/nul_label.scheme" 1 "nul_label.scheme:8:5: error: a NUL character (byte 0) is not text"
expect "$tmp/long_name.scheme" 1 "this word is 1,048,576 characters long, more than a name or number may be (255 characters)"
expect "$tmp/literal100.scheme" 1 "has more than 38 decimals (too precise to compute exactly)"
run_expect "$tmp/u8.scheme" "$tmp/surrogate.csv" 1 "surrogate.csv:2: error: byte 0xED at column 4 (in characters) is not UTF-8 text: it starts a surrogate, U+D800–DFFF"
run_expect "$tmp/u8.scheme" "$tmp/nul.csv" 1 "nul.csv:2: error: a NUL character (byte 0) at column 7 (in characters) is not text"
run_expect "$tmp/u8.scheme" "$tmp/nul_label.csv" 1 "nul_label.csv:2: error: a NUL character (byte 0) at column 5 (in characters) is not text"
run_expect "$tmp/u8.scheme" "$tmp/big_cell.csv" 0 "big_cell.csv:2: column 'name': the cell is 10,485,760 bytes long, more than a cell may hold (1 MiB, 1,048,576 bytes)"
run_expect "$tmp/u8.scheme" "$tmp/big_cell.csv" 0 "'999999999999999999999999999999999999999999999999999999999999… (499,941 more characters)' is not a number"
run_expect "$tmp/u8.scheme" "$tmp/many.csv" 0 "many.csv:30002: column 'name': the cell is 10,485,760 bytes long" 1000000
run_expect "$tmp/tiny.scheme" "$tmp/ok.csv" 0 "cannot compute 'x': the result has more than 38 decimals (too precise to compute exactly)"
run_expect "$tmp/tie.scheme" "$tmp/tie.csv" 0 "P1, P2, P3 tie at the cut-off (0.0000000000000000000000000000000000001)"
# One quoted cell (as Excel writes "张三,李四") in a large file: still streamed, and the same results.
python3 tests/stream/gen_stream_data.py --rows 200000 --seed 14 --quote --out "$tmp/quoted.csv"
SCHEMEC_TIMING=1 "$bin" run schemes/csc1/csc1.scheme "$tmp/quoted.csv" --out "$tmp/quoted.out.csv" 2>"$tmp/quoted.err"
SCHEMEC_WHOLE_FILE=1 "$bin" run schemes/csc1/csc1.scheme "$tmp/quoted.csv" --out "$tmp/quoted.whole.csv" 2>/dev/null
if grep -q '^schemec: timing: read and row phase' "$tmp/quoted.err" && cmp -s "$tmp/quoted.out.csv" "$tmp/quoted.whole.csv"; then ok; else fail "a file with one quoted cell was not streamed, or differs from the whole-file reader"; fi
echo "hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
