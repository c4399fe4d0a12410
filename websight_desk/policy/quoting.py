"""Find quoted mail history inside a message so that it counts less than the new text.

Recognised: lines starting with ">", and reply headers after which everything is history:
"On <date>, <name> wrote:", "<tarih> tarihinde <ad> yazdı:", "-----Original Message-----",
"-----Orijinal Mesaj-----", "---------- Forwarded message ----------", and an Outlook-style
header block ("From:/Gönderen:/Kimden:" followed by "Sent:/Date:/Tarih:/Subject:/Konu:").
"""

from __future__ import annotations

import re

from websight_desk.domain.turkish import fold

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
