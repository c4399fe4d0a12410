"""A batch of demo tickets built in memory, then written in one transaction with `emit_many`."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from websight_desk.demo.accounts import Accounts, DemoCustomer, DemoService
from websight_desk.demo.records import DemoAgent, DemoTicket
from websight_desk.demo.slots import Slots
from websight_desk.demo.text import Lang, first_message, pick_lang, pick_tone
from websight_desk.demo.threads import build_thread, initial_priority
from websight_desk.demo.topics import SHARED_TOPICS, Topic
from websight_desk.demo.topics_server import SERVER_TOPICS
from websight_desk.domain.enums import (
    Channel,
    Department,
    RequesterKind,
    Role,
    TicketField,
)
from websight_desk.domain.ids import new_id
from websight_desk.services.tickets import (
    ChangeField,
    OpenTicket,
    field_change_payload,
    message_payload,
    ticket_payload,
)
from websight_desk.services.triage_facts import RawFacts
from websight_desk.storage import fts
from websight_desk.storage.outbox import OpWriter, Prepared, prepare

Payload = dict[str, object]
END_CUSTOMER_TR = (
    "Hostingimi {reseller} firmasından aldım, sizin bayiniz olduklarını söylediler.",
    "ben hostingi bir bayinizden aldim",
    "Hizmeti {reseller} üzerinden aldık ama onlara ulaşamıyoruz.",
)
END_CUSTOMER_EN = ("I bought my hosting from {reseller}, they said they are your reseller.",)
_END_TOPICS = [t for t in SHARED_TOPICS if t.key not in ("reseller_clients", "billing")]


# Share of tickets whose status/priority/assignee changes are kept as `ticket.set_field`
# history; the others are created in their final state (one op instead of ~3), which keeps
# 100,000-ticket demos fast while the queue still shows history and conflict-capable data.
HISTORY_SHARE = 0.2
_PAYLOAD_KEY = {"status": "status", "priority": "priority", "assignee": "assignee_id"}


def _weighted(rng: random.Random, topics: Sequence[Topic]) -> Topic:
    return rng.choices(topics, [t.weight for t in topics])[0]


def _topic_for(rng: random.Random, svc: DemoService) -> Topic:
    if svc.kind.is_server:
        options = [t for t in SERVER_TOPICS if t.delivered is svc.delivered]
        return _weighted(rng, options)
    return _weighted(rng, [t for t in SHARED_TOPICS if svc.kind.value in t.kinds])


def _decorate(subject: str, domain: str, number: int, rng: random.Random) -> str:
    """What mail clients and hurried people do to subjects."""
    r = rng.random()
    if r < 0.12:
        return f"{subject} - {domain}"
    if r < 0.2:
        return f"{domain}: {subject}"
    if r < 0.25:
        return f"Re: {subject}"
    if r < 0.28:
        return f"Fwd: {subject} [#{number - rng.randint(1, 400)}]"
    return subject


@dataclass
class Batch:
    rng: random.Random
    now: datetime
    team: list[DemoAgent]
    accounts: Accounts
    tickets: list[tuple[str | None, Payload]] = field(default_factory=list)
    messages: list[tuple[str | None, Payload]] = field(default_factory=list)
    changes: list[tuple[str | None, Payload]] = field(default_factory=list)

    def add_ticket(self, number: int, at: datetime) -> DemoTicket:
        rng = self.rng
        reseller: DemoCustomer | None = None
        if rng.random() < 0.06:
            reseller, cust = self.accounts.end_customer(at)
            svc = next(s for s in cust.services if s.reseller_id == reseller.id)
            topic = _weighted(rng, _END_TOPICS)
            clause, requester = "shared.reseller_end_customer", RequesterKind.RESELLER_END_CUSTOMER
        else:
            cust, svc = self.accounts.pick(at)
            topic = _topic_for(rng, svc)
            clause, requester = topic.clause, RequesterKind.CUSTOMER
            if clause == "server.post_delivery" and (svc.has_sla or svc.managed):
                clause = "server.sla_managed"
        who = cust.person
        domain = cust.domain if svc.kind.is_server else svc.label
        fixed = {
            "domain": domain,
            "host": svc.label,
            "first": who.first,
            "mailbox": f"{rng.choice(('info', 'satis', 'muhasebe', who.first.lower()))}@{domain}",
        }
        if reseller is not None and reseller.reseller_name:
            fixed["reseller"] = reseller.reseller_name
        slots = Slots(rng, fixed)
        lang, tone = pick_lang(rng, who.english), pick_tone(rng)
        signature = who.full + (f"\n{cust.company}" if cust.company and rng.random() < 0.6 else "")
        subject, body = first_message(topic, lang, tone, slots, signature=signature, rng=rng)
        subject = _decorate(subject, domain, number, rng)
        if reseller is not None and rng.random() < 0.75:
            extra = rng.choice(END_CUSTOMER_EN if lang is Lang.EN else END_CUSTOMER_TR)
            body = f"{slots.fill(extra)}\n{body}"
        r = rng.random()
        channel = Channel.WEB if r < 0.6 else Channel.EMAIL if r < 0.95 else Channel.PHONE
        agents = [a.id for a in self.team if a.role is Role.AGENT]
        leads = [a.id for a in self.team if a.role is Role.SHIFT_LEAD]
        thread = build_thread(
            rng=rng,
            start=at,
            now=self.now,
            first_body=body,
            clause=clause,
            lang=lang,
            tone=tone,
            slots=slots,
            agents=agents,
            leads=leads,
            agent_names={a.id: a.display_name for a in self.team},
            fast=svc.has_sla or svc.managed,
            quoted_mail=channel is Channel.EMAIL or rng.random() < 0.3,
        )
        ticket_id = new_id()
        creator = rng.choice(agents) if channel is Channel.PHONE else None
        cmd = OpenTicket(
            customer_id=cust.id,
            subject=subject,
            body=body,
            service_id=svc.id,
            requester_kind=requester,
            channel=channel,
            department=Department(topic.department),
            priority=initial_priority(topic, tone, svc.has_sla, rng),
        )
        payload = ticket_payload(ticket_id, number, cmd, created_by=creator, at=at)
        self.tickets.append((creator, payload))
        for kind, author, text, when in thread.messages:
            msg = message_payload(new_id(), ticket_id, kind, text, author=author, at=when)
            self.messages.append((author, msg))
        if thread.changes and rng.random() < HISTORY_SHARE:
            for fld, value, author, when in thread.changes:
                change = field_change_payload(
                    new_id(), ChangeField(ticket_id, fld, value), author, when
                )
                self.changes.append((author, change))
        else:
            _fold_changes(payload, thread.changes)
        return DemoTicket(
            ticket_id,
            number,
            cust,
            svc,
            requester,
            at,
            topic.key,
            clause,
            lang,
            tone,
            thread.status,
            len(thread.messages),
        )


Authored = list[tuple[str | None, Prepared]]


@dataclass
class BatchOut:
    """One built batch: payloads to emit and the tickets' policy facts.

    The payloads are `Prepared` (validated and encoded for the outbox) where the batch was
    built, in the generator process of a big run: the writer only applies and stores them.
    """

    tickets: Authored
    messages: Authored
    changes: Authored
    pending: dict[str, list[Prepared]]
    facts: dict[str, RawFacts] = field(default_factory=dict)


def prepared(kind: str, items: list[tuple[str | None, Payload]]) -> Authored:
    """(author, payload) items of one kind, prepared for the outbox."""
    return [(author, prepare(kind, payload)) for author, payload in items]


def _fold_changes(
    payload: Payload, changes: Sequence[tuple[TicketField, str | None, object, object]]
) -> None:
    """Put the final value of each changed field into the `ticket.create` payload."""
    for fld, value, _author, _when in changes:
        payload[_PAYLOAD_KEY[fld.value]] = value


def _emit_by_author(w: OpWriter, kind: str, items: Authored) -> None:
    """One `emit_many` per author, so each op names the agent who made the change."""
    groups: dict[str | None, list[Prepared]] = {}
    for author, payload in items:
        groups.setdefault(author, []).append(payload)
    saved = w.author_id
    try:
        for author, payloads in groups.items():
            w.author_id = author
            w.emit_many(kind, payloads)
    finally:
        w.author_id = saved


def write_batch(w: OpWriter, batch: BatchOut) -> dict[str, int]:
    """Write the batch's accounts, tickets, messages and field changes; returns counts."""
    pending = batch.pending
    for kind in ("customer.create", "contact.upsert", "service.upsert"):
        w.emit_many(kind, pending.get(kind, []))
    # Each `emit_many` would index the search documents of the tickets it touches: a ticket
    # would be written to the index once for its subject and once per author of its
    # messages, each write deleting the one before. The batch's documents are written once.
    ctx = w.apply_ctx
    indexing, ctx.with_search_index = ctx.with_search_index, False
    try:
        _emit_by_author(w, "ticket.create", batch.tickets)
        _emit_by_author(w, "message.create", batch.messages)
        _emit_by_author(w, "ticket.set_field", batch.changes)
    finally:
        ctx.with_search_index = indexing
    if indexing:
        fts.reindex_tickets(w.conn, [str(p.payload["id"]) for _author, p in batch.tickets])
    return {
        "messages": len(batch.messages),
        "services": len(pending.get("service.upsert", [])),
        "changes": len(batch.changes),
        "customers": len(pending.get("customer.create", [])),
    }
