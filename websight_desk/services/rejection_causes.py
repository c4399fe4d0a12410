"""Why a change was refused, as a code: the server answers in developer English, people read
a sentence in their language. `cause_of(reason)` maps the server's (and the client's own)
reason texts to a `Cause` with the few values a sentence needs; the UI translates it.

The patterns follow the texts of `server/push.py`, `server/rules.py`, `server/checks.py`,
`server/purge_check.py`, `sync/push.py`, `sync/pull.py` and `sync/adopt.py`; a text no
pattern knows is `Cause.OTHER` (shown with the server's own words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Cause(StrEnum):
    CLOCK_AHEAD = "clock_ahead"  # this computer's clock is fast
    ROLE = "role"  # the account's role may not do this
    AUTHOR = "author"  # made under another identity than the signed-in account
    LOCAL_COLLEAGUE = "local_colleague"  # a colleague who exists only on this computer
    DEPENDS = "depends"  # refused because a change it builds on was refused
    MISSING = "missing"  # it points at something the server does not have
    EXISTS = "exists"  # a record that cannot be changed already exists
    SAME_ID = "same_id"  # another change was sent with the same id
    NOT_STORED = "not_stored"  # the server could not store it (its side)
    INVALID = "invalid"  # malformed, or a value the server does not know
    RULE = "rule"  # a business rule of the server (text in `detail`)
    NOT_APPLICABLE = "not_applicable"  # a colleague's change that cannot apply here
    OTHER = "other"


# Worth sending again once what it waited for is resolved (a fresh change id is used).
RETRYABLE = frozenset({Cause.DEPENDS, Cause.MISSING, Cause.NOT_STORED})
# Records sealed in the tamper-evident chain by their (hlc, node): a new op would give the
# same record another place in the chain on the server than here, so they are made anew.
SEALED = frozenset({"termination.create", "review.create", "override.create", "audit.create"})


@dataclass(frozen=True)
class Diagnosis:
    cause: Cause
    values: dict[str, str] = field(default_factory=dict)  # minutes, role, table, field, detail


_PATTERNS: tuple[tuple[Cause, re.Pattern[str]], ...] = tuple(
    (cause, re.compile(pattern, re.IGNORECASE | re.DOTALL))
    for cause, pattern in (
        (Cause.CLOCK_AHEAD, r"timestamped (?P<minutes>\d+) minutes ahead of the server clock"),
        (Cause.ROLE, r"needs the role (?P<role>[\w ]+?); the account .* has the role"),
        (Cause.AUTHOR, r"must be (?:authored by )?the account that sends it"),
        (Cause.LOCAL_COLLEAGUE, r"exists only on this computer|yalnızca bu bilgisayarda bulunan"),
        (Cause.DEPENDS, r"depends on \S+, which was rejected"),
        (Cause.MISSING, r"(?P<field>\w+) refers to (?P<table>\w+) \S+, which does not exist"),
        (Cause.MISSING, r"(?P<table>\w+) \S+ does not exist on the server"),
        (Cause.EXISTS, r"already exists and cannot be changed"),
        (Cause.SAME_ID, r"an op with this id and different content was already"),
        (Cause.NOT_STORED, r"could not be stored \("),
        (Cause.INVALID, r"refused by the server: |is not a valid (?P<field>\w+)"),
        (Cause.NOT_APPLICABLE, r"^could not be applied here"),
    )
)

# Business checks of the server (`server/checks.py`): a key per rule the UI has a sentence for.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern, re.IGNORECASE))
    for key, pattern in (
        ("already_decided", r"a termination that is (?P<current>\w+) cannot be (?P<decision>\w+)"),
        ("needs_note", r"needs a (?:note|reason)"),
        ("empty_message", r"the message is empty"),
        ("inbound_author", r"a customer's message has no agent"),
        ("other_customer", r"belongs to another customer"),
        ("names_ticket", r"names the ticket"),
        ("evidence", r"evidence digest does not match"),
        ("hold_released", r"legal hold was already released"),
        ("request_closed", r"KVKK request is already closed"),
        ("text_version", r"text version \d+ .* already exists"),
        ("kept_until", r"must be kept until"),
    )
)
_RULE_PREFIX = re.compile(r"^(?:callback\.create|kvkk\.purge): (?P<detail>.+)$", re.DOTALL)


def cause_of(reason: str) -> Diagnosis:
    """The cause of a refusal and the values its sentence needs."""
    text = reason.strip()
    for cause, pattern in _PATTERNS:
        found = pattern.search(text)
        if found is not None:
            values = {k: v for k, v in found.groupdict().items() if v}
            return Diagnosis(cause, values)
    for key, pattern in _RULES:
        found = pattern.search(text)
        if found is not None:
            return Diagnosis(Cause.RULE, {"rule": key, **found.groupdict()})
    prefixed = _RULE_PREFIX.match(text)
    if prefixed is not None:  # the callback's KVKK rules: already a sentence for people
        return Diagnosis(Cause.RULE, {"detail": prefixed.group("detail").strip()})
    return Diagnosis(Cause.OTHER, {"detail": text})


def retryable(reason: str, source: str, kind: str) -> bool:
    """Sending it again can succeed: our own change, refused for a reason that may be gone."""
    return source == "push" and kind not in SEALED and cause_of(reason).cause in RETRYABLE


__all__ = ["RETRYABLE", "SEALED", "Cause", "Diagnosis", "cause_of", "retryable"]
