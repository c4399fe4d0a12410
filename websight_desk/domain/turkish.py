"""Turkish-aware text handling, in one place (ARCHITECTURE.md, Language).

Python's `str.lower()` maps "I" to "i" and "İ" to "i̇" (i + combining dot): wrong for Turkish,
where I↔ı and İ↔i. Customers also type without Turkish letters ("sifre" for "şifre") and in
capitals, so search and matching compare a *folded* form: Turkish lower case, then the Turkish
letters (and circumflexed vowels) mapped to their ASCII look-alikes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TR_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_TR_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_TURKISH_FOLD = {
    "ç": "c",
    "ğ": "g",
    "ı": "i",
    "ö": "o",
    "ş": "s",
    "ü": "u",
    "â": "a",
    "î": "i",
    "û": "u",
}


def tr_lower(text: str) -> str:
    """Lower-case with Turkish rules for dotted and dotless i."""
    return text.translate(_TR_LOWER).lower()


def tr_upper(text: str) -> str:
    """Upper-case with Turkish rules for dotted and dotless i."""
    return text.translate(_TR_UPPER).upper()


def normalize(text: str) -> str:
    """NFC-normalise text as it enters the store, so one letter is one code point."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    low = tr_lower(ch)
    low = low[0] if low else ch
    if low in _TURKISH_FOLD:
        return _TURKISH_FOLD[low]
    if low.isascii():
        return low
    base = unicodedata.normalize("NFD", low)[0]
    return base if base.isascii() and base.isalpha() else low


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form for matching and search.

    "İSTANBUL", "ISTANBUL", "istanbul" and "İstanbul" all fold to "istanbul"; "Şifre" and
    "SIFRE" to "sifre". Exactly one output character per input character, so an offset found
    in the folded text is the same offset in the original (highlighting relies on this).
    """
    if text.isascii():
        return text.lower()
    plain = text
    for letter, ascii_letter in _TURKISH_PAIRS:  # str.replace runs in C: Turkish letters first
        if letter in plain:
            plain = plain.replace(letter, ascii_letter)
    if plain.isascii():
        return plain.lower()
    if len(text.encode("utf-8", "surrogatepass")) - len(text) <= len(text) >> 2:
        # mostly ASCII, as Turkish is: fold the few other letters one by one, then lower-case
        # in C (no folded letter changes case again, and no "İ" or "Σ" is left to expand)
        return _NON_ASCII.sub(_fold_match, text).lower()
    return text.translate(_FOLD_TABLE)


def _fold_match(m: re.Match[str]) -> str:
    return _FOLD_TABLE[ord(m.group())]


class _FoldTable(dict[int, str]):
    """`str.translate` table: code point → `_fold_char`, filled as characters are first seen."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < _FOLD_TABLE_LIMIT:  # bounded: text may hold any of 1.1M code points
            self[code] = folded
        return folded


_FOLD_TABLE_LIMIT = 65536
_FOLD_TABLE = _FoldTable()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# the letters of Turkish text outside ASCII, with their folded forms
_TURKISH_PAIRS = tuple((c, _fold_char(c)) for c in "ıİşŞğĞçÇöÖüÜâÂîÎûÛ")


WORD_PATTERN = re.compile(r"[^\W_]+")  # a word: letters and digits, no underscore


def word_spans(text: str, folded: str | None = None) -> list[tuple[str, int, int]]:
    """Folded words of `text` with their offsets in the original text.

    A word is a run of letters and digits; apostrophes, hyphens and underscores split words,
    so "iPhone'uma" gives "iphone" and "uma" (the Turkish suffix after an apostrophe).
    Pass `folded` (= fold(text)) when the caller already has it.
    """
    if folded is None:
        folded = fold(text)
    return [(m.group(), m.start(), m.end()) for m in WORD_PATTERN.finditer(folded)]
