"""Demo customers and their services: companies, individuals, resellers and their end customers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from websight_desk.demo import people as pp
from websight_desk.demo.people import fast_reduce
from websight_desk.domain.enums import ServiceKind
from websight_desk.domain.ids import new_id
from websight_desk.services.people import (
    NewCustomer,
    NewService,
    contact_payload,
    customer_payload,
    service_payload,
)

KIND_WEIGHTS = {
    ServiceKind.SHARED_HOSTING: 46,
    ServiceKind.RESELLER_HOSTING: 8,
    ServiceKind.VPS: 15,
    ServiceKind.VDS: 8,
    ServiceKind.CLOUD: 13,
    ServiceKind.DEDICATED: 7,
}
_KINDS = list(KIND_WEIGHTS)
# Customers (and resellers, end customers) a run keeps to pick returning ones from. Past
# this, a new one takes a random old one's place: a million-ticket run's generator stays
# bounded in memory, and returning customers still come back.
POOL = 50_000
_WEIGHTS = list(KIND_WEIGHTS.values())


@dataclass(frozen=True, slots=True)
class DemoService:
    id: str
    customer_id: str
    kind: ServiceKind
    label: str
    reseller_id: str | None
    delivered: bool
    has_sla: bool
    managed: bool

    def __reduce__(self) -> tuple[Any, ...]:
        return fast_reduce(self)


@dataclass(slots=True)
class DemoCustomer:
    id: str
    code: str
    person: pp.Person
    company: str | None
    email: str
    phone: str
    domain: str
    services: list[DemoService] = field(default_factory=list)
    reseller_name: str | None = None  # set when this customer resells hosting

    def __reduce__(self) -> tuple[Any, ...]:
        return fast_reduce(self)


@dataclass
class Accounts:
    """The customers made in this run, and the payloads still to be written."""

    rng: random.Random
    next_code: int
    customers: list[DemoCustomer] = field(default_factory=list)
    resellers: list[DemoCustomer] = field(default_factory=list)
    end_customers: list[tuple[DemoCustomer, DemoCustomer]] = field(default_factory=list)
    pending: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    def take_pending(self) -> dict[str, list[dict[str, object]]]:
        out, self.pending = self.pending, {}
        return out

    def _keep(self, pool: list[Any], item: Any) -> None:
        if len(pool) < POOL:
            pool.append(item)
        else:
            pool[self.rng.randrange(POOL)] = item

    def _emit(self, kind: str, payload: dict[str, object]) -> None:
        self.pending.setdefault(kind, []).append(payload)

    def new_customer(self, at: datetime, *, reseller: bool = False) -> DemoCustomer:
        rng = self.rng
        who = pp.person(rng)
        is_company = reseller or rng.random() < 0.55
        org = (pp.reseller_name(rng) if reseller else pp.company(rng)) if is_company else None
        domain = pp.domain_for(rng, org or who.full)
        code = f"WS{self.next_code:07d}"
        self.next_code += 1
        cust = DemoCustomer(
            new_id(), code, who, org, pp.email_for(rng, who, domain), pp.phone(rng), domain
        )
        cmd = NewCustomer(
            code=code,
            kind="company" if is_company else "individual",
            contact_name=who.full,
            contact_email=cust.email,
            contact_phone=cust.phone,
        )
        since = at - timedelta(days=rng.randint(30, 1500))
        self._emit("customer.create", customer_payload(cust.id, cmd, since))
        self._emit("contact.upsert", contact_payload(new_id(), cust.id, cmd, since))
        self._keep(self.customers, cust)
        if reseller:
            cust.reseller_name = org
            self._keep(self.resellers, cust)
            self.add_service(cust, at, ServiceKind.RESELLER_HOSTING, domain=domain)
        return cust

    def add_service(
        self,
        cust: DemoCustomer,
        at: datetime,
        kind: ServiceKind | None = None,
        *,
        domain: str | None = None,
        reseller: DemoCustomer | None = None,
    ) -> DemoService:
        rng = self.rng
        kind = kind or rng.choices(_KINDS, _WEIGHTS)[0]
        base = cust.company or cust.person.full
        if kind.is_server:
            label = pp.server_label(rng, kind.value, base)
            delivered = rng.random() < 0.8
            has_sla, managed = rng.random() < 0.15, rng.random() < 0.12
        else:
            label = domain or (cust.domain if not cust.services else pp.domain_for(rng, base))
            delivered, has_sla, managed = True, rng.random() < 0.04, False
        created = at - timedelta(days=rng.randint(20, 900) if delivered else rng.randint(0, 4))
        svc = DemoService(
            new_id(),
            cust.id,
            kind,
            label,
            reseller.id if reseller else None,
            delivered,
            has_sla,
            managed,
        )
        cmd = NewService(
            customer_id=cust.id,
            kind=kind,
            label=label,
            reseller_id=svc.reseller_id,
            delivered_at=created + timedelta(hours=rng.randint(2, 72)) if delivered else None,
            has_sla=has_sla,
            managed=managed,
        )
        self._emit("service.upsert", service_payload(svc.id, cmd, created))
        cust.services.append(svc)
        return svc

    def end_customer(self, at: datetime) -> tuple[DemoCustomer, DemoCustomer]:
        """A (reseller, end customer) pair; the end customer's hosting was sold by the reseller."""
        rng = self.rng
        if self.end_customers and rng.random() < 0.3:
            return rng.choice(self.end_customers)
        if not self.resellers or rng.random() < 0.15:
            self.new_customer(at, reseller=True)
        reseller = rng.choice(self.resellers)
        cust = self.new_customer(at)
        self.add_service(cust, at, ServiceKind.SHARED_HOSTING, reseller=reseller)
        self._keep(self.end_customers, (reseller, cust))
        return reseller, cust

    def pick(self, at: datetime) -> tuple[DemoCustomer, DemoService]:
        """A customer and one of their own services (new or returning)."""
        rng = self.rng
        if len(self.customers) > 20 and rng.random() < 0.5:
            cust = rng.choice(self.customers)
            own = [s for s in cust.services if s.reseller_id is None]
            if own and rng.random() < 0.85:
                return cust, rng.choice(own)
            return cust, self.add_service(cust, at)
        if rng.random() < 0.04:
            cust = self.new_customer(at, reseller=True)
            return cust, cust.services[0]
        cust = self.new_customer(at)
        return cust, self.add_service(cust, at)
