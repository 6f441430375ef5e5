#!/usr/bin/env python3
"""Checks every terminal snippet of the documentation against what the commands print today.

    python3 docs/examples/check_snippets.py PATH/TO/schemec [FILE.md ...]          # compare
    UPDATE=1 python3 docs/examples/check_snippets.py PATH/TO/schemec [FILE.md ...] # rewrite the snippets

A snippet is a fenced code block whose first line starts with "$ ". Each "$ COMMAND" line is run (from the
repository root, in one bash session per block, so `echo $?` sees the previous command's status, with
`schemec` meaning the given binary), and the lines after it, up to the next "$ " line or the end of the
block, must equal what it prints (standard error and standard output together, in the order written).
Default files: docs/language.md, docs/guide.md (指南), docs/guide.en.md and README.md. Prints one FAIL per differing snippet with a
diff, then `snippets: N passed, M failed`; exits 1 if M > 0.
"""
import difflib
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MARK = "@@schemec-snippet-end@@"


def blocks(lines):
    """(start, end) line indexes of the body of every fenced block whose first line starts with '$ '."""
    out, i = [], 0
    while i < len(lines):
        if lines[i].startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            if j > i + 1 and lines[i + 1].startswith("$ "):
                out.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return out


def run_block(binary, body):
    commands = [line[2:] for line in body if line.startswith("$ ")]
    script = ['schemec() { "$SCHEMEC_BIN" "$@"; }']
    for c in commands:
        script.append("{ %s\n} 2>&1\n__s=$?\necho '%s'\n(exit $__s)" % (c, MARK))
    env = dict(os.environ, SCHEMEC_BIN=binary, LC_ALL="C.UTF-8")
    p = subprocess.run(["bash", "-c", "\n".join(script)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    text = p.stdout.decode("utf-8", "replace")
    parts = text.split(MARK + "\n")
    result = []
    for c, out in zip(commands, parts):
        result.append("$ " + c)
        result.extend(out.splitlines())
    return result


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    binary = os.path.abspath(args[0]) if os.path.exists(args[0]) else os.path.join(ROOT, args[0])
    files = args[1:] or ["docs/language.md", "docs/guide.md", "docs/guide.en.md", "README.md"]
    update = bool(os.environ.get("UPDATE"))
    passed = failed = 0
    for name in files:
        path = os.path.join(ROOT, name)
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        changed = False
        for start, end in reversed(blocks(lines)):
            body = lines[start:end]
            actual = run_block(binary, body)
            if actual == body:
                passed += 1
                continue
            if update:
                lines[start:end] = actual
                changed = True
                continue
            failed += 1
            print("FAIL %s:%d: the snippet differs from what the commands print" % (name, start + 1))
            for d in list(difflib.unified_diff(body, actual, "documented", "actual", lineterm=""))[:40]:
                print("    " + d)
        if changed:
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
    if update:
        print("snippets: rewritten where they differed; review them with git diff")
        return 0
    print("snippets: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
