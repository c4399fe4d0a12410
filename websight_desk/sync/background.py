"""Background sync for the app: a pull thread (long-poll) and a push thread, no Qt here.

The UI runner starts it once, calls `wake()` after a local write so it is pushed at once,
and `stop()` on exit. Status changes are reported through `on_status` from the sync threads;
the UI must hop to its own thread before touching widgets.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from websight_desk.services.desk import Desk
from websight_desk.sync import mail_states
from websight_desk.sync.client import SyncClient
from websight_desk.sync.engine import SyncEngine, client_for, record_attempt
from websight_desk.sync.errors import (
    AccessRevoked,
    NotConnected,
    ProtocolMismatch,
    ServerRefused,
    SyncProblem,
    UntrustedCertificate,
)
from websight_desk.sync.status import SyncStatus, read_status

log = logging.getLogger(__name__)

LONG_POLL_S = 25
PUSH_INTERVAL_S = 10.0
MAX_BACKOFF_S = 60.0
MAIL_STATES_S = 5.0  # how often the mail states are asked for (a reply's "sent" shows soon)


class BackgroundSync:
    def __init__(
        self,
        desk: Desk,
        *,
        client_factory: Callable[[], SyncClient] | None = None,
        on_status: Callable[[SyncStatus], None] | None = None,
        on_fatal: Callable[[SyncProblem], None] | None = None,
        on_pulled: Callable[[int], None] | None = None,
        on_mail: Callable[[set[str]], None] | None = None,
        long_poll_s: int = LONG_POLL_S,
        push_interval_s: float = PUSH_INTERVAL_S,
        mail_states_s: float = MAIL_STATES_S,
    ) -> None:
        self.desk = desk
        self._factory = client_factory or (lambda: client_for(desk, retries=0))
        self._on_status = on_status
        self._on_fatal = on_fatal
        self._on_pulled = on_pulled  # number of changes a pull brought (the UI reloads)
        self._on_mail = on_mail  # tickets whose mail states changed
        self._mail_states_s = mail_states_s
        self.mail = mail_states.states_for(desk.paths.root)
        self._long_poll_s = long_poll_s
        self._push_interval_s = push_interval_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._clients: list[SyncClient] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        if self._threads:
            return
        self._stop.clear()
        self._wake.set()  # push what is pending right away
        for name, target in (
            ("sync-push", self._push_loop),
            ("sync-pull", self._pull_loop),
            ("sync-mail-states", self._mail_loop),
        ):
            t = threading.Thread(target=target, name=name, daemon=True)
            self._threads.append(t)
            t.start()

    def wake(self) -> None:
        """Push now (call after a local write)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        with self._lock:
            for client in self._clients:
                client.close()  # cuts a long-poll short
        for t in self._threads:
            t.join(timeout)
        self._threads.clear()
        with self._lock:  # also those a thread made while we were stopping it
            for client in self._clients:
                client.close()
            self._clients.clear()

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def _client(self) -> SyncClient:
        client = self._factory()
        with self._lock:
            self._clients.append(client)
        return client

    def _report(self, error: SyncProblem | None) -> None:
        try:
            record_attempt(self.desk, None if error is None else str(error))
            if self._on_status is not None:
                self._on_status(read_status(self.desk))
        except Exception:
            log.exception("could not report the sync status")

    def _loop(self, step: Callable[[SyncEngine], None]) -> None:
        backoff = 1.0
        engine: SyncEngine | None = None
        while not self._stop.is_set():
            try:
                if engine is None:
                    engine = SyncEngine(self.desk, self._client())
                step(engine)
                backoff = 1.0
            except (AccessRevoked, NotConnected, ProtocolMismatch, UntrustedCertificate) as exc:
                self._report(exc)
                if self._on_fatal is not None:
                    self._on_fatal(exc)
                self._stop.set()  # retrying cannot help until the user reconnects
                return
            except SyncProblem as exc:
                if self._stop.is_set():
                    return
                self._report(exc)
                self._stop.wait(backoff)
                backoff = min(MAX_BACKOFF_S, backoff * 2)
            except Exception:
                if self._stop.is_set():
                    return  # the client was closed under a request by stop()
                log.exception("sync failed (bug); retrying")
                self._stop.wait(backoff)
                backoff = min(MAX_BACKOFF_S, backoff * 2)

    def _push_loop(self) -> None:
        def step(engine: SyncEngine) -> None:
            self._wake.wait(self._push_interval_s)
            self._wake.clear()
            if self._stop.is_set():
                return
            counts = engine.push()
            if counts.sent:
                self._report(None)

        self._loop(step)

    def _pull_loop(self) -> None:
        def step(engine: SyncEngine) -> None:
            pulled, _quarantined = engine.pull(wait=self._long_poll_s)
            self._report(None)
            if pulled and self._on_pulled is not None:
                self._on_pulled(pulled)

        self._loop(step)

    def _mail_loop(self) -> None:
        """Mail states every few seconds; quietly stops on a server without the mail API."""
        client: SyncClient | None = None
        while not self._stop.is_set():
            try:
                client = client or self._client()
                changed = mail_states.fetch(client, self.mail)
                if changed and self._on_mail is not None:
                    self._on_mail(changed)
            except ServerRefused as exc:
                if exc.status in (403, 404):
                    return  # an older server, or an account that may not see mail
            except Exception:
                if self._stop.is_set():
                    return
                log.debug("mail states not fetched; retrying", exc_info=True)
            self._stop.wait(self._mail_states_s)
