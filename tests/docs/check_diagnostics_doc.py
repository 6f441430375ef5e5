#!/usr/bin/env python3
"""ctest diagnostics_doc: docs/diagnostics.md lists every message of the code, and no message the code no longer has.

    /usr/bin/python3 tests/docs/check_diagnostics_doc.py [REPO_ROOT]            check (exit 1 on a difference)
    /usr/bin/python3 tests/docs/check_diagnostics_doc.py [REPO_ROOT] --add      add the missing entries to the page
    /usr/bin/python3 tests/docs/check_diagnostics_doc.py [REPO_ROOT] --generate --force
                                                    write the whole page afresh (the first skeleton; hand edits lost)

The messages come from diagnostics_messages.py (which says what it can and cannot see). An entry of the page is
recognised by its heading line `### `PATTERN`` (the pattern in a code span, exactly as the extractor prints
it), preceded by its anchor line `<a id="…"></a>`. `--add` writes each missing entry, with an example taken from
the test corpora when one matches and the code's hint as "What to do", at the end of the section the message's
source file belongs to; read and improve the entry afterwards (a real example, a better sentence).
"""
from __future__ import annotations

import glob
import hashlib
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import diagnostics_messages as dm  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "po"))
import po_entries  # noqa: E402

PAGE = "docs/diagnostics.md"

# Sections of the page: (key, title, which source files' messages go there). Warnings go to "warnings"
# whatever their file. The first match wins.
SECTIONS = [
    ("syntax", "Scheme syntax and loading files", ("grammar/", "interpreter/syntax/", "interpreter/base/scheme_tree",
                                                   "interpreter/base/utf8")),
    ("check", "Checking the scheme", ("interpreter/check/",)),
    ("data", "Data files", ("interpreter/data/", "interpreter/values/", "interpreter/base/files")),
    ("run", "The run", ("interpreter/run/",)),
    ("outputs", "Outputs", ("interpreter/output/",)),
    ("cli", "The command line", ("interpreter/cli/", "interpreter/base/")),
    ("warnings", "Warnings and notes", ()),
]

DEFAULT_ADVICE = {
    "syntax": "Look at the line and column shown: the scheme cannot be read from there on. Compare the line with "
              "the examples of docs/language.md for that block; a missing quote, bracket or keyword is the usual cause.",
    "check": "The scheme reads, but this part of it does not make sense as written. Correct the line shown, "
             "following the section of docs/language.md about that block.",
    "data": "Open the data file at the line (and column) shown, correct the cell or the file as the message says, "
            "save it again and rerun.",
    "run": "The scheme and the data were read, but a result cannot be computed exactly for the rows named. Check "
           "those rows' data first; if the data is right, the scheme's formula needs changing.",
    "outputs": "The results could not be written as asked. Check the output file's name, the folder and the free "
               "disk space, and run again.",
    "cli": "The command line is not as schemec expects. Run `schemec --help` (or the command's `--help`) for the "
           "options, correct the command and run again.",
    "warnings": "Nothing stopped the run, but the line shown probably does not do what was meant. Check it against "
                "the policy; if it is intended, the warning can be left.",
}

