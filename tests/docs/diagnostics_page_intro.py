"""The fixed text of docs/diagnostics.md, used by `check_diagnostics_doc.py --generate` (the skeleton).

The page is checked in and edited by hand afterwards; this text is only where a fresh page starts from.
"""

SECTION_INTRO = {
    "syntax": "The scheme file cannot be read as a scheme (`schemec check` and `schemec run` stop before any "
              "data is read; exit code 1), or a file it extends (继承) or imports (引用) cannot be loaded. See "
              "[language.md §34](language.md#34-syntax-errors).",
    "check": "The scheme reads, but something in it is inconsistent: an unknown name, a weight that does not add "
             "up, a grade that can never be reached. Exit code 1; no data is read.",
    "data": "A data file (CSV or .xlsx) cannot be read, a column is missing, or a cell is refused. A refused cell "
            "makes its row invalid (the row is kept in the result with its reason: see [language.md §32]"
            "(language.md#32-data-files)); a file that cannot be read stops the run (exit code 1). Many of these "
            "texts are the *reason* after `row 'KEY' is invalid: column 'NAME': …`.",
    "run": "The data was read, but a value cannot be computed exactly for some rows (they become invalid, with "
           "the reason) or a step over the whole population (a quota, a pool, a constraint) cannot be done.",
    "outputs": "The results, the violations table or the workbook could not be written.",
    "cli": "The command line itself: an option's value, a file name, `--param`, a table binding; and the lines "
           "the commands `fmt`, `test` and `diff` print. Exit code 2 for a wrong command line (see "
           "[language.md §33](language.md#33-command-line-and-exit-codes)).",
    "warnings": "Warnings (and the notes that follow them) do not stop anything: the exit code stays 0. They "
                "point at something that is probably not what was meant.",
}


def head(sections, counts) -> str:
    contents = "\n".join(f"{n}. [{title}](#{n}-{title.lower().replace(' ', '-')})"
                         for n, (key, title, _p) in enumerate(sections, 1))
    return f"""# Messages: what each one means and what to do

This page lists every message schemec can print, grouped by where it arises: reading the
scheme, checking it, reading the data, the run, writing the outputs, the command line, and the warnings. For
each message: the message as a pattern, an example as schemec really prints it (taken from the project's tests),
and what to do.

To find a message, search this page for a few words of it that are not names or numbers of your own (e.g.
`is not a number` or `has no closing`): in a pattern, `…` stands for the part that changes — a name, a number,
a cell, a file.

## Contents

0. [How to read a message](#how-to-read-a-message)
{contents}

## How to read a message

```text
tests/diagnostics/syntax.misspelt_keyword_veto.scheme:10:1: error: unknown word '一票否绝': did you mean '一票否决' (veto)?
 10 | 一票否绝 {{
    | ^~~~~~~~
  = hint: a value is declared as 'name = formula'; a line that is not part of the scheme is commented out with #
```

- **Where**: `FILE:LINE:COLUMN` — the file, the line (counted from 1) and the column (counted in characters
  from 1, a Chinese character counting as one). A data file's message names `FILE:LINE` (the line of the CSV
  file, the header being line 1; for an .xlsx workbook, the sheet's row), and the column by its name.
- **How bad**: `error` stops the check or the run (exit code 1; 2 for a wrong command line, 3 when a file
  cannot be read or written); `warning` does not (exit code 0) but is worth reading; `note` adds detail to
  the message above it.
- **What**: the message, in the words of the scheme language, with the keyword in both spellings
  (`'else' (否则)`).
- **The caret** `^` (or `^~~~~` under a whole word) marks the exact place in the quoted line: the mistake is
  there or just before it.
- **The hint** `= hint: …` says what to write instead, when schemec can tell.

A row of data that cannot be scored is not dropped: it is kept in the result with the status 无效 (invalid)
and its reasons, and the warning `FILE:LINE: warning: row 'KEY' is invalid: …` says why. The reasons are the
messages of sections 3 and 4.

**What this page cannot list.** The list is made from the program's source, so it has every message
written there, with `…` where the text varies. It does not show, as entries of their own: a line made wholly
of other messages (`FILE:LINE: warning: row 'KEY' is invalid: …` followed by a reason: look the reason up);
texts that come from the operating system or a library after a message of ours (`Permission denied`, `No
space left on device`); and the output of `--help`.

Each entry below has a fixed anchor (`diagnostics.md#…`) that does not change when the wording does. Every
error and warning schemec reports has a code (`E1001`, `W1002`) that changes with neither the language nor the
wording: its entry has the anchor `diagnostics.md#E1001` too, and `check --format json` and the language server
give it. The entries without a code are texts that are part of another message: the reason of an invalid row
(inside `row 'KEY' is invalid: …`, code W1002), a failed test's line, a note, the command line's own lines.

<!-- How this page is kept complete: ctest diagnostics_doc (tests/docs/check_diagnostics_doc.py) fails when
a message of the code is missing here or an entry names a message the code no longer has. It recognises an
entry by its heading line: three hashes, then the message pattern in a code span. To add the entries of new
messages: /usr/bin/python3 tests/docs/check_diagnostics_doc.py --add, then improve them by hand. -->
"""
