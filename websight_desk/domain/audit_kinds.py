"""The audit events a workstation may record, who may record each and what it is about.

An `audit.create` op is checked against this table by the server: an unknown kind, a role that
may not record it (an agent "exporting" a customer's data) or a subject of the wrong type is
refused. Services take their kind names from here, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from websight_desk.domain.enums import Role

CONTACT_REVEAL = "contact.reveal"
PHONE_REVEAL = "phone.reveal"
CALLBACK_NO_NOTICE = "callback.no_notice"
KVKK_EXPORT = "kvkk.export"
KVKK_ERASE = "kvkk.erase"

_EVERYONE = frozenset({Role.AGENT, Role.SHIFT_LEAD, Role.ADMIN})
_ADMIN = frozenset({Role.ADMIN})


@dataclass(frozen=True, slots=True)
class AuditKind:
    roles: frozenset[Role]
    subject_types: frozenset[str]


AUDIT_KINDS: dict[str, AuditKind] = {
    CONTACT_REVEAL: AuditKind(_EVERYONE, frozenset({"contact"})),
    PHONE_REVEAL: AuditKind(_EVERYONE, frozenset({"contact", "callback"})),
    CALLBACK_NO_NOTICE: AuditKind(_EVERYONE, frozenset({"callback"})),
    KVKK_EXPORT: AuditKind(_ADMIN, frozenset({"customer"})),
    KVKK_ERASE: AuditKind(_ADMIN, frozenset({"customer"})),
}


def audit_refusal(kind: str, role: str, subject_type: str) -> str | None:
    """Why the server refuses this audit event from an account of `role`, or None."""
    spec = AUDIT_KINDS.get(kind)
    if spec is None:
        return f"unknown audit event kind {kind!r}"
    if role not in spec.roles:
        return f"a {role} may not record {kind!r} audit events"
    if subject_type not in spec.subject_types:
        return f"a {kind!r} audit event is not about a {subject_type!r}"
    return None
