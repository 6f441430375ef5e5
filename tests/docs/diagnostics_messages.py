#!/usr/bin/env python3
"""The messages a person can get from schemec, found in the source (issue 13 item 4).

Reads interpreter/**/*.cpp, *.hpp and grammar/*.hpp and prints one line per message:

    PATTERN<TAB>KIND<TAB>FILE:LINE<TAB>HINT

PATTERN is the message's literal text with every format placeholder ({}, {:>8}, {0}) and every part
that is not a literal (a variable, a function's result, a concatenated value) turned into '…'. KIND is
error, warning or note. HINT is the hint's literal text given beside the message ('' when none or not a
literal). A message found at several places is printed once per place.

Where it looks (the "message points"; a new kind of message point must be added here):
  - a call or brace-initialisation of a sink: error(…), warning(…), note(…), data_error(…),
    data_warning(…), diags.add({…}), fail(…), refuse(…), refused(…), syntax_hint{…}, the checker's and
    reader's helpers of the same names: the first argument that is a literal (a string literal, adjacent
    literals, fmt::format("…", …), std::string("…"), or a '+' of those with other values) is the message, the
    next literal one its hint; both branches of a '?:' between literals are messages;
  - grammar/errors.hpp: each `error_message< rule >{"CODE", N_("…")}` (the text as it is, not a format);
  - the translated messages of issue 16 (interpreter/base/i18n.hpp) wherever a literal may stand:
    msg("CODE", N_("…"), …) gives the message and its code, tr(N_("…"), …) a text without a code, both fmt
    formats; each Message carries its code ("" when none), its msgid and whether the msgid is a fmt format;
  - a row made invalid or failed with its reason: mark_invalid(…), fail_row(…);
  - the CSV reader's `csv_…` message constants; a `constexpr const char* NAME = "…"` of the same file passed
    by its name as a message or hint;
  - a message kept in a variable before it is reported: `problem`, `message` (also a member `.message`),
    `why`, `error`, `reason` assigned (= or +=) a literal; `reasons.push_back(…)`, `problems.push_back({…})` and
    `out.emplace_back(row, …)` (the reasons of an invalid row), `messages.push_back(…)`;
  - a `return fmt::format("…")` / `return "…"` in a function whose name ends in _message, _problem,
    _reason or _why, or in data/number_cell.cpp (the reasons a number cell is refused);
  - the command line's own lines: `err << "schemec: …" << x << "…"` chains (cli/).

What it cannot see (kept short on purpose; docs/diagnostics.md says so too):
  - a message made wholly of values (fmt::format("{}: {}", file, problem)): its parts are found where
    they are made, the wrapper is not an entry (a pattern needs at least one word of letters);
  - a message built in a loop or passed through a variable of another name than those above;
  - texts of exceptions from libraries (std::filesystem, libzip, expat) shown after a message of ours.

Run: /usr/bin/python3 tests/docs/diagnostics_messages.py [REPO_ROOT]
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field

SINKS = {"error", "warning", "note", "data_error", "data_warning", "fail", "refuse", "refused", "syntax_hint",
         "add", "mark_invalid", "fail_row"}
POSITIONAL = {"error": 1, "warning": 1, "note": 1, "data_error": 2, "data_warning": 2}
WARNING_SINKS = {"warning", "data_warning"}
MESSAGE_VARS = {"problem", "message", "why", "error", "reason"}
RETURNING_FUNCS = re.compile(r"_(message|problem|reason|why)$")
RETURN_EVERYWHERE_FILES = {"interpreter/data/number_cell.cpp"}


@dataclass
class Tok:
    kind: str  # 'str', 'id', 'num', 'p'
    text: str
    line: int
    value: str = ""  # decoded literal for 'str'


def decode_c_string(body: str) -> str:
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        n = body[i + 1]
        if n == "x":
            j = i + 2
            while j < len(body) and body[j] in "0123456789abcdefABCDEF":
                j += 1
            out.append(int(body[i + 2:j], 16) & 0xFF)
            i = j
        elif n in "01234567":
            j = i + 1
            while j < len(body) and j < i + 4 and body[j] in "01234567":
                j += 1
            out.append(int(body[i + 1:j], 8) & 0xFF)
            i = j
        elif n == "u":
            out += chr(int(body[i + 2:i + 6], 16)).encode("utf-8")
            i += 6
        else:
            out += {"n": b"\n", "t": b"\t", "r": b"\r", "0": b"\0"}.get(n, n.encode("utf-8"))
            i += 2
    return out.decode("utf-8", errors="replace")


TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<lc>//[^\n]*)
  | (?P<bc>/\*.*?\*/)
  | (?P<raw>(?:u8|u|U|L)?R"(?P<delim>[^(\s]*)\((?P<rawbody>.*?)\)(?P=delim)")
  | (?P<str>(?:u8|u|U|L)?"(?P<body>(?:[^"\\\n]|\\.)*)")
  | (?P<chr>'(?:[^'\\\n]|\\.)*')
  | (?P<id>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<num>[0-9][0-9A-Za-z_.']*)
  | (?P<p>::|->|<<|\+=|==|!=|<=|>=|&&|\|\||.)
""", re.S | re.X)


