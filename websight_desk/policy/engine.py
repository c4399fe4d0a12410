"""`evaluate(facts, ruleset, now) -> Decision`: the pure policy engine (no I/O, no clock).

Every rule of the ruleset is checked against the ticket's context (service, requester,
delivery, SLA/managed) and the signals found in its text. Candidates rank by tier, then
priority: words in new text or pure context facts (tier 2) beat words found only in quoted
history (tier 1), which beat fallback rules (tier 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from websight_desk.domain.shift import Shift, shift_for
from websight_desk.policy.clause import UNKNOWN_SERVICE, Rule
from websight_desk.policy.focus import SECONDARY
from websight_desk.policy.model import Action, Decision, Evidence, Facts, Verdict
from websight_desk.policy.parts import NEW_TEXT, scan_part
from websight_desk.policy.ruleset import Ruleset

HOURS = "support.hours"
CALLBACK = "other.phone_callback"
ABUSE = "other.abuse_termination"
MAX_EVIDENCE_PER_CLAUSE = 8
FLAG_LEVEL = SECONDARY  # an extra request's words still flag; quoted history does not


# where a signal's words are: (field, original text of the part, start, end)
_Found = tuple[str, str, int, int]
# what selects the rules: (service, requester kind, server delivered, SLA or managed)
_Context = tuple[str, str, bool, bool]
# verdict, clauses, actions, discretion, and the (clause, rule) pairs behind the evidence
_Outline = tuple[Verdict, tuple[str, ...], tuple[Action, ...], bool, tuple[tuple[str, Rule], ...]]


class _Candidate(NamedTuple):
    tier: int  # 2: words in new text or pure context; 1: words only in quoted history; 0: fallback
    strength: float
    rule: Rule


def _rank(c: _Candidate) -> tuple[int, int, float]:
    return (-c[0], -c[2].priority, -c[1])


def shift_at(now: datetime, ruleset: Ruleset) -> Shift:
    """The shift at `now` by the ruleset's hours (`domain.shift.shift_for`)."""
    return shift_for(now, ruleset.shift_hours)


def evaluate(facts: Facts, ruleset: Ruleset, now: datetime) -> Decision:
    """Apply the policy to one ticket. Deterministic: same inputs, same decision."""
    shift = shift_at(now, ruleset)
    found: dict[str, list[_Found]] = {}
    strength: dict[str, float] = {}
    new_words = 0
    abuse_evidence: list[Evidence] = []
    # the parts of `facts.text_parts()`, without building them
    parts = [("subject", facts.subject, 1.0)]
    parts.extend((p.field, p.text, p.weight) for p in facts.parts if p.field != "subject")
    for field, text, weight in parts:
        if not text:
            continue
        scan = scan_part(ruleset, text, field == "subject", weight)
        new_words += scan.new_words
        for group, start, end, _, _, hit_weight in scan.hits:
            bucket = found.get(group)
            if bucket is None:
                found[group] = [(field, text, start, end)]
                if hit_weight > 0.0:
                    strength[group] = hit_weight
                continue
            bucket.append((field, text, start, end))
            if hit_weight > strength.get(group, 0.0):
                strength[group] = hit_weight
        for s, e in scan.abuse:
            abuse_evidence.append(Evidence(ABUSE, field, text[s:e], s, e))

    abuse = bool(abuse_evidence)
    long_text = new_words >= ruleset.unclear_min_words
    outline = _outline(_context_key(facts), ruleset, strength, long_text, abuse)
    verdict, clauses, actions, discretion, shown = outline
    evidence: list[Evidence] = []
    for clause_id, rule in shown:
        evidence.extend(_evidence(clause_id, rule, found))
    evidence.extend(abuse_evidence)
    return Decision(
        verdict=verdict,
        clauses=clauses,
        actions=actions,
        discretion=discretion,
        abuse=abuse,
        shift=shift,
        evidence=tuple(evidence),
        ruleset_version=ruleset.version,
        at=now,
    )


