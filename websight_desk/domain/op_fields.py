"""Field types of op payloads: ids, bounded texts, timestamps with a zone, small numbers.

Each type checks a JSON value and keeps it as it is (a payload is validated, never rewritten),
so the canonical text of a payload — the idempotency key of sync — does not change.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, Field, StrictBool, StrictInt, StrictStr

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# Control characters other than tab and newline have no place in what people write; NUL cannot
# be stored by PostgreSQL at all.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _clean(value: str) -> str:
    if value.isascii() and value.isprintable():
        return value
    found = _FORBIDDEN.search(value)
    if found is not None:
        if "\ud800" <= found.group() <= "\udfff":
            raise ValueError("must be valid Unicode text (no lone surrogates)")
        raise ValueError("must not contain control characters")
    return value


def _timestamp(value: str) -> str:
    if len(value) > 40:
        raise ValueError("is not an ISO-8601 timestamp")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("is not an ISO-8601 timestamp") from None
    if parsed.tzinfo is None:
        raise ValueError("must carry a UTC offset")
    return value


# A lowercase UUID (checked by pydantic's own regex engine: ids are the most frequent field).
Id = Annotated[StrictStr, Field(pattern=_UUID.pattern)]
Timestamp = Annotated[StrictStr, AfterValidator(_timestamp)]
Flag = StrictBool


# Bounded texts (characters), without control characters.
Word = Annotated[StrictStr, Field(min_length=1, max_length=64), AfterValidator(_clean)]
Code = Annotated[StrictStr, Field(min_length=1, max_length=32), AfterValidator(_clean)]
Token = Annotated[StrictStr, Field(min_length=1, max_length=24), AfterValidator(_clean)]
Tag = Annotated[StrictStr, Field(min_length=1, max_length=48), AfterValidator(_clean)]
Ref = Annotated[StrictStr, Field(min_length=1, max_length=64), AfterValidator(_clean)]
PhoneText = Annotated[StrictStr, Field(max_length=20), AfterValidator(_clean)]
Label = Annotated[StrictStr, Field(max_length=200), AfterValidator(_clean)]
Subject = Annotated[StrictStr, Field(min_length=1, max_length=500), AfterValidator(_clean)]
Reason = Annotated[StrictStr, Field(max_length=1000), AfterValidator(_clean)]
Note = Annotated[StrictStr, Field(max_length=2000), AfterValidator(_clean)]
Body = Annotated[StrictStr, Field(max_length=100_000), AfterValidator(_clean)]
Json = Annotated[StrictStr, Field(max_length=20_000), AfterValidator(_clean)]
Count = Annotated[StrictInt, Field(ge=0, le=100_000_000)]
Version = Annotated[StrictInt, Field(ge=1, le=1_000_000)]
Lang = Annotated[StrictStr, Field(pattern=r"^[a-z]{2}$")]
Phone = Annotated[StrictStr, Field(pattern=r"^\+[1-9][0-9]{6,14}$")]
Email = Annotated[StrictStr, Field(max_length=320), AfterValidator(_clean)]
