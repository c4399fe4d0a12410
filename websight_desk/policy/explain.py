"""A decision's explanation, in Turkish or English, built from its ruleset's clauses.

The sentences are gettext messages (English msgids, Turkish in i18n/tr.po); `explain` renders
them in the language asked for, whatever the UI language is, because the triage output and
the side panel may want either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from websight_desk.domain.shift import Shift
from websight_desk.i18n import N_, gettext_in
from websight_desk.policy.model import Decision, Evidence
from websight_desk.policy.ruleset import Ruleset

LANGS = ("tr", "en")
MAX_QUOTED_WORDS = 4
CALLBACK = "other.phone_callback"
ABUSE = "other.abuse_termination"

_SHIFT = {
    Shift.REGULAR: N_("Shift: regular support team ({start}–{end}, {tz}; ticket time {at})."),
    Shift.ON_CALL: N_("Shift: on-call engineer (outside {start}–{end}, {tz}; ticket time {at})."),
}
_TRIGGER = N_("Triggered by: {words}.")
_NO_TRIGGER = N_("No topic words matched; decided from the ticket's context.")
_DISCRETION = N_("Whether to help anyway is the on-duty expert's call.")
# TRANSLATORS: one quoted trigger word of the ticket, in the language's quotation marks.
_QUOTE = N_("\u201c{word}\u201d")


def explain(decision: Decision, ruleset: Ruleset, lang: str) -> str:
    """Clause, reason, trigger words, shift and flags, in `lang` ("tr" or "en")."""

    def tr(message: str) -> str:
        return gettext_in(lang, message)

    clause = ruleset.clause(decision.primary_clause)
    hours = ruleset.shift_hours
    words = _words(decision.evidence, decision.primary_clause, tr)
    sentences = [f"{clause.title(lang)}: {clause.reason(lang)}"]
    sentences.append(tr(_TRIGGER).format(words=words) if words else tr(_NO_TRIGGER))
    if clause.discretion:
        sentences.append(tr(_DISCRETION))
    sentences.append(
        tr(_SHIFT[decision.shift]).format(
            start=f"{hours.start:%H:%M}",
            end=f"{hours.end:%H:%M}",
            tz=hours.timezone.key,
            at=decision.at.astimezone(hours.timezone).strftime("%H:%M"),
        )
    )
    if CALLBACK in decision.clauses:
        sentences.append(ruleset.clause(CALLBACK).reason(lang))
    if decision.abuse:
        abusive = _words(decision.evidence, ABUSE, tr)
        sentences.append(f"{ruleset.clause(ABUSE).reason(lang)} {abusive}")
    return " ".join(sentences)


def explanations(decision: Decision, ruleset: Ruleset) -> dict[str, str]:
    """{"tr": ..., "en": ...}."""
    return {lang: explain(decision, ruleset, lang) for lang in LANGS}


def decision_json(decision: Decision, ruleset: Ruleset) -> dict[str, Any]:
    """The `websight-desk triage` output object of a decision made with `ruleset`."""
    return {
        "verdict": decision.verdict.value,
        "clauses": list(decision.clauses),
        "actions": [a.value for a in decision.actions],
        "abuse": decision.abuse,
        "discretion": decision.discretion,
        "shift": decision.shift.value,
        "evidence": [e.to_json() for e in decision.evidence],
        "explanation": explanations(decision, ruleset),
    }


def _words(evidence: Sequence[Evidence], clause: str, tr: Callable[[str], str]) -> str:
    texts = list(dict.fromkeys(e.text for e in evidence if e.clause == clause))
    return ", ".join(tr(_QUOTE).format(word=t) for t in texts[:MAX_QUOTED_WORDS])
