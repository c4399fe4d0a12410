"""Request focus: the sentences that add a second, lesser request to a mail.

"WordPress kurar mısınız? Ayrıca Outlook ayarlarını da gönderirseniz sevinirim." asks for a CMS
install first; the Outlook settings are an extra. From a marker of an extra request ("ayrıca",
"bir de", "ek olarak", "sonra da", sentence-initial "also", "P.S." …) to the end
of its sentence, words count a little less than the main request: they add a related clause,
but a topic asked for without such a marker decides. Works on folded text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

SECONDARY = 0.45  # of a new-text weight: below `parts.NEW_TEXT`, above quoted history

_MARKER = re.compile(
    r"\b(?:ayrica|bir de|ek olarak|bunun (?:yaninda|disinda|haricinde)|bunlara ek olarak"
    r"|sonra da|bu arada)\b"
    r"|(?:^|(?<=[.!?\n])\s*)(?:also|additionally|in addition|besides|one more thing|by the way"
    r"|btw|p\.? ?s\b\.?)"
    r"|\b(?:if you have (?:the )?time|when you (?:get a chance|have (?:the )?time))\b",
    re.MULTILINE,
)
_SENTENCE_END = re.compile(r"[.?!\n](?:(?<=\n)|[.?!]*(?=\s|$))")  # [.?!]+(?=\s|$)|\n
# a cheap test first: a marker holds one of these words
_KEY_WORDS = frozenset(
    {
        "ayrica",
        "de",
        "ek",
        "bunun",
        "bunlara",
        "sonra",
        "arada",
        "also",
        "additionally",
        "addition",
        "besides",
        "more",
        "way",
        "btw",
        "p",
        "ps",
        "time",
        "chance",
    }
)


def secondary_ranges(folded: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Character ranges (sorted, apart) from each extra-request marker to its sentence end.

    `words` are the words of `folded` (`words.scan_words`).
    """
    if _KEY_WORDS.isdisjoint(words):
        return []
    ranges: list[tuple[int, int]] = []
    for m in _MARKER.finditer(folded):
        end = _SENTENCE_END.search(folded, m.end())
        hi = end.start() if end else len(folded)
        lo = m.start() + len(m.group()) - len(m.group().lstrip())
        if ranges and lo <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(hi, ranges[-1][1]))
        else:
            ranges.append((lo, hi))
    return ranges
