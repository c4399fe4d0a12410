"""Agents, customers, contacts and services: create and update through ops."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from websight_desk.domain.enums import ContactRole, Role, ServiceKind
from websight_desk.domain.errors import ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.domain.turkish import normalize
from websight_desk.storage.ops import to_iso
from websight_desk.storage.outbox import OpWriter


@dataclass(frozen=True)
class NewAgent:
    username: str
    display_name: str
    role: Role


@dataclass(frozen=True)
class NewCustomer:
    code: str
    kind: str  # individual | company
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None  # already validated E.164


@dataclass(frozen=True)
class NewService:
    customer_id: str
    kind: ServiceKind
    label: str
    reseller_id: str | None = None
    delivered_at: datetime | None = None
    has_sla: bool = False
    managed: bool = False


def add_agent(w: OpWriter, cmd: NewAgent, agent_id: str | None = None) -> str:
    if not cmd.username.strip() or not cmd.display_name.strip():
        raise ValidationError("An agent needs a user name and a display name.")
    agent_id = agent_id or new_id()
    w.emit(
        "agent.upsert",
        {
            "id": agent_id,
            "username": cmd.username.strip(),
            "display_name": normalize(cmd.display_name.strip()),
            "role": Role(cmd.role).value,
            "created_at": to_iso(w.now),
        },
    )
    return agent_id


def add_customer(w: OpWriter, cmd: NewCustomer) -> str:
    if not cmd.code.strip():
        raise ValidationError("A customer needs a customer code.")
    customer_id = new_id()
    w.emit("customer.create", customer_payload(customer_id, cmd, w.now))
    if cmd.contact_name or cmd.contact_email or cmd.contact_phone:
        w.emit("contact.upsert", contact_payload(new_id(), customer_id, cmd, w.now))
    return customer_id


def customer_payload(customer_id: str, cmd: NewCustomer, now: datetime) -> dict[str, object]:
    """The `customer.create` payload (batch writers emit it with `OpWriter.emit_many`)."""
    if not cmd.code.strip():
        raise ValidationError("A customer needs a customer code.")
    return {
        "id": customer_id,
        "code": cmd.code.strip(),
        "kind": cmd.kind,
        "created_at": to_iso(now),
    }


def contact_payload(
    contact_id: str, customer_id: str, cmd: NewCustomer, now: datetime
) -> dict[str, object]:
    """The account holder's `contact.upsert` payload from a `NewCustomer`."""
    return {
        "id": contact_id,
        "customer_id": customer_id,
        "role": ContactRole.ACCOUNT_HOLDER.value,
        "name": normalize(cmd.contact_name) if cmd.contact_name else None,
        "email": cmd.contact_email,
        "phone": cmd.contact_phone,
        "created_at": to_iso(now),
    }


def add_service(w: OpWriter, cmd: NewService) -> str:
    if not cmd.label.strip():
        raise ValidationError("A service needs a label (domain or host name).")
    service_id = new_id()
    w.emit("service.upsert", service_payload(service_id, cmd, w.now))
    return service_id


def service_payload(service_id: str, cmd: NewService, now: datetime) -> dict[str, object]:
    return {
        "id": service_id,
        "customer_id": cmd.customer_id,
        "kind": ServiceKind(cmd.kind).value,
        "label": cmd.label.strip(),
        "reseller_id": cmd.reseller_id,
        "delivered_at": to_iso(cmd.delivered_at),
        "has_sla": cmd.has_sla,
        "managed": cmd.managed,
        "created_at": to_iso(now),
    }
