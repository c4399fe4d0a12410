"""The decision's explanation in Turkish and English, built from the clauses' own texts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from websight_desk.policy.model import Evidence, Shift

if TYPE_CHECKING:
    from websight_desk.policy.ruleset import Ruleset

MAX_QUOTED_WORDS = 4

_SHIFT = {
    ("tr", Shift.REGULAR): "Vardiya: normal destek ekibi ({start}–{end}, {tz}; talep saati {at}).",
    (
        "tr",
        Shift.ON_CALL,
    ): "Vardiya: nöbetçi teknik destek ({start}–{end} dışı, {tz}; talep saati {at}).",
    ("en", Shift.REGULAR): "Shift: regular support team ({start}–{end}, {tz}; ticket time {at}).",
    (
        "en",
        Shift.ON_CALL,
    ): "Shift: on-call engineer (outside {start}–{end}, {tz}; ticket time {at}).",
}
_TRIGGER = {"tr": "Tetikleyen ifadeler: {words}.", "en": "Triggered by: {words}."}
_NO_TRIGGER = {
    "tr": "Belirli bir konu ifadesi bulunamadı; bağlama göre karar verildi.",
    "en": "No topic words matched; decided from the ticket's context.",
}
_DISCRETION = {
    "tr": "Yardım edip etmemek nöbetteki uzmanın inisiyatifindedir.",
    "en": "Whether to help anyway is the on-duty expert's call.",
}
_QUOTE = {"tr": "«{}»", "en": "\u201c{}\u201d"}


def explain(
    ruleset: Ruleset,
    *,
    primary: str,
    shift: Shift,
    now: datetime,
    evidence: Sequence[Evidence],
    callback: bool,
    abuse: bool,
) -> dict[str, str]:
    """Return {"tr": ..., "en": ...}: clause, reason, trigger words, shift and flags."""
    clause = ruleset.clause(primary)
    at = now.astimezone(ruleset.timezone).strftime("%H:%M")
    start, end = _hours(ruleset)
    out: dict[str, str] = {}
    for lang in ("tr", "en"):
        words = _words(evidence, primary, lang)
        sentences = [f"{clause.title(lang)}: {clause.reason(lang)}"]
        sentences.append(_TRIGGER[lang].format(words=words) if words else _NO_TRIGGER[lang])
        if clause.discretion:
            sentences.append(_DISCRETION[lang])
        sentences.append(
            _SHIFT[lang, shift].format(start=start, end=end, tz=ruleset.timezone.key, at=at)
        )
        if callback:
            sentences.append(ruleset.clause("other.phone_callback").reason(lang))
        if abuse:
            abusive = _words(evidence, "other.abuse_termination", lang)
            sentences.append(f"{ruleset.clause('other.abuse_termination').reason(lang)} {abusive}")
        out[lang] = " ".join(sentences)
    return out


def _hours(ruleset: Ruleset) -> tuple[str, str]:
    return f"{ruleset.regular_start:%H:%M}", f"{ruleset.regular_end:%H:%M}"


def _words(evidence: Sequence[Evidence], clause: str, lang: str) -> str:
    texts = list(dict.fromkeys(e.text for e in evidence if e.clause == clause))
    return ", ".join(_QUOTE[lang].format(t) for t in texts[:MAX_QUOTED_WORDS])
