"""`evaluate(facts, ruleset, now) -> Decision`: the pure policy engine (no I/O, no clock).

Every rule of the ruleset is checked against the ticket's context (service, requester,
delivery, SLA/managed) and the signals found in its text. Candidates rank by tier, then
priority: words in new text or pure context facts (tier 2) beat words found only in quoted
history (tier 1), which beat fallback rules (tier 0).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from websight_desk.domain.turkish import fold
from websight_desk.policy.clause import UNKNOWN_SERVICE, Rule
from websight_desk.policy.matching import Hit, scan_words
from websight_desk.policy.model import Decision, Evidence, Facts, Shift, Verdict
from websight_desk.policy.quoting import quoted_ranges, word_weights
from websight_desk.policy.ruleset import Ruleset

HOURS = "support.hours"
CALLBACK = "other.phone_callback"
ABUSE = "other.abuse_termination"
NEW_TEXT = 0.5  # a signal at least this strong was written in new text, not only quoted
MAX_EVIDENCE_PER_CLAUSE = 8
_REPLY_SUBJECT = re.compile(r"\s*(?:re|ynt|yanit|cvp|cevap|fw|fwd|ilt|ilet|aw|sv)\s*:", re.I)


class _Found(NamedTuple):
    field: str
    text: str
    hit: Hit


@dataclass(frozen=True, slots=True)
class _Candidate:
    rule: Rule
    tier: int
    strength: float


def shift_at(now: datetime, ruleset: Ruleset) -> Shift:
    """Regular team in [regular_start, regular_end) local time, every day; on-call otherwise."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    local = now.astimezone(ruleset.timezone).time()
    return Shift.REGULAR if ruleset.regular_start <= local < ruleset.regular_end else Shift.ON_CALL


def evaluate(facts: Facts, ruleset: Ruleset, now: datetime) -> Decision:
    """Apply the policy to one ticket. Deterministic: same inputs, same decision."""
    shift = shift_at(now, ruleset)
    found: dict[str, list[_Found]] = {}
    strength: dict[str, float] = {}
    new_words = 0
    abuse_evidence: list[Evidence] = []
    quoted_weight = ruleset.quoted_weight
    vocabulary = ruleset.vocabulary
    for part in facts.text_parts():
        text = part.text
        if not text:
            continue
        folded = fold(text)
        weight = part.weight
        if part.field == "subject" and _REPLY_SUBJECT.match(folded):
            weight *= quoted_weight  # "Re: ..." repeats the old thread's subject
        words, starts = scan_words(folded)
        # no quote marker and no reply header can exist without ">" or ":"
        quoted = quoted_ranges(text, folded) if (">" in text or ":" in text) else []
        weights, n_quoted = word_weights(starts, quoted, weight, weight * quoted_weight)
        if weight >= NEW_TEXT:
            new_words += len(words) - n_quoted
        if weight * quoted_weight >= NEW_TEXT:
            new_words += n_quoted
        for hit in vocabulary.find_words(words, starts, weights):
            group = hit.group
            bucket = found.get(group)
            if bucket is None:
                found[group] = bucket = []
            bucket.append(_Found(part.field, text, hit))
            if hit.weight > strength.get(group, 0.0):
                strength[group] = hit.weight
        if part.weight >= NEW_TEXT:
            abuse_evidence.extend(_abuse(part.field, text, folded, words, quoted, ruleset))

    candidates = _candidates(facts, ruleset, strength)
    topical = [c for c in candidates if ruleset.clause(c.rule.clause).verdict is not None]
    flags = {c.rule.clause for c in candidates if c.tier == 2} - {HOURS}
    primary = topical[0].rule.clause if topical else ruleset.fallback_clause
    abuse = bool(abuse_evidence)
    backed = [c for c in topical if c.rule.require and c.tier >= 1]
    if not abuse and not backed and new_words >= ruleset.unclear_min_words:
        flags.add(CALLBACK)  # long text that matches no topic: hard to understand
    if abuse:
        flags.add(ABUSE)

    clauses = _ordered(primary, (c.rule.clause for c in backed), flags)
    evidence: list[Evidence] = []
    used: dict[str, Rule] = {}
    for cand in topical + [c for c in candidates if c.rule.clause in flags]:
        used.setdefault(cand.rule.clause, cand.rule)
    for clause_id in clauses:
        rule = used.get(clause_id)
        if rule is not None:
            evidence.extend(_evidence(clause_id, rule, found))
    evidence.extend(abuse_evidence)

    main = ruleset.clause(primary)
    actions = list(main.actions)
    for flag in (CALLBACK, ABUSE):
        if flag in flags:
            actions.extend(a for a in ruleset.clause(flag).actions if a not in actions)
    return Decision(
        verdict=main.verdict or Verdict.IN_SCOPE,
        clauses=clauses,
        actions=tuple(actions),
        discretion=main.discretion,
        abuse=abuse,
        shift=shift,
        evidence=tuple(evidence),
        ruleset_version=ruleset.version,
        at=now,
        ruleset=ruleset,  # the explanation is rendered from it when first asked for
    )


