"""Failure matrix, continued: crash mid-pull, a lead demoted while offline, erasure against an
offline device, protocol versions in both directions, authorship, automatic resync."""

from __future__ import annotations

import shutil
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import select, update

from tests.e2e.sync.data import make_tickets
from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel, ReviewDecision
from websight_desk.domain.enums import MessageKind
from websight_desk.server.models import accounts
from websight_desk.services import abuse, kvkk_erase, tickets
from websight_desk.storage.models import Message, SyncState, Ticket
from websight_desk.sync import protocol
from websight_desk.sync.errors import ProtocolMismatch
from websight_desk.sync.pull import apply_page
from websight_desk.sync.review import list_conflicts, list_rejected
from websight_desk.sync.status import read_status

SQLITE = pytest.mark.parametrize("server", ["sqlite"], indirect=True)


def _cursor(ws: Workstation) -> int:
    with ws.desk.db.read() as conn:
        return int(conn.execute(select(SyncState.pull_cursor)).scalar_one())


@SQLITE
def test_crash_mid_pull_repull_is_idempotent(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a, b = make_ws("ayse"), make_ws("burak")
    make_tickets(a.desk, 5)
    a.engine.run_once()
    start = _cursor(b)
    page = b.client.changes(start, limit=10)
    # the page's rows were written but the process died before the cursor moved
    apply_page(b.desk, [op for _, op in page.changes], start)
    assert _cursor(b) == start

    def boom(*_a: object) -> None:
        raise RuntimeError("killed")

    b.desk.ticket_hooks.append(boom)  # dies inside the next page's transaction
    with pytest.raises(RuntimeError):
        b.engine.pull()
    assert _cursor(b) == start
    b.desk.ticket_hooks.remove(boom)
    b.engine.run_once()
    assert b.counts() == a.counts() == server.counts()
    assert list_conflicts(b.desk) == []
    assert list_rejected(b.desk) == []


@SQLITE
def test_lead_demoted_while_offline_review_rejected_customer_stays_pending(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    agent, lead = make_ws("cem"), make_ws("leyla", role="shift_lead")
    [ticket] = make_tickets(agent.desk, 1)
    with agent.desk.writer() as w:
        term = abuse.terminate(
            w,
            abuse.TerminateConversation(
                AbuseChannel.TICKET, AbuseCategory.INSULT, "hakaret", "aptal", ticket_id=ticket
            ),
        )
    agent.engine.run_once()
    lead.engine.run_once()
    with lead.desk.writer() as w:  # offline: still a lead here
        abuse.review(w, abuse.ReviewTermination(term, ReviewDecision.CONFIRMED, "doğru"))
    store = server.store()
    with store.write() as conn:
        conn.execute(update(accounts).where(accounts.c.name == "leyla").values(role="agent"))
    store.close()
    report = lead.engine.run_once()
    assert report.rejected == 1
    [rejected] = list_rejected(lead.desk)
    assert rejected.kind == "review.create"
    assert "needs the role shift_lead" in rejected.reason
    assert read_status(lead.desk).rejected == 1
    assert server.counts()["abuse_reviews"] == 0
    agent.engine.run_once()
    with agent.desk.db.read() as conn:
        assert abuse.termination(conn, term).status == "pending_review"


@SQLITE
def test_erasure_beats_personal_data_from_an_offline_device(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a, b = make_ws("admin1"), make_ws("burak")
    [ticket] = make_tickets(a.desk, 1)
    a.engine.run_once()
    b.engine.run_once()
    with b.desk.writer() as w:  # B is offline and logs what the customer wrote
        tickets.post_message(
            w, tickets.PostMessage(ticket, MessageKind.INBOUND, "Adresim Kadıköy 5")
        )
    with a.desk.db.read() as conn:
        customer = conn.execute(select(Ticket.customer_id).where(Ticket.id == ticket)).scalar()
    with a.desk.writer() as w:
        kvkk_erase.erase_customer(w, kvkk_erase.EraseCustomer(str(customer), "KVKK m.7"))
    a.engine.run_once()
    b.engine.run_once()
    a.engine.run_once()
    for ws in (a, b):
        with ws.desk.db.read() as conn:
            bodies = conn.execute(
                select(Message.body).where(Message.ticket_id == ticket, Message.kind == "inbound")
            ).scalars()
            assert all(body == "" for body in bodies)
    store = server.store()
    with store.read() as conn:
        assert "Kadıköy" not in str(conn.execute(select(Message.body)).scalars().all())
    store.close()


@SQLITE
def test_protocol_versions_refused_clearly_both_ways(
    server: ServerProc, make_ws: Callable[..., Workstation], monkeypatch: pytest.MonkeyPatch
) -> None:
    a = make_ws("ayse")
    token = a.client._http.headers["authorization"]
    for version, status, code in ((0, 426, "client_too_old"), (99, 400, "client_too_new")):
        r = httpx.get(
            f"{server.url}/v1/whoami",
            headers={"Authorization": token, protocol.HEADER: str(version)},
        )
        assert (r.status_code, r.json()["error"]) == (status, code)
        assert "protocol" in r.json()["message"]
    health = httpx.get(f"{server.url}/v1/health")
    assert health.headers[protocol.MIN_CLIENT_HEADER] == str(protocol.MIN_CLIENT_VERSION)
    a.client._http.headers[protocol.HEADER] = "0"  # an old client: refused with a clear hint
    with pytest.raises(ProtocolMismatch, match="newer Websight Desk"):
        a.client.whoami()
    # and a client that sees the server needs a newer client refuses even a 2xx answer
    monkeypatch.setattr(protocol, "PROTOCOL_VERSION", 0)
    with pytest.raises(ProtocolMismatch, match="newer Websight Desk"):
        a.client._request("GET", "/v1/health")
    monkeypatch.undo()
    a.client._http.headers[protocol.HEADER] = "99"
    with pytest.raises(ProtocolMismatch, match="older than this"):
        a.client.whoami()


@SQLITE
def test_server_restored_from_backup_client_resyncs_by_itself(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a = make_ws("ayse")
    make_tickets(a.desk, 2, prefix="A")
    a.engine.run_once()
    server.kill(15)
    files = ["server.sqlite3", "server.sqlite3-wal"]
    backup = server.data_dir / "backup"
    backup.mkdir()
    for name in files:
        if (server.data_dir / name).exists():
            shutil.copy(server.data_dir / name, backup / name)
    server.start()
    make_tickets(a.desk, 3, prefix="B")
    a.engine.run_once()
    server.kill(15)
    for name in [*files, "server.sqlite3-shm"]:
        (server.data_dir / name).unlink(missing_ok=True)
    for saved in backup.iterdir():  # the server loses the last 12 changes
        shutil.copy(saved, server.data_dir / saved.name)
    server.start()
    report = a.engine.run_once()
    assert report.resynced
    assert a.counts() == server.counts()
    assert a.counts()["tickets"] == 5
