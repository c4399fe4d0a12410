"""Demo callbacks: every outcome, consent granted and refused, some past retention, one under
legal hold, and a pending KVKK request. A generator of `demo.run.GENERATORS`."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from websight_desk.domain.callbacks import (
    CallReason,
    ConsentState,
    IdentityMethod,
    LogCallback,
    NoticeGiven,
    NoticeMethod,
    Outcome,
    PhoneSource,
    RecordingConsent,
)
from websight_desk.domain.enums import ContactRole, Role
from websight_desk.services.callbacks import log_callback
from websight_desk.services.kvkk_requests import mark_request, set_legal_hold
from websight_desk.services.kvkk_settings import KvkkSettings
from websight_desk.storage.models import Contact
from websight_desk.storage.outbox import OpWriter

if TYPE_CHECKING:
    from websight_desk.demo.context import DemoContext

NOTES = (
    "DNS kayıtları birlikte kontrol edildi, A kaydı düzeltildi.",
    "Müşteri e-posta şifresini sıfırladı, giriş yapabildi.",
    "SSL sertifikası yenilendi; tarayıcı önbelleği temizlendi.",
    "Customer confirmed the site is back after the PHP version change.",
)


def add_demo_callbacks(w: OpWriter, rng: random.Random, ctx: DemoContext) -> None:
    """Log about a dozen callbacks on the oldest demo tickets (a `DemoGenerator`)."""
    agents = ctx.agents_with(Role.AGENT) or ctx.agents
    tickets = sorted(ctx.tickets, key=lambda t: t.created_at)[:12]
    if not agents or not tickets:
        return
    normal = KvkkSettings(retention_days={"callback_notes": 365})
    short = KvkkSettings(retention_days={"callback_notes": 7})  # shows "past retention"
    saved_author = w.author_id
    logged: list[str] = []
    try:
        for i, ticket in enumerate(tickets):
            contact = w.conn.execute(
                select(Contact.id, Contact.phone, Contact.role).where(
                    Contact.customer_id == ticket.customer.id, Contact.phone.is_not(None)
                )
            ).first()
            if contact is None:
                continue
            w.author_id = agents[i % len(agents)].id
            outcome = list(Outcome)[i % len(Outcome)]
            start = min(ticket.created_at + timedelta(hours=2), ctx.now - timedelta(hours=1))
            cmd = LogCallback(
                ticket_id=ticket.id,
                contact_id=contact.id,
                contact_role=ContactRole(contact.role),
                phone=contact.phone,
                phone_source=PhoneSource.PROFILE,
                reason=rng.choice(list(CallReason)),
                outcome=outcome,
                started_at=start,
                ended_at=start + timedelta(minutes=rng.randint(1, 12)),
            )
            if outcome is Outcome.REACHED or i % 3 == 0:
                given = start + timedelta(seconds=40)
                cmd = replace(
                    cmd,
                    notice=NoticeGiven(
                        1,
                        "en" if ticket.lang == "en" else "tr",
                        NoticeMethod.READ_ALOUD,
                        given,
                    ),
                    identity_verified=True,
                    identity_method=IdentityMethod.CUSTOMER_CODE,
                    notes=rng.choice(NOTES),
                )
                if i % 2 == 0:
                    granted = i % 4 == 0
                    cmd = replace(
                        cmd,
                        recording=RecordingConsent(
                            ConsentState.GRANTED if granted else ConsentState.REFUSED,
                            given + timedelta(seconds=30),
                            "verbal",
                            1,
                            "tr",
                            f"rec-demo-{i:03d}" if granted else None,
                        ),
                    )
            logged.append(log_callback(w, cmd, short if i < 4 else normal))
        # A legal hold is the data-protection admin's act; the server accepts it only from the
        # account that pushes it, so it is this workstation's agent when there is one.
        admins = ctx.agents_with(Role.ADMIN)
        w.author_id = saved_author or (admins[0].id if admins else agents[0].id)
        if len(logged) > 1:
            set_legal_hold(w, "callback", logged[1], "Demo: itiraz süreci devam ediyor")
        w.author_id = agents[0].id
        mark_request(w, tickets[-1].id, normal, "Demo: müşteri verilerinin kopyasını istedi")
    finally:
        w.author_id = saved_author