# Advice for messages without a hint, by the message's words (the first match wins); else DEFAULT_ADVICE.
ADVICE = [
    (r"^expected '[^']*' (\(|to |between|and |after)|^expected '[}{()]'",
     "At the caret schemec needed the sign or keyword the message names. Add it there; if it is there, the word "
     "just before the caret is probably misspelt or not closed (a quote 「 」, a bracket)."),
    (r"^expected ", "At the caret schemec needed what the message names (the examples in the message show the "
                    "form). Write it there, or correct the word before the caret."),
    (r"has no closing", "Close the text on the same line with the matching quote mark (」, ”, 』 or \")."),
    (r"declared twice|is given twice|listed twice|appears twice|gives this field twice|has two ",
     "Keep one of the two: delete or rename the other (the message names the first one's line where it can)."),
    (r"^unknown |is not declared|no such|nothing named|not a parameter|has no input table|no sheet",
     "Check the spelling against the declarations (or the file's columns and sheets); declare the name if it is "
     "missing. The hint, when there is one, names the closest existing name."),
    (r"can never be reached|always holds|never holds|is never used",
     "Reread the conditions against the policy: as written, this part of the scheme has no effect. Change the "
     "condition or its order, or delete the part."),
    (r"add up|weight", "Make the weights match the policy text: the weights of one level must add up to 100%."),
    (r"internal error", "This is a fault in schemec itself, not in the scheme or the data: report it to the "
                        "maintainers with the command and, if possible, the scheme and a few rows of the data."),
    (r"^schemec: error: …$|^…: warning: …$|^…:…: …|^row …: …$|^…, line …: …$|^…: … \(character …\)$",
     "The text after this beginning is the message itself (found in the other entries of this page); read it there."),
    (r"^schemec: error: --", "Correct the option named after `error:` as the message says (`schemec --help`, "
                             "or the command's `--help`, lists the options), then run the command again."),
    (r"formatted$|canonical layout|: ok \(", "Nothing is wrong: this line reports what the command did. "
                                           "`schemec fmt FILE` writes the canonical layout."),
    (r"^(its data|its parameters|the run stopped|no rows for input table|row …: no row|row …: '…' is neither|"
     r"row …: not checked|row …: '…' has a value|error expected|the rows break)",
     "A test block (测试) of the scheme cannot be run as written: correct its data, parameters or expectations "
     "(docs/language.md §46), then run `schemec test` again."),
    (r"must be a (fixed|whole) number|must be a date|must be …|must be a whole number of rows|above 0",
     "Write a plain value there (a number such as 30, 30% or a date in quotes), not a formula or a name."),
    (r"needs a number|needs a date|needs …|cannot compare|a comparison|must all be of one kind|list of texts|"
     r"takes a date", "The two sides do not hold the same kind of value (a number, a yes/no condition, a text, a "
                      "date). Compare or combine values of one kind; a choice is written in quotes 「…」."),
    (r"takes … but is given|more than 64 arguments", "Give the function as many values as it takes "
                                                     "(docs/language.md §14 lists every function)."),
    (r"is not (a column|an input table|an input column|an indicator)|nothing of that name|references its own|"
     r"already references", "Use a name the scheme declares (an input table, one of its columns, an indicator); "
                            "check the spelling and the 输入 blocks."),
    (r"left out|not counted|invalid rows|is invalid|invalid and is not used|nobody is paid|blank line",
     "The run went on; the rows named are kept in the result with their reasons, or left out as the scheme "
     "says (坏行 跳过). Check those rows in the data file if they should have counted."),
    (r"rater|item|role", "Check the ratings file at the line shown: each rater scores each item once, with a "
                         "role and an item the raters block declares, within the item's points."),
    (r"quoted field|closing quote|'\"'", "A quote mark \" in a CSV cell must open and close the whole cell. "
     "Correct the cell (or save the sheet from Excel again, which writes the quotes correctly)."),
    (r"cycle|depends on itself", "Break the loop: one of the names must be computed from the data without the others."),
    (r"is not a number|is not a whole number|has too many decimals|is too large|not a yes/no|is not a date",
     "Correct the cell in the data file (the message names the file, the line and the column) so that it holds "
     "a value of the column's type, then run again; until then the row is kept as invalid (无效) with this reason."),
    (r"is not one of", "Write one of the listed values (as the scheme spells them), or add the value to the scheme's "
                       "list of choices if the policy allows it."),
    (r"out of range|outside", "Check the value against the policy: it is outside the range the scheme declares. "
                              "Correct the data, or the declared range if the policy allows the value."),
    (r"is empty|missing column|no rating|has no value", "Fill in the missing value or column in the data file, or "
                                                      "declare the column optional (可选) if the policy allows it."),
    (r"duplicate", "Each key may appear once: merge or correct the rows with the same key."),
    (r"UTF-8|GBK|GB18030|UTF-16|encoding|NUL|byte", "Save the file again as UTF-8 (in Excel: 另存为 → 'CSV UTF-8 "
                                                   "(逗号分隔)'), or name its encoding with --encoding."),
    (r"workbook|sheet|\.xls", "Open the workbook in Excel or WPS and save it again as 'Excel 工作簿 (*.xlsx)' or "
                               "'CSV UTF-8 (逗号分隔)', then run again on the new file."),
    (r"too large to compute exactly|beyond|exact range", "The numbers of these rows are too large (or too precise) "
     "to compute exactly. Check the data for a mistyped number (extra digits); if the data is right, change the "
     "formula (e.g. round earlier)."),
    (r"cannot write|disk full|cannot read|cannot open|cannot load", "Check the file name, that the folder exists and "
     "may be written (or read), and the free disk space; then run again."),
]

