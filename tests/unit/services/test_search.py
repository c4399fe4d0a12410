"""Ticket search (storage/queries/search.py): words, numbers and people, newest first, capped."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from websight_desk.domain.enums import MessageKind, Role, ServiceKind, TicketField, TicketStatus
from websight_desk.domain.queue_views import QueueQuery, SortKey
from websight_desk.services import people, tickets
from websight_desk.services.desk import Desk, open_desk
from websight_desk.services.kvkk_erase import EraseCustomer, erase_customer
from websight_desk.storage import fts
from websight_desk.storage.queries import queue, search


@dataclass(frozen=True)
class World:
    desk: Desk
    admin: str
    ayse: str  # customer: WS0000123, ayse.kaya@posta.example, +90 532 111 22 33, aysekaya.com.tr
    mert: str  # customer: WS0000456, mert@firma.example, +90 212 555 66 77, vps12.websight.net
    password: int  # numbers of tickets
    dns: int
    closed: int
    mert_ticket: int


def _number(w: tickets.OpWriter, customer: str, subject: str, body: str) -> tuple[str, int]:
    opened = tickets.open_ticket(w, tickets.OpenTicket(customer, subject, body))
    return opened.ticket_id, opened.number


def _build(root: Path) -> World:
    desk = open_desk(root, with_triage=False)
    with desk.writer() as w:
        agent = people.add_agent(w, people.NewAgent("mehmet", "Mehmet Yılmaz", Role.AGENT))
        admin = people.add_agent(w, people.NewAgent("kvkk", "Veri Sorumlusu", Role.ADMIN))
        ayse = people.add_customer(
            w,
            people.NewCustomer(
                "WS0000123", "individual", "Ayşe Kaya", "ayse.kaya@posta.example", "+905321112233"
            ),
        )
        mert = people.add_customer(
            w,
            people.NewCustomer(
                "WS0000456", "company", "Mert Şahin", "mert@firma.example", "+902125556677"
            ),
        )
        people.add_service(
            w, people.NewService(ayse, ServiceKind.SHARED_HOSTING, "aysekaya.com.tr")
        )
        people.add_service(w, people.NewService(mert, ServiceKind.VPS, "vps12.websight.net"))
    desk.settings.agent_id = agent
    with desk.writer() as w:
        _, password = _number(w, ayse, "Şifre sıfırlama", "Panel şifremi unuttum, İstanbul ofis")
        _, dns = _number(w, ayse, "DNS kaydı", "Alan adımın DNS ayarları, sunucu yavaş")
        closed_id, closed = _number(w, ayse, "Eski talep", "Yedekleme tamamlandı mı?")
        tickets.change_field(
            w, tickets.ChangeField(closed_id, TicketField.STATUS, TicketStatus.CLOSED.value)
        )
        _, mert_ticket = _number(w, mert, "Sunucu yeniden başlatma", "VPS erişim sorunu")
    return World(desk, admin, ayse, mert, password, dns, closed, mert_ticket)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Read-only tests share one workspace."""
    built = _build(tmp_path_factory.mktemp("search") / "ws")
    yield built
    built.desk.close()


@pytest.fixture
def own_world(tmp_path: Path) -> Iterator[World]:
    """For tests that write."""
    built = _build(tmp_path / "ws")
    yield built
    built.desk.close()


def numbers(world: World, text: str, **kw: object) -> list[int]:
    with world.desk.db.read() as conn:
        first = queue.first_page(conn, QueueQuery(view="all_open", search=text, **kw), 50)  # type: ignore[arg-type]
    return [r.number for r in first.rows]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("sifre", "password"),
        ("ŞİFRE", "password"),
        ("SIFRE unuttum", "password"),
        ("ISTANBUL", "password"),  # İstanbul folded the Turkish way
        ("istanbul ofis", "password"),
        ("dns yavas", "dns"),
        ("erişim", "mert_ticket"),
    ],
)
def test_turkish_folding(world: World, text: str, found: str) -> None:
    assert numbers(world, text) == [getattr(world, found)]


