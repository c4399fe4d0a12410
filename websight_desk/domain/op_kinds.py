"""Every op kind, registered explicitly: its schema and the rules the server adds to it.

A kind missing here cannot be emitted, applied or pushed (tests check that every applier and
every server rule has an entry, and the reverse). Nothing is loaded by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError as PydanticError

from websight_desk.domain import op_schemas as s
from websight_desk.domain.enums import Role


@dataclass(frozen=True, slots=True)
class KindSpec:
    """What the server needs to know of a kind besides its schema."""

    schema: type[s.Payload]
    # Append-only: a second op for an existing record id is refused (a correction is a new
    # record). Otherwise the record is mutable and the greatest (HLC, node) wins.
    append_only: bool = True
    # Roles that may push the kind (None: every signed-in account).
    roles: frozenset[Role] | None = None
    # Payload fields that name the acting account: the server requires the pushing account
    # there (a workstation without a signed-in agent may leave them empty only locally).
    actors: tuple[str, ...] = ()
    # Payload fields the server computes itself (a client's value is replaced by the server's).
    stamped: tuple[str, ...] = ()

    @property
    def last_writer_wins(self) -> bool:
        return not self.append_only


_ADMIN = frozenset({Role.ADMIN})
_LEAD = frozenset({Role.SHIFT_LEAD})

KINDS: dict[str, KindSpec] = {
    "agent.upsert": KindSpec(s.AgentUpsert, append_only=False, roles=_ADMIN),
    "customer.create": KindSpec(s.CustomerCreate, stamped=("code",)),
    "contact.upsert": KindSpec(s.ContactUpsert, append_only=False),
    "service.upsert": KindSpec(s.ServiceUpsert, append_only=False),
    "ticket.create": KindSpec(s.TicketCreate, actors=("created_by",), stamped=("number",)),
    # The author of a customer's message is nobody; of a reply or note, the pusher (a check).
    "message.create": KindSpec(s.MessageCreate),
    # A field change is an append-only record; the ticket's field is projected from the
    # greatest (HLC, node) of its changes, so its HLC is ordered like a mutable record's.
    "ticket.set_field": KindSpec(s.TicketSetField, actors=("author_agent_id",)),
    "audit.create": KindSpec(s.AuditCreate, actors=("actor_agent_id",)),
    "callback.create": KindSpec(s.CallbackCreate, actors=("agent_id",), stamped=("destroy_after",)),
    "legal_hold.set": KindSpec(s.LegalHoldSet, roles=_ADMIN, actors=("set_by",)),
    "legal_hold.release": KindSpec(s.LegalHoldRelease, roles=_ADMIN, actors=("released_by",)),
    "kvkk_text.create": KindSpec(s.KvkkTextCreate, roles=_ADMIN),
    "kvkk_request.create": KindSpec(s.KvkkRequestCreate, actors=("created_by",)),
    "kvkk_request.close": KindSpec(s.KvkkRequestClose, actors=("closed_by",)),
    "kvkk.purge": KindSpec(s.KvkkPurge, actors=("ran_by",)),
    "kvkk.erase": KindSpec(s.KvkkErase, roles=_ADMIN, actors=("erased_by",)),
    "termination.create": KindSpec(
        s.TerminationCreate, actors=("reported_by",), stamped=("destroy_after",)
    ),
    "review.create": KindSpec(s.ReviewCreate, roles=_LEAD, actors=("reviewer_id",)),
    "override.create": KindSpec(s.OverrideCreate, actors=("agent_id",)),
}

# Kinds whose HLC decides which value is current: the server re-stamps them when they claim a
# time ahead of its own clock, so that a forged future stamp cannot win.
ORDERED_BY_CLOCK = frozenset(
    {"agent.upsert", "contact.upsert", "service.upsert", "ticket.set_field"}
)


class InvalidPayload(ValueError):
    """A payload that does not fit its kind's schema (a malformed op, not a business refusal)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def spec_of(kind: str) -> KindSpec:
    spec = KINDS.get(kind)
    if spec is None:
        raise InvalidPayload(kind, f"unknown op kind {kind[:48]!r}")
    return spec


def validate_payload(kind: str, payload: Mapping[str, Any]) -> s.Payload:
    """The typed payload of an op; raises `InvalidPayload` naming the first problems."""
    spec = spec_of(kind)
    try:
        return spec.schema.model_validate(payload)
    except PydanticError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'payload'}: {err['msg']}"
            for err in exc.errors(include_url=False, include_input=False)[:5]
        )
        raise InvalidPayload(kind, f"{kind}: {problems}") from None