def _outline(
    context: _Context, ruleset: Ruleset, strength: dict[str, float], long_text: bool, abuse: bool
) -> _Outline:
    """Verdict, clauses, actions, discretion and the (clause, rule) pairs whose words are
    the evidence, for a ticket of this context whose signals have these strengths."""
    candidates = _candidates(context, ruleset, strength)
    clause_of = ruleset.clauses
    topical: list[_Candidate] = []
    backed: list[str] = []
    flags: set[str] = set()
    for cand in candidates:
        rule = cand.rule
        clause = rule.clause
        if clause_of[clause].verdict is not None:
            topical.append(cand)
            if rule.require and cand.tier >= 1:
                backed.append(clause)
        # flags (a callback asked for) count from new text, extra requests included
        if cand.strength >= FLAG_LEVEL and clause != HOURS:
            flags.add(clause)
    primary = topical[0].rule.clause if topical else ruleset.fallback_clause
    # a context rule whose evidence words were found understood the ticket too (a long, clear
    # request to administer a server is not "hard to understand")
    if (
        long_text
        and not abuse
        and not backed
        and not any(strength.get(s, 0.0) >= NEW_TEXT for c in topical for s in c.rule.evidence)
    ):
        flags.add(CALLBACK)  # long text that matches no topic: hard to understand
    if abuse:
        flags.add(ABUSE)

    clauses = _ordered(primary, backed, flags)
    used: dict[str, Rule] = {}
    for cand in topical:
        used.setdefault(cand.rule.clause, cand.rule)
    if flags:
        for cand in candidates:
            if cand.rule.clause in flags:
                used.setdefault(cand.rule.clause, cand.rule)
    shown = tuple((clause_id, used[clause_id]) for clause_id in clauses if clause_id in used)

    main = clause_of[primary]
    actions = main.actions
    if CALLBACK in flags or ABUSE in flags:
        more = list(actions)
        for flag in (CALLBACK, ABUSE):
            if flag in flags:
                more.extend(a for a in clause_of[flag].actions if a not in more)
        actions = tuple(more)
    return main.verdict or Verdict.IN_SCOPE, clauses, tuple(actions), main.discretion, shown


def _candidates(
    context: _Context, ruleset: Ruleset, strength: dict[str, float]
) -> list[_Candidate]:
    out: list[_Candidate] = []
    get = strength.get
    for rule in _context_rules(context, ruleset):
        if rule.unless and any(get(s, 0.0) >= NEW_TEXT for s in rule.unless):
            continue
        if rule.fallback:
            out.append(_Candidate(0, 0.0, rule))
            continue
        level = 1.0  # the weakest required group's strongest signal
        for group in rule.require:
            best = 0.0
            for signal in group:
                value = get(signal)
                if value is not None and value > best:
                    best = value
            if best < level:
                level = best
                if level <= 0.0:
                    break
        if level <= 0.0:
            continue
        out.append(_Candidate(2 if level >= NEW_TEXT else 1, level, rule))
    # rules are pre-sorted by priority; a stable sort on tier keeps that order inside a tier
    out.sort(key=_rank)
    return out


def _context_key(facts: Facts) -> _Context:
    service = facts.service.value if facts.service is not None else UNKNOWN_SERVICE
    return (service, facts.requester.value, facts.server_delivered, facts.has_sla or facts.managed)


def _context_rules(key: _Context, ruleset: Ruleset) -> tuple[Rule, ...]:
    """The rules whose context conditions fit the ticket (memoised per context)."""
    rules = ruleset.context_rules.get(key)
    if rules is None:
        service, requester, delivered, supported = key
        rules = tuple(
            rule
            for rule in ruleset.rules
            if (not rule.services or service in rule.services)
            and (not rule.requesters or requester in rule.requesters)
            and (rule.delivered is None or rule.delivered == delivered)
            and (rule.sla_or_managed is None or rule.sla_or_managed == supported)
        )
        ruleset.context_rules[key] = rules
    return rules


def _ordered(primary: str, others: Iterable[str], flags: set[str]) -> tuple[str, ...]:
    ordered = dict.fromkeys((primary, *others))
    ordered[HOURS] = None
    for flag in (CALLBACK, ABUSE):
        if flag in flags:
            ordered[flag] = None
    return tuple(ordered)


def _evidence(clause: str, rule: Rule, found: dict[str, list[_Found]]) -> list[Evidence]:
    """Words behind a clause; overlapping matches merge into one highlight."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for signal in rule.shown:
        for field, text, start, end in found.get(signal, ()):
            entry = spans.get(field)
            if entry is None:
                spans[field] = entry = (text, [])
            entry[1].append((start, end))
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
    if len(spans) > 1:
        items.sort(key=_evidence_order)
    return items[:MAX_EVIDENCE_PER_CLAUSE]


def _evidence_order(e: Evidence) -> tuple[bool, str, int]:
    return (e.field != "subject", e.field, e.start)
