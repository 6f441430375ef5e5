"""The entries of a .po/.pot file, read once for the tests that need them (check_catalog.py, and
tests/docs/check_diagnostics_doc.py for the Chinese texts of docs/diagnostics.md)."""
from __future__ import annotations

import re


def entries(po_text: str) -> list[dict]:
    """The entries of a .po/.pot file: msgid, msgstr, flags, obsolete."""
    out = []
    for block in re.split(r"\n\s*\n", po_text):
        lines = block.strip("\n").split("\n")
        obsolete = all(line.startswith("#~") for line in lines if line.strip())
        if obsolete:
            lines = [line[2:].lstrip() for line in lines]
        flags: set[str] = set()
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#,"):
                flags |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            else:
                m = re.match(r'^(msgctxt|msgid|msgstr)\s+(".*")$', line)
                if m:
                    current = m.group(1)
                    fields[current] = ""
                    line = m.group(2)
                if current and line.startswith('"'):
                    fields[current] += line[1:-1]
        if "msgid" in fields:
            out.append({"msgid": fields["msgid"], "msgstr": fields.get("msgstr", ""), "flags": flags,
                        "obsolete": obsolete})
    return out
