"""Which of the policy's to-dos are already done on a ticket, read from what is stored.

Derived every time from the ticket's messages, callbacks and terminations, never stored as a
tick someone sets (the checklist is not a second source of truth):

* send the mail setup article — a reply to the customer contains the article's link;
* offer an SLA or a managed service — a reply contains the SLA page's link or speaks of an
  SLA or a managed (yönetimli) service;
* tell the requester and the reseller whom to ask — a reply names the reseller (its name,
  code or contact);
* check the account limits — a reply or an internal note speaks of a limit;
* offer a phone call — a callback is logged for the ticket;
* consider ending the conversation — the ticket has a termination for abuse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, exists, select

from websight_desk.domain.enums import MessageKind
from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.domain.turkish import fold
from websight_desk.policy.canned import load_canned
from websight_desk.policy.model import Action
from websight_desk.services.canned_fill import canned_values_of
from websight_desk.settings import Settings
from websight_desk.storage.models import AbuseTermination, Callback
from websight_desk.storage.queries.ticket_detail import ticket_detail

# Words (folded: no case, no Turkish letters) a reply uses when it offers an SLA or managed
# service, and a reply or note uses when it is about the account's limits.
_SLA = re.compile(r"\b(sla|yonetimli|yonetim destekli|managed)\b")
_LIMITS = re.compile(r"limit")


def done_actions(
    conn: Connection,
    settings: Settings,
    ticket_id: str,
    agent_id: str | None = None,
    *,
    detail: TicketDetail | None = None,
) -> frozenset[Action]:
    """The checklist actions the stored ticket shows as done (empty for an unknown ticket);
    `detail`: the ticket, if the caller has just read it in this snapshot."""
    detail = detail if detail is not None else ticket_detail(conn, ticket_id)
    if detail is None:
        return frozenset()
    replies = [m.body for m in detail.messages if m.kind is MessageKind.OUTBOUND]
    written = [m.body for m in detail.messages if m.kind is not MessageKind.INBOUND]
    done: set[Action] = set()
    links = _links(conn, settings, detail, agent_id)
    for action in (Action.SEND_SETUP_ARTICLE, Action.OFFER_SLA_OR_MANAGED):
        if _contains_any(replies, links.get(action, ())):
            done.add(action)
    if any(_SLA.search(fold(body)) for body in replies):
        done.add(Action.OFFER_SLA_OR_MANAGED)
    if _contains_any(replies, _reseller_names(detail)):
        done.add(Action.INFORM_RESELLER_AND_REQUESTER)
    if any(_LIMITS.search(fold(body)) for body in written):
        done.add(Action.INVESTIGATE_LIMITS)
    if conn.execute(select(exists().where(Callback.ticket_id == ticket_id))).scalar():
        done.add(Action.OFFER_PHONE_CALLBACK)
    if conn.execute(select(exists().where(AbuseTermination.ticket_id == ticket_id))).scalar():
        done.add(Action.CONSIDER_TERMINATION)
    return frozenset(done)


def _links(
    conn: Connection, settings: Settings, detail: TicketDetail, agent_id: str | None
) -> dict[Action, tuple[str, ...]]:
    """The company's links of each action's canned replies (the article, the SLA page)."""
    found: dict[Action, list[str]] = {}
    pairs = [(r.id, r.action) for r in load_canned().replies if r.action is not None]
    values_of = canned_values_of(
        conn, settings, detail.id, [reply_id for reply_id, _ in pairs], agent_id, detail=detail
    )
    for reply_id, action in pairs:
        values = values_of[reply_id]
        urls = [values[n] for n in ("article_url", "sla_url") if values.get(n)]
        found.setdefault(action, []).extend(urls)
    return {a: tuple(dict.fromkeys(urls)) for a, urls in found.items()}


def _reseller_names(detail: TicketDetail) -> tuple[str, ...]:
    service = detail.service
    reseller = service.reseller if service is not None else None
    if reseller is None:
        return ()
    return tuple(n for n in (reseller.name, reseller.code) if n)


def _contains_any(bodies: Iterable[str], needles: Iterable[str]) -> bool:
    folded = [fold(n) for n in needles if n.strip()]
    return any(n in fold(body) for body in bodies for n in folded)


__all__ = ["done_actions"]
