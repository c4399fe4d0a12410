"""Abuse detector on OffensEval-TR 2020: precision, recall, macro-F1, false alarms, speed.

    python -m bench.bench_abuse [--part heldout|train|all] [--misses N] [--alarms N]

Data: the OffensEval 2020 Turkish training split (Çağrı Çöltekin, "A Corpus of Turkish
Offensive Language on Social Media", LREC 2020; CC BY 2.0), read from
../shared/data/offenseval-tr/ beside the repository, or --data FILE; skipped when absent.

The split is fixed: a quarter of the tweets (crc32 of the id) is *held out*. The detector's
word lists were written from the other three quarters only; the figures that count are the
held-out ones. The product's target: macro-F1 >= 0.75 with <= 3 % false alarms on posts that
are not offensive.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import zlib
from pathlib import Path

from websight_desk.policy import load_ruleset

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "offenseval-tr" / "offenseval-tr-training-v1.tsv"
HELD_OUT_SHARE = 4  # one tweet in four


def held_out(tweet_id: str) -> bool:
    """Whether a tweet belongs to the held-out quarter (never read for vocabulary)."""
    return zlib.crc32(tweet_id.encode()) % HELD_OUT_SHARE == 0


def load(path: Path, part: str) -> list[tuple[str, str, bool]]:
    """(id, tweet, offensive) of the chosen part."""
    rows: list[tuple[str, str, bool]] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            tid, tweet, label = row["id"], row["tweet"], row["subtask_a"]
            if part == "all" or (part == "heldout") == held_out(tid):
                rows.append((tid, tweet, label == "OFF"))
    return rows


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--part", choices=("heldout", "train", "all"), default="heldout")
    parser.add_argument("--misses", type=int, default=0, help="print N missed offensive posts")
    parser.add_argument("--alarms", type=int, default=0, help="print N false alarms")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"abuse-eval: skipped, no data at {args.data}")
        return 0
    rows = load(args.data, args.part)
    detector = load_ruleset().abuse
    tp = fp = fn = tn = 0
    misses: list[str] = []
    alarms: list[str] = []
    began = time.process_time()
    for _tid, tweet, offensive in rows:
        found = bool(detector.spans(tweet))
        if found and offensive:
            tp += 1
        elif found:
            fp += 1
            alarms.append(tweet)
        elif offensive:
            fn += 1
            misses.append(tweet)
        else:
            tn += 1
    spent = time.process_time() - began
    p_off, r_off = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    p_not, r_not = tn / max(tn + fn, 1), tn / max(tn + fp, 1)
    macro = (f1(p_off, r_off) + f1(p_not, r_not)) / 2
    print(f"abuse-eval on the {args.part} part: {len(rows):,} tweets ({tp + fn:,} offensive)")
    print(f"  offensive: precision {p_off:.3f} recall {r_off:.3f} F1 {f1(p_off, r_off):.3f}")
    print(f"  not offensive: precision {p_not:.3f} recall {r_not:.3f} F1 {f1(p_not, r_not):.3f}")
    print(f"  macro-F1 {macro:.3f}; false alarms {fp / max(fp + tn, 1):.2%} of non-offensive")
    print(f"  speed: {len(rows) / max(spent, 1e-9):,.0f} posts/s (CPU, one core)")
    for tweet in misses[: args.misses]:
        print("MISS", tweet)
    for tweet in alarms[: args.alarms]:
        print("ALARM", tweet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
