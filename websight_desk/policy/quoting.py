"""Find quoted mail history inside a message so that it counts less than the new text.

Recognised: lines starting with ">", and reply headers after which everything is history:
"On <date>, <name> wrote:", "<tarih> tarihinde <ad> yazdı:", "-----Original Message-----",
"-----Orijinal Mesaj-----", "---------- Forwarded message ----------", and an Outlook-style
header block ("From:/Gönderen:/Kimden:" followed by "Sent:/Date:/Tarih:/Subject:/Konu:").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from websight_desk.domain.turkish import WORD_PATTERN as _WORD
from websight_desk.domain.turkish import fold
from websight_desk.policy.matching import Token

_HISTORY_START = re.compile(
    r"^[ \t]*(?:"
    r"-{2,}\s*(?:original message|orijinal mesaj|ozgun ileti|forwarded message"
    r"|iletilen (?:ileti|mesaj))"
    r"|on\b[^\n]{0,200}?(?:\n[^\n]{0,120}?)?\bwrote\s*:"
    r"|[^\n]{0,200}\btarihinde\b[^\n]{0,200}?(?:\n[^\n]{0,120}?)?\byazdi\s*:"
    r"|(?:from|gonderen|kimden)\s*:[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*"
    r"(?:sent|date|tarih|gonderildi|gonderilme tarihi|to|kime|subject|konu)\s*:"
    r")",
    re.MULTILINE,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*", re.MULTILINE)


def quoted_ranges(text: str, folded: str | None = None) -> list[tuple[int, int]]:
    """Character ranges of `text` that are quoted history, in order, not overlapping."""
    if folded is None:
        folded = fold(text)
    ranges: list[tuple[int, int]] = []
    history = _HISTORY_START.search(folded)
    cut = history.start() if history else len(folded)
    for m in _QUOTED_LINE.finditer(folded, 0, cut):
        ranges.append((m.start(), m.end()))
    if history:
        ranges.append((cut, len(folded)))
    return ranges


def tokens_of(
    text: str, weight: float, quoted_weight: float, folded: str | None = None
) -> list[Token]:
    """Words of `text` as match tokens; words inside quoted history get `quoted_weight`."""
    if folded is None:
        folded = fold(text)
    words = _WORD.finditer(folded)
    if ">" not in text and ":" not in text:
        # no quote marker and no reply header can exist: skip the regex work
        return [Token((m.group(),), m.start(), m.end(), weight) for m in words]
    ranges = quoted_ranges(text, folded)
    tokens: list[Token] = []
    r = 0
    for m in words:
        start = m.start()
        while r < len(ranges) and ranges[r][1] <= start:
            r += 1
        quoted = r < len(ranges) and ranges[r][0] <= start
        tokens.append(
            Token((m.group(),), start, m.end(), weight * quoted_weight if quoted else weight)
        )
    return tokens


def word_weights(
    starts: Sequence[int], ranges: Sequence[tuple[int, int]], weight: float, quoted: float
) -> tuple[list[float], int]:
    """Weight of each word (by start offset): `quoted` inside `ranges`; and how many are."""
    weights = [weight] * len(starts)
    count = 0
    for begin, end in ranges:  # sorted, not overlapping: each is one slice of the words
        lo, hi = bisect_left(starts, begin), bisect_left(starts, end)
        weights[lo:hi] = [quoted] * (hi - lo)
        count += hi - lo
    return weights, count
