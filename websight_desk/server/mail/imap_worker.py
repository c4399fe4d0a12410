"""Fetch a support mailbox over IMAP: IDLE where the server offers it, polling otherwise.

Each unseen mail is read with BODY.PEEK (reading does not mark it seen), filed in one writing
transaction, and only after that commit flagged \\Seen. A crash in between leaves the mail
unseen; the next run reads it again and finds its Message-ID already filed: nothing is lost
and nothing is filed twice. A mailbox with a `filed_folder` then moves the filed mail there
(IMAP MOVE where offered, else COPY + \\Deleted + UID EXPUNGE); noise set aside stays.
"""

from __future__ import annotations

import logging
import os
import ssl
import threading
import time
from pathlib import Path
from typing import Any

from imapclient import IMAPClient  # type: ignore[import-untyped]
from sqlalchemy.exc import SQLAlchemyError

from websight_desk.server.mail.config import Mailbox, own_addresses
from websight_desk.server.mail.filing import file_mail, set_aside
from websight_desk.server.store import Store

log = logging.getLogger(__name__)

POLL_S = 30.0  # without IDLE; with IDLE, a safety re-check this often
IDLE_RENEW_S = 25 * 60  # RFC 2177: end IDLE before 29 minutes
RETRY_MAX_S = 120.0
SEEN = b"\\Seen"
DELETED = b"\\Deleted"
MOVED = frozenset({"ticket", "message", "duplicate", "bounce"})  # filed: moved when configured

# A test hook: "fetched:PATH" or "committed:PATH" makes the worker write PATH and stop dead at
# that point, so a test can kill the server there (tests/e2e/mail). Unset in real use.
HOLD_ENV = "WEBSIGHT_DESK_MAIL_TEST_HOLD"


def _hold(stage: str) -> None:
    want, _sep, marker = os.environ.get(HOLD_ENV, "").partition(":")
    if want == stage and marker:
        Path(marker).write_text(stage, encoding="utf-8")
        while True:  # the test kills the process here
            time.sleep(3600)


def connect(box: Mailbox) -> Any:
    """A logged-in client with the mailbox's folder selected."""
    context = ssl.create_default_context()
    client = IMAPClient(
        box.host,
        port=box.port,
        ssl=box.tls == "tls",
        ssl_context=context if box.tls == "tls" else None,
        timeout=60,
    )
    if box.tls == "starttls":
        client.starttls(context)
    client.login(box.username, box.password())
    if box.filed_folder and not client.folder_exists(box.filed_folder):
        client.create_folder(box.filed_folder)
    client.select_folder(box.folder)
    return client


def move(client: Any, uid: int, folder: str) -> None:
    """Move one mail of the selected folder: MOVE (RFC 6851) where offered, else COPY, flag
    \\Deleted and expunge that one mail (UID EXPUNGE with UIDPLUS; plain EXPUNGE otherwise)."""
    if client.has_capability("MOVE"):
        client.move([uid], folder)
        return
    client.copy([uid], folder)
    client.add_flags([uid], [DELETED], silent=True)
    if client.has_capability("UIDPLUS"):
        client.expunge([uid])
    else:
        client.expunge()


def _pending(client: Any) -> dict[str, Any]:
    """The untagged responses imaplib keeps between commands (EXISTS, RECENT, ...)."""
    pending = getattr(getattr(client, "_imap", None), "untagged_responses", None)
    return pending if isinstance(pending, dict) else {}


NEWS = ("EXISTS", "RECENT")


def _take_news(client: Any) -> bool:
    """Whether imaplib kept an announcement of new mail; forgets it."""
    pending = _pending(client)
    popped = [pending.pop(key, None) for key in NEWS]  # both, not just the first found
    return any(popped)


def _news_since_search(client: Any) -> bool:
    """Whether mail arrived after the last SEARCH, asked with a NOOP before going idle.

    Dovecot does not announce, when IDLE starts, a mail that arrived just before it: without this
    question such a mail would wait for the next safety re-check (POLL_S).
    """
    _take_news(client)  # what the SEARCH already answered
    _text, responses = client.noop()
    names = {r[1] for r in responses if isinstance(r, tuple) and len(r) >= 2}
    return bool(names & {b"EXISTS", b"RECENT"})


def drain(client: Any, store: Store, box: Mailbox, stop: threading.Event) -> int:
    """File every unseen mail of the selected folder; returns how many were read."""
    uids = sorted(int(u) for u in client.search(["UNSEEN"]))
    for uid in uids:
        if stop.is_set():
            break
        data = client.fetch([uid], ["BODY.PEEK[]"]).get(uid)
        raw = data.get(b"BODY[]") if data else None
        if not isinstance(raw, bytes):
            continue  # expunged meanwhile
        _hold("fetched")
        try:
            with store.write() as conn:
                outcome = file_mail(conn, raw, box, own_addresses(conn)).outcome
        except SQLAlchemyError:
            raise  # the database: the mail stays unseen and is read again later
        except Exception:  # a bug on this mail: keep its source, let the next ones through
            log.exception("mailbox %s: mail %d could not be filed", box.name, uid)
            with store.write() as conn:
                outcome = set_aside(conn, raw, box)
        _hold("committed")
        client.add_flags([uid], [SEEN], silent=True)
        if box.filed_folder and outcome in MOVED:
            try:
                move(client, uid, box.filed_folder)
            except Exception as exc:  # filed and seen: it only stays where it is
                log.warning("mailbox %s: mail %d not moved: %s", box.name, uid, exc)
        log.info("mailbox %s: mail %d %s", box.name, uid, outcome)
    return len(uids)


def _wait(client: Any, stop: threading.Event) -> None:
    """Until the server says something changed, POLL_S passed, or a stop was asked."""
    if not client.has_capability("IDLE"):
        stop.wait(POLL_S)
        return
    if _news_since_search(client):
        return
    client.idle()
    try:
        if _take_news(client):  # announced before the server's "+": idle_check() never sees it
            return
        started = time.monotonic()
        while not stop.is_set() and time.monotonic() - started < min(POLL_S, IDLE_RENEW_S):
            if client.idle_check(timeout=1.0):
                break
    finally:
        client.idle_done()


class MailboxWorker(threading.Thread):
    """One mailbox, for the life of the server; reconnects with back-off after failures."""

    def __init__(self, store: Store, box: Mailbox, stop: threading.Event) -> None:
        super().__init__(name=f"mail-in-{box.name}", daemon=True)
        self.store = store
        self.box = box
        self.stop = stop

    def run(self) -> None:
        delay = 2.0
        while not self.stop.is_set():
            client = None
            try:
                client = connect(self.box)
                delay = 2.0
                while not self.stop.is_set():
                    drain(client, self.store, self.box, self.stop)
                    _wait(client, self.stop)
            except Exception as exc:  # the mail server or the network: log, wait, reconnect
                log.warning("mailbox %s: %s: %s", self.box.name, type(exc).__name__, exc)
                self.stop.wait(delay)
                delay = min(delay * 2, RETRY_MAX_S)
            finally:
                if client is not None:
                    try:
                        client.logout()
                    except Exception:
                        log.debug("mailbox %s: logout failed", self.box.name)