def test_whole_words_exact_and_the_last_one_as_a_prefix(world: World) -> None:
    assert numbers(world, "sunu") == [world.mert_ticket, world.dns]  # typing: a prefix
    assert numbers(world, "sunu ") == []  # a finished word matches whole
    assert numbers(world, "sunu yavas") == []  # only the last word is a prefix
    assert numbers(world, "sunucu yav") == [world.dns]
    assert numbers(world, "dns y") == [world.dns]  # a one-letter tail is left out


def test_newest_first_across_closed_tickets_and_numbers(world: World) -> None:
    everything = numbers(world, "a")  # no word "a": nothing, not every ticket
    assert everything == []
    assert numbers(world, f"#{world.closed}") == [world.closed]  # closed, view "All open"
    assert numbers(world, "yedekleme") == [world.closed]
    assert numbers(world, "sifre", descending=False) == [world.password]
    both = numbers(world, "sunucu")
    assert both == sorted(both, reverse=True)
    assert numbers(world, "sunucu", descending=False) == sorted(both)
    assert numbers(world, '"* NEAR( -') == []  # FTS syntax is plain text


@pytest.mark.parametrize(
    "text",
    [
        "ayse.kaya@posta.example",  # whole e-mail
        "AYSE.KAYA@posta.example",
        "ayse.kaya@",  # part of it
        "ayse.kaya",
        "0532 111 22 33",  # phone in any written form
        "+90 532 111 22 33",
        "532 111 22 33",
        "(0532) 111-22-33",
        "05321112233",
        "0532 111",  # the beginning of a number
        "WS0000123",  # customer code, any case, or its beginning
        "ws0000123",
        "aysekaya.com.tr",  # domain
        "https://www.aysekaya.com.tr/wp-admin",
    ],
)
def test_people_search_finds_the_customers_tickets(world: World, text: str) -> None:
    assert numbers(world, text) == [world.closed, world.dns, world.password]


def test_people_search_hostname_and_landline(world: World) -> None:
    assert numbers(world, "vps12.websight.net") == [world.mert_ticket]
    assert numbers(world, "0212 555 66 77") == [world.mert_ticket]
    assert numbers(world, "mert@firma") == [world.mert_ticket]
    assert numbers(world, "WS00004") == [world.mert_ticket]


def test_sorting_a_search_orders_its_matches(world: World) -> None:
    with world.desk.db.read() as conn:
        rows = queue.page(conn, QueueQuery(search="WS0000123", sort=SortKey.SUBJECT), 0, 10)
        one = queue.page(conn, QueueQuery(search="WS0000123", sort=SortKey.SUBJECT), 1, 1)
    assert [r.subject for r in rows] == ["Şifre sıfırlama", "Eski talep", "DNS kaydı"]
    assert [r.subject for r in one] == ["Eski talep"]
    assert rows[0].customer == "Ayşe Kaya"  # names in full


def test_count_stops_at_the_cap_in_one_walk(own_world: World) -> None:
    world = own_world
    with world.desk.writer() as w:
        for i in range(5):
            _number(w, world.mert, f"Yedek {i}", "yedekleme sorunu")
    with world.desk.db.read() as conn:
        capped = search.find(conn, "yedekleme", cap=3)
        full = search.find(conn, "yedekleme")
        assert search.ticket_ids(conn, full, full.keys[:2]) != []
        total, exact = queue.counted(conn, QueueQuery(view="all"), cap=3)
    assert (capped.total, capped.more) == (3, True)
    assert capped.keys == full.keys[:3]  # the newest three
    assert (full.total, full.more) == (6, False)
    assert (total, exact) == (3, False)


