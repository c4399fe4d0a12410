"""Senders the desk could not verify: mail from an address no customer contact holds.

Such a mail still becomes a ticket, for a placeholder customer of its own whose code is in the
`UNV` series (`UNV0000001`, ...; one per unknown address, so a KVKK erasure of that person
touches nobody else). The contact of the placeholder holds the address and the name the mail
gave. "Sender not verified" is derived from the code: a workstation shows it wherever the
customer is shown, and an agent links the person to the real customer when they are verified.
"""

from __future__ import annotations

import re

UNVERIFIED_PREFIX = "UNV"
FIRST_UNVERIFIED_CODE = "UNV0000001"
_UNVERIFIED = re.compile(r"^UNV[0-9]{7,}$")


def is_unverified_code(code: str) -> bool:
    """Is this the code of a placeholder customer made for an unknown sender?"""
    return _UNVERIFIED.match(code) is not None
