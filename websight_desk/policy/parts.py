"""What one part of a ticket's text says: signal hits, new words and abusive words.

The result depends only on the text, whether it is the subject, its weight and the ruleset,
so it is memoised per ruleset: re-triaging a ticket (every change to it does) and repeated
subjects skip the folding, tokenising and matching.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from websight_desk.domain.turkish import fold
from websight_desk.policy.abuse import THREAT_GROUP
from websight_desk.policy.focus import SECONDARY, secondary_ranges
from websight_desk.policy.negation import done_ranges, may_negate, negated_ranges
from websight_desk.policy.quoting import aside_ranges, quoted_ranges
from websight_desk.policy.terms import Hit, PartScan
from websight_desk.policy.words import scan_words, word_weights

if TYPE_CHECKING:
    from websight_desk.policy.ruleset import Ruleset

NEW_TEXT = 0.5  # a signal at least this strong was written in new text, not only quoted
CACHE_LIMIT = 4096
# every "setup done" marker (`negation.done_ranges`) holds one of these (substring tests are
# faster than one regular expression of them all)
_DONE_KEYS = (
    "kurd",
    "kurmus",
    "kurulu",
    "tanimli",
    "ekled",
    "ayarlad",
    "tanimlad",
    "yapilandird",
    "set up",
    "added",
    "configured",
    "installed",
)
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
    extra = secondary_ranges(folded, words) if not subject else []
    if extra or negated or quoted or aside:
        layers = (
            (extra, weight * SECONDARY),
            (negated, weight * quoted_weight),
            (quoted, weight * quoted_weight),
            (aside, 0.0),
        )
        weights = word_weights(starts, layers, weight)
    else:
        weights = [weight] * len(starts)
    new_words = 0
    if weight >= NEW_TEXT:
        new_words = len(words)
        if quoted or aside:
            new_words = round(sum(word_weights(starts, ((quoted, 0.0), (aside, 0.0)), 1.0)))
    hits, flagged = ruleset.vocabulary.find_words(words, starts, weights, folded=folded)
    if hits and min(weights) <= 0.0:  # a hit weighs at least as little as its lightest word
        hits = [h for h in hits if h.weight > 0.0]
    hit_groups = {h[0] for h in hits} if hits else set()
    groups = ruleset.done_groups
    if not groups.isdisjoint(hit_groups) and any(key in folded for key in _DONE_KEYS):
        hits = _done_lowered(hits, done_ranges(folded), ruleset, weight * quoted_weight)
    abuse: tuple[tuple[int, int], ...] = ()
    if part_weight >= NEW_TEXT:
        threats = []
        if THREAT_GROUP in hit_groups:
            threats = [(h.start, h.end) for h in hits if h.group == THREAT_GROUP]
        spans = ruleset.abuse.spans(
            text, folded=folded, words=words, flagged=flagged, starts=starts, threats=threats
        )
        if spans:
            # old quoted words, signatures and footers are not new abuse
            abuse = tuple(
                (s, e) for s, e in spans if not _inside(s, quoted) and not _inside(s, aside)
            )
    return PartScan(tuple(hits), new_words, abuse)


def _done_lowered(
    hits: list[Hit], done: list[tuple[int, int]], ruleset: Ruleset, low: float
) -> list[Hit]:
    """Setup requests inside a clause that says the setup is done count like history."""
    if not done:
        return hits
    groups = ruleset.done_groups
    return [
        h._replace(weight=min(h.weight, low))
        if h.group in groups and any(s < h.end and h.start < e for s, e in done)
        else h
        for h in hits
    ]


def _inside(at: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= at < e for s, e in ranges)
