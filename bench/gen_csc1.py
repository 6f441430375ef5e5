#!/usr/bin/env python3
"""Deterministic data generator for the CSC-1 benchmark workload (participants.csv, wide format).

Usage:
    python3 bench/gen_csc1.py --rows N --seed S [--out FILE]            # benchmark data
    python3 bench/gen_csc1.py --rows N --seed S --small [--fine] [--out FILE]  # adversarial small data

The same arguments always give the same bytes (Python's random.Random with a fixed seed; nothing depends
on the clock, the hash seed or the platform). Standard library only. UTF-8, LF, header row.

Columns (CSC-1 contract): id, unit, post, then for each rater group R in self, superior, resident, peer the
eleven items R_attitude … R_complaints (one decimal, in their ranges), awards_county (0-3), awards_city (0-2),
major_mistakes (0-2, mostly 0), absent_days (0-30, mostly 0), support_rate and completion_rate (0-100, one
decimal).

What the data contains, on purpose (benchmark mode):
- ids "P" + 7 digits, unique, in random order (so "id ascending" ties in the pay split are not file order);
- units "U" + 4 digits, sizes log-uniform in 5..1000, rows of a unit scattered over the file;
- posts about 2% 总干事, 8% 项目主管, 15% 督导, 75% 社工;
- about half of the rows with total >= 85 (about 40% are candidates), so that the 15% quota binds in
  nearly every unit;
- about 3% of rows that copy every score column of an earlier high-scoring row of the same unit (exact ties
  on both ranking keys, some of them straddling the quota cut-off);
- about 1.5% of rows whose total lands exactly on 85.00, 60.00 or one cent either side of them;
- vetoes (absent_days > 15, also exactly 15 and 16), support_rate and completion_rate exactly on 80.0 / 90.0 /
  75.0 / 60.0 and just below, major mistakes that push totals under a threshold or to the max(0, …) floor;
- about 1.5% of units where every row is 不合格 (vetoed or total < 60), so the unit's weights sum to 0.

--small: tiny units (mostly 1-7 rows, where floor(0.15 n) is 0 or 1; some of 8-20 rows), and the adversarial
cases above at much higher rates (a third of rows on a threshold, many duplicated score rows, many dead units).
--fine: with --small, some self items get two decimals (e.g. 7.25) so that 0.10 * G_self has three decimals and
totals land on x.xx5 before rounding (84.995 -> 85.00, 59.995 -> 60.00). This goes beyond the CSC-1 input
format (one decimal), which on its own can never produce a third decimal: 0.10 x one decimal has two.
"""

import argparse
import math
import random
import sys

GROUPS = ("self", "superior", "resident", "peer")
ITEMS = (("attitude", 10), ("efficiency", 10), ("quality", 20), ("tasks", 15), ("process", 10),
         ("innovation", 5), ("teamwork", 10), ("communication", 5), ("cohesion", 5), ("feedback", 5),
         ("complaints", 5))
ITEM_MAX10 = [m * 10 for _, m in ITEMS]          # maxima in tenths; they add up to 1000
GROUP_FACTOR = {"self": 1, "superior": 4, "resident": 3, "peer": 2}  # weight x 10
POSTS = ("总干事", "项目主管", "督导", "社工")
POST_WEIGHTS = (2, 8, 15, 75)
TAIL_COLUMNS = ("awards_county", "awards_city", "major_mistakes", "absent_days", "support_rate",
                "completion_rate")
HEADER = ",".join(["id", "unit", "post"] + ["%s_%s" % (g, item) for g in GROUPS for item, _ in ITEMS]
                  + list(TAIL_COLUMNS))

LEVELS = 101        # group-score levels 0.00 .. 1.00
VARIANTS = 24       # precomputed group strings per (group, level)
TENTHS = ["%d.%d" % divmod(t, 10) for t in range(1001)]   # 0.0 .. 100.0