# Advice written out for a message (its exact pattern), over the hint and the rules above.
HAND_ADVICE = {
    "expected '=' after this name: a value is declared as 'name = formula' (or is this line not meant to be part "
    "of the scheme? comment it out with #)":
        "The line is read as the start of a value, `name = formula`. If it is a sentence of the policy pasted into "
        "the scheme, put `#` at its start to make it a comment. If it is meant to be a value, write `= formula` "
        "after the name. If it was meant to start a block (等次, 一票否决, 加分 …), its keyword is misspelt.",
    "unknown word '…': did you mean '…' (…)?":
        "A keyword is misspelt — often a character that sounds the same, as 否绝 for 否决. Write the word schemec "
        "suggests; the hint says what else the line could be.",
    "'…' is not a number":
        "The cell must hold a number as Excel shows it: digits, at most one '.', an optional '-' in front (e.g. "
        "`85.5`). Correct the cell in the data file and run again; until then the row is kept in the result as "
        "invalid (无效) with this reason.",
    "missing column '…'":
        "The data file has no column headed with the column's name, its 列 text or its label (the message lists "
        "the headers looked for). Rename the header in the data file, or the 列 text in the scheme; the hint names "
        "the header that comes closest.",
    "… is invalid: …":
        "The row is kept in the result with the status 无效 (invalid) and the reason after `is invalid:`; it gets "
        "no grade and no pay. Look the reason up on this page (sections 3 and 4), correct the data and run again.",
    "this block is not closed: '{' on line … has no '}'":
        "Add the `}` that closes the block opened on the line named; every `{` needs its `}`. schemec reports it "
        "where the next block starts, because only there can it tell that the block went on too long.",
    "schemec: error: --report -: the report is a page to open and publish; give a file name such as impact.html":
        "`schemec diff --report` writes a web page to open and publish, not text for the terminal: give it a file "
        "name, e.g. `--report impact.html`.",
    "schemec: error: --encoding …: unknown encoding; accepted: …":
        "Give `--encoding` one of the names the message lists (or leave the option out: schemec recognises UTF-8, "
        "GBK and UTF-16 files by itself).",
}

HEADING = re.compile(r"^### (`+)(.+)\1$")
ANCHOR = re.compile(r'^<a id="([^"]+)"></a>$')


def section_of(m: dm.Message) -> str:
    if m.kind in ("warning", "note"):
        return "warnings"
    path = m.where.rsplit(":", 1)[0]
    for key, _title, prefixes in SECTIONS:
        if any(path.startswith(p) for p in prefixes):
            return key
    return "cli"


def code_span(s: str) -> str:
    if "`" not in s:
        return f"`{s}`"
    ticks = "``"
    while ticks in s:
        ticks += "`"
    return f"{ticks} {s} {ticks}"


def heading_pattern(line: str) -> str | None:
    h = HEADING.match(line)
    if not h:
        return None
    body = h.group(2)
    if len(h.group(1)) > 1 and body.startswith(" ") and body.endswith(" "):
        body = body[1:-1]
    return body


def anchor_for(pattern: str, taken: set[str]) -> str:
    words = re.findall(r"[A-Za-z]+", pattern.replace("…", " "))
    slug = "-".join(w.lower() for w in words)[:56].strip("-")
    if len(words) < 2:
        slug = (slug + "-" if slug else "") + hashlib.sha1(pattern.encode()).hexdigest()[:6]
    base, n = slug, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


# ---------------------------------------------------------------- examples from the corpora

