"""The ticket pane's phrases built from stored values; the value names live in
`ui.value_labels`."""

from __future__ import annotations

from websight_desk.domain.ticket_views import ServiceView
from websight_desk.i18n import _
from websight_desk.ui.value_labels import (
    CHANNEL,
    CONTACT_ROLE,
    MESSAGE_KIND,
    PRIORITY,
    REQUESTER,
    SERVICE_KIND,
    STATUS,
    tr_,
)

__all__ = [
    "CHANNEL",
    "CONTACT_ROLE",
    "MESSAGE_KIND",
    "PRIORITY",
    "REQUESTER",
    "SERVICE_KIND",
    "STATUS",
    "service_line",
    "tr_",
]


def service_line(service: ServiceView | None) -> list[str]:
    """The service context in short phrases: kind, delivery, SLA/managed, reseller."""
    if service is None:
        return [_("No service linked")]
    parts = [tr_(SERVICE_KIND, service.kind), service.label]
    if service.kind.is_server:
        parts.append(_("delivered") if service.delivered else _("not delivered yet"))
    extras = [
        label
        for flag, label in ((service.has_sla, _("SLA")), (service.managed, _("managed")))
        if flag
    ]
    parts.append(" + ".join(extras) if extras else _("no SLA"))
    if service.reseller is not None:
        who = service.reseller.name or service.reseller.code
        parts.append(_("via reseller {name}").format(name=who))
    return parts
