"""A mail that lands between the worker's SEARCH and its IDLE is filed at once, not a poll later.

Dovecot does not announce, once IDLE has started, a mail that arrived just before it: without a
look between the SEARCH and the IDLE such a mail waited for the next safety re-check (30 s), and
a test waiting 30 s for its ticket failed now and then in CI.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tests.e2e.mail.mails import mail
from tests.e2e.mail.servers import Dovecot
from websight_desk.server.mail import imap_worker


def _wait_then_set(client: Any, stop: threading.Event, woke: threading.Event) -> None:
    imap_worker._wait(client, stop)
    woke.set()


def test_mail_between_search_and_idle_wakes_the_worker(
    dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imap_worker, "POLL_S", 120.0)  # a missed mail would wait this long
    client = dovecot.client()
    stop = threading.Event()
    try:
        for attempt in range(3):
            client.select_folder("INBOX")
            client.search(["UNSEEN"])  # the worker's look: nothing new yet
            dovecot.deliver(mail(f"Yeni posta {attempt}", msgid=f"<race{attempt}@m.test>"))
            woke = threading.Event()
            started = time.monotonic()
            waiter = threading.Thread(target=_wait_then_set, args=(client, stop, woke), daemon=True)
            waiter.start()
            if not woke.wait(20):
                stop.set()
                waiter.join(5)
                pytest.fail(f"attempt {attempt}: the worker slept through a new mail")
            assert time.monotonic() - started < 20
    finally:
        stop.set()
        client.logout()
