"""Which of a ticket's replies have not left this workstation yet (the mail line's first step).

A reply is mailed by the server once the workstation's push reached it; until then its
`message.create` op waits in the local outbox (`pending`), or was refused (`rejected`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, select

from websight_desk.storage.models import Message, SyncOutbox

ACKED = "acked"


def unpushed_messages(conn: Connection, message_ids: Iterable[str]) -> dict[str, str]:
    """{message id: outbox state} of those of `message_ids` this workstation has not had
    accepted by the server (`pending` or `rejected`); messages pushed or pulled are absent."""
    ids = sorted(set(message_ids))
    if not ids:
        return {}
    # The op of a message carries the message's HLC: match on it (an integer, no JSON per
    # row), then confirm the record id in the few payloads that match.
    rows = conn.execute(
        select(Message.id, SyncOutbox.state, SyncOutbox.payload)
        .join(SyncOutbox, SyncOutbox.hlc == Message.hlc)
        .where(
            Message.id.in_(ids),
            SyncOutbox.kind == "message.create",
            SyncOutbox.state != ACKED,
        )
    ).all()
    found: dict[str, str] = {}
    for message_id, state, payload in rows:
        if json.loads(payload).get("id") == message_id:
            found[message_id] = state
    return found


__all__ = ["unpushed_messages"]
