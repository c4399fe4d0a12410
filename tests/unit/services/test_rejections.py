"""`services.rejections`: send a refused change again, mark refusals as seen — no widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tests.unit.abuse.conftest import World, make_world, terminate_ticket
from websight_desk.domain.enums import TicketField, TicketStatus
from websight_desk.services import rejections, tickets
from websight_desk.storage.models import SyncOutbox, SyncQuarantine, Ticket
from websight_desk.sync.push import pending_ops, record_results

MISSING = "ticket.set_field: value refers to agents 0193, which does not exist"
ROLE = "ticket.set_field needs the role shift_lead; the account 'm' has the role agent"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    wd = make_world(tmp_path / "ws")
    yield wd
    wd.desk.close()


def _refuse(world: World, kind: str, reason: str) -> str:
    """The server refuses the newest pending op of `kind` (what a push records)."""
    op = [o for o in pending_ops(world.desk, 10_000) if o.kind == kind][-1]
    record_results(world.desk, [op], [{"op_id": op.op_id, "status": "rejected", "reason": reason}])
    return op.op_id


def _status(world: World) -> str:
    with world.desk.db.read() as conn:
        return str(
            conn.execute(select(Ticket.status).where(Ticket.id == world.ticket)).scalar_one()
        )


def _accepted_status(world: World, status: TicketStatus) -> None:
    with world.desk.writer() as w:
        tickets.change_field(w, tickets.ChangeField(world.ticket, TicketField.STATUS, status))
    with world.desk.db.write() as conn:  # the server took it
        conn.execute(update(SyncOutbox).where(SyncOutbox.state == "pending").values(state="acked"))


def test_retry_sends_the_same_change_as_a_new_op(world: World) -> None:
    _accepted_status(world, TicketStatus.OPEN)
    before = _status(world)
    with world.desk.writer() as w:
        tickets.change_field(
            w, tickets.ChangeField(world.ticket, TicketField.STATUS, TicketStatus.RESOLVED)
        )
    op_id = _refuse(world, "ticket.set_field", MISSING)
    assert _status(world) == before  # the refused edit rolled back
    result = rejections.retry(world.desk, [op_id])
    assert result == rejections.RetryResult(1, 0)
    assert _status(world) == TicketStatus.RESOLVED.value  # waiting to be sent again
    with world.desk.db.read() as conn:
        assert conn.execute(select(SyncQuarantine.op_id)).first() is None
        assert conn.execute(select(SyncOutbox).where(SyncOutbox.op_id == op_id)).first() is None
    again = [o for o in pending_ops(world.desk, 10_000) if o.kind == "ticket.set_field"][-1]
    assert again.op_id != op_id
    assert again.payload["value"] == TicketStatus.RESOLVED.value


def test_lasting_refusals_and_sealed_records_are_not_retried(world: World) -> None:
    with world.desk.writer() as w:
        tickets.change_field(w, tickets.ChangeField(world.ticket, TicketField.PRIORITY, "high"))
    role = _refuse(world, "ticket.set_field", ROLE)
    terminate_ticket(world)
    sealed = _refuse(world, "termination.create", MISSING)
    assert rejections.retry(world.desk, [role, sealed]) == rejections.RetryResult(0, 2)
    with world.desk.db.read() as conn:
        assert len(conn.execute(select(SyncQuarantine.op_id)).all()) == 2


def test_seen_is_kept_only_for_refusals_that_exist(world: World) -> None:
    with world.desk.writer() as w:
        tickets.change_field(
            w, tickets.ChangeField(world.ticket, TicketField.STATUS, TicketStatus.RESOLVED)
        )
    op_id = _refuse(world, "ticket.set_field", MISSING)
    assert rejections.mark_seen(world.desk, [op_id, "not-a-refusal"]) == frozenset({op_id})
    assert rejections.seen_rejections(world.desk) == frozenset({op_id})
    rejections.retry(world.desk, [op_id])  # resolved: no longer "seen", it is gone
    assert rejections.seen_rejections(world.desk) == frozenset()


def test_a_retried_record_takes_the_clock_of_its_new_op(world: World) -> None:
    from websight_desk.domain.enums import MessageKind
    from websight_desk.storage.models import Message

    _accepted_status(world, TicketStatus.OPEN)  # the team's value
    with world.desk.writer() as w:
        message_id = tickets.post_message(
            w, tickets.PostMessage(world.ticket, MessageKind.NOTE, "Kontrol ediyorum.")
        )
    op_id = _refuse(world, "message.create", MISSING.replace("ticket.set_field", "message.create"))
    assert rejections.retry(world.desk, [op_id]) == rejections.RetryResult(1, 0)
    again = [o for o in pending_ops(world.desk, 10_000) if o.kind == "message.create"][-1]
    with world.desk.db.read() as conn:
        stored = conn.execute(
            select(Message.hlc, Message.node_id).where(Message.id == message_id)
        ).one()
    assert (stored.hlc, stored.node_id) == (again.hlc, again.node_id)  # as the server will have


def test_a_refusal_marked_seen_no_longer_counts_as_a_problem(world: World) -> None:
    from websight_desk.sync.status import read_status

    with world.desk.writer() as w:
        tickets.change_field(
            w, tickets.ChangeField(world.ticket, TicketField.STATUS, TicketStatus.RESOLVED)
        )
    op_id = _refuse(world, "ticket.set_field", MISSING)
    assert read_status(world.desk).problems == 1
    rejections.mark_seen(world.desk, [op_id])
    status = read_status(world.desk)
    assert (status.rejected, status.problems) == (1, 0)  # still listed, no longer alarming


def test_discard_takes_back_a_refused_reply_and_a_refused_field_change(world: World) -> None:
    from websight_desk.domain.enums import MessageKind
    from websight_desk.storage.models import Message

    _accepted_status(world, TicketStatus.OPEN)  # the team's value
    with world.desk.writer() as w:
        message_id = tickets.post_message(
            w, tickets.PostMessage(world.ticket, MessageKind.OUTBOUND, "Zümrüt kodu ile çözüldü.")
        )
        tickets.change_field(
            w, tickets.ChangeField(world.ticket, TicketField.STATUS, TicketStatus.RESOLVED)
        )
    refused = [
        _refuse(world, "message.create", MISSING.replace("ticket.set_field", "message.create")),
        _refuse(world, "ticket.set_field", MISSING),
    ]
    assert rejections.discard(world.desk, refused) == 2
    with world.desk.db.read() as conn:
        assert conn.execute(select(Message.id).where(Message.id == message_id)).first() is None
        assert conn.execute(select(SyncQuarantine.op_id)).first() is None
        words = conn.exec_driver_sql(
            "SELECT count(*) FROM search_index WHERE search_index MATCH 'zumrut'"
        ).scalar_one()
    assert words == 0  # the reply's words left the search index too
    assert _status(world) == TicketStatus.OPEN.value  # the team's value stays
    assert [o for o in pending_ops(world.desk, 10_000) if o.op_id in refused] == []
