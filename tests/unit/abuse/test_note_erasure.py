"""An erasure blanks the notes of terminations and reviews; the chain keeps verifying.

Notes are sealed by their digest (0009). A record sealed before that (its note sealed as text)
is converted by the erasure only when its own seal is intact; a tampered one is left alone so
`verify` keeps reporting it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from tests.unit.abuse.conftest import World, lead_review, terminate_ticket
from websight_desk.storage import chain
from websight_desk.storage.abuse_destruction import anonymise_terminations, blank_notes
from websight_desk.storage.models import AbuseReview, AbuseTermination


def _notes(world: World) -> tuple[str, str]:
    with world.desk.db.read() as conn:
        term = conn.execute(select(AbuseTermination.note)).scalar_one()
        review = conn.execute(select(AbuseReview.note)).scalar_one()
    return term, review


def _verify(world: World) -> chain.ChainResult:
    with world.desk.db.read() as conn:
        return chain.verify(conn)


def test_notes_sealed_by_digest_are_blanked_and_the_chain_holds(world: World) -> None:
    termination = terminate_ticket(world)
    lead_review(world, termination, "confirmed", "Ayşe Demir'i aradım, ikna olmadı.")
    assert _verify(world).ok
    with world.desk.db.write() as conn:
        assert blank_notes(conn, [termination]) == 2
        anonymise_terminations(conn, [termination], datetime.now(UTC))
    assert _notes(world) == ("", "")
    assert _verify(world).ok


def test_a_note_blanked_without_a_destruction_breaks_the_chain(world: World) -> None:
    terminate_ticket(world)
    with world.desk.db.write() as conn:
        conn.execute(update(AbuseTermination).values(note=""))  # hidden, not erased
    broken = _verify(world).broken
    assert broken is not None
    assert "blanked" in str(broken)


def _as_before_0009(world: World) -> None:
    """Seal the records as an older version did: over the note's text."""
    with world.desk.db.write() as conn:
        for model in (AbuseTermination, AbuseReview):
            conn.execute(update(model).values(note_digest=None, chain_prev=None, chain_hash=None))
        chain.seal_unsealed(conn)
    assert _verify(world).ok


def test_an_older_record_is_converted_and_sealed_again(world: World) -> None:
    termination = terminate_ticket(world)
    lead_review(world, termination, "confirmed", "Ayşe Demir'i aradım.")
    _as_before_0009(world)
    with world.desk.db.write() as conn:
        assert blank_notes(conn, [termination]) == 2
        anonymise_terminations(conn, [termination], datetime.now(UTC))
    assert _notes(world) == ("", "")
    assert _verify(world).ok


def test_a_tampered_older_record_is_left_as_evidence(world: World) -> None:
    termination = terminate_ticket(world)
    _as_before_0009(world)
    with world.desk.db.write() as conn:
        conn.execute(update(AbuseTermination).values(category="threat"))  # edited by hand
        blank_notes(conn, [termination])
    assert _notes_of_termination(world) == "Müşteri ekibe hakaret etti."
    assert not _verify(world).ok


def _notes_of_termination(world: World) -> str:
    with world.desk.db.read() as conn:
        return str(conn.execute(select(AbuseTermination.note)).scalar_one())
