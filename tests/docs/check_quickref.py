#!/usr/bin/env python3
"""docs/quickref.md (速查) against the code: every keyword, every example, every link.

    /usr/bin/python3 tests/docs/check_quickref.py [REPO_ROOT]

The keywords come from where the parser and the editor grammar take them (editors/vscode/scripts/
generate_grammar.js reads the same places):
  grammar/lexical.hpp, grammar/rules.hpp   every `struct NAME : word< TAO_PEGTL_STRING("…"), … >` (all spellings),
                                            and the spellings of agg_excluding_self (不含本人, excluding self)
                                            and the Chinese spelling of range_dots (至)
  stdlib/*.cpp                              the built-in functions (table.add({{…}} / date_function({…}))
  interpreter/check/checker.hpp             the built-in result columns' aliases (grade, 否决 …)
The card's keywords are the `backticked` words in the first two columns of its tables (a cell such as
`..` that is no word is skipped). The check fails when
  - a keyword of the code is not on the card, or the card names a word the code does not have;
  - an example (third column) is not, whitespace aside, part of one line of a scheme under docs/examples/ or
    schemes/ (comments removed; docs/examples/diagnostics/ does not count: those schemes are wrong on purpose),
    so that every example is one that doc_examples or the reference schemes' tests run;
  - a link into docs/language.md (language.md#…) names no heading of it.
Prints one line per problem and `quickref: N keywords, M examples, K links checked`; exits 1 on a problem.
"""
import glob
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


def struct_bodies(text):
    return {m.group(1): m.group(2) for m in re.finditer(r"struct\s+(\w+)\s*:\s*([\s\S]*?)\{\s*\};", text)}


def pegtl_strings(body):
    return [m.group(1) for m in re.finditer(r'TAO_PEGTL_STRING\("((?:[^"\\]|\\.)*)"\)', body)]


CJK = re.compile(r"^[\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+$")


def code_keywords():
    structs = {}
    for rel in ("grammar/lexical.hpp", "grammar/rules.hpp"):
        structs.update(struct_bodies(read(rel)))
    words = set()
    for name, body in structs.items():
        if re.match(r"\s*word<", body):
            words.update(pegtl_strings(body))
    excl = structs["agg_excluding_self"]
    m = re.search(r'seq<\s*TAO_PEGTL_STRING\("(\w+)"\)\s*,\s*sep\s*,\s*TAO_PEGTL_STRING\("(\w+)"\)\s*>', excl)
    words.add(m.group(1) + " " + m.group(2))
    words.update(s for s in pegtl_strings(excl) if CJK.match(s))
    words.update(s for s in pegtl_strings(structs["range_dots"]) if CJK.match(s))
    for path in sorted(glob.glob(os.path.join(ROOT, "stdlib", "*.cpp"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r'(?:table\.add\(\{\{|date_function\(\{)((?:"[^"]*"\s*,?\s*)+)\}', text):
            words.update(re.findall(r'"([^"]*)"', m.group(1)))
    for m in re.finditer(r"inline const std::vector<std::string> \w+_aliases = \{([^}]*)\}",
                         read("interpreter/check/checker.hpp")):
        words.update(re.findall(r'"([^"]*)"', m.group(1)))
    if len(words) < 100:
        raise SystemExit("check_quickref: found only %d keywords in the sources: has the grammar's layout changed?"
                         % len(words))
    return words


def cells(line):
    # A table row: split on | outside backticks.
    out, cur, tick = [], "", False
    for ch in line.strip().strip("|"):
        if ch == "`":
            tick = not tick
        if ch == "|" and not tick:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    out.append(cur.strip())
    return out


def card():
    """(keywords with their line, examples with their line, language.md anchors with their line)"""
    kws, examples, links = [], [], []
    lines = read("docs/quickref.md").split("\n")
    for n, line in enumerate(lines, 1):
        for m in re.finditer(r"\]\(language\.md#([^)]+)\)", line):
            links.append((m.group(1), n))
        if not line.startswith("|") or re.match(r"^\|[-| ]+\|$", line) or line.startswith("| 中文 |"):
            continue
        c = cells(line)
        if len(c) < 4:
            print("docs/quickref.md:%d: a table row needs 4 columns (中文 | English | 例子 | 见)" % n)
            kws.append((None, n))
            continue
        for col in c[:2]:
            for w in re.findall(r"`([^`]+)`", col):
                if re.match(r"^[\w ]+$", w):
                    kws.append((w, n))
        ex = re.findall(r"`([^`]+)`", c[2])
        if len(ex) != 1:
            print("docs/quickref.md:%d: the example column needs exactly one `example`" % n)
            kws.append((None, n))
        else:
            examples.append((ex[0], n))
    return kws, examples, links


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def scheme_lines():
    files = glob.glob(os.path.join(ROOT, "docs", "examples", "**", "*.scheme"), recursive=True)
    files += glob.glob(os.path.join(ROOT, "schemes", "**", "*.scheme"), recursive=True)
    out = []
    for path in sorted(files):
        if os.sep + "diagnostics" + os.sep in path:
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                # a comment starts at '#' (a '#' inside 「…」 or "…" is rare in these files; keep it simple)
                out.append(norm(re.sub(r"(^|\s)#.*$", "", line.rstrip("\n"))))
    return out


def slug(heading):
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def main():
    problems = 0
    code = code_keywords()
    kws, examples, links = card()
    problems += sum(1 for w, _ in kws if w is None)
    on_card = {w for w, _ in kws if w is not None}
    for w in sorted(code - on_card):
        print("docs/quickref.md: the keyword '%s' of the code is not on the card" % w)
        problems += 1
    for w, n in kws:
        if w is not None and w not in code:
            print("docs/quickref.md:%d: '%s' is no keyword of the code (grammar/, stdlib/, checker.hpp)" % (n, w))
            problems += 1
    lines = scheme_lines()
    for ex, n in examples:
        e = norm(ex)
        if not any(e in line for line in lines):
            print("docs/quickref.md:%d: the example `%s` is not part of a line of a scheme under docs/examples/ "
                  "or schemes/" % (n, ex))
            problems += 1
    anchors = {slug(l.lstrip("#")) for l in read("docs/language.md").split("\n") if re.match(r"^#{1,6} ", l)}
    for a, n in links:
        if a not in anchors:
            print("docs/quickref.md:%d: language.md#%s is no heading of docs/language.md" % (n, a))
            problems += 1
    print("quickref: %d keywords, %d examples, %d links checked" % (len(on_card), len(examples), len(links)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