def lex(text: str) -> list[Tok]:
    toks: list[Tok] = []
    line = 1
    pos = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        assert m, (pos, text[pos:pos + 20])
        kind = m.lastgroup
        s = m.group(0)
        if m.group("raw") is not None:
            toks.append(Tok("str", s, line, m.group("rawbody")))
        elif m.group("str") is not None:
            toks.append(Tok("str", s, line, decode_c_string(m.group("body"))))
        elif m.group("id") is not None:
            toks.append(Tok("id", s, line))
        elif m.group("num") is not None:
            toks.append(Tok("num", s, line))
        elif m.group("chr") is not None:
            toks.append(Tok("chr", s, line))
        elif kind == "p":
            toks.append(Tok("p", s, line))
        line += s.count("\n")
        pos = m.end()
    return toks


OPEN = {"(": ")", "{": "}", "[": "]"}


def matching(toks: list[Tok], i: int) -> int:
    """Index of the bracket closing toks[i]."""
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j]
        if t.kind == "p" and t.text in OPEN:
            depth += 1
        elif t.kind == "p" and t.text in (")", "}", "]"):
            depth -= 1
            if depth == 0:
                return j
    return len(toks) - 1


def split_top(toks: list[Tok], sep: str) -> list[list[Tok]]:
    parts: list[list[Tok]] = [[]]
    depth = 0
    for t in toks:
        if t.kind == "p" and t.text in OPEN:
            depth += 1
        elif t.kind == "p" and t.text in (")", "}", "]"):
            depth -= 1
        if depth == 0 and t.kind == "p" and t.text == sep:
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def flatten_args(toks: list[Tok]) -> list[list[Tok]]:
    """Arguments of a call, with a braced initialiser's elements taken as arguments in its place."""
    out: list[list[Tok]] = []
    for arg in split_top(toks, ","):
        if arg and arg[0].text == "{" and matching(arg, 0) == len(arg) - 1:
            out.extend(flatten_args(arg[1:-1]))
        else:
            out.append(arg)
    return out


PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def format_to_pattern(s: str) -> str:
    """A fmt format string as printed: {{ and }} are braces, each {…} replacement field is '…'."""
    out = []
    i = 0
    while i < len(s):
        if s.startswith("{{", i) or s.startswith("}}", i):
            out.append(s[i])
            i += 2
        elif s[i] == "{":
            m = PLACEHOLDER.match(s, i)
            out.append("…" if m else "{")
            i = m.end() if m else i + 1
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def strip_parens(toks: list[Tok]) -> list[Tok]:
    while len(toks) >= 2 and toks[0].text == "(" and matching(toks, 0) == len(toks) - 1:
        toks = toks[1:-1]
    return toks


