"""Translated names of stored values (status, service kind, role…), shared by every widget.

Defined with `N_` at import time and translated when shown (`tr_`), so a language switch
applies at the next render and each name has exactly one msgid.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from websight_desk.domain.enums import (
    Channel,
    ContactRole,
    MessageKind,
    Priority,
    RequesterKind,
    Role,
    ServiceKind,
    TicketStatus,
)
from websight_desk.i18n import N_, _

ROLE = {Role.AGENT: N_("Agent"), Role.SHIFT_LEAD: N_("Shift lead"), Role.ADMIN: N_("Admin")}
STATUS = {
    TicketStatus.NEW: N_("New"),
    TicketStatus.OPEN: N_("Open"),
    TicketStatus.PENDING: N_("Waiting for customer"),
    TicketStatus.RESOLVED: N_("Resolved"),
    TicketStatus.CLOSED: N_("Closed"),
    TicketStatus.TERMINATED: N_("Ended for abuse"),
}
SERVICE_KIND = {
    ServiceKind.SHARED_HOSTING: N_("Shared hosting"),
    ServiceKind.RESELLER_HOSTING: N_("Reseller hosting"),
    ServiceKind.VPS: N_("VPS"),
    ServiceKind.VDS: N_("VDS"),
    ServiceKind.CLOUD: N_("Cloud server"),
    ServiceKind.DEDICATED: N_("Dedicated server"),
}
CHANNEL = {Channel.WEB: N_("Web"), Channel.EMAIL: N_("E-mail"), Channel.PHONE: N_("Phone")}
PRIORITY = {
    Priority.LOW: N_("Low"),
    Priority.NORMAL: N_("Normal"),
    Priority.HIGH: N_("High"),
    Priority.URGENT: N_("Urgent"),
}
REQUESTER = {
    RequesterKind.CUSTOMER: N_("Websight customer"),
    RequesterKind.RESELLER_END_CUSTOMER: N_("Customer of a reseller"),
}
CONTACT_ROLE = {
    ContactRole.ACCOUNT_HOLDER: N_("Account holder"),
    ContactRole.AUTHORISED_CONTACT: N_("Authorised contact"),
    ContactRole.EMPLOYEE: N_("Employee"),
}
# Symbol + word: message kinds must differ without colour (accessibility).
MESSAGE_KIND = {
    MessageKind.INBOUND: ("✉", N_("Customer")),
    MessageKind.OUTBOUND: ("↪", N_("Reply")),
    MessageKind.NOTE: ("✎", N_("Internal note")),
}


def tr_(table: Mapping[Any, str], key: object) -> str:
    """Translate a stored value's name; unknown values are shown as stored, none as "—"."""
    if key is None:
        return "—"
    text = table.get(key)
    return _(text) if text is not None else str(key)
