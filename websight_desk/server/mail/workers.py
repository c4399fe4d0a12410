"""Run the mail channel inside `websight-desk-server serve`, only when it is configured.

One thread per mailbox (IMAP) and one for the change-log scan, the SMTP queue and the
clean-up of raw sources. With no mailbox and no SMTP configured nothing starts.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from websight_desk.server.mail import outbound, records, smtp_send
from websight_desk.server.mail.config import SmtpConfig, list_mailboxes, load_smtp
from websight_desk.server.mail.imap_worker import MailboxWorker
from websight_desk.server.store import Store

log = logging.getLogger(__name__)

SCAN_S = 1.0
PURGE_EVERY_S = 600.0


class OutboundWorker(threading.Thread):
    """Queue replies found in the change log, send what is due, purge old raw sources."""

    def __init__(self, store: Store, cfg: SmtpConfig | None, stop: threading.Event) -> None:
        super().__init__(name="mail-out", daemon=True)
        self.store = store
        self.cfg = cfg
        self.stop = stop

    def once(self, purge: bool = False) -> None:
        with self.store.read() as conn:  # the writer's lock only when there is work
            idle = records.cursor(conn, outbound.OUTBOUND_CURSOR) == self.store.head(conn)
        if not idle or purge:
            self._scan(purge)
        if self.cfg is not None:
            smtp_send.send_due(self.store, self.cfg)

    def _scan(self, purge: bool) -> None:
        read = outbound.SCAN_PAGE
        while read == outbound.SCAN_PAGE:  # a page per transaction: pushes are not held up
            with self.store.write() as conn:
                read = outbound.scan(conn, self.store.head(conn), self.cfg)
                if purge:
                    outbound.purge_raw(conn, datetime.now(UTC))
                    purge = False

    def run(self) -> None:
        next_purge = time.monotonic()
        while not self.stop.is_set():
            try:
                purge = time.monotonic() >= next_purge
                self.once(purge)
                if purge:
                    next_purge = time.monotonic() + PURGE_EVERY_S
            except Exception as exc:  # the database or a bug: log, and keep the server up
                log.warning("mail sender: %s: %s", type(exc).__name__, exc)
            self.stop.wait(SCAN_S)


@dataclass
class Workers:
    stop: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)

    def close(self, timeout: float = 5.0) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout)


def start(store: Store) -> Workers | None:
    """Start the configured mail workers; None (nothing started) when mail is not set up."""
    with store.read() as conn:
        boxes = list_mailboxes(conn)
        cfg = load_smtp(conn)
    if not boxes and cfg is None:
        return None
    workers = Workers()
    workers.threads.append(OutboundWorker(store, cfg, workers.stop))
    workers.threads.extend(MailboxWorker(store, box, workers.stop) for box in boxes)
    for t in workers.threads:
        t.start()
    names = ", ".join(b.name for b in boxes) or "none"
    print(f"mail: mailboxes {names}; SMTP {'on' if cfg else 'off'}", flush=True)
    return workers


def stop(workers: Workers | None) -> None:
    if workers is not None:
        workers.close()
