"""Read side of callbacks: frozen views for the thread, the callbacks list and the dialog.

Numbers are masked here, once; the full number only comes from `callbacks.reveal_phone`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, select

from websight_desk.domain.callbacks import (
    CallbackView,
    CallReason,
    ConsentState,
    LegalBasis,
    Outcome,
)
from websight_desk.domain.enums import ContactRole
from websight_desk.domain.masking import mask_phone
from websight_desk.domain.shift import Shift
from websight_desk.storage.kvkk_holds import held_callback_ids
from websight_desk.storage.models import Agent, Callback, CallbackPersonal, Contact, Ticket

AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class ProfileNumber:
    """A number from the customer's profile, as the dialog offers it (masked)."""

    contact_id: str
    role: ContactRole
    masked_name: str
    name: str
    masked_phone: str


def _base() -> AnySelect:  # the joined row the views are built from
    stmt: AnySelect = (
        select(
            Callback.__table__,
            CallbackPersonal.phone,
            CallbackPersonal.contact_name,
            CallbackPersonal.notes,
            CallbackPersonal.anonymised_at,
            Contact.name.label("contact_full_name"),
            Agent.display_name,
            Ticket.number,
        )
        .join(CallbackPersonal, CallbackPersonal.callback_id == Callback.id)
        .join(Ticket, Ticket.id == Callback.ticket_id)
        .outerjoin(Contact, Contact.id == CallbackPersonal.contact_id)
        .outerjoin(Agent, Agent.id == Callback.agent_id)
    )
    return stmt


def _views(conn: Connection, stmt: AnySelect) -> list[CallbackView]:
    rows = conn.execute(stmt).all()
    held = held_callback_ids(conn, [r.id for r in rows])
    out = []
    for r in rows:
        c = r
        name = r.contact_full_name or r.contact_name
        out.append(
            CallbackView(
                id=c.id,
                ticket_id=c.ticket_id,
                ticket_number=r.number,
                customer_id=c.customer_id,
                agent_id=c.agent_id,
                agent_name=r.display_name or "",
                contact_role=ContactRole(c.contact_role),
                contact_label=name or "",
                masked_phone=mask_phone(r.phone),
                reason=CallReason(c.reason),
                outcome=Outcome(c.outcome),
                shift=Shift(c.shift),
                legal_basis=LegalBasis(c.legal_basis),
                started_at=c.started_at,
                ended_at=c.ended_at,
                notice_version=c.notice_version,
                recording=ConsentState(c.recording_state),
                notes=r.notes or "",
                destroy_after=c.destroy_after,
                anonymised_at=r.anonymised_at,
                on_hold=c.id in held,
                corrects_id=c.corrects_id,
            )
        )
    return out


def callback_entries(conn: Connection, ticket_id: str) -> list[CallbackView]:
    """The ticket's callbacks in time order, for the thread (their own kind of entry)."""
    stmt = _base().where(Callback.ticket_id == ticket_id).order_by(Callback.started_at, Callback.id)
    return _views(conn, stmt)


def list_callbacks(
    conn: Connection,
    *,
    agent_id: str | None = None,
    outcome: Outcome | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 500,
) -> list[CallbackView]:
    """Callbacks newest first, filtered by agent, outcome and start time [since, until)."""
    stmt = _base()
    if agent_id is not None:
        stmt = stmt.where(Callback.agent_id == agent_id)
    if outcome is not None:
        stmt = stmt.where(Callback.outcome == outcome.value)
    if since is not None:
        stmt = stmt.where(Callback.started_at >= since)
    if until is not None:
        stmt = stmt.where(Callback.started_at < until)
    return _views(conn, stmt.order_by(Callback.started_at.desc(), Callback.id).limit(limit))


def profile_numbers(conn: Connection, ticket_id: str) -> list[ProfileNumber]:
    """The callable numbers in the profile of the ticket's customer (masked)."""
    customer = select(Ticket.customer_id).where(Ticket.id == ticket_id).scalar_subquery()
    rows = conn.execute(
        select(Contact.__table__)
        .where(
            Contact.customer_id == customer,
            Contact.erased_at.is_(None),
            Contact.phone.is_not(None),
        )
        .order_by(Contact.created_at, Contact.id)
    )
    return [
        ProfileNumber(c.id, ContactRole(c.role), c.name or "", c.name or "", mask_phone(c.phone))
        for c in rows
    ]


def callback_agents(conn: Connection) -> list[tuple[str, str]]:
    """(agent id, display name) of agents who logged callbacks, for the list's filter."""
    rows = conn.execute(
        select(Agent.id, Agent.display_name)
        .where(Agent.id.in_(select(Callback.agent_id).distinct()))
        .order_by(Agent.display_name)
    )
    return [(r.id, r.display_name) for r in rows]
