"""Client-made UUIDv7 identifiers (RFC 9562): time-ordered, so indexes stay append-friendly."""

from __future__ import annotations

import os
import threading
import time
import uuid

# The node id of the sync server's own ops (accounts it publishes); never a workstation's.
SERVER_NODE = "server"

_lock = threading.Lock()
_last_ms = 0
_seq = 0


_RANDOM_BYTES = 8 * 512
_random = b""
_random_at = _RANDOM_BYTES


def _random64() -> int:
    """64 bits from the OS generator, drawn 4 KiB at a time (one syscall per 512 ids)."""
    global _random, _random_at  # noqa: PLW0603 - a per-process buffer, reset on fork
    if _random_at >= _RANDOM_BYTES:
        _random, _random_at = os.urandom(_RANDOM_BYTES), 0
    at = _random_at
    _random_at = at + 8
    return int.from_bytes(_random[at : at + 8], "big")


def _forget_random() -> None:
    """A forked child must not reuse the parent's unread random bytes (duplicate ids)."""
    global _random_at  # noqa: PLW0603
    _random_at = _RANDOM_BYTES


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_random)


def uuid7(now_ms: int | None = None) -> uuid.UUID:
    """Return a new UUIDv7; ids made in one process are strictly increasing."""
    return uuid.UUID(int=_uuid7_int(now_ms))


def _uuid7_int(now_ms: int | None = None) -> int:
    global _last_ms, _seq  # noqa: PLW0603 - process-wide monotonic state
    with _lock:
        ms = int(time.time() * 1000) if now_ms is None else now_ms
        if ms <= _last_ms:
            ms = _last_ms
            _seq += 1
            if _seq > 0xFFF:  # 12-bit counter exhausted: borrow the next millisecond
                ms += 1
                _seq = 0
        else:
            _seq = 0
        _last_ms = ms
        rand_b = _random64() & ((1 << 62) - 1)
        value = (ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76
        value |= _seq << 64
        value |= 0b10 << 62
        value |= rand_b
        return value


def new_id() -> str:
    """A new UUIDv7 in its canonical text form, as stored and synced."""
    # Formatted directly: bulk writes make millions of ids and uuid.UUID costs 3x more.
    h = f"{_uuid7_int():032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid7_ms(value: str | uuid.UUID) -> int:
    """The Unix milliseconds embedded in a UUIDv7."""
    u = value if isinstance(value, uuid.UUID) else uuid.UUID(value)
    return u.int >> 80
