"""Queue pages of big views (the count stopped at CAP) walk the sort's index and must give
exactly the rows the planner's own plan gives, for every view, sort and direction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import insert, select

from tests.unit.ui.sample import Sample, _triage, build
from websight_desk.domain.queue_views import QueueQuery, SortKey
from websight_desk.services.desk import Desk, open_desk
from websight_desk.storage.models import Ticket, TicketTriage
from websight_desk.storage.queries import queue, queue_groups, queue_registry
from websight_desk.storage.queries.pending import pending_changes


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Desk, Sample]]:
    desk = open_desk(tmp_path_factory.mktemp("pages") / "ws", with_triage=False)
    sample = build(desk, extra=30)
    with desk.writer() as w:
        known = {sample.password, sample.theme, sample.abusive}
        rest = [t for t in w.conn.execute(select(Ticket.id)).scalars() if t not in known]
        rows = [
            _triage(t, "out_of_scope" if i % 3 else "in_scope", abuse=i % 4 == 0)
            for i, t in enumerate(rest)
        ]
        w.conn.execute(insert(TicketTriage), rows)
    yield desk, sample
    desk.close()


def _ids(desk: Desk, query: QueueQuery, offset: int, walk: bool) -> list[str]:
    with desk.db.read() as conn:
        return list(conn.execute(queue._order_ids(query, offset, 7, walk=walk)).scalars())


@pytest.mark.parametrize("view", [v.info.key for v in queue_registry.VIEWS])
def test_walking_the_index_gives_the_planners_rows(filled: tuple[Desk, Sample], view: str) -> None:
    desk, sample = filled
    for sort in SortKey:
        for descending in (True, False):
            q = QueueQuery(view=view, sort=sort, descending=descending, agent_id=sample.agent_id)
            for offset in (0, 7):
                assert _ids(desk, q, offset, True) == _ids(desk, q, offset, False), (sort, offset)


def test_counts_stop_at_the_cap(
    filled: tuple[Desk, Sample], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, sample = filled
    monkeypatch.setattr(queue, "CAP", 5)
    with desk.db.read() as conn:
        big = queue.first_page(conn, QueueQuery(view="all"), 3)
        small = queue.first_page(conn, QueueQuery(view="my_open", agent_id=sample.agent_id), 9)
        everything = queue.page(conn, QueueQuery(view="all"), 0, 100)
        pending = pending_changes(conn, cap=5)
    assert (big.total, big.exact, len(big.rows)) == (5, False, 3)
    assert [r.number for r in big.rows] == [r.number for r in everything[:3]]
    assert len(everything) == 34  # paging is not capped
    assert small.exact
    assert [r.ticket_id for r in small.rows] == [sample.password]
    assert (pending.count, pending.exact, pending.text("5")) == (5, False, "5+")


def test_sync_status_counts_pending_up_to_the_cap(filled: tuple[Desk, Sample]) -> None:
    from websight_desk.sync.status import read_status

    desk, _ = filled
    exact = read_status(desk)
    capped = read_status(desk, cap=5)
    assert exact.pending > 5
    assert exact.pending_exact
    assert (capped.pending, capped.pending_exact, capped.rejected) == (5, False, 0)


@pytest.mark.parametrize("view", [v.info.key for v in queue_registry.VIEWS])
@pytest.mark.parametrize("small", [5000, 1])  # read from the triage index, or walk tickets
def test_group_reads_give_the_planners_rows(
    filled: tuple[Desk, Sample], view: str, small: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, sample = filled
    monkeypatch.setattr(queue_groups, "SMALL", small)
    with desk.writer() as w:  # two tickets without a verdict (SQLite's NULLs)
        w.conn.execute(
            TicketTriage.__table__.delete().where(
                TicketTriage.ticket_id.in_([sample.closed, sample.theme])
            )
        )
    try:
        for sort in queue_groups.GROUPED:
            for descending in (True, False):
                q = QueueQuery(
                    view=view, sort=sort, descending=descending, agent_id=sample.agent_id
                )
                for offset in (0, 7, 30):
                    with desk.db.read() as conn:
                        grouped = queue_groups.page_ids(conn, q, offset, 7)
                    assert grouped == _ids(desk, q, offset, False), (sort, descending, offset)
    finally:
        with desk.writer() as w:
            w.conn.execute(
                insert(TicketTriage), [_triage(sample.theme, "out_of_scope", abuse=False)]
            )
