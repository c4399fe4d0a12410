"""An erasure also wins over abuse records written offline before it arrived.

A termination (its evidence and note) and a shift lead's review (its note) made on a desk that
had not yet received the customer's erasure must be blanked wherever they are applied after
it, in either order — like callbacks, messages and contacts (`test_erase_export`).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.unit.kvkk.conftest import World
from tests.unit.kvkk.test_erase_export import apply_into, erase, last_seq, outbox_ops
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel, ReviewDecision
from websight_desk.domain.enums import Role
from websight_desk.services import abuse
from websight_desk.services.audit_chain import verify_desk
from websight_desk.services.desk import Desk
from websight_desk.services.people import NewAgent, add_agent
from websight_desk.storage.abuse_destruction import EVIDENCE_BLANK
from websight_desk.storage.models import AbuseReview, AbuseTermination

EXCERPT = "Beceriksiz herifler, adresinizi biliyorum"
NOTE = "Müşteri Mehmet Kaya telefonda tehdit etti"


def abuse_state(desk: Desk) -> dict[str, list[tuple[str, ...]]]:
    with desk.db.read() as conn:
        terms = sorted(
            (r.id, r.evidence_excerpt, r.evidence_words, r.note)
            for r in conn.execute(select(AbuseTermination.__table__))
        )
        reviews = sorted((r.id, r.note) for r in conn.execute(select(AbuseReview.__table__)))
    return {"terminations": terms, "reviews": reviews}


def end_call(desk: Desk, world: World, author: str) -> str:
    with desk.writer(author_id=author) as w:
        return abuse.terminate(
            w,
            abuse.TerminateConversation(
                channel=AbuseChannel.PHONE,
                category=AbuseCategory.THREAT,
                note=NOTE,
                evidence_excerpt=EXCERPT,
                customer_id=world.customer_id,
                evidence_words=("adresinizi biliyorum",),
            ),
        )


@pytest.mark.parametrize("erase_first", [True, False])
def test_erasure_blanks_late_terminations_and_reviews(
    world: World, other_desks: list[Desk], erase_first: bool
) -> None:
    a = world.desk
    b, c = other_desks
    with a.writer() as w:
        lead = add_agent(w, NewAgent("zeynep", "Zeynep Kaya", Role.SHIFT_LEAD))
    synced = end_call(a, world, world.agent_id)  # every desk has this one before the outage
    base = outbox_ops(a)
    apply_into(b, base)
    apply_into(c, base)
    # Offline: B ends another call; C's shift lead reviews the first termination.
    b_start, c_start = last_seq(b), last_seq(c)
    late = end_call(b, world, world.agent_id)
    with c.writer(author_id=lead) as w:
        abuse.review(w, abuse.ReviewTermination(synced, ReviewDecision.CONFIRMED, NOTE))
    offline = outbox_ops(b, b_start) + outbox_ops(c, c_start)
    # Meanwhile the admin on A erases the customer.
    a_start = last_seq(a)
    erase(world)
    erasure = outbox_ops(a, a_start)
    apply_into(a, offline)
    apply_into(b, erasure + outbox_ops(c, c_start))
    apply_into(c, erasure if erase_first else [])
    apply_into(c, outbox_ops(b, b_start))
    if not erase_first:
        apply_into(c, erasure)
    states = [abuse_state(d) for d in (a, b, c)]
    assert states[0] == states[1] == states[2]
    terms = {t[0]: t[1:] for t in states[0]["terminations"]}
    assert set(terms) == {synced, late}
    blank = (EVIDENCE_BLANK["evidence_excerpt"], EVIDENCE_BLANK["evidence_words"], "")
    assert terms[synced] == blank
    assert terms[late] == blank
    assert [note for _, note in states[0]["reviews"]] == [""]
    for desk in (a, b, c):  # blanked in place: the chain still verifies everywhere
        assert verify_desk(desk).ok, verify_desk(desk).broken
