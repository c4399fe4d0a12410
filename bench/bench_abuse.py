"""Abuse detector on OffensEval-TR 2020: precision, recall, macro-F1, false alarms, speed.

    python -m bench.bench_abuse [--part heldout|train|all] [--misses N] [--alarms N]

Data: the OffensEval 2020 Turkish training split (Çağrı Çöltekin, "A Corpus of Turkish
Offensive Language on Social Media", LREC 2020; CC BY 2.0), read from
../shared/data/offenseval-tr/ beside the repository, or --data FILE; skipped when absent.

The split is fixed: a quarter of the tweets (crc32 of the id) is *held out*. The detector's
word lists were written from the other three quarters only; the figures that count are the
held-out ones; `python -m bench.train_abuse_model --cv 4` gives a cross-validated figure on the
other three quarters. The product's target: macro-F1 >= 0.75 with <= 3 % false alarms on posts that
are not offensive.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from websight_desk.policy import load_ruleset
from websight_desk.policy.abuse import AbuseDetector

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


@dataclass
class Score:
    """Counts of one evaluation, and the tweets it got wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)

    @property
    def offensive(self) -> int:
        return self.tp + self.fn

    def figures(self) -> tuple[float, float, float, float]:
        """(macro-F1, precision and recall of offensive, false-alarm rate)."""
        p_off, r_off = self.tp / max(self.tp + self.fp, 1), self.tp / max(self.tp + self.fn, 1)
        p_not, r_not = self.tn / max(self.tn + self.fn, 1), self.tn / max(self.tn + self.fp, 1)
        macro = (f1(p_off, r_off) + f1(p_not, r_not)) / 2
        return macro, p_off, r_off, self.fp / max(self.fp + self.tn, 1)

    def summary(self) -> str:
        macro, p_off, r_off, alarms = self.figures()
        p_not, r_not = self.tn / max(self.tn + self.fn, 1), self.tn / max(self.tn + self.fp, 1)
        return (
            f"  offensive: precision {p_off:.3f} recall {r_off:.3f} F1 {f1(p_off, r_off):.3f}\n"
            f"  not offensive: precision {p_not:.3f} recall {r_not:.3f} F1 {f1(p_not, r_not):.3f}\n"
            f"  macro-F1 {macro:.3f}; false alarms {alarms:.2%} of non-offensive"
        )


def measure(detector: AbuseDetector, rows: list[tuple[str, str, bool]]) -> Score:
    """Run the detector over (id, tweet, offensive) rows."""
    score = Score()
    for _tid, tweet, offensive in rows:
        found = bool(detector.spans(tweet))
        if found and offensive:
            score.tp += 1
        elif found:
            score.fp += 1
            score.alarms.append(tweet)
        elif offensive:
            score.fn += 1
            score.misses.append(tweet)
        else:
            score.tn += 1
    return score


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
    began = time.process_time()
    score = measure(load_ruleset().abuse, rows)
    spent = time.process_time() - began
    print(
        f"abuse-eval on the {args.part} part: {len(rows):,} tweets ({score.offensive:,} offensive)"
    )
    print(score.summary())
    print(f"  speed: {len(rows) / max(spent, 1e-9):,.0f} posts/s (CPU, one core)")
    misses, alarms = score.misses, score.alarms
    for tweet in misses[: args.misses]:
        print("MISS", tweet)
    for tweet in alarms[: args.alarms]:
        print("ALARM", tweet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
