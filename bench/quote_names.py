#!/usr/bin/env python3
"""The CSC-1 file with every name quoted, as Excel writes a cell that holds a comma: QUOTED.csv from FILE.csv.

Usage: python3 bench/quote_names.py FILE.csv QUOTED.csv

Every data row's id, unit and post (CSC-1's text cells; its numbers are scores and rates of at most 100,
where a thousands group such as "1,234.50" is never a valid value) is written in double quotes; the header
line and the numbers stay as they are. The cells read the same, so `schemec run` must write the same
output for both files (bench/run.sh --quoted checks it byte for byte). Streams line by line; standard
library only.
"""
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], "rb") as src, open(sys.argv[2], "wb") as out:
        out.write(src.readline())  # the header
        for line in src:
            cells = line.split(b",", 3)
            out.write(b'"' + b'","'.join(cells[:3]) + b'",' + cells[3] if len(cells) == 4 else line)


if __name__ == "__main__":
    main()
