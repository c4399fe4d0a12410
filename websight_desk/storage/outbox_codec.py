"""Compact outbox payloads: the canonical JSON of bulky ops stored deflated (SQLite only).

A workstation's outbox holds the canonical JSON of every change it made until the server has
it, and a message's or ticket's JSON is mostly text the record's own row also holds. Deflate
with a preset dictionary of the payloads' keys and common values halves such a payload; the
text read back is byte for byte the JSON that was stored, so the op pushed (and its content
compared by the server) is unchanged.

A packed payload is a BLOB: a version byte (which dictionary) and raw deflate. Unpacked text
stays TEXT: ops that SQL inspects (`json_extract`, `LIKE`) are never packed (`PACKED_KINDS`),
and rows rewritten later (adoption, restamping, scrubbing) are stored as text again.
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator

# Kinds whose payloads are packed: the bulk of a workspace's outbox, and read only through
# the model (push, adopt, restamp, retry). Erasure scrubbing finds packed rows itself
# (`storage/scrub.py`); conflicts (`ticket.set_field`) and refusals (terminations, reviews)
# are looked up inside the JSON by SQL, so those stay text.
PACKED_KINDS = frozenset(
    {"message.create", "ticket.create", "customer.create", "contact.upsert", "service.upsert"}
)
_V1 = 1
# Version 1's dictionary. Never change it: packed rows name it by their first byte (a new
# dictionary is a new version; both stay readable). Deflate finds matches near the end first.
_DICT_V1 = "".join(
    (
        "Merhaba, İyi çalışmalar. Teşekkürler. Saygılarımla, Kolay gelsin. sunucu alan adı ",
        "e-posta şifre hosting fatura ödeme yedek web sitesi açılmıyor hata SSL sertifika ",
        "DNS cPanel Hello, Thank you. Best regards, server domain e-mail password backup ",
        '"reseller_id":null,"managed":false,"has_sla":false,"delivered_at":"2026-',
        '"kind":"shared_hosting","kind":"reseller_hosting","kind":"vps","kind":"cloud",',
        '"kind":"company","kind":"individual","code":"WS00',
        '"role":"account_holder","phone":"+905","email":"',
        '"status":"new","subject":"Re: ","service_id":"',
        '"requester_kind":"customer","priority":"normal","number":',
        '"department":"technical","department":"billing","created_by":null,',
        '"customer_id":"01","channel":"email","channel":"web","assignee_id":null,',
        '"kind":"outbound","kind":"internal","kind":"inbound","id":"01',
        '"created_at":"2026-',
        '.000000+00:00","customer_id":"01',
        '{"author_agent_id":null,"body":"',
        '","created_at":"2026-',
        '.000000+00:00","id":"01',
        '","ticket_id":"01',
    )
).encode()
_WBITS = -15  # raw deflate: no zlib header or checksum (the JSON is checked when parsed)


def pack(text: str) -> bytes:
    """The stored form of a payload's canonical JSON."""
    packer = zlib.compressobj(6, zlib.DEFLATED, _WBITS, 9, zlib.Z_DEFAULT_STRATEGY, _DICT_V1)
    return bytes((_V1,)) + packer.compress(text.encode()) + packer.flush()


def unpack(value: str | bytes) -> str:
    """The canonical JSON of a stored payload (packed or text)."""
    if isinstance(value, str):
        return value
    if not value or value[0] != _V1:
        raise ValueError(f"unknown packed payload version {value[:1]!r}")
    unpacker = zlib.decompressobj(_WBITS, zdict=_DICT_V1)
    return (unpacker.decompress(value[1:]) + unpacker.flush()).decode()


class PayloadText(TypeDecorator[str]):
    """A payload column: reads packed payloads back as their JSON text.

    Values bound to SQL are not packed (a `LIKE` pattern must stay text): the writer packs
    explicitly (`OpWriter.emit_many`), so text written elsewhere is simply stored as text.
    """

    impl = Text
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else unpack(value)


__all__ = ["PACKED_KINDS", "PayloadText", "pack", "unpack"]
