"""What the thread shows beside the messages, read off the GUI thread: the ticket's decisions
(timeline events) and which replies have not left this workstation (the mail line's first step).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from websight_desk.domain.enums import MessageKind
from websight_desk.domain.ticket_views import MessageView
from websight_desk.services.desk import Desk
from websight_desk.storage.queries.mail_local import unpushed_messages
from websight_desk.storage.queries.ticket_timeline import TimelineEvent, timeline


@dataclass(frozen=True)
class ThreadExtras:
    ticket_id: str
    events: tuple[TimelineEvent, ...] = ()
    unpushed: dict[str, str] = field(default_factory=dict)  # message id → pending | rejected


def extras_job(
    desk: Desk, ticket_id: str, messages: Sequence[MessageView], connected: bool
) -> Callable[[], ThreadExtras]:
    """Read the decisions, and (connected only) the replies still in the local outbox."""

    def job() -> ThreadExtras:
        with desk.db.read() as conn:
            return read_extras(conn, ticket_id, messages, connected)

    return job


def read_extras(
    conn: Any, ticket_id: str, messages: Sequence[MessageView], connected: bool
) -> ThreadExtras:
    """`extras_job`'s reading in a snapshot the caller holds (`conn`: `desk.db.read()`'s; the
    ticket pane reads them with the ticket)."""
    replies = [m.id for m in messages if m.kind is MessageKind.OUTBOUND]
    events = timeline(conn, ticket_id)
    unpushed = unpushed_messages(conn, replies) if connected and replies else {}
    return ThreadExtras(ticket_id, events, unpushed)


__all__ = ["ThreadExtras", "extras_job", "read_extras"]
