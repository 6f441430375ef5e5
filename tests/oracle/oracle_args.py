"""The command line shared by the small oracles (rank, distribution, ordered counts, quota base):
`python3 X_oracle.py SCHEMEC [--seeds N] [--keep DIR]`. Only the arguments are shared; each oracle's rule,
data and comparison are its own."""

import sys


def parse(doc, default_seeds):
    """(schemec, seeds, keep), or None after printing [doc] when no schemec is given."""
    args = sys.argv[1:]
    if not args:
        print(doc)
        return None
    seeds = int(args[args.index("--seeds") + 1]) if "--seeds" in args else default_seeds
    keep = args[args.index("--keep") + 1] if "--keep" in args else None
    return args[0], seeds, keep
