"""Insults and swearing aimed at the team (policy: the team may end the ticket or call).

Token-based, never substring-based, so "sıkıntı", "şikayet", "ambulans", "götürmek",
"malın" and "sınıf" stay clean. Two lists:

* `profanity` — swearing, abusive whatever it is aimed at ("siktir", "amk", "fuck").
* `insults` — words that insult a person ("aptal", "idiot") only when aimed at someone: a
  second-person or plural suffix on the word ("aptalsınız", "aptallar", "idiots"), or a
  target word nearby ("siz", "herifler", "you"). "Aptalca bir hata yaptım" is not abuse.
  `insults_strict` words ("mal", "hayvan") have ordinary plural meanings, so only a
  second-person suffix or a target word counts.

Obfuscation is undone before matching: leetspeak ("s1kt1r", "@ptal"), spaced or dotted
letters ("s i k t i r", "a.p.t.a.l"), stretched letters ("siktirrrr") and masks ("f*ck").
The detector only suggests; people decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from websight_desk.domain.turkish import fold
from websight_desk.policy.matching import Token, Vocabulary, parse_term

_LEET = str.maketrans(
    {
        "1": "i",
        "!": "i",
        "3": "e",
        "4": "a",
        "@": "a",
        "0": "o",
        "5": "s",
        "$": "s",
        "7": "t",
        "9": "g",
    }
)
_RAW_WORD = re.compile(r"(?:[^\W_]|[@$*!])+")
_OBFUSCATION_MARK = re.compile(r"[@$*!]")  # without these, raw words are plain words
_SPACED = re.compile(r"(?<![^\W_])(?:[^\W_@$][ .\-_*]{1,2}){2,}[^\W_@$](?![^\W_])")
_STRETCH = re.compile(r"(.)\1{2,}")
_MASKED = re.compile(r"^[a-z]+\*+[a-z]*$")
_SEPARATORS = re.compile(r"[ .\-_]")
_SEEN_LIMIT = 100_000
_AIMED, _BENIGN, _UNSET = "aimed", "benign", "unset"
NEAR_BEFORE = 2
NEAR_AFTER = 2


@dataclass(frozen=True, slots=True)
class AbuseLexicon:
    """Word lists of the detector, as written in the policy file's [abuse] table."""

    profanity: tuple[str, ...]
    insults: tuple[str, ...]
    insults_strict: tuple[str, ...]
    targets: tuple[str, ...]
    aimed_suffixes: tuple[str, ...]
    benign_suffixes: tuple[str, ...]
    allow: tuple[str, ...]


