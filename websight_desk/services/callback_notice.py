"""Why a reached call was logged without the KVKK notice: an audit event next to the callback.

The agent chooses a reason (no free text: nothing personal is added); the event names the
callback, so the person's export lists it and the company can see how often it happens.
"""

from __future__ import annotations

from enum import StrEnum

from websight_desk.domain import audit_kinds
from websight_desk.domain.ids import new_id
from websight_desk.storage.ops import canonical_json, to_iso
from websight_desk.storage.outbox import OpWriter

NO_NOTICE_KIND = audit_kinds.CALLBACK_NO_NOTICE


class NoNoticeWhy(StrEnum):
    HUNG_UP = "hung_up"  # the person ended the call before the notice
    DECLINED = "declined"  # the person did not want to hear it
    GIVEN_BEFORE = "given_before"  # given in an earlier call
    OTHER = "other"


def record_no_notice(w: OpWriter, callback_id: str, why: NoNoticeWhy) -> str:
    """The agent confirmed "reached, no notice" and said why; returns the audit event id."""
    event_id = new_id()
    w.emit(
        "audit.create",
        {
            "id": event_id,
            "kind": NO_NOTICE_KIND,
            "actor_agent_id": w.author_id,
            "subject_type": "callback",
            "subject_id": callback_id,
            "reason": NoNoticeWhy(why).value,
            "details": canonical_json({"why": NoNoticeWhy(why).value}),
            "created_at": to_iso(w.now),
        },
    )
    return event_id


__all__ = ["NO_NOTICE_KIND", "NoNoticeWhy", "record_no_notice"]
