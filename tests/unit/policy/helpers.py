"""Builders shared by the policy tests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from websight_desk.domain.enums import RequesterKind, ServiceKind
from websight_desk.policy import Facts, TextPart

IST = ZoneInfo("Europe/Istanbul")
NOON = datetime(2026, 11, 26, 11, 0, tzinfo=IST)


def facts(
    subject: str,
    body: str = "",
    *,
    service: ServiceKind | None = ServiceKind.SHARED_HOSTING,
    requester: RequesterKind = RequesterKind.CUSTOMER,
    delivered: bool = True,
    sla: bool = False,
    managed: bool = False,
) -> Facts:
    return Facts(
        subject=subject,
        parts=(TextPart("body", body),),
        service=service,
        requester=requester,
        server_delivered=delivered,
        has_sla=sla,
        managed=managed,
    )
