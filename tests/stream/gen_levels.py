#!/usr/bin/env python3
"""Data for tests/stream/levels.scheme (check_stream.sh): a large table whose later levels fail (division
by zero), give fractions, texts and booleans, with ties at quota cut-offs and pool weights that are
fractions or all 0 in a unit, and duplicate ids. Deterministic for a seed; standard library only."""
import argparse
import random

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=50000)
parser.add_argument("--seed", type=int, default=5)
parser.add_argument("--out", required=True)
args = parser.parse_args()
rng = random.Random(args.seed)
with open(args.out, "w", encoding="utf-8", newline="") as f:
    f.write("id,unit,a,b,w\n")
    for _ in range(args.rows):
        unit = f"U{rng.randint(1, 300)}"
        a = rng.choice([str(rng.randint(0, 100)), f"{rng.randint(0, 1000) / 10:.1f}", "55", "50"])
        b = rng.choice(["0", "0", "5", "10", str(rng.randint(0, 10)), f"{rng.randint(0, 100) / 10:.1f}", "2.5"])
        w = "0" if unit == "U7" else rng.choice(["0", "1", "2", "1.5", f"{rng.randint(0, 500) / 100:.2f}"])
        f.write(f"P{rng.randint(0, 10 ** 6):07d},{unit},{a},{b},{w}\n")
