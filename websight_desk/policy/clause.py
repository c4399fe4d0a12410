"""One clause of the policy and the rules that select it.

The clause's words (title, text, reason) are gettext messages in `policy/clause_texts.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from websight_desk.domain.enums import RequesterKind, ServiceKind
from websight_desk.i18n import gettext_in
from websight_desk.policy.clause_texts import CLAUSE_TEXTS
from websight_desk.policy.model import Action, Verdict

TEXT_KEYS = ("title", "text", "reason")  # no longer data: see clause_texts.py
UNKNOWN_SERVICE = "unknown"  # a ticket not tied to a known service
_SERVICE_NAMES = frozenset({*(k.value for k in ServiceKind), UNKNOWN_SERVICE})
_REQUESTERS = frozenset(k.value for k in RequesterKind)
_RULE_KEYS = frozenset(
    {
        "priority",
        "services",
        "requesters",
        "delivered",
        "sla_or_managed",
        "require",
        "unless",
        "evidence",
        "fallback",
    }
)


@dataclass(frozen=True, slots=True)
class Clause:
    """A policy clause: `verdict` is None for flag clauses (hours, callback, abuse)."""

    id: str
    verdict: Verdict | None
    discretion: bool
    actions: tuple[Action, ...]

    def title(self, lang: str) -> str:
        return gettext_in(lang, CLAUSE_TEXTS[self.id].title)

    def text(self, lang: str) -> str:
        """The clause in the company's words, for the side panel."""
        return gettext_in(lang, CLAUSE_TEXTS[self.id].text)

    def reason(self, lang: str) -> str:
        """One sentence saying what the clause means for this ticket."""
        return gettext_in(lang, CLAUSE_TEXTS[self.id].reason)


@dataclass(frozen=True, slots=True)
class Rule:
    """When `clause` applies: context conditions plus words (`require`: all groups, each any).

    A `fallback` rule needs no words and only wins when nothing else applies.
    """

    clause: str
    priority: int
    services: frozenset[str]
    requesters: frozenset[str]
    delivered: bool | None
    sla_or_managed: bool | None
    require: tuple[tuple[str, ...], ...]
    unless: tuple[str, ...]
    evidence: tuple[str, ...]
    fallback: bool
    shown: tuple[str, ...]  # signals whose words are the evidence: required ones, then `evidence`


def parse_clause(
    clause_id: str, table: Any, *, flag: bool, signals: frozenset[str]
) -> tuple[Clause, list[Rule]]:
    """Validate one `[clauses."id"]` table; ValueError names the problem."""
    if not isinstance(table, dict):
        raise ValueError("must be a table")
    for key in TEXT_KEYS:
        if key in table:
            raise ValueError(
                f"'{key}' is not policy data any more: the clauses' words are translated with "
                "the app (i18n/*.po); remove it"
            )
    verdict: Verdict | None = None
    if flag:
        if "verdict" in table:
            raise ValueError("a flag clause has no verdict")
    else:
        try:
            verdict = Verdict(str(table.get("verdict")))
        except ValueError:
            options = ", ".join(v.value for v in Verdict)
            raise ValueError(f"verdict must be one of {options}") from None
    discretion = table.get("discretion", False)
    if not isinstance(discretion, bool):
        raise ValueError("discretion must be true or false")
    actions_raw = table.get("actions", [])
    if not isinstance(actions_raw, list):
        raise ValueError("actions must be a list")
    actions: list[Action] = []
    for name in actions_raw:
        try:
            actions.append(Action(name))
        except ValueError:
            options = ", ".join(a.value for a in Action)
            raise ValueError(f"unknown action {name!r} (known: {options})") from None
    clause = Clause(id=clause_id, verdict=verdict, discretion=discretion, actions=tuple(actions))
    rules_raw = table.get("rules", [])
    if not isinstance(rules_raw, list):
        raise ValueError('rules must be an array of tables ([[clauses."id".rules]])')
    if clause_id == "support.hours" and rules_raw:
        raise ValueError("support.hours is decided by the clock, it takes no rules")
    rules = [_rule(clause_id, i + 1, r, signals) for i, r in enumerate(rules_raw)]
    return clause, rules


def _rule(clause_id: str, n: int, raw: Any, signals: frozenset[str]) -> Rule:
    where = f"rule {n}"
    if not isinstance(raw, dict):
        raise ValueError(f"{where} must be a table")
    extra = set(raw) - _RULE_KEYS
    if extra:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
    priority = raw.get("priority")
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise ValueError(f"{where}: priority must be a whole number")
    services = _names(raw, "services", _SERVICE_NAMES, where)
    requesters = _names(raw, "requesters", _REQUESTERS, where)
    require_raw = raw.get("require", [])
    if not isinstance(require_raw, list):
        raise ValueError(f"{where}: require must be a list of lists of signal names")
    require: list[tuple[str, ...]] = []
    for group in require_raw:
        names = (group,) if isinstance(group, str) else group
        if not isinstance(names, list | tuple) or not names:
            raise ValueError(f"{where}: each require entry is a signal name or a list of them")
        require.append(tuple(_signal(s, signals, where) for s in names))
    unless = tuple(_signal(s, signals, where) for s in _list(raw, "unless", where))
    evidence = tuple(_signal(s, signals, where) for s in _list(raw, "evidence", where))
    fallback = raw.get("fallback", False)
    if not isinstance(fallback, bool):
        raise ValueError(f"{where}: fallback must be true or false")
    if fallback and require:
        raise ValueError(f"{where}: a fallback rule cannot require words")
    return Rule(
        clause=clause_id,
        priority=priority,
        services=services,
        requesters=requesters,
        delivered=_opt_bool(raw, "delivered", where),
        sla_or_managed=_opt_bool(raw, "sla_or_managed", where),
        require=tuple(require),
        unless=unless,
        evidence=evidence,
        fallback=fallback,
        shown=tuple(dict.fromkeys([s for group in require for s in group] + list(evidence))),
    )


def _list(raw: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise ValueError(f"{where}: {key} must be a list")
    return value


def _names(raw: Mapping[str, Any], key: str, allowed: frozenset[str], where: str) -> frozenset[str]:
    values = _list(raw, key, where)
    for value in values:
        if value not in allowed:
            raise ValueError(f"{where}: {key} has {value!r}; allowed: {', '.join(sorted(allowed))}")
    return frozenset(values)


def _signal(name: Any, signals: frozenset[str], where: str) -> str:
    if name not in signals:
        raise ValueError(f"{where}: unknown signal {name!r} (define it under [signals])")
    return str(name)


def _opt_bool(raw: Mapping[str, Any], key: str, where: str) -> bool | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, bool):
        raise ValueError(f"{where}: {key} must be true or false")
    return value