def fmt_hundredths(h):
    """A non-negative number of hundredths: one decimal when the hundredths digit is 0, else two."""
    whole, frac = divmod(h, 100)
    if frac % 10 == 0:
        return "%d.%d" % (whole, frac // 10)
    return "%d.%02d" % (whole, frac)


class Generator:
    def __init__(self, rows, seed, small=False, fine=False):
        self.rows = rows
        self.small = small
        self.fine = fine and small
        self.rng = random.Random("csc1:%d:%d:%d:%d" % (seed, rows, int(small), int(self.fine)))
        self._exact_cache = {}
        self._build_pools()

    # -- group strings ---------------------------------------------------------------------------

    def _items_for_level(self, level, spread):
        rng = self.rng
        return [min(m, max(0, int(round(m * (level + rng.gauss(0.0, spread)))))) for m in ITEM_MAX10]

    def _build_pools(self):
        """pools[g][level] = list of (text of the 11 cells, sum in tenths)."""
        self.pools = []
        for _ in GROUPS:
            per_level = []
            for level in range(LEVELS):
                variants = []
                for _ in range(VARIANTS):
                    items = self._items_for_level(level / 100.0, 0.06)
                    variants.append((",".join(TENTHS[t] for t in items), sum(items)))
                per_level.append(variants)
            self.pools.append(per_level)

    def _exact_self(self, thousandths_needed):
        """Self items whose 0.10 * G_self is exactly thousandths_needed / 1000, or None if impossible.

        G_self in hundredths is thousandths_needed. Without --fine only multiples of 10 hundredths (one decimal)
        are allowed."""
        h = thousandths_needed
        if h < 0 or h > 10000 or (not self.fine and h % 10):
            return None
        cache = self._exact_cache.setdefault(h, [])
        if len(cache) >= 4:
            return cache[self.rng.randrange(len(cache))]
        rng = self.rng
        maxes = [m * 10 for m in ITEM_MAX10]                     # hundredths
        items = [h * m // 10000 for m in maxes]                  # proportional start
        if not self.fine or h % 10 == 0:
            items = [i - i % 10 for i in items]                  # keep one decimal
        left = h - sum(items)
        step = 10 if left % 10 == 0 and all(i % 10 == 0 for i in items) else 1
        while left > 0:
            k = rng.randrange(len(items))
            room = maxes[k] - items[k]
            if room >= step:
                add = min(left, step * rng.randint(1, 5), room - room % step)
                items[k] += add
                left -= add
        assert sum(items) == h
        result = (",".join(fmt_hundredths(i) for i in items), h)
        cache.append(result)
        return result

    # -- unit layout ----------------------------------------------------------------------------------

    def _unit_sizes(self):
        rng, n = self.rng, self.rows
        sizes = []
        if n == 0:
            return sizes
        if self.small:
            while sum(sizes) < n:
                sizes.append(rng.randint(1, 7) if rng.random() < 0.8 else rng.randint(8, 20))
            sizes[-1] -= sum(sizes) - n
            if sizes[-1] == 0:
                sizes.pop()
            return sizes
        if n > 9999 * 1000:
            raise SystemExit("gen_csc1: at most 9,999,000 rows (9999 units of at most 1000)")
        lo = 5.0
        while lo < 1000 and n / ((1000 - lo) / math.log(1001 / lo)) > 9000:  # expected unit count
            lo *= 1.25
        lo = min(lo, 1000.0)
        total = 0
        while total < n:
            size = int(math.exp(rng.uniform(math.log(lo), math.log(1001))))
            size = max(5, min(1000, size))
            sizes.append(size)
            total += size
        sizes[-1] -= total - n
        if sizes[-1] < 5 and len(sizes) > 1:   # fold a short tail into units that have room
            tail = sizes.pop()
            for i in range(len(sizes)):
                add = min(tail, 1000 - sizes[i])
                sizes[i] += add
                tail -= add
                if tail == 0:
                    break
            if tail:
                sizes.append(tail)
        if len(sizes) > 9999:
            raise SystemExit("gen_csc1: %d rows need more than 9999 units" % n)
        return sizes

    # -- rows -------------------------------------------------------------------------------------------

    def generate(self, write):
        """Calls write(str) with the header and then chunks of rows."""
        rng, n, small = self.rng, self.rows, self.small
        sizes = self._unit_sizes()
        labels = rng.sample(range(1, 10000), len(sizes))
        unit_names = ["U%04d" % u for u in labels]
        dead = set()
        for index in range(len(sizes)):
            if rng.random() < (0.15 if small else 0.015):
                dead.add(index)
        row_unit = [index for index, size in enumerate(sizes) for _ in range(size)]
        rng.shuffle(row_unit)
        ids = rng.sample(range(0, 10 ** 7), n)
        posts = rng.choices(POSTS, weights=POST_WEIGHTS, k=n)
        # Per-row level: most people good, a long tail down; about a third end at >= 85.
        if small:
            p_dup, p_exact, p_fine = 0.25, 0.33, 0.3
        else:
            p_dup, p_exact, p_fine = 0.03, 0.015, 0.0
        exact_targets = [85000, 60000, 84990, 85010, 59990, 60010]
        fine_targets = [84995, 59995, 84994, 59994, 84985, 77775, 90005]
        remembered = {}     # unit index -> list of high-scoring score parts (text, total thousandths)
        pools = self.pools
        self_pool, sup_pool, res_pool, peer_pool = pools

        write(HEADER + "\n")
        out = []
        for r in range(n):
            u = row_unit[r]
            is_dead = u in dead
            target = None
            if not is_dead and rng.random() < p_exact:
                if self.fine and rng.random() < p_fine:
                    target = fine_targets[rng.randrange(len(fine_targets))]
                else:
                    target = exact_targets[rng.randrange(len(exact_targets))]
            x = rng.random()
            if target is not None:
                level = target // 1000
            elif is_dead:
                level = rng.randint(20, 45)
            elif x < 0.45:
                level = rng.randint(86, 96)
            elif x < 0.90:
                level = rng.randint(65, 85)
            else:
                level = rng.randint(30, 64)

            score = None
            cands = remembered.get(u)
            if cands and not is_dead and target is None and rng.random() < p_dup:
                score = cands[rng.randrange(len(cands))]
            if score is None:
                lv = lambda: min(100, max(0, level + rng.randint(-3, 3)))
                sup_text, sup_t = sup_pool[lv()][rng.randrange(VARIANTS)]
                res_text, res_t = res_pool[lv()][rng.randrange(VARIANTS)]
                peer_text, peer_t = peer_pool[lv()][rng.randrange(VARIANTS)]
                y = rng.random()
                county = 0 if y < 0.6 else 1 if y < 0.85 else 2 if y < 0.95 else 3
                y = rng.random()
                city = 0 if y < 0.85 else 1 if y < 0.97 else 2
                y = rng.random()
                mistakes = 0 if y < (0.85 if small else 0.95) else 1 if y < 0.99 else 2
                bonus = min(8, county + 5 * city)
                rest = 40 * sup_t + 30 * res_t + 20 * peer_t + 1000 * (bonus - 5 * mistakes)  # thousandths
                self_part = None
                if target is not None:
                    self_part = self._exact_self(target - rest)
                if self_part is None:
                    self_part = self_pool[lv()][rng.randrange(VARIANTS)]
                    self_part = (self_part[0], self_part[1] * 10)            # hundredths
                self_text, self_h = self_part
                total = max(0, self_h + rest)                                   # thousandths, unrounded
                score = ("%s,%s,%s,%s,%d,%d,%d" % (self_text, sup_text, res_text, peer_text, county, city,
                                                   mistakes), total)
                if total >= 84000 and not is_dead:
                    lst = remembered.setdefault(u, [])
                    if len(lst) < 3:
                        lst.append(score)
                    else:
                        lst[rng.randrange(3)] = score
            text, total = score

            y = rng.random()
            if is_dead and total >= 59995:
                absent = rng.randint(16, 30)
            elif y < (0.80 if small else 0.90):
                absent = 0
            elif y < 0.97:
                absent = rng.randint(1, 15)
            else:
                absent = rng.randint(16, 30)
            if rng.random() < (0.05 if small else 0.005):
                absent = 15 if rng.random() < 0.5 else 16

            y = rng.random()
            if y < 0.05:
                support = 800 if rng.random() < 0.7 else 799
            elif y < 0.85:
                support = rng.randint(800, 1000)
            else:
                support = rng.randint(0, 799)
            y = rng.random()
            if y < 0.06:
                completion = (600, 599, 750, 749, 900, 899)[rng.randrange(6)]
            else:
                completion = rng.randint(300, 1000)

            out.append("P%07d,%s,%s,%s,%d,%s,%s\n" % (ids[r], unit_names[u], posts[r], text, absent,
                                                     TENTHS[support], TENTHS[completion]))
            if len(out) >= 20000:
                write("".join(out))
                out = []
        if out:
            write("".join(out))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Deterministic CSC-1 participants.csv generator")
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", help="output file (default: stdout)")
    parser.add_argument("--small", action="store_true", help="adversarial data with tiny units")
    parser.add_argument("--fine", action="store_true",
                        help="with --small: some self items with two decimals (totals on x.xx5)")
    args = parser.parse_args(argv)
    if args.rows < 0:
        parser.error("--rows must be >= 0")
    gen = Generator(args.rows, args.seed, args.small, args.fine)
    if args.out:
        with open(args.out, "wb") as f:
            gen.generate(lambda s: f.write(s.encode("utf-8")))
    else:
        out = sys.stdout.buffer
        gen.generate(lambda s: out.write(s.encode("utf-8")))
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
