#!/usr/bin/env python3
"""The message catalog is complete and sound (issue 16 item 3; ctest `catalog`).

  - xgettext over the sources (po/sources.sh: every N_("…") of interpreter/ and grammar/) gives exactly the
    msgids of po/zh_CN.po: a marked message without a Chinese entry fails, and so does an entry the code no
    longer has (stale, also when kept as #~), a fuzzy entry or an empty msgstr;
  - po/schemec.pot holds the same msgids (regenerate it with bash po/update.sh);
  - msgfmt --check passes;
  - each msgstr has exactly the fmt placeholders ({}, {:>8}, {0}) and braces of its msgid, in the same order
    (msgfmt checks only printf formats; a wrong placeholder would only be seen when the message is shown);
  - codes: every msg("CODE", N_("…")) and syntax_message {"CODE", N_("…")} of the sources pairs one code with
    one msgid, both ways; a code is E or W and four digits.

Run: /usr/bin/python3 tests/po/check_catalog.py [REPO_ROOT]
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from po_entries import entries  # noqa: E402


PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def braces(s: str) -> tuple[list[str], int, int]:
    s = s.replace("{{", "").replace("}}", "")
    return PLACEHOLDER.findall(s), s.count("{"), s.count("}")


CALL = re.compile(r'(?:\bmsg\(|\{)\s*"([A-Z]\w*)"\s*,\s*N_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)')


def codes_in_sources(root: str) -> list[tuple[str, str, str]]:
    """(code, msgid, FILE:LINE) of every coded message of the sources."""
    found = []
    for top in ("interpreter", "grammar"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(dirpath, name)
                text = open(path, encoding="utf-8").read()
                for m in CALL.finditer(text):
                    if "//" in text[text.rfind("\n", 0, m.start()) + 1:m.start()]:
                        continue  # an example in a comment
                    msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2)))
                    line = text.count("\n", 0, m.start()) + 1
                    found.append((m.group(1), msgid, f"{os.path.relpath(path, root)}:{line}"))
    return found


def main() -> int:
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "schemec.pot")
        subprocess.run(["bash", "-c", '. po/sources.sh && xgettext_schemec "$0"', pot], cwd=root, check=True)
        source_ids = {e["msgid"] for e in entries(open(pot, encoding="utf-8").read()) if e["msgid"]}
    po = entries(open(os.path.join(root, "po", "zh_CN.po"), encoding="utf-8").read())
    live = [e for e in po if e["msgid"] and not e["obsolete"]]
    po_ids = {e["msgid"] for e in live}
    for m in sorted(source_ids - po_ids):
        problems.append(f'po/zh_CN.po: no entry for the message "{m}" (run bash po/update.sh and translate it)')
    for m in sorted(po_ids - source_ids):
        problems.append(f'po/zh_CN.po: stale entry "{m}": the code has no such message (run bash po/update.sh)')
    for e in po:
        if e["obsolete"] and e["msgid"]:
            problems.append(f'po/zh_CN.po: obsolete entry #~ "{e["msgid"]}": delete it')
    for e in live:
        if "fuzzy" in e["flags"]:
            problems.append(f'po/zh_CN.po: fuzzy entry "{e["msgid"]}": check the translation and remove "#, fuzzy"')
        if not e["msgstr"]:
            problems.append(f'po/zh_CN.po: "{e["msgid"]}" has no Chinese text (empty msgstr)')
        elif braces(e["msgid"]) != braces(e["msgstr"]):
            problems.append(f'po/zh_CN.po: "{e["msgid"]}": the translation\'s placeholders {braces(e["msgstr"])[0]} '
                            f'differ from the msgid\'s {braces(e["msgid"])[0]}')
    pot_ids = {e["msgid"] for e in entries(open(os.path.join(root, "po", "schemec.pot"), encoding="utf-8").read())
               if e["msgid"] and not e["obsolete"]}
    if pot_ids != source_ids:
        problems.append("po/schemec.pot is out of date: run bash po/update.sh")
    check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, "po/zh_CN.po"], cwd=root, capture_output=True, text=True)
    if check.returncode != 0:
        problems.append("msgfmt --check po/zh_CN.po failed:\n" + check.stderr)
    by_code: dict[str, set[str]] = {}
    by_msgid: dict[str, set[str]] = {}
    where: dict[str, str] = {}
    for code, msgid, at in codes_in_sources(root):
        if not re.fullmatch(r"[EW]\d{4}", code):
            problems.append(f"{at}: '{code}' is not a message code (E or W and four digits)")
        by_code.setdefault(code, set()).add(msgid)
        by_msgid.setdefault(msgid, set()).add(code)
        where.setdefault(code, at)
    for code, ids in sorted(by_code.items()):
        if len(ids) > 1:
            problems.append(f"{where[code]}: code {code} is given to {len(ids)} messages: {sorted(ids)}")
    for msgid, codes in sorted(by_msgid.items()):
        if len(codes) > 1:
            problems.append(f'the message "{msgid}" has {len(codes)} codes: {sorted(codes)}')
    for p in problems:
        print(p)
    print(f"catalog: {len(source_ids)} messages, {len(by_code)} codes, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
