"""Background jobs of the ticket pane (run by `ctx.runner`): load a ticket, change a field.

Plain functions over the queries and services; no widgets here, so they are easy to test.
Sending a reply is one service call (`services.replies.send_reply`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from websight_desk.domain.callbacks import CallbackView
from websight_desk.domain.enums import TicketField
from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.services import tickets
from websight_desk.services.callback_views import callback_entries
from websight_desk.services.checklist_done import done_actions
from websight_desk.services.desk import Desk
from websight_desk.services.triage import decide
from websight_desk.storage.queries.agents import agent_summary
from websight_desk.storage.queries.ticket_detail import ticket_detail
from websight_desk.ui.ticket.thread_extras import ThreadExtras, read_extras

if TYPE_CHECKING:
    from websight_desk.policy import Action, Decision, Ruleset

# A feature's reading of the shown ticket, done in the pane's load (`TicketPane.add_read`):
# (a `desk.db.read()` connection, ticket id) -> its facts, in `LoadedTicket.reads[key]`.
Read = Callable[[Any, str], object]


@dataclass(frozen=True)
class LoadedTicket:
    """One ticket as the pane shows it (`detail` None: it does not exist)."""

    detail: TicketDetail | None
    decision: Decision | None
    callbacks: tuple[CallbackView, ...]
    agent_name: str | None  # the working agent, for canned replies' signatures
    # Read in the same snapshot, so a switch renders once: the thread's decisions and unsent
    # replies, and the checklist's ticks (None: not read, the widgets read them themselves).
    extras: ThreadExtras | None = None
    done: frozenset[Action] | None = None
    reads: Mapping[str, object] = field(default_factory=dict)  # the features' reads, by key


def load_job(
    desk: Desk,
    ticket_id: str,
    ruleset: Ruleset,
    now: datetime,
    reads: Mapping[str, Read] | None = None,
) -> Callable[[], LoadedTicket]:
    """The ticket, its full policy decision, its phone callbacks, the thread's extras, the
    checklist's ticks and the features' `reads`, read in one snapshot (one trip to the runner
    per switch)."""
    agent_id = desk.agent_id
    connected = bool(desk.settings.server_url)
    features = dict(reads or {})

    def job() -> LoadedTicket:
        with desk.db.read() as conn:
            detail = ticket_detail(conn, ticket_id)
            if detail is None:
                return LoadedTicket(None, None, (), None)
            agent = agent_summary(conn, agent_id)
            decision = decide(conn, ticket_id, ruleset, now)
            extras = read_extras(conn, ticket_id, detail.messages, connected)
            done = (
                done_actions(conn, desk.settings, ticket_id, agent_id, detail=detail)
                if decision is not None and decision.actions
                else frozenset()
            )
            return LoadedTicket(
                detail,
                decision,
                tuple(callback_entries(conn, ticket_id)),
                agent.display_name if agent else None,
                extras,
                done,
                {key: read(conn, ticket_id) for key, read in features.items()},
            )

    return job


def change_field_job(
    desk: Desk, ticket_id: str, field: TicketField, value: str | None
) -> Callable[[], str]:
    def job() -> str:
        with desk.writer() as w:
            return tickets.change_field(w, tickets.ChangeField(ticket_id, field, value))

    return job
