"""A small linear model of abusive text: one weight per word and per word stem, no more.

It backs the word lists of `policy/abuse.py` on the insults they do not name. A text scores
a bias plus, for each distinct word, the weights of its features (the word, and its first
four and six letters when it is longer, so inflections share weights); at or above the
threshold it is abusive, and the words that weigh most are its evidence. Explainable, and
fast: a few dictionary look-ups a word.

`data/abuse_model.tsv` is trained by `bench/train_abuse_model.py` on part of the OffensEval
2020 Turkish training data (Çağrı Çöltekin, LREC 2020; CC BY 2.0 — the attribution stays in
the file's header).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

STEMS = (4, 6)  # letters of a word's stem features
MODEL_FILE = Path(__file__).with_name("data") / "abuse_model.tsv"
EVIDENCE_WEIGHT = 0.8  # a word must weigh this much to be shown as evidence
MAX_EVIDENCE = 3
_CACHE_LIMIT = 100_000


_TURKISH_LETTERS = frozenset("çğıöşüÇĞİÖŞÜ")
# common Turkish words that English never uses: a text typed without Turkish letters has some
_TURKISH_WORDS = frozenset(
    [
        "ve",
        "bir",
        "bu",
        "da",
        "de",
        "ne",
        "icin",
        "ama",
        "cok",
        "mi",
        "mu",
        "misiniz",
        "musunuz",
        "ben",
        "sen",
        "siz",
        "biz",
        "bunu",
        "sizin",
        "benim",
        "daha",
        "gibi",
        "kadar",
        "ile",
        "diye",
        "var",
        "yok",
        "degil",
        "olan",
        "oldu",
        "olsun",
        "artik",
        "hala",
        "hep",
        "her",
        "hic",
        "neden",
        "nasil",
        "simdi",
        "sonra",
        "once",
        "yine",
        "bile",
        "sadece",
        "lan",
        "ulan",
        "amk",
        "aq",
    ]
)


def looks_turkish(text: str, words: Sequence[str]) -> bool:
    """Whether the model, learnt from Turkish, may judge the text: English "I got" is not "göt"."""
    return not _TURKISH_LETTERS.isdisjoint(text) or not _TURKISH_WORDS.isdisjoint(words)


# English words spelt like a Turkish insult ("got" is "göt" folded): never features
ENGLISH_HOMOGRAPHS = frozenset(["got", "am", "it", "pic", "pics", "sap", "kill", "mal", "as"])
# "mallar" is goods in a shop's ticket, an insult in a tweet: the word lists judge these
COMMERCE_PREFIXES = ("mal",)


def word_features(word: str) -> Iterator[str]:
    """The features of one folded word: itself, and its stems when it is longer."""
    if word in ENGLISH_HOMOGRAPHS or word.startswith(COMMERCE_PREFIXES):
        return
    yield word
    for n in STEMS:
        if len(word) > n:
            yield word[:n] + "~"


@dataclass(frozen=True, slots=True)
class AbuseModel:
    """Weights, bias and threshold (`load_model`); `evidence(words)` applies them."""

    weights: dict[str, float]
    bias: float
    threshold: float
    # words of the support topics ("kodumuzda", "hata"): never evidence of abuse, whatever
    # tweets made of their first letters
    ignore: Callable[[str], bool] | None = None
    _weighed: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def score(self, words: Sequence[str]) -> float:
        """Bias plus, for each distinct word, the weights of its features."""
        weighed = self._weighed
        total = self.bias
        for word in set(words):
            weight = weighed.get(word)
            if weight is None:
                weight = self.word_weight(word)
                if len(weighed) > _CACHE_LIMIT:
                    weighed.clear()
                weighed[word] = weight
            total += weight
        return total

    def word_weight(self, word: str) -> float:
        if self.ignore is not None and self.ignore(word):
            return 0.0
        return sum(self.weights.get(f, 0.0) for f in word_features(word))

    def evidence(self, words: Sequence[str]) -> list[int]:
        """Indices of the words that make the text abusive (empty: it is not)."""
        if self.score(words) < self.threshold:
            return []
        weighed = []
        for i, word in enumerate(words):
            weight = self.word_weight(word)
            if weight >= EVIDENCE_WEIGHT:
                weighed.append((weight, i))
        weighed.sort(reverse=True)
        return sorted(i for _, i in weighed[:MAX_EVIDENCE])


def load_model(path: Path = MODEL_FILE) -> AbuseModel:
    """Read a model file: `# bias <x>`, `# threshold <x>` and `feature<TAB>weight` lines."""
    weights: dict[str, float] = {}
    bias = threshold = 0.0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# bias "):
            bias = float(line.split()[2])
        elif line.startswith("# threshold "):
            threshold = float(line.split()[2])
        elif line and not line.startswith("#"):
            feature, weight = line.split("\t")
            weights[feature] = float(weight)
    if threshold <= 0.0:
        raise ValueError(f"{path}: no '# threshold' line")
    return AbuseModel(weights, bias, threshold)
