"""The company's values for canned replies: article links, the SLA page, the mail servers.

Company data next to the policy, edited without code: the server's company settings hold them
(`websight-desk-server settings set canned.article_url https://…`) and publish them to every
workstation. A key is a placeholder name (`article_url`), or a reply id and a placeholder name
(`canned.email_setup_article.article_url`) for the article of one reply; the reply's own key
wins. Mail servers may contain `{domain}` (the customer's domain).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# The placeholders of `policy.canned` whose values are the company's, not the ticket's.
COMPANY_PLACEHOLDERS = (
    "article_url",
    "sla_url",
    "incoming_server",
    "outgoing_server",
    "incoming_port",
    "outgoing_port",
)
PREFIX = "canned."
VALUE_MAX = 200
_KEY = re.compile(r"(?:[a-z0-9_]{1,60}\.)?(" + "|".join(COMPANY_PLACEHOLDERS) + r")")
_URL = re.compile(r"https?://[^\s{}<>\"']+")
_HOST = re.compile(r"[A-Za-z0-9.-]*(?:\{domain\})?[A-Za-z0-9.-]*")


def placeholder_of(key: str) -> str:
    """The placeholder a key fills (`email_setup_article.article_url` -> `article_url`)."""
    match = _KEY.fullmatch(key)
    if match is None:
        known = ", ".join(COMPANY_PLACEHOLDERS)
        raise ValueError(
            f"Unknown canned-reply value {key!r} (known: {known}, each optionally after a "
            "reply id and a dot)."
        )
    return match.group(1)


def check_value(key: str, value: object) -> str:
    """The value cleaned, or ValueError saying what a value of this kind must look like."""
    name = placeholder_of(key)
    if not isinstance(value, str):
        raise ValueError(f"{PREFIX}{key} must be text, not {value!r}.")
    clean = value.strip()
    if len(clean) > VALUE_MAX:
        raise ValueError(f"{PREFIX}{key} must be at most {VALUE_MAX} characters.")
    if not clean:
        return ""
    if name.endswith("_url") and not _URL.fullmatch(clean):
        raise ValueError(f"{PREFIX}{key} must be a web address (https://…), not {clean!r}.")
    if name.endswith("_server") and not (_HOST.fullmatch(clean) and clean.strip("{}")):
        raise ValueError(
            f"{PREFIX}{key} must be a host name (may contain {{domain}}), not {clean!r}."
        )
    if name.endswith("_port") and not (clean.isdigit() and 0 < int(clean) < 65536):
        raise ValueError(f"{PREFIX}{key} must be a port from 1 to 65535, not {clean!r}.")
    return clean


def check_values(values: object) -> dict[str, str]:
    """Every key and value checked; empty values dropped (unset)."""
    if not isinstance(values, Mapping):
        raise ValueError(f"canned_values must map names to text, not {values!r}.")
    checked = {str(k): check_value(str(k), v) for k, v in values.items()}
    return {k: v for k, v in sorted(checked.items()) if v}


def value_for(values: Mapping[str, str], reply_id: str, name: str) -> str:
    """The company's value of placeholder `name` for reply `reply_id` ("" = not set)."""
    return values.get(f"{reply_id}.{name}") or values.get(name, "")


__all__ = [
    "COMPANY_PLACEHOLDERS",
    "PREFIX",
    "check_value",
    "check_values",
    "placeholder_of",
    "value_for",
]
