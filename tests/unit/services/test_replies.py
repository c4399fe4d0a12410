"""`services.replies.send_reply`: the ticket pane's "Send", without widgets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.unit.abuse.conftest import World, make_world, terminate_ticket
from websight_desk.domain.enums import MessageKind
from websight_desk.domain.errors import NotFound
from websight_desk.services import tickets
from websight_desk.services.abuse import RefusalStatus
from websight_desk.services.replies import SendReply, send_reply
from websight_desk.storage.models import Message, RefusalOverride
from websight_desk.storage.queries.ticket_detail import message_ids


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    wd = make_world(tmp_path / "ws")
    yield wd
    wd.desk.close()


def _seen(world: World, ticket_id: str) -> frozenset[str]:
    with world.desk.db.read() as conn:
        return message_ids(conn, ticket_id)


def _bodies(world: World, ticket_id: str) -> list[str]:
    with world.desk.db.read() as conn:
        rows = conn.execute(select(Message.body).where(Message.ticket_id == ticket_id))
        return [str(b) for b in rows.scalars()]


def test_a_reply_is_posted_when_the_agent_has_seen_everything(world: World) -> None:
    cmd = SendReply(
        world.other_ticket,
        MessageKind.OUTBOUND,
        "Faturanız ektedir.",
        _seen(world, world.other_ticket),
    )
    outcome = send_reply(world.desk, cmd)
    assert outcome.message_id is not None
    assert outcome.unseen == frozenset()
    assert outcome.refusal is None
    assert "Faturanız ektedir." in _bodies(world, world.other_ticket)


def test_nothing_is_sent_over_a_message_the_agent_has_not_seen(world: World) -> None:
    seen = _seen(world, world.other_ticket)
    with world.desk.writer() as w:
        new = tickets.post_message(
            w, tickets.PostMessage(world.other_ticket, MessageKind.INBOUND, "Buldum, gerek yok.")
        )
    cmd = SendReply(world.other_ticket, MessageKind.OUTBOUND, "Faturanız ektedir.", seen)
    outcome = send_reply(world.desk, cmd)
    assert outcome.message_id is None
    assert outcome.unseen == frozenset({new})
    assert "Faturanız ektedir." not in _bodies(world, world.other_ticket)


def test_a_refused_customer_needs_a_reason_and_the_reason_is_recorded(world: World) -> None:
    terminate_ticket(world)
    seen = _seen(world, world.other_ticket)
    cmd = SendReply(world.other_ticket, MessageKind.OUTBOUND, "Faturanız ektedir.", seen)
    outcome = send_reply(world.desk, cmd)
    assert outcome.message_id is None
    assert outcome.refusal is not None
    assert outcome.refusal.status is RefusalStatus.PENDING_REVIEW
    assert "Faturanız ektedir." not in _bodies(world, world.other_ticket)

    reason = "Fatura yasal bir zorunluluk."
    sent = send_reply(world.desk, replace(cmd, override_reason=reason))
    assert sent.message_id is not None
    with world.desk.db.read() as conn:
        overrides = conn.execute(select(RefusalOverride.reason, RefusalOverride.message_id)).all()
    assert [(r.reason, r.message_id) for r in overrides] == [(reason, sent.message_id)]


def test_an_internal_note_needs_no_reason(world: World) -> None:
    terminate_ticket(world)
    seen = _seen(world, world.other_ticket)
    outcome = send_reply(
        world.desk, SendReply(world.other_ticket, MessageKind.NOTE, "Lider inceliyor.", seen)
    )
    assert outcome.message_id is not None
    assert outcome.refusal is None


def test_a_missing_ticket_is_an_environment_problem(world: World) -> None:
    cmd = SendReply(
        "0190000000000000000000000000dead", MessageKind.OUTBOUND, "Merhaba", frozenset()
    )
    with pytest.raises(NotFound):
        send_reply(world.desk, cmd)
