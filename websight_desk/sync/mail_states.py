"""The mail states the server reports (`GET /v1/mail/states`), kept in memory on the workstation.

The server is the only one that knows whether a reply was mailed, so its states are not
synced ops and are not stored locally: a workstation asks for "everything after N" every few
seconds while it is connected, and starts again from 0 after a restart (the server answers a
page of 1,000 states per request). The ticket thread reads the states of its messages here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

MAX_PAGES = 50  # per fetch; the next fetch goes on from where this one stopped


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """A file of an inbound mail as the server kept it (`kept` False: over the size limit)."""

    id: str
    filename: str
    content_type: str
    size: int
    inline: bool
    kept: bool


@dataclass(frozen=True, slots=True)
class MailState:
    """A desk message's mail: outbound queued | sent | failed | bounced; inbound filed."""

    message_id: str
    ticket_id: str
    direction: str  # in | out | web
    state: str
    reason: str | None
    updated_at: datetime
    attempts: int = 0
    next_attempt_at: datetime | None = None
    attachments: tuple[AttachmentInfo, ...] = ()

    @property
    def retrying(self) -> bool:
        """Queued again after a temporary failure of the mail server."""
        return self.state == "queued" and self.attempts > 0


@dataclass(frozen=True, slots=True)
class AckState:
    """The server's acknowledgement of a new mail ticket (it is no desk message)."""

    id: str
    ticket_id: str
    state: str  # queued | sent | failed | bounced
    reason: str | None
    updated_at: datetime


class StatesSource(Protocol):
    def mail_states(self, after: int, *, limit: int = ...) -> dict[str, Any]: ...


def _when(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _attachment(raw: object) -> AttachmentInfo | None:
    if not isinstance(raw, Mapping):
        return None
    try:
        return AttachmentInfo(
            id=str(raw["id"]),
            filename=str(raw["filename"]),
            content_type=str(raw.get("content_type") or "application/octet-stream"),
            size=max(0, int(raw["size"])),
            inline=bool(raw.get("inline", False)),
            kept=bool(raw.get("kept", False)),
        )
    except (KeyError, TypeError, ValueError):
        return None


def parse_ack(raw: object) -> AckState | None:
    """An acknowledgement's entry (outgoing, no desk message); None for anything else."""
    if not isinstance(raw, Mapping) or raw.get("message_id") is not None:
        return None
    mail_id, ticket_id = raw.get("id"), raw.get("ticket_id")
    updated = _when(raw.get("updated_at"))
    if raw.get("direction") != "out" or updated is None:
        return None
    if not isinstance(mail_id, str) or not isinstance(ticket_id, str):
        return None
    reason = raw.get("reason")
    return AckState(
        mail_id,
        ticket_id,
        str(raw.get("state", "")),
        reason if isinstance(reason, str) and reason else None,
        updated,
    )


def parse_state(raw: object) -> MailState | None:
    """One entry of the server's answer; None for one this client cannot read."""
    if not isinstance(raw, Mapping):
        return None
    message_id, ticket_id = raw.get("message_id"), raw.get("ticket_id")
    updated = _when(raw.get("updated_at"))
    if not isinstance(message_id, str) or not isinstance(ticket_id, str) or updated is None:
        return None
    files = raw.get("attachments")
    attempts = raw.get("attempts", 0)
    reason = raw.get("reason")
    return MailState(
        message_id=message_id,
        ticket_id=ticket_id,
        direction=str(raw.get("direction", "")),
        state=str(raw.get("state", "")),
        reason=reason if isinstance(reason, str) and reason else None,
        updated_at=updated,
        attempts=attempts if isinstance(attempts, int) else 0,
        next_attempt_at=_when(raw.get("next_attempt_at")),
        attachments=tuple(a for a in (_attachment(f) for f in files or ()) if a is not None)
        if isinstance(files, list)
        else (),
    )


class MailStates:
    """The states known so far, by desk message id; safe to read from the GUI thread while
    the sync thread adds to it. `version` grows with every change (a cheap "anything new?")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_message: dict[str, MailState] = {}
        self._acks: dict[str, dict[str, AckState]] = {}  # ticket id → mail id → state
        self._cursor = 0
        self._version = 0
        self._answered = False

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def version(self) -> int:
        return self._version

    @property
    def answered(self) -> bool:
        """Has the server answered at least once (so a missing state means "not yet")?"""
        return self._answered

    def apply(
        self, states: Iterable[MailState], cursor: int, acks: Iterable[AckState] = ()
    ) -> set[str]:
        """Take a page; returns the tickets whose mail changed."""
        changed: set[str] = set()
        with self._lock:
            for s in states:
                if self._by_message.get(s.message_id) != s:
                    self._by_message[s.message_id] = s
                    changed.add(s.ticket_id)
            for a in acks:
                known = self._acks.setdefault(a.ticket_id, {})
                if known.get(a.id) != a:
                    known[a.id] = a
                    changed.add(a.ticket_id)
            self._cursor = max(self._cursor, cursor)
            if changed or not self._answered:
                self._version += 1
            self._answered = True
        return changed

    def of_messages(self, message_ids: Iterable[str]) -> dict[str, MailState]:
        with self._lock:
            return {m: self._by_message[m] for m in message_ids if m in self._by_message}

    def acks_of(self, ticket_id: str) -> tuple[AckState, ...]:
        """The acknowledgements mailed (or tried) for this ticket, oldest first."""
        with self._lock:
            found = self._acks.get(ticket_id, {}).values()
            return tuple(sorted(found, key=lambda a: (a.updated_at, a.id)))


def fetch(source: StatesSource, states: MailStates, max_pages: int = MAX_PAGES) -> set[str]:
    """Ask the server for the states after the cursor; returns the tickets that changed."""
    changed: set[str] = set()
    for _page in range(max_pages):
        data = source.mail_states(states.cursor)
        raw = list(data.get("states") or ())
        page = [s for s in (parse_state(r) for r in raw) if s is not None]
        acks = [a for a in (parse_ack(r) for r in raw) if a is not None]
        nxt = data.get("next")
        changed |= states.apply(page, nxt if isinstance(nxt, int) else states.cursor, acks)
        if not data.get("more"):
            break
    return changed


_BY_WORKSPACE: dict[Path, MailStates] = {}
_REGISTRY_LOCK = threading.Lock()


def states_for(workspace: Path) -> MailStates:
    """The one in-memory store of a workspace (the sync thread fills it, the thread reads it)."""
    with _REGISTRY_LOCK:
        return _BY_WORKSPACE.setdefault(workspace.resolve(), MailStates())


__all__ = [
    "AckState",
    "AttachmentInfo",
    "MailState",
    "MailStates",
    "fetch",
    "parse_ack",
    "parse_state",
    "states_for",
]
