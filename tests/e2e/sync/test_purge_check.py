"""The server destroys only what has expired: a forged `kvkk.purge` listing fresh or unknown
records is refused, stored, shown to its sender, and the records keep their data everywhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from tests.e2e.sync.serverproc import ServerProc, Workstation
from tests.unit.kvkk.builders import valid_callback
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel
from websight_desk.domain.ids import new_id
from websight_desk.server.company import load_company_settings, save_company_settings
from websight_desk.server.models import rejections
from websight_desk.services import abuse, kvkk, people, tickets
from websight_desk.services.callbacks import log_callback
from websight_desk.storage.models import AbuseTermination, CallbackPersonal, Contact
from websight_desk.storage.ops import to_iso
from websight_desk.sync.review import list_rejected

# Within the server's backlog grace (a week), past the one-day retention the test sets.
LONG_AGO = datetime.now(UTC) - timedelta(days=4)


def _call(ws: Workstation, ticket: str, contact: str, started: datetime) -> str:
    with ws.desk.writer() as w:
        cmd = valid_callback(ticket, contact, started, "")
        return log_callback(w, cmd, kvkk.company_settings(ws.desk))


def _phones(conn: Connection) -> dict[str, str | None]:
    rows = conn.execute(select(CallbackPersonal.callback_id, CallbackPersonal.phone))
    return {str(cid): phone for cid, phone in rows}


def _evidence(conn: Connection, termination_id: str) -> str:
    row = select(AbuseTermination.evidence_excerpt).where(AbuseTermination.id == termination_id)
    return str(conn.execute(row).scalar_one())


def _forge(ws: Workstation, callback_ids: list[str], termination_ids: list[str]) -> str:
    """What a modified client would push: a purge run naming records of its choosing."""
    run_id = new_id()
    with ws.desk.writer() as w:
        payload: dict[str, Any] = {
            "id": run_id,
            "ran_by": w.author_id,
            "examined": len(callback_ids),
            "anonymised": len(callback_ids),
            "held": 0,
            "callback_ids": callback_ids,
            "terminations_examined": len(termination_ids),
            "terminations_anonymised": len(termination_ids),
            "terminations_held": 0,
            "termination_ids": termination_ids,
            "keep_until": to_iso(w.now + timedelta(days=3 * 365)),
            "created_at": to_iso(w.now),
        }
        w.emit("kvkk.purge", payload)
    return run_id


def test_server_applies_honest_purge_and_refuses_forged_ones(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    store = server.store()
    try:  # the company keeps callback notes one day: what the server says, the desks follow
        with store.write() as conn:
            one_day = load_company_settings(conn).with_value("retention_days.callback_notes", "1")
            save_company_settings(conn, one_day, "test")
    finally:
        store.close()
    a, b = make_ws("cem"), make_ws("leyla")
    with a.desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("C-77", "individual", "Mehmet Kaya", None, "+905321234567")
        )
        ticket = tickets.open_ticket(w, tickets.OpenTicket(customer, "Site", "Açılmıyor")).ticket_id
        contact = w.conn.execute(
            select(Contact.id).where(Contact.customer_id == customer)
        ).scalar_one()
        term = abuse.terminate(
            w,
            abuse.TerminateConversation(
                AbuseChannel.TICKET,
                AbuseCategory.PROFANITY,
                "küfretti",
                "beceriksiz herifler",
                ticket_id=ticket,
                evidence_words=("beceriksiz",),
            ),
        )
    old = _call(a, ticket, contact, LONG_AGO)
    fresh = _call(a, ticket, contact, datetime.now(UTC) - timedelta(minutes=30))
    first = a.engine.run_once()
    assert first.rejected == 0, [r.reason for r in list_rejected(a.desk)]
    b.engine.run_once()

    # Honest: one expired callback already on the server, one logged in the same push.
    old_offline = _call(a, ticket, contact, LONG_AGO + timedelta(days=1))
    honest = kvkk.purge(a.desk)
    assert set(honest.callback_ids) == {old, old_offline}
    assert honest.termination_ids == ()
    second = a.engine.run_once()
    assert second.rejected == 0, [r.reason for r in list_rejected(a.desk)]
    store = server.store()
    try:
        with store.read() as conn:
            phones = _phones(conn)
            assert phones[old] is None
            assert phones[old_offline] is None
            assert phones[fresh] is not None

        # Forged: a fresh callback, a fresh termination, a record the server never saw.
        unknown = new_id()
        forged = {
            _forge(a, [fresh], []): f"callback {fresh} must be kept until",
            _forge(a, [], [term]): f"abuse termination {term} must be kept until",
            _forge(a, [old, unknown], []): f"{unknown} does not exist",
        }
        assert a.engine.run_once().rejected == 3
        with store.read() as conn:
            assert _phones(conn)[fresh] == "+905321234567"
            assert _evidence(conn, term) == "beceriksiz herifler"
            stored = dict(
                conn.execute(
                    select(rejections.c.payload, rejections.c.reason).where(
                        rejections.c.kind == "kvkk.purge"
                    )
                ).all()
            )
        assert len(stored) == 3
    finally:
        store.close()
    shown = {r.payload["id"]: r.reason for r in list_rejected(a.desk) if r.kind == "kvkk.purge"}
    assert shown.keys() == forged.keys()
    for run_id, expected in forged.items():
        assert expected in shown[run_id]
    assert "cannot be destroyed yet" in shown[next(iter(forged))]

    b.engine.run_once()
    with b.desk.db.read() as conn:
        phones = _phones(conn)
        assert phones[fresh] == "+905321234567"
        assert phones[old] is None
        assert phones[old_offline] is None
        assert _evidence(conn, term) == "beceriksiz herifler"
