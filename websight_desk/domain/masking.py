"""Mask personal data for lists and panes (KVKK: mask by default, reveal on purpose).

Pure functions, no I/O. Masks never reveal the length of what they hide beyond what the
format needs, and they never fail: odd input is masked more, not less.
"""

from __future__ import annotations

import phonenumbers

from websight_desk.domain.turkish import tr_upper

DOT = "•"  # phone digits and e-mail letters
STAR = "*"  # name letters, as agents write them on paper ("Ay** K.")
_EMAIL_HIDDEN = DOT * 3


def mask_phone(phone: str | None, *, region: str = "TR") -> str:
    """`+905321234567` → `+90 5•• ••• •• 67`: country code, first and last two digits shown."""
    if not phone or not phone.strip():
        return ""
    shown, prefix = phone.strip(), ""
    try:
        parsed = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        parsed = None
    # Only a plausible number is reformatted; anything else is masked as typed.
    if parsed is not None and phonenumbers.is_possible_number(parsed):
        shown = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        prefix = f"+{parsed.country_code}"
    if prefix and shown.startswith(prefix):
        head, body = prefix, shown[len(prefix) :]
    else:
        head, body = "", shown
    total = sum(ch.isdigit() for ch in body)
    keep_first = 1 if total > 4 else 0
    out: list[str] = []
    seen = 0
    for ch in body:
        if ch.isdigit():
            seen += 1
            visible = seen <= keep_first or seen > total - 2
            out.append(ch if visible and total > 2 else DOT)
        else:
            out.append(ch)
    return head + "".join(out)


def mask_email(email: str | None) -> str:
    """`ayse.kaya@ornek.com.tr` → `ay•••@o•••.com.tr`: enough to recognise, not to use."""
    if not email or not email.strip():
        return ""
    email = email.strip()
    local, at, domain = email.rpartition("@")
    if not at:
        return _keep(email, 1) + _EMAIL_HIDDEN
    name, dot, suffix = domain.partition(".")
    masked_domain = _keep(name, 1) + _EMAIL_HIDDEN + (dot + suffix if dot else "")
    return _keep(local, 2 if len(local) > 3 else 1) + _EMAIL_HIDDEN + "@" + masked_domain


def mask_name(name: str | None) -> str:
    """`Ayşe Kaya` → `Ay** K.`; `Ayşe Nur Kaya` → `Ay** K.`; one word → `Ay**`."""
    if not name or not name.strip():
        return ""
    words = name.split()
    first = words[0]
    keep = 2 if len(first) > 2 else 1
    masked = first[:keep] + STAR * 2
    if len(words) > 1:
        masked += f" {tr_upper(words[-1][0])}."
    return masked


def _keep(text: str, count: int) -> str:
    return text[:count] if len(text) > count else text[:1]


__all__ = ["DOT", "STAR", "mask_email", "mask_name", "mask_phone", "short_name"]


def short_name(name: str | None) -> str:
    """`Ayşe Nur Kaya` → `Ayşe K.`: how a ticket header names the customer."""
    if not name or not name.strip():
        return ""
    words = name.split()
    if len(words) == 1:
        return words[0]
    return f"{words[0]} {tr_upper(words[-1][0])}."
