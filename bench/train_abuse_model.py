"""Train `websight_desk/policy/data/abuse_model.tsv` (`policy/abuse_model.py`) from OffensEval-TR.

    python -m bench.train_abuse_model [--data FILE] [--max-alarms 0.025] [--c 0.3] [--cv K]

Only the three quarters of the tweets that are *not* held out (`bench_abuse.held_out`) are read.
Each tweet becomes what the app's model sees (`AbuseModel.score`): the L2-normalised TF-IDF
vector of its distinct words' letter n-grams, the words adding up independently. A logistic
regression over the n-grams scaled by their naive-Bayes log-count ratios (NBSVM; scikit-learn,
the `train` extra) is fitted on each of five folds' complements;
the shipped weights are the five fits' average, and the threshold is the lowest that keeps
false alarms of word lists + model under --max-alarms on the five folds' out-of-fold scores —
scores of models that never saw the tweet, as the app's model never saw a ticket.
Deterministic. With --cv K nothing is written: the three quarters are cut in K parts, and lists
+ a model trained on K-1 parts are measured on the remaining one, for a figure that does not
hang on one split.

Data: OffensEval 2020 Turkish training split (Çağrı Çöltekin, "A Corpus of Turkish Offensive
Language on Social Media", LREC 2020), CC BY 2.0 — the model file keeps this attribution.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import tempfile
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from bench.bench_abuse import DATA, load, measure
from websight_desk.domain.turkish import fold
from websight_desk.policy import Ruleset, load_ruleset
from websight_desk.policy.abuse import AbuseDetector
from websight_desk.policy.abuse_model import MODEL_FILE, AbuseModel, modelled, word_grams
from websight_desk.policy.ruleset import DEFAULT_POLICY
from websight_desk.policy.words import scan_words

SIZES = (2, 5)
MIN_DF = 2
FOLDS = 5
HEADER = """# Websight Desk abuse model (policy/abuse_model.py): n-gram<TAB>idf<TAB>weight.
# Derived from the OffensEval 2020 Turkish training data: Çağrı Çöltekin, "A Corpus of Turkish
# Offensive Language on Social Media", LREC 2020. Licence CC BY 2.0
# (https://creativecommons.org/licenses/by/2.0/). Trained by bench/train_abuse_model.py on the
# tweets not held out for evaluation (bench/bench_abuse.py).
"""

Rows = list[tuple[str, str, bool]]


def _ruleset_without_model() -> Ruleset:
    """The packaged policy with its word lists but no model: the model file is what we write,
    and an older one may not even be readable any more."""
    text, n = re.subn(r"(?m)^model = .*$", "", DEFAULT_POLICY.read_text(encoding="utf-8"))
    if n != 1:
        raise SystemExit(f"{DEFAULT_POLICY}: expected one 'model = ' line, found {n}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.toml"
        path.write_text(text, encoding="utf-8")
        return load_ruleset(path)


RULESET = _ruleset_without_model()
TOPICAL = RULESET.abuse.topical  # words of the support topics: the model passes over


def doc_words(text: str) -> list[str]:
    """The distinct words the app's model weighs in a text (as `AbuseDetector.spans` cuts them)."""
    words, _ = scan_words(fold(text))
    return sorted(w for w in set(words) if modelled(w))


def _word_counts(word: str) -> Counter[str]:
    return Counter(word_grams(word, SIZES))


class Featurizer:
    """The vocabulary (n-grams in >= MIN_DF tweets) and IDFs of a set of tweets."""

    def __init__(self, docs: list[list[str]]) -> None:
        df: Counter[str] = Counter()
        for words in docs:
            df.update({g for w in words for g in _word_counts(w)})
        kept = sorted(g for g, n in df.items() if n >= MIN_DF)
        self.index = {g: i for i, g in enumerate(kept)}
        self.idf = [math.log((1 + len(docs)) / (1 + df[g])) + 1 for g in kept]

    def matrix(self, docs: list[list[str]]) -> Any:
        """Rows as `AbuseModel.score` sees them: summed word vectors over sqrt(summed masses)."""
        from scipy import sparse  # the `train` extra

        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for r, words in enumerate(docs):
            acc: Counter[int] = Counter()
            mass = 0.0
            for word in words:
                vector = {
                    self.index[g]: n for g, n in _word_counts(word).items() if g in self.index
                }
                mass += sum((n * self.idf[i]) ** 2 for i, n in vector.items())
                acc.update(vector)
            norm = math.sqrt(mass) or 1.0
            for i, n in acc.items():
                rows.append(r)
                cols.append(i)
                values.append(n * self.idf[i] / norm)
        return sparse.csr_matrix((values, (rows, cols)), shape=(len(docs), len(self.index)))


def _part(tweet_id: str, parts: int) -> int:
    # crc32 // 4: independent of the held-out quarter (crc32 % 4)
    return zlib.crc32(tweet_id.encode()) // 4 % parts


def nb_ratios(x: Any, labels: Any) -> Any:
    """Each n-gram's naive-Bayes log-count ratio: how much likelier in offensive tweets."""
    import numpy as np  # the `train` extra

    present = (x > 0).astype(float)
    pos = np.asarray(present[labels].sum(axis=0)).ravel() + 1.0
    neg = np.asarray(present[~labels].sum(axis=0)).ravel() + 1.0
    return np.log(pos / pos.sum()) - np.log(neg / neg.sum())


