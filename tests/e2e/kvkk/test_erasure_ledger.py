"""The erasure ledger itself, in process: a server older than the ledger, and a damaged line.

A server that accepted erasures before it had a ledger writes them into it at its next start;
a line cut short by a crash is skipped, the rest is kept, the next erasure starts a new line;
a second start replays nothing.
(`test_restored_server.py` runs the restore itself against real server processes.)
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from websight_desk.domain.enums import Role
from websight_desk.server import erasure_ledger, retention
from websight_desk.server.accounts import add_account
from websight_desk.server.push import push
from websight_desk.server.store import open_store
from websight_desk.services import people
from websight_desk.services.desk import open_desk
from websight_desk.services.kvkk_erase import EraseCustomer, erase_customer
from websight_desk.sync.push import pending_ops


def test_erasures_made_before_the_ledger_are_written_into_it_at_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = open_store(tmp_path / "server")
    desk = open_desk(tmp_path / "ws", with_triage=False)
    try:
        with store.write() as conn:
            account, _token = add_account(conn, "dpo", "admin")
        desk.settings.agent_id = account.id
        with desk.writer() as w:
            people.add_agent(w, people.NewAgent("dpo", "DPO", Role.ADMIN), agent_id=account.id)
            customer = people.add_customer(
                w, people.NewCustomer("WS-1", "individual", "Ada Yıldız", None, "+905321234567")
            )
        with desk.writer() as w:
            erase_customer(w, EraseCustomer(customer, "KVKK m.11"))
        results, _head = push(store, account, pending_ops(desk, 1000))  # no ledger yet
        assert {r.status for r in results} == {"applied"}
        ledger_file = tmp_path / "server" / erasure_ledger.LEDGER_FILE
        assert not ledger_file.exists()

        ledger = retention.recall_erasures(store)  # the next start
        assert ledger is not None
        lines = ledger_file.read_text().splitlines()
        assert len(lines) == 1
        assert customer in lines[0]
        assert "Ada" not in lines[0]  # ids, the reason and counts: no personal data
        assert ledger.pending == {}
        erasure_ledger.detach(store.engine)

        with ledger_file.open("a") as fh:  # a crash cut the last line short
            fh.write('{"op_id": "0193')
        with caplog.at_level(logging.ERROR):
            again = retention.recall_erasures(store)  # nothing lost, nothing replayed
        assert again is not None
        assert len(again.ops) == 1
        assert again.pending == {}
        assert "damaged line" in caplog.text
        with desk.writer() as w:  # the next erasure starts a line of its own
            other = people.add_customer(w, people.NewCustomer("WS-2", "individual", "Can"))
        with desk.writer() as w:
            erase_customer(w, EraseCustomer(other, "KVKK m.11"))
        push(store, account, pending_ops(desk, 1000))
        assert len(erasure_ledger.Ledger.load(ledger_file).ops) == 2
        erasure_ledger.detach(store.engine)
    finally:
        desk.close()
        store.close()
