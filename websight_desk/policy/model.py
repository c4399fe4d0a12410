"""Value types of the policy engine: the facts going in and the decision coming out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from websight_desk.domain.enums import RequesterKind, ServiceKind
from websight_desk.domain.errors import ValidationError
from websight_desk.domain.shift import Shift

__all__ = ["Action", "Decision", "Evidence", "Facts", "Shift", "TextPart", "Verdict"]

_E = TypeVar("_E", bound=StrEnum)


class Verdict(StrEnum):
    IN_SCOPE = "in_scope"
    OUT_OF_SCOPE = "out_of_scope"
    REDIRECT = "redirect"


class Action(StrEnum):
    SEND_SETUP_ARTICLE = "send_setup_article"
    INFORM_RESELLER_AND_REQUESTER = "inform_reseller_and_requester"
    OFFER_SLA_OR_MANAGED = "offer_sla_or_managed"
    INVESTIGATE_LIMITS = "investigate_limits"
    OFFER_PHONE_CALLBACK = "offer_phone_callback"
    CONSIDER_TERMINATION = "consider_termination"


@dataclass(frozen=True, slots=True)
class TextPart:
    """One piece of customer text. `field` is "subject", "body" or "message:<uuid>".

    `weight` scales every match in the part (1.0 = new text); quoted mail history inside
    `text` is found and down-weighted by the engine itself.
    """

    field: str
    text: str
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything the policy looks at for one ticket; `subject` is matched as its own part."""

    subject: str
    parts: tuple[TextPart, ...] = ()
    service: ServiceKind | None = None
    requester: RequesterKind = RequesterKind.CUSTOMER
    server_delivered: bool = True
    has_sla: bool = False
    managed: bool = False

    def text_parts(self) -> tuple[TextPart, ...]:
        """The subject part followed by the other parts (a duplicate subject part is dropped)."""
        rest = tuple(p for p in self.parts if p.field != "subject")
        return (TextPart("subject", self.subject), *rest)

    @classmethod
    def from_ticket_json(cls, data: dict[str, Any]) -> Facts:
        """Build facts from the CLI ticket object; raises ValidationError naming the field."""
        if not isinstance(data, dict):
            raise ValidationError("ticket must be a JSON object")
        subject = _opt_str(data, "subject")
        body = _opt_str(data, "body")
        if "subject" not in data and "body" not in data:
            raise ValidationError("ticket needs a 'subject' or a 'body'")
        service_raw = data.get("service")
        service: ServiceKind | None = None
        if service_raw is not None:
            service = _enum(ServiceKind, service_raw, "service")
        requester = _enum(RequesterKind, data.get("requester", "customer"), "requester")
        return cls(
            subject=subject,
            parts=(TextPart("body", body),),
            service=service,
            requester=requester,
            server_delivered=_bool(data, "server_delivered", default=True),
            has_sla=_bool(data, "has_sla", default=False),
            managed=_bool(data, "managed", default=False),
        )


def _opt_str(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"'{key}' must be a string, got {type(value).__name__}")
    return value


def _bool(data: dict[str, Any], key: str, *, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ValidationError(f"'{key}' must be true or false, got {value!r}")
    return value


def _enum(kind: type[_E], value: object, key: str) -> _E:
    allowed = ", ".join(m.value for m in kind)
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    raise ValidationError(f"'{key}' must be one of {allowed}; got {value!r}")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Words that triggered a clause: `text` == original[start:end] of part `field`."""

    clause: str
    field: str
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "clause": self.clause,
            "field": self.field,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """What the policy says about one ticket. `clauses[0]` is the primary clause.

    Its explanation is rendered from the ruleset it was made with: `policy.explain`.
    """

    verdict: Verdict
    clauses: tuple[str, ...]
    actions: tuple[Action, ...]
    discretion: bool
    abuse: bool
    shift: Shift
    evidence: tuple[Evidence, ...]
    ruleset_version: str
    at: datetime  # the `now` the decision was made at (the explanation quotes its local time)

    @property
    def primary_clause(self) -> str:
        return self.clauses[0]

    def evidence_for(self, clause: str) -> tuple[Evidence, ...]:
        return tuple(e for e in self.evidence if e.clause == clause)
