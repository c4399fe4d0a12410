"""Two workstations and a server converge after random interleavings of offline work and sync."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.e2e.sync.data import make_tickets, set_status
from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk.domain.enums import TicketStatus
from websight_desk.storage.models import Ticket

STATUSES = [s.value for s in TicketStatus]
actions = st.lists(
    st.tuples(
        st.sampled_from(["a", "b"]),
        st.sampled_from(["ticket", "status", "push", "pull", "sync"]),
        st.integers(0, 50),
    ),
    min_size=3,
    max_size=12,
)


def _projection(ws: Workstation) -> dict[str, tuple[str, str]]:
    with ws.desk.db.read() as conn:
        rows = conn.execute(select(Ticket.id, Ticket.status, Ticket.priority))
        return {r.id: (r.status, r.priority) for r in rows}


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=actions)
def test_random_interleavings_converge(
    server: ServerProc, make_ws: Callable[..., Workstation], steps: list[tuple[str, str, int]]
) -> None:
    tag = uuid.uuid4().hex[:6]
    ws = {"a": make_ws(f"a{tag}"), "b": make_ws(f"b{tag}")}
    for who, what, n in steps:
        w = ws[who]
        if what == "ticket":
            make_tickets(w.desk, 1, prefix=f"{who}{tag}{n}-")
        elif what == "status":
            known = sorted(_projection(w))
            if known:
                set_status(w.desk, known[n % len(known)], STATUSES[n % len(STATUSES)])
        elif what == "push":
            w.engine.push()
        elif what == "pull":
            w.engine.pull()
        else:
            w.engine.run_once()
    for w in (ws["a"], ws["b"], ws["a"]):
        w.engine.run_once()
    assert _projection(ws["a"]) == _projection(ws["b"])
    assert ws["a"].counts() == ws["b"].counts() == server.counts()
