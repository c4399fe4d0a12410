"""A ticket renumbered by the server keeps one search document, under its new number.

Documents are found by number (`storage.fts`): before the fix the document stayed under the
offline number — a duplicate result once the ticket was written to again, and out of reach of
an erasure (the person's words stayed searchable and on disk).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from websight_desk.domain.enums import MessageKind, Role
from websight_desk.services import people, tickets
from websight_desk.services.desk import open_desk
from websight_desk.services.kvkk_erase import EraseCustomer, erase_customer
from websight_desk.storage import fts
from websight_desk.storage.queries import search
from websight_desk.sync.push import pending_ops, record_results


def _docs(conn: object, ticket_id: str) -> list[int]:
    rows = conn.execute(  # type: ignore[attr-defined]
        text(f"SELECT rowid FROM {fts.TABLE} WHERE ticket_id = :t"), {"t": ticket_id}
    )
    return [int(r[0]) for r in rows]


def test_the_search_document_moves_with_the_number_and_an_erasure_reaches_it(
    tmp_path: Path,
) -> None:
    desk = open_desk(tmp_path / "ws", with_triage=False)
    try:
        with desk.writer() as w:
            admin = people.add_agent(w, people.NewAgent("dpo", "Veri Sorumlusu", Role.ADMIN))
        desk.settings.agent_id = admin
        with desk.writer() as w:
            customer = people.add_customer(
                w, people.NewCustomer("WS-7", "individual", "Nurhan Yıldıztepe")
            )
            opened = tickets.open_ticket(
                w, tickets.OpenTicket(customer, "Yıldıztepe alan adı", "Nurhan yazıyor")
            )
        [create] = [op for op in pending_ops(desk, 100) if op.kind == "ticket.create"]
        team_number = opened.number + 40  # the server's number for it
        record_results(
            desk,
            [create],
            [
                {
                    "op_id": create.op_id,
                    "status": "applied",
                    "stamped": {"payload": {"number": team_number}},
                }
            ],
        )
        with desk.writer() as w:
            tickets.post_message(
                w, tickets.PostMessage(opened.ticket_id, MessageKind.OUTBOUND, "Bakıyoruz.")
            )
        with desk.db.read() as conn:
            [doc] = _docs(conn, opened.ticket_id)
            assert fts.doc_range(team_number)[0] <= doc <= fts.doc_range(team_number)[1]
            # the number the agent may have given the customer still finds the ticket
            for asked in (f"#{opened.number}", f"#{team_number}"):
                hits = search.find(conn, asked)
                assert search.ticket_ids(conn, hits, hits.keys) == [opened.ticket_id], asked
        with desk.writer() as w:
            erase_customer(w, EraseCustomer(customer, "KVKK m.11"))
        with desk.db.read() as conn:
            hits = conn.execute(
                text(f"SELECT count(*) FROM {fts.TABLE} WHERE {fts.TABLE} MATCH 'yildiztepe'")
            ).scalar_one()
            assert hits == 0
    finally:
        desk.close()
