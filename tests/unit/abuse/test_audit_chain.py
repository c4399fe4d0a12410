"""The hash chain: sealed on apply, verified by `audit verify`, broken by direct SQL edits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.unit.abuse.conftest import World, ack_all, lead_review, terminate_ticket
from websight_desk.cli.main import main
from websight_desk.demo.run import add_demo_data
from websight_desk.domain.hlc import pack
from websight_desk.services.audit_chain import verify_desk
from websight_desk.services.desk import open_desk
from websight_desk.storage import chain
from websight_desk.storage.appliers import ApplyContext, apply_ops
from websight_desk.storage.ops import Op

# the demo generator (another engineer) still calls the deprecated Result.tuples(); not ours.
DEMO_WARNING = pytest.mark.filterwarnings("ignore:The Result.tuples:DeprecationWarning")


def _verify(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["audit", "verify", "--workspace", str(root)])
    return code, capsys.readouterr().out


def _sql(root: Path, statement: str, *params: str) -> None:
    con = sqlite3.connect(root / "desk.sqlite3")
    with con:
        con.execute(statement, params)
    con.close()


@pytest.fixture
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "ws"
    desk = open_desk(root)
    try:
        add_demo_data(desk, 150, seed=3)  # with the demo terminations
    finally:
        desk.close()
    return root


@DEMO_WARNING
def test_demo_workspace_verifies_then_breaks_on_evidence_edit(
    demo_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _verify(demo_root, capsys)
    assert code == 0, out
    assert "audit chain ok" in out
    con = sqlite3.connect(demo_root / "desk.sqlite3")
    victim = con.execute(
        "SELECT id FROM abuse_terminations ORDER BY hlc LIMIT 1 OFFSET 2"
    ).fetchone()[0]
    con.close()
    _sql(
        demo_root,
        "UPDATE abuse_terminations SET evidence_excerpt = 'kibar bir mesaj' WHERE id = ?",
        victim,
    )
    code, out = _verify(demo_root, capsys)
    assert code == 1
    assert f"abuse_terminations {victim}" in out
    assert "evidence_excerpt" in out


@DEMO_WARNING
def test_deleted_review_breaks_the_chain(
    demo_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    con = sqlite3.connect(demo_root / "desk.sqlite3")
    rows = con.execute(
        "SELECT id, hlc, node_id FROM abuse_reviews ORDER BY hlc, node_id, id"
    ).fetchall()
    con.close()
    assert len(rows) >= 2
    victim = rows[0][0]
    _sql(demo_root, "PRAGMA foreign_keys=OFF")
    _sql(demo_root, "DELETE FROM abuse_reviews WHERE id = ?", victim)
    code, out = _verify(demo_root, capsys)
    assert code == 1
    assert "missing (deleted)" in out
    assert victim not in out  # the record after the hole is named


def test_edited_review_note_is_named(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    tid = terminate_ticket(world)
    rid = lead_review(world, tid, "confirmed")
    root = world.desk.paths.root
    _sql(root, "UPDATE abuse_reviews SET decision = 'overturned' WHERE id = ?", rid)
    code, out = _verify(root, capsys)
    assert code == 1
    assert f"abuse_reviews {rid}" in out
    assert "differs from what was sealed" in out


def test_late_record_from_another_device_is_linked_in_order(world: World) -> None:
    tid = terminate_ticket(world)
    ack_all(world)
    lead_review(world, tid, "confirmed")
    # An audit event made earlier on an offline device arrives now, older than the head.
    old = Op(
        "op-late", "audit.create",
        {"id": "late-audit", "kind": "phone.reveal", "actor_agent_id": world.agent,
         "subject_type": "customer", "subject_id": world.customer, "reason": "geri arama",
         "details": "{}", "created_at": "2026-01-01T10:00:00.000000+00:00"},
        pack(1_000, 0), "other-device", world.agent,
    )  # fmt: skip
    with world.desk.db.write() as conn:
        apply_ops(ApplyContext(conn), [old])
    with world.desk.db.read() as conn:
        result = chain.verify(conn)
        first = next(iter(chain.iter_records(conn)))
    assert result.ok, result.broken
    assert first.id == "late-audit"
    assert result.count == 3


def test_seal_does_not_heal_a_tampered_row(world: World) -> None:
    tid = terminate_ticket(world)
    root = world.desk.paths.root
    _sql(root, "UPDATE abuse_terminations SET note = 'değişti' WHERE id = ?", tid)
    lead_review(world, tid, "confirmed")  # a new record seals after it
    with world.desk.db.read() as conn:
        broken = chain.verify(conn).broken
    assert broken is not None
    assert broken.id == tid


def test_pure_verify_over_rows(world: World) -> None:
    terminate_ticket(world)
    with world.desk.db.read() as conn:
        records = list(chain.iter_records(conn))
    assert chain.verify_records(records).ok
    tampered = [*records[:-1], chain.ChainRecord(**{**records[-1].__dict__, "content": "{}"})]
    assert not chain.verify_records(tampered).ok
    assert verify_desk(world.desk).ok
