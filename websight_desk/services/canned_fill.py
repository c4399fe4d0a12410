"""Canned replies filled from what is known: the ticket, its customer, service and reseller,
the agent, and the company's values (article links, SLA page, mail servers).

`fill_canned(desk, FillCanned(...))` reads one snapshot and renders the reply; what stays
unknown is left as `{name}` and listed in `missing`. `unfilled(text)` finds such placeholders
in what the agent is about to send: a reply that still has one must not go out.

Values are never guessed: the mailbox is one on the customer's own domain that the customer
wrote in the ticket (or a contact's address on that domain), else the agent fills it in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from websight_desk.domain import canned_links
from websight_desk.domain.enums import MessageKind
from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.policy.canned import PLACEHOLDERS, Rendered, load_canned, render
from websight_desk.services.kvkk_settings import effective_settings
from websight_desk.settings import Settings
from websight_desk.storage.queries.agents import agent_summary
from websight_desk.storage.queries.customers import contacts_of
from websight_desk.storage.queries.ticket_detail import ticket_detail

if TYPE_CHECKING:
    from websight_desk.services.desk import Desk

# Used when the company has not set its own (Websight's usual mail setup).
MAIL_DEFAULTS: Mapping[str, str] = {
    "incoming_server": "mail.{domain}",
    "outgoing_server": "mail.{domain}",
    "incoming_port": "993",
    "outgoing_port": "465",
}
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(sorted(PLACEHOLDERS)) + r")\}")


@dataclass(frozen=True)
class FillCanned:
    """Render canned reply `reply_id` in `lang` for ticket `ticket_id`."""

    ticket_id: str
    reply_id: str
    lang: str


@dataclass(frozen=True)
class Unfilled:
    """A placeholder left in a text: its name and where it is."""

    name: str
    start: int
    end: int


def unfilled(text: str) -> tuple[Unfilled, ...]:
    """Every `{placeholder}` of the canned replies still in `text`, in order."""
    return tuple(Unfilled(m.group(1), m.start(), m.end()) for m in _PLACEHOLDER.finditer(text))


def fill_canned(desk: Desk, cmd: FillCanned) -> Rendered:
    """The reply with every value known for the ticket; KeyError for an unknown reply id."""
    reply = load_canned().get(cmd.reply_id)
    with desk.db.read() as conn:
        values = canned_values(conn, desk.settings, cmd.ticket_id, cmd.reply_id, desk.agent_id)
    return render(reply, cmd.lang, values)


def canned_values(
    conn: Connection,
    settings: Settings,
    ticket_id: str,
    reply_id: str,
    agent_id: str | None,
    *,
    detail: TicketDetail | None = None,
) -> dict[str, str]:
    """Placeholder values for one reply on one ticket (only the known, non-empty ones);
    `detail`: the ticket, if the caller has just read it in this snapshot."""
    found = canned_values_of(conn, settings, ticket_id, [reply_id], agent_id, detail=detail)
    return found[reply_id]


def canned_values_of(
    conn: Connection,
    settings: Settings,
    ticket_id: str,
    reply_ids: Sequence[str],
    agent_id: str | None,
    *,
    detail: TicketDetail | None = None,
) -> dict[str, dict[str, str]]:
    """`canned_values` of several replies on one ticket, its records read once."""
    detail = detail if detail is not None else ticket_detail(conn, ticket_id)
    if detail is None:
        return {r: {} for r in reply_ids}
    base: dict[str, str] = {"ticket_number": str(detail.number)}
    base.update(_people(conn, detail))
    agent = agent_summary(conn, agent_id)
    if agent is not None and agent.display_name:
        base["agent_name"] = agent.display_name
    local = _local(settings)
    company = {**effective_settings(conn, settings).canned_values, **local}
    domain = detail.service.label if detail.service is not None else ""
    out: dict[str, dict[str, str]] = {}
    for reply_id in reply_ids:
        values = dict(base)
        for name in canned_links.COMPANY_PLACEHOLDERS:
            value = canned_links.value_for(company, reply_id, name) or MAIL_DEFAULTS.get(name, "")
            if "{domain}" in value:
                value = value.replace("{domain}", domain) if domain else ""
            if value:
                values[name] = value
        for name, value in local.items():  # e.g. a reseller contact the records lack
            if name in PLACEHOLDERS:
                values.setdefault(name, value)
        out[reply_id] = {k: v for k, v in values.items() if v}
    return out


def _people(conn: Connection, detail: TicketDetail) -> dict[str, str]:
    values: dict[str, str] = {}
    if detail.customer.name:
        values["customer_name"] = detail.customer.name
    service = detail.service
    if service is None:
        return values
    values["domain"] = service.label
    mailbox = _mailbox(conn, detail, service.label)
    if mailbox:
        values["email_address"] = mailbox
    reseller = service.reseller
    if reseller is not None:
        values["reseller_name"] = reseller.name or reseller.code
        contacts = [c for c in contacts_of(conn, reseller.id) if not c.erased]
        reach = next((c.email for c in contacts if c.email), None)
        reach = reach or next((c.phone for c in contacts if c.phone), None)
        if reach:
            values["reseller_contact"] = reach
    return values


def _mailbox(conn: Connection, detail: TicketDetail, domain: str) -> str | None:
    """An address on the customer's domain: written by the customer, else a contact's."""
    suffix = "@" + domain.lower()
    for message in detail.messages:
        if message.kind is MessageKind.INBOUND:
            for found in _EMAIL.findall(message.body):
                if found.lower().endswith(suffix):
                    return str(found)
    for contact in contacts_of(conn, detail.customer.id):
        if contact.email and contact.email.lower().endswith(suffix):
            return contact.email
    return None


def _local(settings: Settings) -> dict[str, str]:
    """This workstation's own values (`settings.json` "canned_values"), over the company's."""
    extra = settings.extra.get("canned_values", {})
    if not isinstance(extra, dict):
        return {}
    return {str(k): str(v).strip() for k, v in extra.items() if v and str(v).strip()}


__all__ = [
    "MAIL_DEFAULTS",
    "FillCanned",
    "Unfilled",
    "canned_values",
    "canned_values_of",
    "fill_canned",
    "unfilled",
]