def literalish(toks: list[Tok]) -> list[str] | None:
    """The texts an expression can be when it is made of literals (with … for the rest), else None."""
    toks = strip_parens(toks)
    if not toks:
        return None
    if len(toks) == 1 and toks[0].kind == "id" and toks[0].text in FILE_CONSTANTS:
        return [FILE_CONSTANTS[toks[0].text]]
    if all(t.kind == "str" for t in toks):
        return ["".join(t.value for t in toks)]
    # cond ? A : B
    q = split_top(toks, "?")
    if len(q) == 2:
        branches = split_top(q[1], ":")
        # '::' is one token, so ':' here is the conditional's
        if len(branches) == 2:
            out: list[str] = []
            for b in branches:
                lit = literalish(b)
                if lit:
                    out.extend(lit)
            return out or None
    plus = split_top(toks, "+")
    if len(plus) > 1:
        texts = [""]
        any_literal = False
        for part in plus:
            lit = literalish(part)
            if lit and len(texts) * len(lit) <= 8:
                texts = [t + l for t in texts for l in lit]
                any_literal = True
            else:
                texts = [t + "…" for t in texts]
        return texts if any_literal else None
    # issue 16: N_("…") is its text; tr(N_("…"), …) and msg("CODE", N_("…"), …) are formats with a code or none
    if len(toks) >= 3 and toks[0].kind == "id" and toks[0].text in ("N_", "tr", "msg") and toks[1].text == "(" \
            and matching(toks, 1) == len(toks) - 1:
        args = split_top(toks[2:-1], ",")
        if toks[0].text == "N_":
            return literalish(args[0]) if args else None
        code = ""
        if toks[0].text == "msg":
            code = args[0][0].value if args and args[0] and args[0][0].kind == "str" else ""
            args = args[1:]
        inner = strip_parens(args[0]) if args else []
        lit = literalish(inner) if inner and inner[0].text == "N_" else None
        if not lit:
            return None
        out = [format_to_pattern(x) for x in lit]
        for x, pat in zip(lit, out):
            TRANSLATED[squeeze(pat)] = (code, x, True)
        return out
    names = [t.text for t in toks[:4]]
    if len(toks) >= 4 and names[:3] == ["fmt", "::", "format"] and toks[3].text == "(":
        args = split_top(toks[4:matching(toks, 3)], ",")
        lit = literalish(args[0]) if args else None
        return [format_to_pattern(s) for s in lit] if lit else None
    if len(toks) >= 4 and names[:3] == ["std", "::", "string"] and toks[3].text in "({":
        inner = toks[4:matching(toks, 3)]
        return literalish(inner)
    return None


def squeeze(s: str) -> str:
    s = s.replace("\n", " ")
    s = re.sub(r"…(\s*…)+", "…", s)
    return s.strip()


def meaningful(s: str) -> bool:
    """A pattern worth an entry: it has at least one word of letters (or CJK) besides the placeholders."""
    return bool(re.search(r"[A-Za-z]{2,}|[\u4e00-\u9fff]", s))


@dataclass
class Message:
    pattern: str
    kind: str
    where: str
    hint: str = ""
    code: str = ""         # the message's code (msg("E0142", …), errors.hpp), "" when it has none
    msgid: str = ""        # the English msgid of a translated message (N_), as the catalog holds it
    formatted: bool = True  # the msgid is a fmt format ({} placeholders), not a text shown as it is


# What literalish saw of msg(…) / tr(…) / N_(…): pattern → (code, msgid, formatted); read by add().
TRANSLATED: dict[str, tuple[str, str, bool]] = {}


@dataclass
class Extraction:
    messages: list[Message] = field(default_factory=list)


