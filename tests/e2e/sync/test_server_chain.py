"""The server keeps its own hash chain: equal to the clients' after sync, verified by
`websight-desk-server audit-verify`, broken by direct SQL edits of the central copy."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from tests.e2e.sync.data import make_tickets
from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel, ReviewDecision
from websight_desk.server.cli import main as server_main
from websight_desk.services import abuse
from websight_desk.storage import chain


def _audit(server: ServerProc, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    where = ["--db", server.db_url] if server.db_url else ["--data", str(server.data_dir)]
    code = server_main(["audit-verify", *where, "--json"])
    return code, json.loads(capsys.readouterr().out)


def _server_head(server: ServerProc) -> tuple[int, str]:
    store = server.store()
    try:
        with store.read() as conn:
            return chain.chain_head(conn)
    finally:
        store.close()


def _client_head(ws: Workstation) -> tuple[int, str]:
    with ws.desk.db.read() as conn:
        return chain.chain_head(conn)


def _terminate(ws: Workstation, ticket: str, excerpt: str) -> str:
    with ws.desk.writer() as w:
        return abuse.terminate(
            w,
            abuse.TerminateConversation(
                AbuseChannel.TICKET,
                AbuseCategory.INSULT,
                "müşteri hakaret etti",
                excerpt,
                ticket_id=ticket,
                evidence_words=(excerpt.split(maxsplit=1)[0],),
            ),
        )


def _review(ws: Workstation, term: str, decision: ReviewDecision) -> str:
    with ws.desk.writer() as w:
        return abuse.review(w, abuse.ReviewTermination(term, decision, "kayıtları dinledim"))


def test_server_chain_equals_clients_and_audit_verify_names_tampering(
    server: ServerProc,
    make_ws: Callable[..., Workstation],
    capsys: pytest.CaptureFixture[str],
) -> None:
    agent, lead = make_ws("cem"), make_ws("leyla", role="shift_lead")
    first, second = make_tickets(agent.desk, 2)
    term1 = _terminate(agent, first, "aptal herifler")
    term2 = _terminate(agent, second, "salak mısınız")
    agent.engine.run_once()
    lead.engine.run_once()
    confirm = _review(lead, term1, ReviewDecision.CONFIRMED)
    _review(lead, term2, ReviewDecision.OVERTURNED)
    lead.engine.run_once()
    agent.engine.run_once()
    with agent.desk.writer() as w:  # an audited override after the reviews, on A
        abuse.reply_with_override(w, first, "Faturanız ekte.", "yasal bildirim zorunlu")
    agent.engine.run_once()
    lead.engine.run_once()

    head = _server_head(server)
    assert head[0] >= 5  # 2 terminations, 2 reviews, 1 override (+ audit events)
    assert head[1] != chain.GENESIS
    assert _client_head(agent) == head
    assert _client_head(lead) == head
    code, out = _audit(server, capsys)
    assert code == 0, out
    assert out["verified"] == head[0]
    assert out["head"] == head[1]

    # A direct edit of an evidence text in the server's database is named.
    store = server.store()
    t = chain.TABLES["abuse_terminations"]
    try:
        with store.write() as conn:
            original = conn.execute(
                select(t.c.evidence_excerpt).where(t.c.id == term1)
            ).scalar_one()
            conn.execute(update(t).where(t.c.id == term1).values(evidence_excerpt="kibar mesaj"))
        code, out = _audit(server, capsys)
        assert code == 1
        assert out["broken"] == {
            "table": "abuse_terminations",
            "id": term1,
            "problem": "evidence_excerpt/evidence_words differ from the evidence written",
        }
        with store.write() as conn:
            conn.execute(update(t).where(t.c.id == term1).values(evidence_excerpt=original))
        assert _audit(server, capsys)[0] == 0

        # A deleted review: the record after the hole is named, the chain is broken.
        reviews = chain.TABLES["abuse_reviews"]
        with store.write() as conn:
            conn.execute(delete(reviews).where(reviews.c.id == confirm))
    finally:
        store.close()
    code, out = _audit(server, capsys)
    assert code == 1
    broken = out["broken"]
    assert isinstance(broken, dict)
    assert broken["id"] != confirm
    assert "missing (deleted)" in broken["problem"]


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_audit_verify_text_output(
    server: ServerProc, make_ws: Callable[..., Workstation], capsys: pytest.CaptureFixture[str]
) -> None:
    agent = make_ws("cem")
    [ticket] = make_tickets(agent.desk, 1)
    term = _terminate(agent, ticket, "aptal herifler")
    agent.engine.run_once()
    assert server_main(["audit-verify", "--data", str(server.data_dir)]) == 0
    assert "audit chain ok: 1 records verified" in capsys.readouterr().out
    store = server.store()
    t = chain.TABLES["abuse_terminations"]
    try:
        with store.write() as conn:
            conn.execute(update(t).where(t.c.id == term).values(note="düzeltildi"))
    finally:
        store.close()
    assert server_main(["audit-verify", "--data", str(server.data_dir)]) == 1
    out = capsys.readouterr().out
    assert f"audit chain BROKEN at abuse_terminations {term}" in out
    assert "note differs from the note written" in out  # the note is sealed by its digest


def test_audit_verify_refuses_a_missing_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert server_main(["audit-verify", "--data", str(tmp_path / "typo")]) == 2
    assert "no server database" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists()