class AbuseDetector:
    """Compiled lexicon; `spans(text)` gives the abusive words' character ranges."""

    def __init__(self, lexicon: AbuseLexicon) -> None:
        self.lexicon = lexicon
        self._profanity = Vocabulary({"profanity": lexicon.profanity})
        self._allow = frozenset(fold(w) for w in lexicon.allow)
        self._insults = {fold(w): False for w in lexicon.insults}
        self._insults.update({fold(w): True for w in lexicon.insults_strict})
        self._insult_lengths = sorted({len(w) for w in self._insults})
        self._aimed = frozenset(fold(s) for s in lexicon.aimed_suffixes)
        self._benign = frozenset({"", *(fold(s) for s in lexicon.benign_suffixes)})
        single = [parse_term(t)[1] for t in lexicon.profanity]
        self._mask_words = tuple(w[0] for w in single if len(w) == 1)
        self._seen: dict[str, bool] = {}
        self._clean: set[str] = set()  # words known to be harmless (the keys of _seen: False)
        self._kinds: dict[str, str | None] = {}
        # the full pass looks for both lists at once
        self._lexicon = Vocabulary({"profanity": lexicon.profanity, "target": lexicon.targets})

    def spans(
        self,
        text: str,
        weight: float = 1.0,
        folded: str | None = None,
        words: Sequence[str] | None = None,
        flagged: bool | None = None,
    ) -> list[tuple[int, int]]:
        """Ranges of abusive words in `text`, sorted; empty when the text is clean.

        Optional shortcuts: `words` of `folded` as `WORD_PATTERN` splits them, and `flagged`,
        whether `word_suspicious` holds for one of them (a vocabulary lookup can tell).
        """
        if folded is None:
            folded = fold(text)
        if not self._suspicious(folded, words, flagged):
            return []  # the usual case: no word could start an insult, skip the full pass
        tokens = _tokens(folded, weight)
        found: set[tuple[int, int]] = set()
        targets: set[int] = set()
        for hit in self._lexicon.find(tokens):
            if hit.group == "target":
                targets.add(hit.first)
            elif hit.first != hit.last or tokens[hit.first].forms[0] not in self._allow:
                found.add((hit.start, hit.end))
        for i, tok in enumerate(tokens):
            if self._is_insult(tokens, i, targets) or self._is_masked_profanity(tok):
                found.add((tok.start, tok.end))
        return sorted(found)

    def _suspicious(self, folded: str, words: Sequence[str] | None, flagged: bool | None) -> bool:
        if words is None or _OBFUSCATION_MARK.search(folded):
            # raw words also keep "@ $ * !" inside them: "@ptal", "f*ck"
            if self._any_suspicious(_RAW_WORD.findall(folded)):
                return True
        elif flagged or (flagged is None and self._any_suspicious(words)):
            return True
        if words is not None and not _one_letter_run(words):
            return False
        return any(self.word_suspicious(m.group()) for m in _SPACED.finditer(folded))

    def _any_suspicious(self, words: Sequence[str]) -> bool:
        return any(self.word_suspicious(word) for word in set(words).difference(self._clean))

    def word_suspicious(self, raw: str) -> bool:
        """Whether a word might be abusive (cached): the full check only runs on such text."""
        cached = self._seen.get(raw)
        if cached is None:
            forms = _forms(_SEPARATORS.sub("", raw.strip("*!")))
            cached = any(self._profanity.starts_a_term(f) for f in forms) or any(
                self._insult_stem(f) for f in forms
            )
            cached = cached or "*" in raw
            if len(self._seen) > _SEEN_LIMIT:
                self._seen.clear()
                self._clean.clear()
            self._seen[raw] = cached
            if not cached:
                self._clean.add(raw)
        return cached

    def _insult_stem(self, form: str) -> bool:
        return any(form[:n] in self._insults for n in self._insult_lengths if n <= len(form))

    def _is_insult(self, tokens: list[Token], i: int, targets: set[int]) -> bool:
        tok = tokens[i]
        if tok.forms[0] in self._allow:
            return False
        benign = False
        for form in tok.forms:
            kind = self._insult_kind(form)
            if kind is _AIMED:
                return True
            benign = benign or kind is _BENIGN
        return benign and _near(i, targets)

    def _insult_kind(self, form: str) -> str | None:
        """_AIMED: an insult stem with a second-person/plural suffix; _BENIGN: an insult
        stem with no or a harmless suffix (abusive only near a target word); else None."""
        kind = self._kinds.get(form, _UNSET)
        if kind is not _UNSET:
            return kind
        kind = None
        for length in self._insult_lengths:
            if length > len(form):
                break
            strict = self._insults.get(form[:length])
            if strict is None:
                continue
            suffix = form[length:]
            plural = suffix in {"lar", "ler", "s"}
            if suffix in self._aimed and not (strict and plural):
                kind = _AIMED
                break
            if suffix in self._benign:
                kind = _BENIGN
        if len(self._kinds) > _SEEN_LIMIT:
            self._kinds.clear()
        self._kinds[form] = kind
        return kind

    def _is_masked_profanity(self, tok: Token) -> bool:
        base = tok.forms[0]
        if "*" not in base or not _MASKED.match(base):
            return False
        # "f*ck", "sh*t": each run of stars stands for one to three hidden letters
        pattern = re.compile(re.sub(r"\\\*+", "[a-z]{1,3}", re.escape(base)))
        for word in self._mask_words:
            stem = word.rstrip("*")
            if (word.endswith("*") and pattern.match(stem)) or pattern.fullmatch(stem):
                return True
        return False


def _one_letter_run(words: Sequence[str]) -> bool:
    """Whether three one-letter words follow each other: a spaced-out word ("s i k t i r")."""
    sizes = list(map(len, words))
    if sizes.count(1) < 3:
        return False
    return "\x01\x01\x01" in "".join(map(chr, sizes))


def _near(i: int, targets: set[int]) -> bool:
    return any(j in targets for j in range(i - NEAR_BEFORE, i + NEAR_AFTER + 1) if j != i)


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, ...]:
    """The word as written (first; may hold "*" masks) plus its de-obfuscated variants."""
    plain = [word.replace("*", "")]
    if any(ch in word for ch in "1!34@05$79") and not word.isdigit():
        plain.append(plain[0].translate(_LEET))
    for form in list(plain):
        if _STRETCH.search(form):
            plain.append(_STRETCH.sub(r"\1", form))
            plain.append(_STRETCH.sub(r"\1\1", form))
    return tuple(dict.fromkeys([word, *plain]))


def _tokens(folded: str, weight: float) -> list[Token]:
    found: list[Token] = []
    runs = [(m.start(), m.end()) for m in _SPACED.finditer(folded)]
    for start, end in runs:
        letters = "".join(ch for ch in folded[start:end] if ch.isalnum())
        found.append(Token(_forms(letters), start, end, weight))
    for m in _RAW_WORD.finditer(folded):
        raw = m.group()
        stripped = raw.strip("*!")
        if not stripped or not any(map(str.isalpha, stripped)):
            continue
        start = m.start() + len(raw) - len(raw.lstrip("*!"))
        if runs and any(rs <= start < re_ for rs, re_ in runs):
            continue  # a letter of "s.i.k.t.i.r": the joined run stands for it
        found.append(Token(_forms(stripped), start, start + len(stripped), weight))
    found.sort(key=lambda t: (t.start, -t.end))
    return found
