"""The server runs the KVKK destruction job itself, every day (`websight-desk-server serve`).

A run is one `kvkk.purge` op made by the server (node `server`, no agent): it anonymises every
callback and abuse termination whose server-computed `destroy_after` has passed and that no
legal hold keeps, is appended to the change log — so every workstation destroys the same
records when it pulls — and the logs forget the same fields (`server.forget`). Every run is
recorded, also one that found nothing: the record of runs is the proof that the job runs
(KVKK's ceiling is six months; we run daily). Admins see the last run in the app.

Before the first run, the server recalls its erasures (`recall_erasures`): those of the ledger
that outlives a restore of the database (`server.erasure_ledger`) are applied again.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from websight_desk.domain.ids import SERVER_NODE, new_id
from websight_desk.domain.op_kinds import validate_payload
from websight_desk.server import changelog, erasure_ledger, erasure_replay, forget
from websight_desk.server.company import load_company_settings
from websight_desk.server.stamps import server_hlc
from websight_desk.server.store import Store
from websight_desk.storage.appliers import ApplyContext, apply_ops
from websight_desk.storage.engine import checkpoint
from websight_desk.storage.kvkk_expiry import PurgeResult, plan_purge, purge_payload
from websight_desk.storage.models import KvkkPurgeRun
from websight_desk.storage.ops import Op

log = logging.getLogger(__name__)

EVERY = timedelta(days=1)
CHECK_S = 3600.0  # how often the worker wakes to see whether a run is due


def last_run(store: Store) -> datetime | None:
    with store.read() as conn:
        return conn.execute(select(func.max(KvkkPurgeRun.created_at))).scalar_one_or_none()


def run_purge(store: Store, now: datetime | None = None) -> PurgeResult:
    """One destruction run, as one op in the change log; returns what it did."""
    when = now or datetime.now(UTC)
    with store.write() as conn:
        result = plan_purge(conn, when, new_id())
        settings = load_company_settings(conn)
        payload = purge_payload(result, None, when, settings.purge_log_days)
        validate_payload("kvkk.purge", payload)
        op = Op(new_id(), "kvkk.purge", payload, server_hlc(), SERVER_NODE, None)
        apply_ops(ApplyContext(conn, with_search_index=False), [op])
        changelog.append(conn, [op], pushed_by=None)
        forget.after_push(conn, [op])
    if store.dialect == "sqlite":
        checkpoint(store.engine)
    return result


def due(store: Store, now: datetime) -> bool:
    last = last_run(store)
    return last is None or now - last >= EVERY


@dataclass
class RetentionWorker:
    store: Store
    stop: threading.Event
    thread: threading.Thread | None = None

    def loop(self) -> None:
        while not self.stop.is_set():
            try:
                if due(self.store, datetime.now(UTC)):
                    done = run_purge(self.store)
                    log.info(
                        "KVKK destruction run: %d callbacks and %d terminations anonymised, "
                        "%d kept under a legal hold",
                        done.anonymised,
                        done.terminations_anonymised,
                        done.held + done.terminations_held,
                    )
            except Exception:  # the next check tries again; the server keeps serving
                log.exception("the KVKK destruction run failed")
            self.stop.wait(CHECK_S)


def recall_erasures(store: Store) -> erasure_ledger.Ledger | None:
    """Attach the erasure ledger and apply what a restored database lacks; at start."""
    if store.data_dir is None:
        log.warning(
            "no --data directory: erasures are not remembered outside the database, so a "
            "restore of it from a backup would forget them (see docs/KVKK_COPIES.md)"
        )
        return None
    ledger = erasure_ledger.attach(store.engine, store.data_dir)
    with store.write() as conn:
        ledger.append(erasure_ledger.erasure_ops(conn))  # made before the ledger existed
        lost = erasure_ledger.missing(conn, list(ledger.ops.values()))
        present = erasure_ledger.customers_present(
            conn, sorted({str(op.payload["customer_id"]) for op in lost})
        )
        now = [op for op in lost if op.payload["customer_id"] in present]
        done = erasure_replay.replay(conn, now)
        ledger.pending = {str(op.payload["id"]): op for op in lost if op not in done}
        forget.after_push(conn, done)
    if done and store.dialect == "sqlite":
        checkpoint(store.engine)
    if ledger.pending:
        log.info("%d remembered erasures wait for their customer to return", len(ledger.pending))
    return ledger


def start(store: Store) -> RetentionWorker:
    recall_erasures(store)
    worker = RetentionWorker(store, threading.Event())
    worker.thread = threading.Thread(target=worker.loop, name="kvkk-retention", daemon=True)
    worker.thread.start()
    return worker


def stop(worker: RetentionWorker) -> None:
    worker.stop.set()
    if worker.thread is not None:
        worker.thread.join(timeout=10)
    erasure_ledger.detach(worker.store.engine)