def chain_after_shift(toks: list[Tok], i: int) -> tuple[list[list[Tok]], int]:
    """The operands of a `<<` chain starting after toks[i] (which is `<<`), up to ';'."""
    operands: list[list[Tok]] = [[]]
    depth = 0
    j = i + 1
    while j < len(toks):
        t = toks[j]
        if t.kind == "p" and t.text in OPEN:
            depth += 1
        elif t.kind == "p" and t.text in (")", "}", "]"):
            depth -= 1
        if depth == 0 and t.text == ";":
            break
        if depth == 0 and t.text == "<<":
            operands.append([])
        else:
            operands[-1].append(t)
        j += 1
    return operands, j


# The file's `constexpr const char* NAME = "…";` constants: a message or hint passed by its name.
FILE_CONSTANTS: dict[str, str] = {}


def extract_file(rel: str, text: str, out: list[Message]) -> None:
    toks = lex(text)
    FILE_CONSTANTS.clear()
    for i in range(len(toks) - 5):
        if [t.text for t in toks[i:i + 3]] == ["constexpr", "const", "char"] and toks[i + 3].text == "*" \
                and toks[i + 5].text == "=" and i + 7 < len(toks) and toks[i + 6].kind == "str" \
                and toks[i + 7].text == ";":
            FILE_CONSTANTS[toks[i + 4].text] = toks[i + 6].value
    in_cli = rel.startswith("interpreter/cli/")

    def add(patterns: list[str] | None, kind: str, line: int, hint: str = "") -> None:
        for p in patterns or []:
            p = squeeze(p.rstrip("\n"))
            if meaningful(p):
                code, msgid, formatted = TRANSLATED.get(p, ("", "", True))
                out.append(Message(p, kind, f"{rel}:{line}", squeeze(hint), code, msgid, formatted))

    current_func = ""
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        # the name of the function being defined: NAME ( … ) {   (approximate: the last such NAME seen)
        if t.kind == "id" and nxt is not None and nxt.text == "(":
            close = matching(toks, i + 1)
            after = toks[close + 1] if close + 1 < len(toks) else None
            if after is not None and after.text in ("{", "const", "->", "noexcept"):
                prev = toks[i - 1] if i else None
                if prev is None or prev.text not in (".", "->", "=", "return", "(", ","):
                    current_func = t.text
        # sinks
        if t.kind == "id" and t.text in SINKS and nxt is not None and nxt.text in ("(", "{"):
            prev = toks[i - 1] if i else None
            if t.text == "add" and not (prev is not None and prev.text in (".", "->") and i >= 2
                                        and toks[i - 2].text in ("diags", "m_diags", "diags_")):
                continue
            if prev is not None and prev.text in ("void", "bool", "auto") and t.text != "syntax_hint":
                continue  # a definition, not a call
            if prev is not None and prev.kind == "id" and prev.text in ("workbook_sheet", "std"):
                continue
            close = matching(toks, i + 1)
            args = flatten_args(toks[i + 2:close])
            lits = [(a, literalish(a)) for a in args]
            if t.text in POSITIONAL and prev is not None and prev.text in (".", "->") or \
                    (t.text in POSITIONAL and len(args) > POSITIONAL[t.text] and t.text != "note"):
                # the diagnostics' own methods (and the checker's helpers of the same shape): the message is
                # at its place; a message that is not a literal is found where it is made, and its hint is
                # no message
                at = POSITIONAL[t.text]
                plain = [(a, literalish(a)) for a in split_top(toks[i + 2:close], ",")]
                lits = plain[at:] if len(plain) > at and plain[at][1] else []
            if t.text == "add":
                # diags.add({level, at, length, message, hint, data_file, data_line})
                inner = toks[i + 2:close]
                fields = split_top(inner[1:-1], ",") if inner and inner[0].text == "{" else []
                plain = [(a, literalish(a)) for a in fields]
                lits = plain[3:] if len(plain) > 3 and plain[3][1] else []
            found = [(a, l) for a, l in lits if l]
            if not found:
                continue
            msg = found[0][1]
            hint = ""
            if t.text not in ("fail_row", "mark_invalid") and len(found) > 1 and len(found[1][1]) == 1:
                hint = found[1][1][0]
            kind = "warning" if t.text in WARNING_SINKS else ("note" if t.text == "note" else "error")
            # the severity of diags.add({severity::warning, …})
            if t.text == "add" and any(x.text == "warning" for x in args[0] if args):
                kind = "warning"
            add(msg, kind, t.line, hint)
            if len(found) > 1 and len(found[1][1]) > 1:
                pass  # a hint chosen between literals: not an entry of its own
            continue
        # grammar/errors.hpp
        if t.kind == "id" and t.text == "error_message" and nxt is not None and nxt.text == "<":
            j = i + 1
            while j < len(toks) and toks[j].text != ">":
                j += 1
            if j + 1 < len(toks) and toks[j + 1].text == "{":
                fields = split_top(toks[j + 2:matching(toks, j + 1)], ",")
                if len(fields) == 2 and fields[0] and fields[0][0].kind == "str":
                    lit = literalish(fields[1])
                    for x in lit or []:
                        TRANSLATED[squeeze(x)] = (fields[0][0].value, x, False)
                    add(lit, "error", t.line)
            continue
        # the CSV reader's messages: inline constexpr const char* csv_… = "…";
        if t.kind == "id" and t.text.startswith("csv_") and nxt is not None and nxt.text == "=" and i >= 1 \
                and toks[i - 1].text == "*":
            add(literalish(toks[i + 2:i + 3]), "error", t.line)
            continue
        # message variables (also the text of a coded one: message.text += …)
        member_text = t.text == "text" and i >= 2 and toks[i - 1].text == "." and toks[i - 2].text in MESSAGE_VARS
        if t.kind == "id" and (t.text in MESSAGE_VARS or member_text) and nxt is not None and nxt.text in ("=", "+="):
            prev = toks[i - 1] if i else None
            if prev is not None and prev.text in (".", "->") and t.text != "message" and not member_text:
                continue
            k = i + 2
            while k < len(toks) and toks[k].text != ";":
                if toks[k].text in OPEN:
                    k = matching(toks, k)
                k += 1
            lit = literalish(toks[i + 2:k])
            if lit and nxt.text == "+=":
                lit = ["…" + x if not x.startswith(("…", " ")) else "…" + x for x in lit]
            add(lit, "error", t.line)
            continue
        # reasons of invalid rows, header problems
        if t.kind == "id" and t.text in ("push_back", "emplace_back") and nxt is not None and nxt.text == "(" \
                and i >= 2 and toks[i - 2].text in ("reasons", "problems", "out", "messages") \
                and not (i + 3 < len(toks) and toks[i + 2].text == "{" and toks[i + 3].text == "{"):  # not a JSON object
            close = matching(toks, i + 1)
            args = flatten_args(toks[i + 2:close])
            found = [l for l in (literalish(a) for a in args) if l]
            if found:
                warn = toks[i - 2].text == "problems" and any(a and a[0].text == "false" for a in args)
                add(found[0], "warning" if warn else "error", t.line,
                    found[1][0] if len(found) > 1 and len(found[1]) == 1 else "")
            continue
        # returned messages
        if t.kind == "id" and t.text == "return" and (RETURNING_FUNCS.search(current_func)
                                                      or rel in RETURN_EVERYWHERE_FILES):
            k = i + 1
            while k < len(toks) and toks[k].text != ";":
                if toks[k].text in OPEN:
                    k = matching(toks, k)
                k += 1
            add(literalish(toks[i + 1:k]), "error", t.line)
            continue
        # the command line's own lines
        if in_cli and t.kind == "p" and t.text == "<<" and i >= 1 and toks[i - 1].text == "err":
            operands, _ = chain_after_shift(toks, i)
            pieces = []
            for op in operands:
                lit = literalish(op)
                pieces.append(lit[0] if lit and len(lit) == 1 else "…")
            text = "".join(pieces)
            if "schemec: " in text or "warning: " in text or text.endswith("\n"):
                kind = "warning" if "warning: " in text else ("note" if "note: " in text else "error")
                add([text], kind, t.line)