def _fit(x: Any, labels: Any, c: float) -> tuple[list[float], float]:
    """A logistic regression over the n-grams scaled by their ratios (NBSVM, Wang & Manning
    2012, with a logistic loss); returns the effective weights of the unscaled n-grams."""
    from scipy import sparse  # the `train` extra
    from sklearn.linear_model import LogisticRegression

    ratios = nb_ratios(x, labels)
    fitted = LogisticRegression(C=c, solver="liblinear", max_iter=3000)
    fitted.fit(x @ sparse.diags(ratios), labels)
    return [float(w) for w in fitted.coef_[0] * ratios], float(fitted.intercept_[0])


def train(rows: Rows, max_alarms: float, c: float) -> AbuseModel:
    """Average of FOLDS fits; threshold from their out-of-fold scores (see the module doc)."""
    import numpy as np  # the `train` extra

    docs = [doc_words(text) for _, text, _ in rows]
    labels = np.array([off for _, _, off in rows])
    featurizer = Featurizer(docs)
    x = featurizer.matrix(docs)
    fold_of = [_part(tid, FOLDS) for tid, _, _ in rows]
    lexicon = AbuseDetector(RULESET.abuse.lexicon)  # the word lists alone
    listed = [bool(lexicon.spans(text)) for _, text, _ in rows]
    # the words the app's model would judge (None: the lists decide alone)
    judged = [lexicon.model_words(text) for _, text, _ in rows]
    coef = [0.0] * len(featurizer.index)
    bias = 0.0
    oof = [0.0] * len(rows)
    for k in range(FOLDS):
        fit_rows = [i for i, f in enumerate(fold_of) if f != k]
        weights, intercept = _fit(x[fit_rows], labels[fit_rows], c)
        # scored as the app scores them: topical words never push towards abuse
        model = _model(featurizer, weights, intercept, 0.0)
        for i, f in enumerate(fold_of):
            words = judged[i]
            if f == k:
                oof[i] = -math.inf if words is None else model.score(words)
        coef = [a + w / FOLDS for a, w in zip(coef, weights, strict=True)]
        bias += intercept / FOLDS
    threshold = pick_threshold(oof, listed, [bool(v) for v in labels], max_alarms)
    return _model(featurizer, coef, bias, threshold)


def _model(featurizer: Featurizer, coef: list[float], bias: float, threshold: float) -> AbuseModel:
    grams = {
        g: (featurizer.idf[i] * coef[i], featurizer.idf[i]) for g, i in featurizer.index.items()
    }
    return AbuseModel(grams, SIZES, bias, threshold, ignore=TOPICAL)


def pick_threshold(
    scores: list[float], listed: list[bool], labels: list[bool], max_alarms: float
) -> float:
    """The lowest score threshold at which lists + model alarm on <= max_alarms of the clean."""
    negatives = sum(1 for off in labels if not off)
    budget = int(max_alarms * negatives) - sum(
        1 for lst, off in zip(listed, labels, strict=True) if lst and not off
    )
    if budget < 0:
        raise SystemExit("the word lists alone exceed the false-alarm budget")
    clean = sorted(
        (s for s, lst, off in zip(scores, listed, labels, strict=True) if not off and not lst),
        reverse=True,
    )
    if budget >= len(clean):
        return min(clean)
    # strictly above the (budget+1)-th highest clean score: at most `budget` clean alarms
    return math.nextafter(clean[budget], math.inf)


def cross_validate(rows: Rows, parts: int, max_alarms: float, c: float) -> None:
    """Train on all parts but one and measure lists + model on that one, for each part."""
    ruleset = RULESET
    figures = []
    for k in range(parts):
        # divided again (// FOLDS) so the outer parts cut across train()'s inner folds
        part = [_part(r[0], parts * FOLDS) // FOLDS == k for r in rows]
        test = [r for r, p in zip(rows, part, strict=True) if p]
        model = train([r for r, p in zip(rows, part, strict=True) if not p], max_alarms, c)
        detector = AbuseDetector(ruleset.abuse.lexicon, model)
        detector.ignore_in_model(ruleset.abuse.topical)
        got = measure(detector, test).figures()
        figures.append(got)
        print(
            f"part {k + 1}/{parts}: macro-F1 {got[0]:.3f} precision {got[1]:.3f} "
            f"recall {got[2]:.3f} false alarms {got[3]:.2%}",
            flush=True,
        )
    for i, name in enumerate(("macro-F1", "precision", "recall", "false alarms")):
        values = [f[i] for f in figures]
        print(
            f"{parts}-fold {name}: mean {statistics.mean(values):.4f} "
            f"sd {statistics.stdev(values):.4f}"
        )


def write(model: AbuseModel, path: Path) -> None:
    """The model file `load_model` reads: header, bias, threshold, sizes, one n-gram a line."""
    lines = [
        HEADER.rstrip("\n"),
        f"# bias {model.bias:.6f}",
        f"# threshold {model.threshold:.6f}",
        f"# grams {model.sizes[0]} {model.sizes[1]}",
    ]
    for gram, (push, idf) in sorted(model.grams.items()):
        lines.append(f"{gram}\t{idf:.4f}\t{push / idf:.5f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--max-alarms", type=float, default=0.025)
    parser.add_argument("--c", type=float, default=3.0, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--cv", type=int, default=0, help="K-fold cross-validation only")
    args = parser.parse_args()
    rows = load(args.data, "train")  # never the held-out quarter
    if args.cv:
        cross_validate(rows, args.cv, args.max_alarms, args.c)
        return 0
    model = train(rows, args.max_alarms, args.c)
    write(model, args.out)
    print(f"wrote {args.out}: {len(model.grams):,} n-grams, threshold {model.threshold:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
