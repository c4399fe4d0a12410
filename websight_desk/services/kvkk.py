"""KVKK use cases in one place: texts, retention and purge, legal holds, requests, export, erase.

The implementation lives in the `kvkk_*` modules next to this one; import from here.
"""

from __future__ import annotations

from websight_desk.services.kvkk_erase import EraseCustomer, ErasureResult, erase_customer
from websight_desk.services.kvkk_export import collect, export_customer, to_json
from websight_desk.services.kvkk_purge import (
    PurgeResult,
    expired_callbacks,
    expired_terminations,
    last_purge_at,
    purge,
)
from websight_desk.services.kvkk_requests import (
    close_request,
    kvkk_deadlines,
    mark_request,
    open_request_of,
    release_legal_hold,
    set_legal_hold,
)
from websight_desk.services.kvkk_settings import (
    CompanySettings,
    KvkkSettings,
    company_settings,
    kvkk_settings,
)
from websight_desk.services.kvkk_texts import (
    TextVersion,
    current_text,
    get_text,
    new_text_version,
    text_versions,
)
from websight_desk.storage.kvkk_holds import (
    ActiveHold,
    active_holds,
    held_callback_ids,
    held_termination_ids,
)

__all__ = [
    "ActiveHold",
    "CompanySettings",
    "EraseCustomer",
    "ErasureResult",
    "KvkkSettings",
    "PurgeResult",
    "TextVersion",
    "active_holds",
    "close_request",
    "collect",
    "company_settings",
    "current_text",
    "erase_customer",
    "expired_callbacks",
    "expired_terminations",
    "export_customer",
    "get_text",
    "held_callback_ids",
    "held_termination_ids",
    "kvkk_deadlines",
    "kvkk_settings",
    "last_purge_at",
    "mark_request",
    "new_text_version",
    "open_request_of",
    "purge",
    "release_legal_hold",
    "set_legal_hold",
    "text_versions",
    "to_json",
]
