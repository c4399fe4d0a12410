"""The small read queries the UI uses instead of its own SQL (storage/queries)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.unit.abuse.conftest import World, make_world
from websight_desk.storage.models import Contact
from websight_desk.storage.queries.customers import contact_phones, customer_code
from websight_desk.storage.queries.ticket_owner import customer_of_ticket, ticket_owner

MISSING = "0190000000000000000000000000dead"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    wd = make_world(tmp_path / "ws")
    yield wd
    wd.desk.close()


def test_ticket_owner_and_customer(world: World) -> None:
    with world.desk.db.read() as conn:
        owner = ticket_owner(conn, world.ticket)
        assert customer_of_ticket(conn, world.ticket) == world.customer
        assert customer_of_ticket(conn, MISSING) is None
        assert ticket_owner(conn, MISSING) is None
        assert customer_code(conn, world.customer) == "C-100"
        assert customer_code(conn, MISSING) is None
    assert owner is not None
    assert (owner.ticket_id, owner.customer_id, owner.customer_code) == (
        world.ticket,
        world.customer,
        "C-100",
    )
    assert owner.number > 0


def test_contact_phones_only_for_contacts_with_a_number(world: World) -> None:
    from websight_desk.services import people

    with world.desk.writer() as w:
        people.add_customer(
            w, people.NewCustomer("C-200", "individual", "Can Demir", None, "+905321112233")
        )
    with world.desk.db.read() as conn:
        ids = list(conn.execute(select(Contact.id)).scalars())
        phones = contact_phones(conn, [*ids, MISSING])
        assert contact_phones(conn, []) == {}
    assert list(phones.values()) == ["+905321112233"]
    assert set(phones) <= set(ids)