def test_a_new_message_is_found_and_erasure_forgets(own_world: World) -> None:
    world = own_world
    with world.desk.db.read() as conn:
        ticket_id = queue.page(conn, QueueQuery(search=f"#{world.dns}"), 0, 1)[0].ticket_id
    with world.desk.writer() as w:
        tickets.post_message(
            w, tickets.PostMessage(ticket_id, MessageKind.INBOUND, "Nameserver kaydı eklendi")
        )
    assert numbers(world, "nameserver") == [world.dns]
    assert numbers(world, "sunucu yavas") == [world.dns]  # the first message is still there
    with world.desk.writer(author_id=world.admin) as w:
        erase_customer(w, EraseCustomer(world.ayse, "Madde 11 talebi"))
    for text in ("nameserver", "sifre", "ayse.kaya@posta.example", "0532 111 22 33"):
        assert numbers(world, text) == [], text
    assert numbers(world, "WS0000123") == [world.closed, world.dns, world.password]  # the code
    with world.desk.db.read() as conn:
        left = conn.exec_driver_sql(f"SELECT ticket_id FROM {fts.TABLE}").scalars().all()
    assert len(left) == 1  # only Mert's ticket keeps a document


def test_match_expression() -> None:
    assert fts.match_expression("Şifre SIFIRLAMA") == '"sifre" AND "sifirlama"*'
    assert fts.match_expression("sifre ") == '"sifre"'
    assert fts.match_expression("sifre s") == '"sifre"'
    assert fts.match_expression("s") == '"s"'
    assert fts.match_expression('"*-') is None


def test_tickets_sharing_a_number_keep_their_own_documents(own_world: World) -> None:
    world = own_world  # two workstations offline both gave out the same number
    with world.desk.writer() as w:
        twin = tickets.open_ticket(
            w, tickets.OpenTicket(world.mert, "Nameserver", "Sunucu kaydı"), number=world.dns
        )
    assert numbers(world, "nameserver") == [world.dns]
    assert numbers(world, f"#{world.dns}") == [world.dns, world.dns]
    assert len(numbers(world, "sunucu")) == 3  # both tickets numbered dns, and Mert's first
    with world.desk.db.read() as conn:
        hits = search.find(conn, "nameserver")
        assert search.ticket_ids(conn, hits, hits.keys) == [twin.ticket_id]


def test_a_typed_prefix_is_expanded_to_the_indexed_words(world: World) -> None:
    with world.desk.db.read() as conn:
        assert fts.expand_prefix(conn, "sunu") == ["sunucu"]
        assert fts.expand_prefix(conn, "zzzz") == []
        assert fts.expand_prefix(conn, "sun") is None  # FTS5's prefix index answers that
    expand = {"sunu": ["sunucu", "sunucuda"], "qqqq": []}.get
    assert fts.match_expression("dns sunu", expand) == '"dns" AND ("sunucu" OR "sunucuda")'
    assert fts.match_expression("dns qqqq", expand) is None
    assert fts.match_expression("dns yava", expand) == '"dns" AND "yava"*'  # not listed


def test_results_say_why_they_matched(world: World) -> None:
    from websight_desk.domain.masking import mask_email
    from websight_desk.storage.models import Ticket as T
    from websight_desk.storage.queries.search_snippets import snippets

    with world.desk.db.read() as conn:
        by_number = {r.number: r.id for r in conn.execute(select(T.number, T.id))}
        ids = list(by_number.values())
        subject = snippets(conn, ids, "sifre")[by_number[world.password]]
        message = snippets(conn, ids, "istanbul")[by_number[world.password]]
        email = snippets(conn, ids, "mert@firma")[by_number[world.mert_ticket]]
        phone = snippets(conn, ids, "0532 111 22 33")[by_number[world.password]]
        assert snippets(conn, ids, f"#{world.password}") == {}
    assert (subject.where, subject.text) == ("subject", "[Şifre] sıfırlama")
    assert message.where == "message"
    assert "[İstanbul]" in message.text  # folded match, original letters shown
    assert (email.where, email.text) == ("contact", mask_email("mert@firma.example"))
    assert phone.where == "contact"
    assert "1112233" not in phone.text.replace(" ", "")  # a number stays masked
