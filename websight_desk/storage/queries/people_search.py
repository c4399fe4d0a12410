"""Customers found by who they are: e-mail, phone, customer code, domain or server hostname.

Agents search a customer by what the caller reads out. Each kind is a prefix range on an
index (`ix_contacts_email`, `ix_contacts_phone`, the unique code, `ix_services_label`), so a
look-up costs the same at a million tickets. Only text that looks like such a thing is
looked up (an `@` or a dot, digits, letters with digits): plain words stay full-text search.
Erased contacts hold no e-mail or phone any more, so they are not found by them.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, and_, select

from websight_desk.domain.phone import PhoneRefused, normalize_phone
from websight_desk.storage.models import Contact, Customer, Service

LIMIT = 50  # customers per kind of look-up
_TOP = "\U0010ffff"  # sorts after every character: `x <= s < x + _TOP` is "s starts with x"
_PHONE = re.compile(r"\+?[\d\s().\-/]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_MIN_PHONE_DIGITS = 6


def _starts(column: Any, prefix: str) -> Any:
    return and_(column >= prefix, column < prefix + _TOP)


def phone_prefix(text: str) -> tuple[str, bool] | None:
    """(E.164 text or its beginning, complete?) for a number in any written form.

    `0532 123 45 67`, `+90 532 123 45 67`, `(532) 123-45-67` and `5321234567` give the same
    number; a partial one (`0532 12`) gives the beginning of the stored E.164 form.
    """
    text = text.strip()
    if not _PHONE.fullmatch(text):
        return None
    digits = re.sub(r"\D", "", text)
    if len(digits) < _MIN_PHONE_DIGITS:
        return None
    try:
        return normalize_phone(text, allow_foreign=True), True
    except PhoneRefused:
        pass
    if text.startswith("+"):
        return "+" + digits, False
    if digits.startswith("00"):
        return "+" + digits[2:], False
    if digits.startswith("90"):
        return "+" + digits, False
    return "+90" + digits.removeprefix("0"), False


def _host(text: str) -> str:
    """A domain or hostname as services store it: lower case, no scheme, `www.` or path."""
    host = _SCHEME.sub("", text.strip().lower())
    host = host.split("/", 1)[0]
    return host.removeprefix("www.")


def customers_matching(conn: Connection, search: str) -> set[str]:
    """Ids of customers whose e-mail, phone, code, domain or hostname the search names."""
    text = search.strip().lstrip("#")
    if len(text) < 3:
        return set()
    found: set[str] = set()
    phone = phone_prefix(text)
    if phone is not None:
        e164, whole = phone
        cond = Contact.phone == e164 if whole else _starts(Contact.phone, e164)
        found.update(conn.execute(select(Contact.customer_id).where(cond).limit(LIMIT)).scalars())
        return found
    if any(c.isspace() for c in text):
        return found
    lowered = text.lower()
    if "@" in text or "." in text:
        for prefix in {lowered, text}:
            found.update(
                conn.execute(
                    select(Contact.customer_id).where(_starts(Contact.email, prefix)).limit(LIMIT)
                ).scalars()
            )
    if "." in text:
        found.update(
            conn.execute(
                select(Service.customer_id).where(_starts(Service.label, _host(text))).limit(LIMIT)
            ).scalars()
        )
    if any(c.isdigit() for c in text) and any(c.isalpha() for c in text):
        found.update(
            conn.execute(
                select(Customer.id).where(_starts(Customer.code, text.upper())).limit(LIMIT)
            ).scalars()
        )
    return found