def corpus_texts(root: str) -> list[tuple[str, list[str]]]:
    files = []
    for pat in ("tests/diagnostics/*.stderr", "tests/data_errors/*/expected.stderr", "docs/examples/**/*.stderr",
                "schemes/*/expected/*.stderr", "tests/scheme_tests/*.stdout", "tests/data_errors/*/expected.csv",
                "docs/examples/**/expected.csv", "docs/language.md", "docs/guide.md", "tests/cli/*.sh",
                "tests/cli/**/*.stderr", "tests/unit/*.cpp"):
        files.extend(sorted(glob.glob(os.path.join(root, pat), recursive=True)))
    out = []
    for f in files:
        try:
            with open(f, encoding="utf-8") as fh:
                out.append((os.path.relpath(f, root), fh.read().splitlines()))
        except (UnicodeDecodeError, OSError):
            pass
    return out


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """The pattern as a regular expression over a printed line: a message starts at the line's start, after
    ': ', '; ' or a CSV quote, and ends at the line's end, a ';' or a quote (unless it starts or ends with …)."""
    parts = [re.escape(p) for p in pattern.split("…")]
    rx = ".+?".join(parts)
    if not pattern.startswith("…"):
        rx = r'(?:^|: |; |")' + rx
    if not pattern.endswith("…"):
        rx += r'(?=$|;|")'
    return re.compile(rx if len(pattern.replace("…", "")) else r"^$")


def find_example(pattern: str, corpora: list[tuple[str, list[str]]]) -> tuple[str, str] | None:
    rx = pattern_regex(pattern)
    for name, lines in corpora:
        for i, line in enumerate(lines):
            if len(line) > 400 or not rx.search(line):
                continue
            if not name.endswith((".stderr", ".stdout", ".csv")):
                # documents and test scripts: only a message as printed, FILE:LINE[:COL]: error|warning|note: …
                shown = re.search(r"(\S+?(:\d+)*: |schemec: )(error|warning|note): .*", line)
                if not shown or not rx.search(shown.group(0)):
                    continue
                line = shown.group(0).rstrip("\"'`;)")
            block = [line]
            if not name.endswith(".csv"):
                j = i + 1
                while j < len(lines) and re.match(r"^\s+(\d+ \||\||=)", lines[j]):
                    block.append(lines[j])
                    j += 1
            return name, "\n".join(block)
    return None