SELF_TEST_SOURCE = r'''
void f() {
  m_diags.error(pos(n), fmt::format("grade '{}' has two quotas", d.name), "keep one", span(n));  // comment "no"
  diags.data_warning(file, line, fmt::format("skipped {:>3} lines", n), fmt::format("hint {}", x));
  diags.add({severity::warning, {}, 0, "a warning " + name + " added", {}, {}, 0});
  problem = cond ? std::string("first") : fmt::format("second {}{}", a, b);
  reasons.push_back(fmt::format("{}:{}: column '{}' is empty", file, line, name));
  err << "schemec: error: --out " << options.out << ": no such folder\n";
  error(at, "the text \xE5\x85\x83 and {{braces}}");
  error(at, fmt::format("{{{}}} is \"quoted\"", x));
  /* error(at, "in a comment"); */
  note(at, some_variable);
  diags.error(at, msg("E0142", N_("expected '=' after {}"), name), tr(N_("write '{} = …'"), name));
  problem = tr(N_("'{}' is not a number"), cell);
}
template<> inline constexpr syntax_message error_message< expect_x >{"E0001", N_("expected a '{' here")};
'''

SELF_TEST_EXPECTED = [
    ("grade '…' has two quotas", "error", "keep one"),
    ("skipped … lines", "warning", "hint …"),
    ("a warning … added", "warning", ""),
    ("first", "error", ""),
    ("second …", "error", ""),
    ("…:…: column '…' is empty", "error", ""),
    ("schemec: error: --out …: no such folder", "error", ""),
    ("the text 元 and {{braces}}", "error", ""),
    ("{…} is \"quoted\"", "error", ""),
    ("expected '=' after …", "error", "write '… = …'"),
    ("'…' is not a number", "error", ""),
    ("expected a '{' here", "error", ""),
]

