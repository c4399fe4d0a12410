"""Fetch the company settings the server publishes and keep them on this workstation.

The server computes retention dates from its own settings (`server.stamps`); a workstation
that uses the same numbers writes the dates the server would, and shows the limits (notes,
request deadlines) that the server enforces.
"""

from __future__ import annotations

from websight_desk.domain.company import PublishedSettings
from websight_desk.services.desk import Desk
from websight_desk.storage.company_settings import copy_differs, keep_published
from websight_desk.sync.client import SyncClient
from websight_desk.sync.errors import ServerRefused, SyncProblem

PATH = "/v1/settings"


def fetch_company_settings(client: SyncClient) -> PublishedSettings | None:
    """The server's settings; None from a server too old to publish them."""
    try:
        data = client._request("GET", PATH)
    except ServerRefused as exc:
        if exc.status == 404:
            return None
        raise
    try:
        # a newer server may publish settings this version does not know yet: skip those
        return PublishedSettings.from_json(data, ignore_unknown=True)
    except ValueError as exc:
        raise SyncProblem(
            f"The sync server published company settings this workstation cannot use: {exc}",
            hint="The settings held so far stay in force; tell the server's administrator.",
        ) from exc


def refresh_company_settings(desk: Desk, client: SyncClient) -> bool:
    """Fetch and keep the server's settings; True when they changed here."""
    published = fetch_company_settings(client)
    if published is None:
        return False
    with desk.db.read() as conn:
        if not copy_differs(conn, published):
            return False  # the usual case: no write transaction at all
    with desk.db.write() as conn:
        keep_published(conn, published, desk.now())
    return True