def _candidates(facts: Facts, ruleset: Ruleset, strength: dict[str, float]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for rule in _context_rules(facts, ruleset):
        if rule.unless and any(strength.get(s, 0.0) >= NEW_TEXT for s in rule.unless):
            continue
        if rule.fallback:
            out.append(_Candidate(rule, 0, 0.0))
            continue
        level = 1.0
        for group in rule.require:
            level = min(level, max(strength.get(s, 0.0) for s in group))
        if level <= 0.0:
            continue
        out.append(_Candidate(rule, 2 if level >= NEW_TEXT else 1, level))
    # rules are pre-sorted by priority; a stable sort on tier keeps that order inside a tier
    out.sort(key=lambda c: (-c.tier, -c.rule.priority, -c.strength))
    return out


def _context_rules(facts: Facts, ruleset: Ruleset) -> tuple[Rule, ...]:
    """The rules whose context conditions fit the ticket (memoised per context)."""
    service = facts.service.value if facts.service is not None else UNKNOWN_SERVICE
    supported = facts.has_sla or facts.managed
    key = (service, facts.requester.value, facts.server_delivered, supported)
    rules = ruleset.context_rules.get(key)
    if rules is None:
        rules = tuple(
            rule
            for rule in ruleset.rules
            if (not rule.services or service in rule.services)
            and (not rule.requesters or facts.requester.value in rule.requesters)
            and (rule.delivered is None or rule.delivered == facts.server_delivered)
            and (rule.sla_or_managed is None or rule.sla_or_managed == supported)
        )
        ruleset.context_rules[key] = rules
    return rules


def _ordered(primary: str, others: Iterable[str], flags: set[str]) -> tuple[str, ...]:
    ordered = [primary]
    ordered.extend(c for c in others if c not in ordered)
    ordered.append(HOURS)
    ordered.extend(f for f in (CALLBACK, ABUSE) if f in flags)
    return tuple(dict.fromkeys(ordered))


def _evidence(clause: str, rule: Rule, found: dict[str, list[_Found]]) -> list[Evidence]:
    """Words behind a clause; overlapping matches merge into one highlight."""
    signals = [s for group in rule.require for s in group] + list(rule.evidence)
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for signal in dict.fromkeys(signals):
        for f in found.get(signal, ()):
            spans.setdefault(f.field, (f.text, []))[1].append((f.hit.start, f.hit.end))
    items: list[Evidence] = []
    for field, (text, ranges) in spans.items():
        ranges.sort()
        start, end = ranges[0]
        for s, e in ranges[1:]:
            if s < end:
                end = max(end, e)
                continue
            items.append(Evidence(clause, field, text[start:end], start, end))
            start, end = s, e
        items.append(Evidence(clause, field, text[start:end], start, end))
    items.sort(key=lambda e: (e.field != "subject", e.field, e.start))
    return items[:MAX_EVIDENCE_PER_CLAUSE]


def _abuse(
    field: str,
    text: str,
    folded: str,
    words: list[str],
    quoted: list[tuple[int, int]],
    ruleset: Ruleset,
) -> list[Evidence]:
    spans = ruleset.abuse.spans(text, folded=folded, words=words)
    return [
        Evidence(ABUSE, field, text[s:e], s, e)
        for s, e in spans
        if not any(qs <= s < qe for qs, qe in quoted)  # old quoted words are not new abuse
    ]
