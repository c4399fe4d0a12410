"""Websight's support policy as versioned data plus a pure engine.

Public API (what the UI and services call)::

    ruleset = load_ruleset()                      # packaged policy; load_ruleset(path) for a copy
    decision = evaluate(facts, ruleset, now)      # pure; `now` must be timezone-aware
    decision.verdict, decision.primary_clause, decision.clauses, decision.actions,
    decision.evidence (clause, field, text, start, end), decision.shift
    explain(decision, ruleset, "tr")              # the explanation, in Turkish or English
    decision_json(decision, ruleset)              # the `websight-desk triage` output object

    ruleset.version                               # e.g. "2026.1"
    ruleset.clause("shared.cms_install").title("tr") / .text("en") / .reason("tr")
    ruleset.clause(id).verdict / .actions / .discretion
    ruleset.shift_hours                           # `domain.shift.shift_for(now, hours)`

`Facts(subject, parts=(TextPart("body", text), TextPart("message:<uuid>", text)), service,
requester, server_delivered, has_sla, managed)`; evidence offsets index the original text of
the part named by `field`. Each part is segmented first (`policy/quoting.py`): quoted mail
history and clauses that deny or report done what they name (`policy/negation.py`) count
less than new text, signatures and footers not at all. Abuse: `policy/abuse.py`.
A broken policy file raises `PolicyFileError` (an `EnvironmentProblem`) naming file, clause
and problem. Canned replies live in `websight_desk.policy.canned`.
"""

from __future__ import annotations

from websight_desk.domain.shift import Shift
from websight_desk.policy.clause import Clause, Rule
from websight_desk.policy.engine import evaluate, shift_at
from websight_desk.policy.explain import decision_json, explain, explanations
from websight_desk.policy.model import Action, Decision, Evidence, Facts, TextPart, Verdict
from websight_desk.policy.ruleset import CLAUSE_IDS, PolicyFileError, Ruleset, load_ruleset

__all__ = [
    "CLAUSE_IDS",
    "Action",
    "Clause",
    "Decision",
    "Evidence",
    "Facts",
    "PolicyFileError",
    "Rule",
    "Ruleset",
    "Shift",
    "TextPart",
    "Verdict",
    "decision_json",
    "evaluate",
    "explain",
    "explanations",
    "load_ruleset",
    "shift_at",
]
