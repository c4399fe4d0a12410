"""Undoing obfuscation for the abuse detector: leetspeak, spaced, stretched and masked words.

"s1kt1r" and "@ptal" (leetspeak), "s i k t i r" and "a.p.t.a.l" (spaced or dotted letters),
"siktirrrr" (stretched letters), "f*ck" (masks): each word is matched in all its forms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from websight_desk.policy.matching import Token

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
RAW_WORD = re.compile(r"(?:[^\W_]|[@$*!])+")
OBFUSCATION_MARK = re.compile(r"[@$*!]")  # without these, raw words are plain words
# three or more single letters, or a letter and "q" ("a.q", "a q"): Turkish has no "q", so that
# pair is no abbreviation or pair of initials ("A.Ş.", "M.K.") and can only be the swear word
SPACED = re.compile(
    r"(?<![^\W_])(?:(?:[^\W_@$][ .\-_*]{1,2}){2,}[^\W_@$]|[a-z][ .\-_*]{1,2}q)(?![^\W_])"
)
_STRETCH = re.compile(r"(.)\1{2,}")
MASKED = re.compile(r"^[a-z]+\*+[a-z]*$")
SEPARATORS = re.compile(r"[ .\-_]")


def one_letter_run(words: Sequence[str]) -> bool:
    """Whether three one-letter words follow each other ("s i k t i r"), or one goes before
    a "q" ("a.q"): a spaced-out word."""
    if "q" in words and any(len(words[i - 1]) == 1 for i, w in enumerate(words) if w == "q" and i):
        return True
    sizes = list(map(len, words))
    if sizes.count(1) < 3:
        return False
    return "\x01\x01\x01" in "".join(map(chr, sizes))


@lru_cache(maxsize=65536)
def forms(word: str) -> tuple[str, ...]:
    """The word as written (first; may hold "*" masks) plus its de-obfuscated variants."""
    plain = [word.replace("*", "")]
    if any(ch in word for ch in "1!34@05$79") and not word.isdigit():
        plain.append(plain[0].translate(_LEET))
    for form in list(plain):
        if _STRETCH.search(form):
            plain.append(_STRETCH.sub(r"\1", form))
            plain.append(_STRETCH.sub(r"\1\1", form))
    return tuple(dict.fromkeys([word, *plain]))


def tokens(folded: str, weight: float) -> list[Token]:
    found: list[Token] = []
    runs = [(m.start(), m.end()) for m in SPACED.finditer(folded)]
    for start, end in runs:
        letters = "".join(ch for ch in folded[start:end] if ch.isalnum())
        found.append(Token(forms(letters), start, end, weight))
    for m in RAW_WORD.finditer(folded):
        raw = m.group()
        stripped = raw.strip("*!")
        if not stripped or not any(map(str.isalpha, stripped)):
            continue
        start = m.start() + len(raw) - len(raw.lstrip("*!"))
        if runs and any(rs <= start < re_ for rs, re_ in runs):
            continue  # a letter of "s.i.k.t.i.r": the joined run stands for it
        found.append(Token(forms(stripped), start, start + len(stripped), weight))
    found.sort(key=lambda t: (t.start, -t.end))
    return found


def masked_profanity(base: str, mask_words: Sequence[str]) -> bool:
    """Whether a starred word ("f*ck", "sh*t") hides one of `mask_words` (single-word swear
    terms, "fuck" or "sik*"): each run of stars stands for one to three hidden letters."""
    if "*" not in base or not MASKED.match(base):
        return False
    pattern = re.compile(re.sub(r"\\\*+", "[a-z]{1,3}", re.escape(base)))
    for word in mask_words:
        stem = word.rstrip("*")
        if (word.endswith("*") and pattern.match(stem)) or pattern.fullmatch(stem):
            return True
    return False
