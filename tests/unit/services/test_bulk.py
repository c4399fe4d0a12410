"""`services.bulk.change_many`: the queue's bulk assign and bulk status, without widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.unit.ui.sample import Sample, build
from websight_desk.domain.enums import Role, TicketField, TicketStatus
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.services import people, tickets
from websight_desk.services.bulk import BulkChange, Refusal, change_many
from websight_desk.services.desk import Desk, open_desk
from websight_desk.storage.models import SyncOutbox, Ticket


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    d = open_desk(tmp_path / "ws", with_triage=False)
    yield d
    d.close()


@pytest.fixture
def sample(desk: Desk) -> Sample:
    return build(desk, extra=3)


def _fields(desk: Desk) -> dict[str, tuple[str, str | None]]:
    with desk.db.read() as conn:
        rows = conn.execute(select(Ticket.id, Ticket.status, Ticket.assignee_id))
        return {r.id: (r.status, r.assignee_id) for r in rows}


def _outbox(desk: Desk) -> int:
    with desk.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(SyncOutbox)).scalar_one())


def test_bulk_assign_writes_one_change_per_ticket_that_changes(desk: Desk, sample: Sample) -> None:
    with desk.writer() as w:
        ayse = people.add_agent(w, people.NewAgent("ayse", "Ayşe Demir", Role.AGENT))
        tickets.change_field(w, tickets.ChangeField(sample.theme, TicketField.ASSIGNEE, ayse))
    ids = (sample.password, sample.theme, sample.abusive, sample.closed)
    before = _outbox(desk)
    result = change_many(desk, BulkChange(ids, TicketField.ASSIGNEE, ayse))
    assert set(result.changed) == {sample.password, sample.abusive, sample.closed}
    assert result.unchanged == (sample.theme,)  # already Ayşe's: not written again
    assert result.refused == ()
    assert _outbox(desk) - before == 3
    fields = _fields(desk)
    assert all(fields[t][1] == ayse for t in ids)


def test_bulk_status_refuses_ended_tickets_and_says_why(desk: Desk, sample: Sample) -> None:
    with desk.writer() as w:
        tickets.change_field(
            w,
            tickets.ChangeField(sample.abusive, TicketField.STATUS, TicketStatus.TERMINATED.value),
        )
    ids = (sample.password, sample.theme, sample.abusive)
    result = change_many(desk, BulkChange(ids, TicketField.STATUS, TicketStatus.RESOLVED.value))
    assert set(result.changed) == {sample.password, sample.theme}
    assert [(r.ticket_id, r.reason) for r in result.refused] == [(sample.abusive, Refusal.ENDED)]
    assert result.refused[0].number is not None
    fields = _fields(desk)
    assert fields[sample.password][0] == fields[sample.theme][0] == "resolved"
    assert fields[sample.abusive][0] == "terminated"


def test_bulk_close_and_unknown_tickets(desk: Desk, sample: Sample) -> None:
    result = change_many(
        desk, BulkChange((sample.password, "0190-gone"), TicketField.STATUS, "closed")
    )
    assert result.changed == (sample.password,)
    assert [(r.ticket_id, r.number, r.reason) for r in result.refused] == [
        ("0190-gone", None, Refusal.GONE)
    ]


def test_bulk_changes_are_all_or_nothing_and_checked(desk: Desk, sample: Sample) -> None:
    before = (_fields(desk), _outbox(desk))
    with pytest.raises(ValidationError):  # ending for abuse needs its own dialog
        change_many(desk, BulkChange((sample.theme,), TicketField.STATUS, "terminated"))
    with pytest.raises(NotFound):
        change_many(desk, BulkChange((sample.theme,), TicketField.ASSIGNEE, "nobody"))
    with desk.writer() as w:
        admin = people.add_agent(w, people.NewAgent("selin", "Selin Aydın", Role.ADMIN))
    with pytest.raises(ValidationError):  # admins do not work the queue
        change_many(desk, BulkChange((sample.theme,), TicketField.ASSIGNEE, admin))
    with pytest.raises(ValidationError):
        change_many(desk, BulkChange((), TicketField.STATUS, "open"))
    desk.settings.agent_id = ""
    with pytest.raises(ValidationError):  # nobody signed in
        change_many(desk, BulkChange((sample.theme,), TicketField.STATUS, "open"))
    assert _fields(desk) == before[0]
    assert _outbox(desk) == before[1] + 1  # only the admin account was added
