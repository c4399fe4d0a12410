"""What one part of a ticket's text says: signal hits, new words and abusive words.

The result depends only on the text, whether it is the subject, its weight and the ruleset,
so it is memoised per ruleset: re-triaging a ticket (every change to it does) and repeated
subjects skip the folding, tokenising and matching.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from websight_desk.domain.turkish import fold
from websight_desk.policy.negation import may_negate, negated_ranges
from websight_desk.policy.quoting import aside_ranges, quoted_ranges
from websight_desk.policy.terms import PartScan
from websight_desk.policy.words import scan_words, word_weights

if TYPE_CHECKING:
    from websight_desk.policy.ruleset import Ruleset

NEW_TEXT = 0.5  # a signal at least this strong was written in new text, not only quoted
CACHE_LIMIT = 4096
_REPLY_SUBJECT = re.compile(r"\s*(?:re|ynt|yanit|cvp|cevap|fw|fwd|ilt|ilet|aw|sv)\s*:", re.I)


def scan_part(ruleset: Ruleset, text: str, subject: bool, weight: float) -> PartScan:
    """Scan one non-empty part (memoised); abuse is only looked for in new-text parts."""
    key = (text, subject, weight)
    cache = ruleset.part_scans
    scan = cache.get(key)
    if scan is None:
        scan = _scan(ruleset, text, subject, weight)
        if len(cache) >= CACHE_LIMIT:
            cache.clear()  # bounded memory; a stream of new tickets just refills it
        cache[key] = scan
    return scan


def _scan(ruleset: Ruleset, text: str, subject: bool, part_weight: float) -> PartScan:
    quoted_weight = ruleset.quoted_weight
    folded = fold(text)
    weight = part_weight
    if subject and _REPLY_SUBJECT.match(folded):
        weight *= quoted_weight  # "Re: ..." repeats the old thread's subject
    words, starts = scan_words(folded)
    # no quote marker and no reply header can exist without ">" or ":"
    quoted = quoted_ranges(text, folded) if (">" in text or ":" in text) else []
    aside = aside_ranges(text, folded, quoted) if not subject and "\n" in folded else []
    negated = negated_ranges(folded) if may_negate(words, folded) else []
    layers = ((negated, weight * quoted_weight), (quoted, weight * quoted_weight), (aside, 0.0))
    weights = word_weights(starts, layers, weight)
    new_words = 0
    if weight >= NEW_TEXT:
        new_words = len(words)
        if quoted or aside:
            new_words = round(sum(word_weights(starts, ((quoted, 0.0), (aside, 0.0)), 1.0)))
    hits, flagged = ruleset.vocabulary.find_words(words, starts, weights)
    hits = [h for h in hits if h.weight > 0.0]
    abuse: tuple[tuple[int, int], ...] = ()
    if part_weight >= NEW_TEXT:
        spans = ruleset.abuse.spans(
            text, folded=folded, words=words, flagged=flagged, starts=starts
        )
        # old quoted words, signatures and footers are not new abuse
        abuse = tuple((s, e) for s, e in spans if not _inside(s, quoted) and not _inside(s, aside))
    return PartScan(tuple(hits), new_words, abuse)


def _inside(at: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= at < e for s, e in ranges)
