"""Every op kind is declared once and known everywhere: emitter, appliers, server rules."""

from __future__ import annotations

from websight_desk.domain.op_kinds import KINDS, ORDERED_BY_CLOCK
from websight_desk.server import rules
from websight_desk.storage.appliers import APPLIERS
from websight_desk.storage.kind_tables import TABLES


def test_every_kind_has_a_schema_an_applier_a_table_and_nothing_extra() -> None:
    assert set(APPLIERS) == set(KINDS)
    assert set(TABLES) == set(KINDS)
    assert set(rules.CHECKS) <= set(KINDS)
    assert set(rules.EXTRA_REFERENCES) <= set(KINDS)
    assert set(KINDS) >= ORDERED_BY_CLOCK


def test_the_schema_names_the_tables_columns() -> None:
    """A payload field the table does not have would be silently dropped by an applier."""
    for kind, spec in KINDS.items():
        columns = {c.name for c in TABLES[kind].columns}
        fields = set(spec.schema.model_fields)
        # fields kept elsewhere: personal parts of callbacks, a purge's and an erasure's lists
        elsewhere = {
            "callback.create": {"contact_id", "contact_name", "phone", "notes", "recording_ref"},
            "ticket.create": set(),
        }.get(kind, set())
        missing = fields - columns - elsewhere - {"redacted"}  # a mark of the stored op only
        assert not missing, (kind, missing)


def test_actor_fields_exist_in_their_schema() -> None:
    for kind, spec in KINDS.items():
        assert set(spec.actors) <= set(spec.schema.model_fields), kind
        assert set(spec.stamped) <= set(spec.schema.model_fields), kind
