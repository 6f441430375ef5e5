#!/usr/bin/env python3
"""指南 (docs/guide.md, Chinese) against its English version (docs/guide.en.md), and the links into both.

    /usr/bin/python3 tests/docs/check_guide.py [REPO_ROOT]

Fails when
  - the two guides do not have the same numbered sections (`## N. …`), in the same order;
  - a section of guide.md is translated but its code blocks (the examples, the commands and their output) are
    not exactly those of the same section of guide.en.md, in the same order, or it has another number of
    `###` subsections;
  - a section of guide.md is not translated yet and does not say so (本节尚未翻译) with a link to the same
    section of guide.en.md;
  - a relative link of README.md or docs/*.md names a file that does not exist, or an anchor (#…) that is no
    heading of the Markdown file it points into (GitHub's anchors: lower case, punctuation dropped, spaces
    become '-').
The `$ ` snippets of both guides are run by doc_snippets (docs/examples/check_snippets.py).
Prints one line per problem and `guide: N sections (T translated), L links checked`; exits 1 on a problem.
"""
import glob
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
UNTRANSLATED = "本节尚未翻译"


def read_lines(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read().split("\n")


def slug(heading):
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def headings(lines):
    """The anchors of a Markdown file's headings (outside code blocks), numbered as GitHub does for repeats."""
    seen, out, fence = {}, set(), False
    for line in lines:
        if line.startswith("```"):
            fence = not fence
            continue
        m = re.match(r"^#{1,6} (.*)$", line)
        if m and not fence:
            s = slug(m.group(1))
            n = seen.get(s, 0)
            seen[s] = n + 1
            out.add(s if n == 0 else "%s-%d" % (s, n))
    return out


def sections(lines):
    """[(number, heading, body lines)] of the `## N. …` sections; text before the first is not a section."""
    out, fence = [], False
    for line in lines:
        if line.startswith("```"):
            fence = not fence
        m = None if fence else re.match(r"^## (\d+)\. (.*)$", line)
        if m:
            out.append((int(m.group(1)), line[3:], []))
        elif out:
            out[-1][2].append(line)
    return out


def code_blocks(lines):
    out, cur = [], None
    for line in lines:
        if line.startswith("```"):
            if cur is None:
                cur = [line]
            else:
                cur.append(line)
                out.append("\n".join(cur))
                cur = None
        elif cur is not None:
            cur.append(line)
    return out


def subsections(lines):
    fence, n = False, 0
    for line in lines:
        if line.startswith("```"):
            fence = not fence
        elif not fence and line.startswith("### "):
            n += 1
    return n


def links(rel, lines):
    """(target, line number) of every relative Markdown link outside code blocks."""
    out, fence = [], False
    for n, line in enumerate(lines, 1):
        if line.startswith("```"):
            fence = not fence
            continue
        if fence:
            continue
        for m in re.finditer(r"\]\(([^)\s]+)\)", re.sub(r"`[^`]*`", "", line)):
            t = m.group(1)
            if not re.match(r"^[a-z]+:", t):
                out.append((t, n))
    return out


def main():
    problems = []
    zh, en = read_lines("docs/guide.md"), read_lines("docs/guide.en.md")
    zs, es = sections(zh), sections(en)
    if [s[0] for s in zs] != [s[0] for s in es]:
        problems.append("docs/guide.md has the sections %s, docs/guide.en.md %s: they must be the same"
                        % ([s[0] for s in zs], [s[0] for s in es]))
    translated = 0
    for (zn, zhead, zbody), (en_n, ehead, ebody) in zip(zs, es):
        text = "\n".join(zbody)
        if UNTRANSLATED in text:
            want = "guide.en.md#" + slug(ehead)
            if "](%s)" % want not in text:
                problems.append("docs/guide.md §%d is not translated and must link to its English text (%s)"
                                % (zn, want))
            continue
        translated += 1
        if code_blocks(zbody) != code_blocks(ebody):
            problems.append("docs/guide.md §%d: its code blocks differ from those of docs/guide.en.md §%d (the same "
                            "examples, commands and output, in the same order)" % (zn, en_n))
        if subsections(zbody) != subsections(ebody):
            problems.append("docs/guide.md §%d has %d subsections (###), docs/guide.en.md §%d has %d"
                            % (zn, subsections(zbody), en_n, subsections(ebody)))
    checked = 0
    files = ["README.md"] + sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "docs", "*.md")))
    anchors = {}
    for rel in files:
        lines = read_lines(rel)
        for target, n in links(rel, lines):
            path, _, anchor = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(rel), path)) if path else rel
            checked += 1
            if not os.path.exists(os.path.join(ROOT, dest)):
                problems.append("%s:%d: the link (%s) names a file that does not exist" % (rel, n, target))
                continue
            if anchor and dest.endswith(".md"):
                if dest not in anchors:
                    anchors[dest] = headings(read_lines(dest))
                if anchor not in anchors[dest]:
                    problems.append("%s:%d: the link (%s) names no heading of %s" % (rel, n, target, dest))
    for p in problems:
        print(p)
    print("guide: %d sections (%d translated), %d links checked" % (len(zs), translated, checked))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
