"""Train `websight_desk/policy/data/abuse_model.tsv` (`policy/abuse_model.py`) from OffensEval-TR.

    python -m bench.train_abuse_model [--data FILE] [--max-alarms 0.025] [--cv K]

Only the three quarters of the tweets that are *not* held out (`bench_abuse.held_out`) are read.
Half of the tweets fit the weights (NB-weighted logistic regression, L2, plain Python), the
other quarter picks the threshold: the lowest one that keeps false alarms of word lists +
model under --max-alarms on that quarter's non-offensive tweets. Then the weights are fitted
again on the whole three quarters and the small ones are dropped. Deterministic. With --cv K,
nothing is written: the three quarters are cut in K folds, and lists + a model trained on K-1
folds are measured on the remaining one, for a figure that does not hang on one split.

Data: OffensEval 2020 Turkish training split (Çağrı Çöltekin, "A Corpus of Turkish Offensive
Language on Social Media", LREC 2020), CC BY 2.0 — the model file keeps this attribution.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import zlib
from collections import Counter
from pathlib import Path

from bench.bench_abuse import DATA, load, measure
from websight_desk.domain.turkish import fold
from websight_desk.policy import load_ruleset
from websight_desk.policy.abuse import AbuseDetector
from websight_desk.policy.abuse_model import MODEL_FILE, AbuseModel, word_features
from websight_desk.policy.words import scan_words

MIN_COUNT = 3
KEEP_WEIGHT = 0.15
HEADER = """# Websight Desk abuse model (policy/abuse_model.py): feature<TAB>weight.
# Derived from the OffensEval 2020 Turkish training data: Çağrı Çöltekin, "A Corpus of Turkish
# Offensive Language on Social Media", LREC 2020. Licence CC BY 2.0
# (https://creativecommons.org/licenses/by/2.0/). Trained by bench/train_abuse_model.py on the
# tweets not held out for evaluation (bench/bench_abuse.py).
"""


TOPICAL = load_ruleset().abuse.topical  # words of the support topics: the model passes over


def features(text: str) -> list[str]:
    """The features of each distinct word (a stem shared by two words counts twice)."""
    words, _ = scan_words(fold(text))
    # "@USER" and "URL" stand in for mentions and links in the data: not words of a ticket
    kept = sorted(
        w for w in set(words) if not w.isdigit() and w not in {"user", "url"} and not TOPICAL(w)
    )
    return [f for w in kept for f in word_features(w)]


def fit(
    docs: list[tuple[list[str], bool]], vocab: set[str], epochs: int = 12, l2: float = 0.003
) -> tuple[dict[str, float], float]:
    """Logistic regression over features scaled by their naive-Bayes log-count ratio (NBSVM,
    Wang & Manning 2012), by SGD with a decaying step; returns the effective weights."""
    pos: Counter[str] = Counter()
    neg: Counter[str] = Counter()
    for feats, label in docs:
        (pos if label else neg).update(f for f in feats if f in vocab)
    p_total = sum(pos.values()) + len(vocab)
    n_total = sum(neg.values()) + len(vocab)
    ratio = {f: math.log((pos[f] + 1) / p_total) - math.log((neg[f] + 1) / n_total) for f in vocab}
    rng = random.Random(15)
    weights: dict[str, float] = dict.fromkeys(vocab, 0.0)
    bias = 0.0
    order = list(range(len(docs)))
    for epoch in range(epochs):
        rng.shuffle(order)
        rate = 0.2 / (1 + epoch)
        for i in order:
            feats, label = docs[i]
            present = [f for f in feats if f in weights]
            z = bias + sum(weights[f] * ratio[f] for f in present)
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            g = p - (1.0 if label else 0.0)
            bias -= rate * g
            for f in present:
                weights[f] -= rate * (g * ratio[f] + l2 * weights[f])
    return {f: weights[f] * ratio[f] for f in vocab}, bias


def score(weights: dict[str, float], bias: float, feats: list[str]) -> float:
    return bias + sum(weights.get(f, 0.0) for f in feats)  # as AbuseModel.score


def _prepare(part: list[tuple[str, str, bool]]) -> list[tuple[list[str], bool]]:
    return [(features(text), off) for _, text, off in part]


def _vocabulary(docs: list[tuple[list[str], bool]]) -> set[str]:
    counts = Counter(f for feats, _ in docs for f in set(feats))
    return {f for f, n in counts.items() if n >= MIN_COUNT}


def train(rows: list[tuple[str, str, bool]], max_alarms: float) -> AbuseModel:
    """Fit on three quarters of `rows`, pick the threshold on the fourth, refit on all."""
    tune = [r for r in rows if zlib.crc32(r[0].encode()) % 4 == 3]
    fit_rows = [r for r in rows if zlib.crc32(r[0].encode()) % 4 != 3]
    fit_docs, tune_docs = _prepare(fit_rows), _prepare(tune)
    weights, bias = fit(fit_docs, _vocabulary(fit_docs))
    lexicon = AbuseDetector(load_ruleset().abuse.lexicon)  # the word lists alone
    flagged = [bool(lexicon.spans(text)) for _, text, _ in tune]
    scored = [score(weights, bias, feats) for feats, _ in tune_docs]
    negatives = sum(1 for _, off in tune_docs if not off)
    best = None
    for t in [x / 20 for x in range(-20, 100)]:
        alarms = sum(
            1
            for (_, off), lex, s in zip(tune_docs, flagged, scored, strict=True)
            if not off and (lex or s >= t)
        )
        if alarms / negatives <= max_alarms:
            best = t
            break
    if best is None:
        raise SystemExit("no threshold keeps the false alarms low enough")
    all_docs = fit_docs + tune_docs
    weights, bias = fit(all_docs, _vocabulary(all_docs))
    kept = {f: w for f, w in weights.items() if abs(w) >= KEEP_WEIGHT}
    return AbuseModel(kept, bias, best)


def cross_validate(rows: list[tuple[str, str, bool]], folds: int, max_alarms: float) -> None:
    """Train on all folds but one and measure lists + model on that one, for each fold."""
    ruleset = load_ruleset()
    figures = []
    for k in range(folds):
        # crc32 // 4: independent of the held-out quarter (crc32 % 4) and of the tuning quarter
        part = [zlib.crc32(r[0].encode()) // 4 % folds == k for r in rows]
        test = [r for r, p in zip(rows, part, strict=True) if p]
        model = train([r for r, p in zip(rows, part, strict=True) if not p], max_alarms)
        detector = AbuseDetector(ruleset.abuse.lexicon, model)
        detector.ignore_in_model(ruleset.abuse.topical)
        got = measure(detector, test).figures()
        figures.append(got)
        print(
            f"fold {k + 1}/{folds}: macro-F1 {got[0]:.3f} precision {got[1]:.3f} "
            f"recall {got[2]:.3f} false alarms {got[3]:.2%}",
            flush=True,
        )
    for i, name in enumerate(("macro-F1", "precision", "recall", "false alarms")):
        values = [f[i] for f in figures]
        print(
            f"{folds}-fold {name}: mean {statistics.mean(values):.4f} "
            f"sd {statistics.stdev(values):.4f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--max-alarms", type=float, default=0.025)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--cv", type=int, default=0, help="K-fold cross-validation only")
    args = parser.parse_args()
    rows = load(args.data, "train")  # never the held-out quarter
    if args.cv:
        cross_validate(rows, args.cv, args.max_alarms)
        return 0
    model = train(rows, args.max_alarms)
    lines = [HEADER.rstrip("\n"), f"# bias {model.bias:.4f}", f"# threshold {model.threshold:.4f}"]
    lines += [f"{f}\t{w:.4f}" for f, w in sorted(model.weights.items())]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(model.weights):,} features, threshold {model.threshold:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
