"""`evaluate(facts, ruleset, now) -> Decision`: the pure policy engine (no I/O, no clock).

Every rule of the ruleset is checked against the ticket's context (service, requester,
delivery, SLA/managed) and the signals found in its text. Candidates rank by tier, then
priority: words in new text or pure context facts (tier 2) beat words found only in quoted
history (tier 1), which beat fallback rules (tier 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from websight_desk.domain.turkish import fold
from websight_desk.policy.clause import UNKNOWN_SERVICE, Rule
from websight_desk.policy.explain import explain
from websight_desk.policy.matching import Hit
from websight_desk.policy.model import Decision, Evidence, Facts, Shift, Verdict
from websight_desk.policy.quoting import quoted_ranges, tokens_of
from websight_desk.policy.ruleset import Ruleset

HOURS = "support.hours"
CALLBACK = "other.phone_callback"
ABUSE = "other.abuse_termination"
NEW_TEXT = 0.5  # a signal at least this strong was written in new text, not only quoted
MAX_EVIDENCE_PER_CLAUSE = 8


@dataclass(frozen=True, slots=True)
class _Found:
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
    for part in facts.text_parts():
        if not part.text:
            continue
        folded = fold(part.text)
        tokens = tokens_of(part.text, part.weight, ruleset.quoted_weight, folded)
        new_words += sum(1 for t in tokens if t.weight >= NEW_TEXT)
        for hit in ruleset.vocabulary.find(tokens):
            found.setdefault(hit.group, []).append(_Found(part.field, part.text, hit))
            strength[hit.group] = max(strength.get(hit.group, 0.0), hit.weight)
        if part.weight >= NEW_TEXT:
            abuse_evidence.extend(_abuse(part.field, part.text, folded, ruleset))

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
    verdict = main.verdict or Verdict.IN_SCOPE
    explanation = explain(
        ruleset,
        primary=primary,
        shift=shift,
        now=now,
        evidence=evidence,
        callback=CALLBACK in flags,
        abuse=abuse,
    )
    return Decision(
        verdict=verdict,
        clauses=clauses,
        actions=tuple(actions),
        discretion=main.discretion,
        abuse=abuse,
        shift=shift,
        evidence=tuple(evidence),
        explanation_tr=explanation["tr"],
        explanation_en=explanation["en"],
        ruleset_version=ruleset.version,
    )


def _candidates(facts: Facts, ruleset: Ruleset, strength: dict[str, float]) -> list[_Candidate]:
    service = facts.service.value if facts.service is not None else UNKNOWN_SERVICE
    supported = facts.has_sla or facts.managed
    out: list[_Candidate] = []
    for rule in ruleset.rules:
        if (
            (rule.services and service not in rule.services)
            or (rule.requesters and facts.requester.value not in rule.requesters)
            or (rule.delivered is not None and rule.delivered != facts.server_delivered)
            or (rule.sla_or_managed is not None and rule.sla_or_managed != supported)
            or any(strength.get(s, 0.0) >= NEW_TEXT for s in rule.unless)
        ):
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


def _abuse(field: str, text: str, folded: str, ruleset: Ruleset) -> list[Evidence]:
    spans = ruleset.abuse.spans(text, folded=folded)
    if not spans:
        return []
    quoted = quoted_ranges(text, folded) if (">" in text or ":" in text) else []
    return [
        Evidence(ABUSE, field, text[s:e], s, e)
        for s, e in spans
        if not any(qs <= s < qe for qs, qe in quoted)  # old quoted words are not new abuse
    ]
