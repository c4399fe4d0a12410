"""Demo terminations in every state, from both channels (a generator of `demo.run.GENERATORS`).

Leads' reviews are applied as if pulled from the server (accepted there), so the demo shows
refused, overturned and reinstated customers, not only "awaiting the server".
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from websight_desk.domain.abuse import AbuseCategory, AbuseChannel, ReviewDecision
from websight_desk.domain.enums import MessageKind, Role, TicketField, TicketStatus
from websight_desk.domain.ids import new_id
from websight_desk.services import tickets
from websight_desk.services.abuse_evidence import prefill_from_decision
from websight_desk.storage.appliers import apply_ops
from websight_desk.storage.chain_digests import evidence_digest, words_json
from websight_desk.storage.models import Message
from websight_desk.storage.ops import Op, to_iso
from websight_desk.storage.outbox import OpWriter

if TYPE_CHECKING:
    from websight_desk.demo.context import DemoContext

LEAD_DEVICE = "demo-lead-workstation"
# (channel, review decisions in order) — every state from both channels.
PLAN = (
    (AbuseChannel.TICKET, ()),
    (AbuseChannel.PHONE, (ReviewDecision.CONFIRMED,)),
    (AbuseChannel.TICKET, (ReviewDecision.OVERTURNED,)),
    (AbuseChannel.TICKET, (ReviewDecision.CONFIRMED, ReviewDecision.REINSTATED)),
    (AbuseChannel.PHONE, ()),
    (AbuseChannel.TICKET, (ReviewDecision.CONFIRMED,)),
    (AbuseChannel.PHONE, (ReviewDecision.OVERTURNED,)),
    (AbuseChannel.TICKET, ()),
    (AbuseChannel.TICKET, (ReviewDecision.CONFIRMED,)),
)
CALL_ACCOUNTS = (
    "Müşteri telefonda bağırarak ekibimize defalarca küfretti; uyarıma rağmen devam etti.",
    "Arayan kişi 'yerinizi biliyorum, gelip hesabını soracağım' diyerek tehdit etti.",
    "Müşteri görüşme boyunca temsilciye kişisel hakaretlerde bulundu, görüşme sonlandırıldı.",
)
NOTES = (
    "Uyarıya rağmen hakarete devam etti; görüşme sonlandırıldı.",
    "Kişisel hakaret içeren mesaj, talep kapatıldı.",
    "Tehdit içeriyor; vardiya sorumlusunun incelemesine gönderildi.",
)
REVIEW_NOTES = {
    ReviewDecision.CONFIRMED: "Kanıt açık; kalıcı hizmet reddi onaylandı.",
    ReviewDecision.OVERTURNED: "Öfkeli ama ekibe yönelik hakaret yok; karar kaldırıldı.",
    ReviewDecision.REINSTATED: "Müşteri yazılı özür diledi; hizmet yeniden açıldı.",
}


def add_demo_terminations(w: OpWriter, rng: random.Random, ctx: DemoContext) -> None:
    """Terminate some abusive demo tickets and calls; leads review most of them."""
    from websight_desk.demo.text import Tone
    from websight_desk.policy import load_ruleset
    from websight_desk.services.triage import decide

    agents = ctx.agents_with(Role.AGENT)
    leads = ctx.agents_with(Role.SHIFT_LEAD)
    abusive = [t for t in ctx.tickets if t.tone is Tone.ABUSIVE]
    rng.shuffle(abusive)
    others = [t for t in ctx.tickets if t.tone is not Tone.ABUSIVE]
    rng.shuffle(others)
    chosen = (abusive + others)[: len(PLAN)]  # calls need no abusive ticket text
    if not agents or not leads or not chosen:
        return
    ruleset = load_ruleset()
    demo_only = w.author_id is None or w.author_id in {a.id for a in ctx.agents}
    for i, (channel, decisions) in enumerate(PLAN[: len(chosen)]):
        ticket = chosen[i]
        agent = rng.choice(agents)
        # Ended a little after the ticket came in (never before it, never in the future).
        at = min(ctx.now, ticket.created_at + timedelta(hours=rng.randint(1, 48)))
        if channel is AbuseChannel.TICKET:
            prefill = prefill_from_decision(
                w.conn, ticket.id, decide(w.conn, ticket.id, ruleset, at)
            )
            excerpt = prefill.excerpt or _first_inbound(w, ticket.id)
            message_id, words = prefill.message_id, prefill.words
            suggested = prefill.detector_suggested
        else:
            excerpt, message_id, words, suggested = rng.choice(CALL_ACCOUNTS), None, (), False
        ticket_id = ticket.id if channel is AbuseChannel.TICKET or i % 2 else None
        termination_id = new_id()
        wj = words_json(words)
        w.emit(
            "termination.create",
            {
                "id": termination_id,
                "channel": channel.value,
                "ticket_id": ticket_id,
                "call_id": None,
                "customer_id": ticket.customer.id,
                "reported_by": agent.id,
                "detector_suggested": suggested,
                "evidence_message_id": message_id,
                "evidence_excerpt": excerpt[:1000],
                "evidence_words": wj,
                "evidence_digest": evidence_digest(excerpt[:1000], wj),
                "category": rng.choice(list(AbuseCategory)).value,
                "note": rng.choice(NOTES),
                "legal_basis": "5/2-e",
                "retention_class": "abuse_evidence",
                "destroy_after": to_iso(at + timedelta(days=730)),
                "created_at": to_iso(at),
            },
        )
        if ticket_id is not None:
            change = tickets.ChangeField(ticket_id, TicketField.STATUS, TicketStatus.TERMINATED)
            w.emit("ticket.set_field", tickets.field_change_payload(new_id(), change, agent.id, at))
        when = at
        # The leads' decisions are shown as history the server already accepted. They are
        # only invented for a demo-only workspace (its agent is one of the demo team): a
        # workstation signed in to a real server must not hold decisions that server never
        # saw, and the server (rightly) refuses reviews pushed by another account.
        if not demo_only:
            continue
        for decision in decisions:
            lead = rng.choice(leads)
            when = when + timedelta(hours=rng.randint(1, 60))
            payload = {
                "id": new_id(),
                "termination_id": termination_id,
                "decision": decision.value,
                "note": REVIEW_NOTES[decision],
                "reviewer_id": lead.id,
                "created_at": to_iso(min(when, ctx.now)),
            }
            op = Op(new_id(), "review.create", payload, w.clock.now(), LEAD_DEVICE, lead.id)
            apply_ops(w.apply_ctx, [op])


def _first_inbound(w: OpWriter, ticket_id: str) -> str:
    body = w.conn.execute(
        select(Message.body)
        .where(Message.ticket_id == ticket_id, Message.kind == MessageKind.INBOUND.value)
        .order_by(Message.created_at)
        .limit(1)
    ).scalar()
    return str(body or "—")[:300]
