"""Made-up people, companies, domains and phone numbers for the demo workspace.

Every domain is under a reserved example name (`.example`, `example.com.tr`) so no real person
or company is ever addressed; phone numbers are well-formed Turkish numbers in E.164.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from websight_desk.demo.names import (
    BUSINESS_TRADES,
    BUSINESS_WORDS,
    COMPANY_FORMS,
    DOMAIN_SUFFIXES,
    EN_COMPANIES,
    EN_FIRST,
    EN_LAST,
    FEMALE,
    LANDLINE_AREAS,
    MAIL_PROVIDERS,
    MALE,
    MOBILE_PREFIXES,
    RESELLER_BRANDS,
    SURNAMES,
)
from websight_desk.domain.turkish import fold


def fast_reduce(obj: Any) -> tuple[Any, ...]:
    """Pickle a slots dataclass as its constructor call (batches go to and from a worker
    process; the dataclass default re-reads its fields for every object, several times slower)."""
    return (type(obj), tuple(getattr(obj, name) for name in obj.__slots__))


@dataclass(frozen=True, slots=True)
class Person:
    first: str
    last: str
    english: bool

    def __reduce__(self) -> tuple[Any, ...]:
        return fast_reduce(self)

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def person(rng: random.Random, english_share: float = 0.06) -> Person:
    if rng.random() < english_share:
        return Person(rng.choice(EN_FIRST), rng.choice(EN_LAST), True)
    first = rng.choice(MALE if rng.random() < 0.55 else FEMALE)
    return Person(first, rng.choice(SURNAMES), False)


def slug(text: str) -> str:
    """ASCII label for domains and mailboxes ("Çınar Mobilya" → "cinarmobilya")."""
    return "".join(ch for ch in fold(text) if ch.isascii() and ch.isalnum())


def company(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return rng.choice(EN_COMPANIES)
    form = rng.choice(COMPANY_FORMS)
    name = f"{rng.choice(BUSINESS_WORDS)} {rng.choice(BUSINESS_TRADES)}"
    return f"{name} {form}".strip()


def reseller_name(rng: random.Random) -> str:
    return f"{rng.choice(BUSINESS_WORDS)} {rng.choice(RESELLER_BRANDS)}"


def domain_for(rng: random.Random, base: str) -> str:
    stem = slug(" ".join(base.split()[:2])) or "site"
    if rng.random() < 0.3:
        stem += str(rng.randint(2, 99))
    return stem + rng.choice(DOMAIN_SUFFIXES)


def email_for(rng: random.Random, who: Person, domain: str | None) -> str:
    local = rng.choice(
        (
            f"{slug(who.first)}.{slug(who.last)}",
            f"{slug(who.first)}{rng.randint(1, 99)}",
            f"{slug(who.first)[0]}{slug(who.last)}",
        )
    )
    if domain and rng.random() < 0.6:
        return f"{local}@{domain}"
    return f"{local}@{rng.choice(MAIL_PROVIDERS)}"


def phone(rng: random.Random) -> str:
    """A Turkish mobile (mostly) or landline number in E.164."""
    prefix = rng.choice(MOBILE_PREFIXES if rng.random() < 0.8 else LANDLINE_AREAS)
    first = rng.randint(2, 9)  # subscriber numbers never start with 0 or 1
    return f"+90{prefix}{first}{rng.randint(0, 999999):06d}"


def server_label(rng: random.Random, kind: str, base: str) -> str:
    tag = {"vps": "vps", "vds": "vds", "cloud": "bulut", "dedicated": "srv"}.get(kind, "host")
    return f"{tag}{rng.randint(100, 99999)}.{slug(base.split(maxsplit=1)[0]) or 'sunucu'}.example"


def ip_address(rng: random.Random) -> str:
    # 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24: documentation ranges (RFC 5737)
    net = rng.choice(("192.0.2", "198.51.100", "203.0.113"))
    return f"{net}.{rng.randint(2, 254)}"
