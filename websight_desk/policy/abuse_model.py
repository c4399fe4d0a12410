"""A small linear model of abusive text over the letter sequences of its words.

It backs the word lists of `policy/abuse.py` on the insults they do not name. Each word is
cut into its letter n-grams ("ş", "pi", "piç", " piç " with the word's edges as spaces), so
inflections, typos and spellings the lists never saw share weights with the words they come
from. A word's n-grams give it two numbers, cached per word: its *push* (each n-gram's
inverse document frequency times its weight) and its *mass* (the squared length of its
TF-IDF vector). A text scores

    bias + (sum of its distinct words' pushes) / sqrt(sum of their masses)

— a linear model over the text's L2-normalised TF-IDF n-gram vector in which the words add up
independently, so the score costs one cached look-up a word and every word's share of it is
known: the words that push most are its evidence. At or above the threshold it is abusive.

`data/abuse_model.tsv` is trained by `bench/train_abuse_model.py` on part of the OffensEval
2020 Turkish training data (Çağrı Çöltekin, LREC 2020; CC BY 2.0 — the attribution stays in
the file's header).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("data") / "abuse_model.tsv"
MAX_EVIDENCE = 3
EVIDENCE_SHARE = 0.25  # a word pushing less than this share of the strongest is not evidence
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
    if not text.isascii() and not _TURKISH_LETTERS.isdisjoint(text):
        return True
    return not _TURKISH_WORDS.isdisjoint(words)


# English words spelt like a Turkish insult ("got" is "göt" folded): never features
ENGLISH_HOMOGRAPHS = frozenset(["got", "am", "it", "pic", "pics", "sap", "kill", "mal", "as"])
# "mallar" is goods in a shop's ticket, an insult in a tweet: the word lists judge these
COMMERCE_PREFIXES = ("mal",)


def modelled(word: str) -> bool:
    """Whether a folded word takes part in the model at all (English look-alikes do not)."""
    return bool(word) and word not in ENGLISH_HOMOGRAPHS and not word.startswith(COMMERCE_PREFIXES)


def word_grams(word: str, sizes: tuple[int, int]) -> list[str]:
    """The letter n-grams of one folded word, its edges marked by a space (" pi", "ç ")."""
    padded = f" {word} "
    low, high = sizes
    return [padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]


@dataclass(frozen=True, slots=True)
class AbuseModel:
    """n-gram weights and IDFs, bias, threshold (`load_model`); `evidence(words)` applies them."""

    grams: dict[str, tuple[float, float]]  # n-gram -> (idf x weight, idf)
    sizes: tuple[int, int]  # shortest and longest n-gram
    bias: float
    threshold: float
    # words of the support topics ("kodumuzda", "hata"): never evidence of abuse, whatever
    # tweets made of their letters (they still weigh in the text's length, and may calm it)
    ignore: Callable[[str], bool] | None = None
    _weighed: dict[str, tuple[float, float]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def push_and_mass(self, word: str) -> tuple[float, float]:
        """A folded word's push (its n-grams' idf x weight) and mass (squared TF-IDF length)."""
        found = self._weighed.get(word)
        if found is not None:
            return found
        push = mass = 0.0
        if modelled(word):
            counts: dict[str, int] = {}
            for gram in word_grams(word, self.sizes):
                counts[gram] = counts.get(gram, 0) + 1
            grams = self.grams
            for gram, n in counts.items():
                known = grams.get(gram)
                if known is not None:
                    push += n * known[0]
                    mass += (n * known[1]) ** 2
            if push > 0.0 and self.ignore is not None and self.ignore(word):
                push = 0.0
        if len(self._weighed) > _CACHE_LIMIT:
            self._weighed.clear()
        self._weighed[word] = (push, mass)
        return push, mass

    def score(self, words: Iterable[str]) -> float:
        """Bias plus the distinct words' pushes over the square root of their masses."""
        push = mass = 0.0
        for word in set(words):
            p, m = self.push_and_mass(word)
            push += p
            mass += m
        return self.bias + (push / math.sqrt(mass) if mass else 0.0)

    def evidence(self, words: Sequence[str]) -> list[int]:
        """Indices of the words that make the text abusive (empty: it is not).

        The first occurrence of each of the (at most three) words that push most, leaving out
        those that push less than a quarter of the strongest."""
        if self.score(words) < self.threshold:
            return []
        first: dict[str, int] = {}
        for i, word in enumerate(words):
            first.setdefault(word, i)
        pushing = sorted(((self.push_and_mass(w)[0], i) for w, i in first.items()), reverse=True)[
            :MAX_EVIDENCE
        ]
        if not pushing or pushing[0][0] <= 0.0:
            return []
        floor = pushing[0][0] * EVIDENCE_SHARE
        return sorted(i for push, i in pushing if push >= floor)


def load_model(path: Path = MODEL_FILE) -> AbuseModel:
    """Read a model file: `# bias <x>`, `# threshold <x>`, `# grams <low> <high>` lines, then
    `n-gram<TAB>idf<TAB>weight` lines (an n-gram may start or end with a space)."""
    grams: dict[str, tuple[float, float]] = {}
    bias = 0.0
    threshold: float | None = None
    sizes: tuple[int, int] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# bias "):
            bias = float(line.split()[2])
        elif line.startswith("# threshold "):
            threshold = float(line.split()[2])
        elif line.startswith("# grams "):
            low, high = (int(x) for x in line.split()[2:4])
            sizes = (low, high)
        elif line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError(f"{path}:{number}: expected n-gram, idf and weight")
            idf = float(parts[1])
            grams[parts[0]] = (idf * float(parts[2]), idf)
    if threshold is None:
        raise ValueError(f"{path}: no '# threshold' line")
    if sizes is None:
        raise ValueError(f"{path}: no '# grams' line")
    return AbuseModel(grams, sizes, bias, threshold)
