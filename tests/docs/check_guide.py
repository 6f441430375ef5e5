#!/usr/bin/env python3
"""The Chinese documents against their English versions — 指南 (docs/guide.md) against docs/guide.en.md, 语言参考
(docs/language.zh.md) against docs/language.md — and the links of every document.

    /usr/bin/python3 tests/docs/check_guide.py [REPO_ROOT]

Fails when
  - the two documents of a pair do not have the same numbered sections (`## N. …`), in the same order;
  - a section of the Chinese one is translated but its code blocks (the examples — shared files under
    docs/examples/, so both name the same examples —, the commands and their output) are not exactly those of
    the same section of the English one, in the same order, or it has another number of `###` subsections;
  - a section of the Chinese one is not translated yet and does not say so (本节尚未翻译) with a link to the same
    section of the English one;
  - a relative link of README.md or docs/*.md names a file that does not exist, or an anchor (#…) that is no
    heading or `<a id="…">` of the Markdown file it points into (GitHub's anchors: lower case, punctuation
    dropped, spaces become '-'). language.zh.md's sections carry `<a id="sN">`, so that its links do not depend
    on how a heading is translated.
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
        if not fence:
            out.update(re.findall(r'<a id="([^"]+)"></a>', line))
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


# (Chinese, English) documents that must have the same sections and examples.
PAIRS = [("docs/guide.md", "docs/guide.en.md"), ("docs/language.zh.md", "docs/language.md")]


def compare_pair(zh_rel, en_rel, problems):
    """Checks the Chinese document [zh_rel] against [en_rel]; returns (sections, translated)."""
    zs, es = sections(read_lines(zh_rel)), sections(read_lines(en_rel))
    if [s[0] for s in zs] != [s[0] for s in es]:
        problems.append("%s has the sections %s, %s %s: they must be the same"
                        % (zh_rel, [s[0] for s in zs], en_rel, [s[0] for s in es]))
    translated = 0
    for (zn, zhead, zbody), (en_n, ehead, ebody) in zip(zs, es):
        text = "\n".join(zbody)
        if UNTRANSLATED in text:
            want = os.path.basename(en_rel) + "#" + slug(ehead)
            if "](%s)" % want not in text:
                problems.append("%s §%d is not translated and must link to its English text (%s)" % (zh_rel, zn, want))
            continue
        translated += 1
        if code_blocks(zbody) != code_blocks(ebody):
            problems.append("%s §%d: its code blocks differ from those of %s §%d (the same examples, commands and "
                            "output, in the same order)" % (zh_rel, zn, en_rel, en_n))
        if subsections(zbody) != subsections(ebody):
            problems.append("%s §%d has %d subsections (###), %s §%d has %d"
                            % (zh_rel, zn, subsections(zbody), en_rel, en_n, subsections(ebody)))
    return len(zs), translated


def main():
    problems = []
    counts = [compare_pair(zh_rel, en_rel, problems) for zh_rel, en_rel in PAIRS]
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
    print("; ".join("%s: %d sections (%d translated)" % (zh_rel, n, t) for (zh_rel, _), (n, t) in zip(PAIRS, counts))
          + "; %d links checked" % checked)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
