#!/usr/bin/env python3
"""The phases of interpreter/ as folders, each using only those below it (docs/architecture.md).

Fails when a file includes a header of its own phase's superior (e.g. a data reader including the
evaluator), when a folder or file of interpreter/ is not in a known phase, or when a source file grows
past the size limit (files by concept: 600 lines at most)."""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..')
# Lowest first. stdlib/ (built-in functions, embedded modules) sits just above values/.
layers = ['base', 'values', 'stdlib', 'syntax', 'check', 'data', 'run', 'output', 'tools', 'cli']
rank = {name: i for i, name in enumerate(layers)}
max_lines = 600
include = re.compile(r'^\s*#\s*include\s+"(interpreter/([a-z_]+)/[^"]+|stdlib/[^"]+|grammar/[^"]+)"', re.M)

problems = []
for folder, top in [('interpreter', None), ('stdlib', 'stdlib')]:
    base = os.path.join(root, folder)
    for dirpath, _, files in os.walk(base):
        rel = os.path.relpath(dirpath, base)
        if folder == 'stdlib' and rel != '.':
            continue  # stdlib/modules holds .scheme files
        layer = top if top else (None if rel == '.' else rel.split(os.sep)[0])
        for f in files:
            if not f.endswith(('.cpp', '.hpp')):
                continue
            path = os.path.join(dirpath, f)
            shown = os.path.relpath(path, root)
            if layer not in rank:
                problems.append(f'{shown}: not in a phase folder ({", ".join(layers)})')
                continue
            text = open(path, encoding='utf-8').read()
            n = text.count('\n')
            if n > max_lines:
                problems.append(f'{shown}: {n} lines (at most {max_lines}: split it by concept)')
            for m in include.finditer(text):
                target = m.group(1)
                if target.startswith('stdlib/'):
                    used = 'stdlib'
                elif target.startswith('grammar/'):
                    used = 'syntax'
                else:
                    used = m.group(2)
                if used not in rank:
                    problems.append(f'{shown}: includes {target}, which is in no phase')
                elif rank[used] > rank[layer]:
                    line = text.count('\n', 0, m.start()) + 1
                    problems.append(f'{shown}:{line}: {layer}/ includes {target} ({used}/ is above {layer}/)')

for p in problems:
    print(p)
print(f'layers: {0 if problems else 1} passed, {1 if problems else 0} failed')
sys.exit(1 if problems else 0)