def entry_text(m: dm.Message, hints: list[str], anchor: str, sources: list[str], example: tuple[str, str] | None,
               section: str) -> str:
    files = sorted({s.rsplit(":", 1)[0] for s in sources})
    lines = [f'<a id="{anchor}"></a>', f"### {code_span(m.pattern)}", "",
             f"{m.kind} · from {', '.join('`' + f + '`' for f in files)}", ""]
    if example:
        lines += [f"Example (from `{example[0]}`):", "", "```text", example[1], "```", ""]
    else:
        lines += ["Example: none in the test corpora yet.", ""]
    hint = next((h for h in hints if h and dm.meaningful(h)), "")
    advice = next((a for rx, a in ADVICE if re.search(rx, m.pattern)), DEFAULT_ADVICE[section])
    if m.pattern in HAND_ADVICE:
        lines += [f"What to do: {HAND_ADVICE[m.pattern]}", ""]
    elif hint:
        lines += [f"What to do: follow the hint schemec prints below the message, {code_span(hint)}.", ""]
    else:
        lines += [f"What to do: {advice}", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- codes and Chinese texts (issue 16)

PO = "po/zh_CN.po"
FIRST_ANCHOR = re.compile(r'^<a id="([^"]+)"></a>')  # an entry's anchor, maybe followed by its code's
CODE_ANCHOR = re.compile(r'<a id="([EW]\d{4})"></a>')


def catalog(root: str) -> dict[str, str]:
    """msgid -> msgstr of po/zh_CN.po (decoded as C strings, as the extractor decodes the msgids)."""
    text = open(os.path.join(root, PO), encoding="utf-8").read()
    return {dm.decode_c_string(e["msgid"]): dm.decode_c_string(e["msgstr"])
            for e in po_entries.entries(text) if e["msgid"] and not e["obsolete"]}


def chinese_pattern(m: dm.Message, zh: dict[str, str]) -> str:
    """The Chinese text of a coded message as the page shows it (placeholders as …), "" when not translated."""
    text = zh.get(m.msgid, "")
    return dm.squeeze(dm.format_to_pattern(text) if m.formatted else text) if text else ""


def coded_lines(m: dm.Message, zh: dict[str, str], anchor: str, files: list[str]) -> tuple[str, str, str]:
    """An entry's anchor line, its Chinese line and its kind line, for a message with a code."""
    return (f'<a id="{anchor}"></a><a id="{m.code}"></a>', f"中文：{code_span(chinese_pattern(m, zh))}",
            f"{m.kind} {m.code} · from {', '.join('`' + f + '`' for f in files)}")


def check_codes(lines: list[str], entries: dict[str, int], by_pattern: dict[str, list[dm.Message]],
                zh: dict[str, str], fix: bool) -> list[str]:
    """Each entry of a message with a code: `<a id="…"></a><a id="CODE"></a>`, the heading, a blank line, the
    line `中文：`TEXT`` (the catalog's), a blank line, `KIND CODE · from …`; no code anchor of a code the
    sources do not have. With [fix], writes those lines into [lines] (in place) instead of reporting them."""
    problems: list[str] = []
    codes = {m.code for ms in by_pattern.values() for m in ms if m.code}
    # from the last entry up, so that inserted lines do not move the entries still to do
    for pattern, line in sorted(entries.items(), key=lambda e: -e[1]):
        ms = [m for m in by_pattern.get(pattern, []) if m.code]
        if not ms:
            continue
        m = ms[0]
        h = line - 1  # 0-based heading
        old_anchor = FIRST_ANCHOR.match(lines[h - 1])
        anchor = old_anchor.group(1) if old_anchor else anchor_for(pattern, set())
        files = sorted({x.where.rsplit(":", 1)[0] for x in by_pattern[pattern]})
        want_anchor, want_zh, want_kind = coded_lines(m, zh, anchor, files)
        has_zh = h + 2 < len(lines) and lines[h + 2].startswith("中文：")
        kind_at = h + 4 if has_zh else h + 2
        if not chinese_pattern(m, zh):
            problems.append(f"{PAGE}:{line}: {m.code} has no Chinese text in {PO}: {pattern}")
        if fix:
            lines[h - 1] = want_anchor
            if kind_at < len(lines) and " · from " in lines[kind_at]:
                lines[kind_at] = want_kind
            if has_zh:
                lines[h + 2] = want_zh
            else:
                lines[h + 1:h + 1] = ["", want_zh]
            continue
        if lines[h - 1] != want_anchor:
            problems.append(f"{PAGE}:{line - 1}: the anchors of {m.code} should read {want_anchor}")
        if not has_zh or lines[h + 2] != want_zh:
            problems.append(f"{PAGE}:{line + 2}: the Chinese text of {m.code} should read {want_zh}")
        if kind_at >= len(lines) or lines[kind_at] != want_kind:
            problems.append(f"{PAGE}:{kind_at + 1}: the entry of {m.code} should read {want_kind}")
    for i, l in enumerate(lines):
        for c in CODE_ANCHOR.findall(l):
            if c not in codes:
                problems.append(f"{PAGE}:{i + 1}: stale code {c}: no message of the code has it")
    return problems


# ---------------------------------------------------------------- the page

def read_page(path: str) -> tuple[list[str], dict[str, int]]:
    """The page's lines and its entries: pattern -> line number (1-based) of the heading."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    entries: dict[str, int] = {}
    for i, line in enumerate(lines):
        p = heading_pattern(line)
        if p is not None:
            entries[p] = i + 1
    return lines, entries


def grouped(messages: list[dm.Message]) -> dict[str, list[dm.Message]]:
    by_pattern: dict[str, list[dm.Message]] = {}
    for m in messages:
        by_pattern.setdefault(m.pattern, []).append(m)
    return by_pattern


def new_entries(by_pattern: dict[str, list[dm.Message]], patterns: list[str], taken: set[str],
                root: str) -> dict[str, list[str]]:
    corpora = corpus_texts(root)
    out: dict[str, list[str]] = {key: [] for key, _t, _p in SECTIONS}
    for p in patterns:
        ms = by_pattern[p]
        sec = section_of(ms[0])
        out[sec].append(entry_text(ms[0], [m.hint for m in ms], anchor_for(p, taken), [m.where for m in ms],
                                   find_example(p, corpora), sec))
    return out


def add_missing(root: str, by_pattern: dict[str, list[dm.Message]], missing: list[str]) -> None:
    path = os.path.join(root, PAGE)
    lines, _ = read_page(path)
    taken = {a.group(1) for a in (FIRST_ANCHOR.match(l) for l in lines) if a}
    blocks = new_entries(by_pattern, missing, taken, root)
    for key, _title, _p in reversed(SECTIONS):
        if not blocks[key]:
            continue
        marker = f"<!-- end of section {key} -->"
        at = lines.index(marker)
        lines[at:at] = "\n".join(blocks[key]).split("\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    problems = dm.self_test()
    if problems:
        print("\n".join(problems))
        return 1
    messages = dm.extract(root)
    by_pattern = grouped(messages)
    if "--generate" in sys.argv:
        if os.path.exists(os.path.join(root, PAGE)) and "--force" not in sys.argv:
            print(f"{PAGE} exists and has been edited by hand: use --add for new messages "
                  "(--generate --force writes a fresh skeleton over it)")
            return 2
        import diagnostics_page_intro as intro  # the fixed text of the page
        taken: set[str] = set()
        order = sorted(by_pattern, key=lambda p: (by_pattern[p][0].where.rsplit(":", 1)[0],
                                                  int(by_pattern[p][0].where.rsplit(":", 1)[1])))
        blocks = new_entries(by_pattern, order, taken, root)
        text = intro.head(SECTIONS, {k: len(v) for k, v in blocks.items()})
        for n, (key, title, _p) in enumerate(SECTIONS, 1):
            text += f"\n## {n}. {title}\n\n{intro.SECTION_INTRO[key]}\n\n" + "\n".join(blocks[key])
            text += f"\n<!-- end of section {key} -->\n"
        with open(os.path.join(root, PAGE), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{PAGE}: {len(by_pattern)} entries written")
        return 0
    page_lines, entries = read_page(os.path.join(root, PAGE))
    twice = [(i + 1, heading_pattern(l)) for i, l in enumerate(page_lines)
             if heading_pattern(l) is not None and entries[heading_pattern(l)] != i + 1]
    for line, p in twice:
        print(f"{PAGE}:{line}: entry given twice (also on line {entries[p]}): {p}")
    missing = [p for p in by_pattern if p not in entries]
    stale = [p for p in entries if p not in by_pattern]
    if "--add" in sys.argv:
        if missing:
            add_missing(root, by_pattern, missing)
        # the codes and Chinese texts of the coded messages (issue 16)
        path = os.path.join(root, PAGE)
        page_lines, entries = read_page(path)
        for p in check_codes(page_lines, entries, by_pattern, catalog(root), fix=True):
            print(p)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(page_lines))
        print(f"{PAGE}: {len(missing)} entries added; {len(stale)} stale entries to remove by hand")
        for p in stale:
            print(f"  {PAGE}:{entries[p]}: stale: {p}")
        return 0
    for p in missing:
        ms = by_pattern[p]
        title = next(f"## {n}. {t}" for n, (k, t, _p) in enumerate(SECTIONS, 1) if k == section_of(ms[0]))
        print(f"{ms[0].where}: message not in {PAGE} (its section: '{title}'): {p}")
    for p in stale:
        print(f"{PAGE}:{entries[p]}: stale entry: no message of the code reads: {p}")
    code_problems = check_codes(page_lines, entries, by_pattern, catalog(root), fix=False)
    for p in code_problems:
        print(p)
    if code_problems:
        print("\nThe entries of messages with a code show the code beside their anchor and their kind, and their")
        print(f"Chinese text from {PO} under the heading; /usr/bin/python3 tests/docs/check_diagnostics_doc.py --add")
        print("writes those lines.")
    if (twice or code_problems) and not (missing or stale):
        return 1
    if missing or stale:
        print(f"\ndiagnostics_doc: {len(missing)} message(s) missing from {PAGE}, {len(stale)} stale entr(y/ies).")
        print("A message was added, changed or removed in the code. To add the missing entries at the end of their")
        print("sections (with an example from the test corpora and the code's hint), run from the repository root:")
        print("    /usr/bin/python3 tests/docs/check_diagnostics_doc.py --add")
        print(f"then read the new entries in {PAGE} and improve them; delete each stale entry (its <a id> line, its")
        print("### heading and the text up to the next entry), or, for a reworded message, change its ### heading to")
        print("the new wording and keep its <a id> line (links, and the message code to come, use that anchor).")
        return 1
    print(f"diagnostics_doc: {len(entries)} entries, every message of the code is in {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
