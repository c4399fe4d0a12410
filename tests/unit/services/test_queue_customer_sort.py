"""Sorting a big view by customer walks the holders' names (`queue_customer`) and must give
exactly the rows of the plain sort, for every view and direction, with shared names, no
name, several holders, erased holders — and after a rename or an erasure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import update

from tests.unit.ui.sample import NOW, Sample, build
from websight_desk.domain.ids import new_id
from websight_desk.domain.queue_views import QueueQuery, SortKey
from websight_desk.services import people, tickets
from websight_desk.services.desk import Desk, open_desk
from websight_desk.storage.models import Contact
from websight_desk.storage.queries import queue, queue_customer, queue_registry


@dataclass(frozen=True)
class World:
    desk: Desk
    sample: Sample
    zeynep_holder: str  # contact id of "Zeynep Ak"
    second_holder: str  # "Aaron Aksoy", a later holder of Burak's customer


def _holder(w: object, customer: str, name: str | None, contact_id: str) -> None:
    cmd = people.NewCustomer("-", "individual", name, "x@example.com")
    w.emit("contact.upsert", people.contact_payload(contact_id, customer, cmd, w.now))  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    desk = open_desk(tmp_path_factory.mktemp("customers") / "ws", with_triage=False)
    sample = build(desk, extra=3)
    zeynep, aaron = new_id(), new_id()
    with desk.writer() as w:

        def customer(code: str, name: str | None, n: int) -> str:
            cust = people.add_customer(w, people.NewCustomer(code, "individual"))
            if name is not None or code == "C-EMAIL":
                _holder(w, cust, name, zeynep if name == "Zeynep Ak" else new_id())
            for i in range(n):
                tickets.open_ticket(w, tickets.OpenTicket(cust, f"{code} {i}", "Merhaba"))
            return cust

        customer("C-Z", "Zeynep Ak", 3)
        customer("C-A1", "Ali Veli", 2)  # two customers of one name: number breaks the tie
        customer("C-A2", "Ali Veli", 2)
        customer("C-NONE", None, 2)  # no contact at all
        customer("C-EMAIL", None, 1)  # a holder without a name
        burak = customer("C-B", "Burak Şen", 2)
        customer("C-CEM", "Cem Öz", 2)
        customer("C-ERASED", "Deniz Kar", 2)
    desk.now = lambda: NOW - timedelta(hours=2)  # a later holder: Burak stays the name
    with desk.writer() as w:
        _holder(w, burak, "Aaron Aksoy", aaron)
        w.conn.execute(  # erased as `storage.erasure` does: blanked and stamped
            update(Contact)
            .where(Contact.name == "Deniz Kar")
            .values(name=None, email=None, phone=None, erased_at=NOW)
        )
    yield World(desk, sample, zeynep, aaron)
    desk.close()


def _plain(desk: Desk, query: QueueQuery, offset: int, limit: int) -> list[str]:
    with desk.db.read() as conn:
        return list(conn.execute(queue._order_ids(query, offset, limit)).scalars())


def _walked(desk: Desk, query: QueueQuery, offset: int, limit: int) -> list[str]:
    with desk.db.read() as conn:
        return queue_customer.page_ids(conn, query, offset, limit)


def _names(desk: Desk, query: QueueQuery) -> list[str]:
    with desk.db.read() as conn:
        return [r.customer for r in queue.page(conn, query, 0, 100)]


def _check_all_views(world: World) -> None:
    for view in queue_registry.VIEWS:
        for descending in (False, True):
            q = QueueQuery(
                view=view.info.key,
                sort=SortKey.CUSTOMER,
                descending=descending,
                agent_id=world.sample.agent_id,
            )
            for offset in (0, 4, 9, 17):
                walked = _walked(world.desk, q, offset, 5)
                assert walked == _plain(world.desk, q, offset, 5), (view, descending, offset)


def test_walking_the_names_gives_the_plain_sort(world: World) -> None:
    _check_all_views(world)


def test_names_in_order_and_no_name_last(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queue, "CAP", 3)  # "All tickets" counts as big: the walk is used
    up = _names(world.desk, QueueQuery(view="all", sort=SortKey.CUSTOMER, descending=False))
    down = _names(world.desk, QueueQuery(view="all", sort=SortKey.CUSTOMER, descending=True))
    named = ["Ali Veli"] * 4 + ["Ayşe Kaya"] * 7 + ["Burak Şen"] * 2 + ["Cem Öz"] * 2
    assert up == [*named, *["Zeynep Ak"] * 3, *["—"] * 5]
    assert down == [*["Zeynep Ak"] * 3, *reversed(named), *["—"] * 5]


def test_a_rename_and_an_erasure_sort_at_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queue, "CAP", 3)
    desk = world.desk
    desk.now = lambda: NOW - timedelta(hours=1)
    with desk.writer() as w:  # the rename arrives as a contact.upsert, like a pulled one
        payload = people.contact_payload(
            world.zeynep_holder,
            "ignored",
            people.NewCustomer("-", "individual", "Ahmet Ak", "x@example.com"),
            w.now,
        )
        with desk.db.read() as conn:
            owner = conn.execute(
                Contact.__table__.select().where(Contact.id == world.zeynep_holder)
            ).one()
        w.emit("contact.upsert", {**payload, "customer_id": owner.customer_id})
    up = _names(desk, QueueQuery(view="all", sort=SortKey.CUSTOMER, descending=False))
    assert up[:3] == ["Ahmet Ak"] * 3
    _check_all_views(world)
    with desk.writer() as w:  # Burak's customer erased: the later holder is erased too
        w.conn.execute(
            update(Contact)
            .where(Contact.name.in_(["Burak Şen", "Aaron Aksoy"]))
            .values(name=None, email=None, phone=None, erased_at=NOW)
        )
    up = _names(desk, QueueQuery(view="all", sort=SortKey.CUSTOMER, descending=False))
    assert "Burak Şen" not in up
    assert up[-7:] == ["—"] * 7
    _check_all_views(world)