SELF_TEST_CODES = [("expected '=' after …", "E0142", "expected '=' after {}", True),
                   ("'…' is not a number", "", "'{}' is not a number", True),
                   ("expected a '{' here", "E0001", "expected a '{' here", False)]


def self_test() -> list[str]:
    """The extractor on a piece of C++ with each kind of message point; the differences (empty: none)."""
    out: list[Message] = []
    extract_file("interpreter/cli/self_test.cpp", SELF_TEST_SOURCE, out)
    got = [(m.pattern, m.kind, m.hint) for m in out]
    codes = [(m.pattern, m.code, m.msgid, m.formatted) for m in out if m.msgid]
    return [f"extractor self-test: expected {e}" for e in SELF_TEST_EXPECTED if e not in got] + \
           [f"extractor self-test: unexpected {g}" for g in got if g not in SELF_TEST_EXPECTED] + \
           [f"extractor self-test: expected the code {e}" for e in SELF_TEST_CODES if e not in codes]


def source_files(root: str) -> list[str]:
    files: list[str] = []
    for base in ("interpreter", "grammar"):
        for dirpath, _dirs, names in os.walk(os.path.join(root, base)):
            for n in names:
                if n.endswith((".cpp", ".hpp")):
                    files.append(os.path.relpath(os.path.join(dirpath, n), root))
    return sorted(files)


def extract(root: str) -> list[Message]:
    out: list[Message] = []
    for rel in source_files(root):
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            extract_file(rel, f.read(), out)
    return out


def main() -> int:
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    for m in extract(root):
        print(f"{m.pattern}\t{m.kind}\t{m.where}\t{m.hint}\t{m.code}".replace("\n", "\\n"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
