"""Push and pull of N changes over loopback HTTP against a real server process.

Run: `python -m bench.bench_sync [--changes 10000] [--runs 3] [--backend sqlite|postgresql|all]
[--cache DIR]`. A first sync: workstation A pushes N pending changes (customers, tickets, two
messages each, made by the real services), then a fresh workstation B pulls everything.
Prints changes/second for push and for pull (each run, median), the median and p95 of the
requests, and the CPU seconds of the client, the server process and (PostgreSQL) the
database backends: on a busy shared machine wall time says more about the neighbours than
about us, while CPU per change does not.

The pushing workstation is made once (into `--cache DIR`, reused by later invocations; else a
temp dir) and copied for each run; its ops are re-authored to the run's fresh account.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from tests.e2e.sync.data import make_tickets
from tests.e2e.sync.serverproc import (
    ServerProc,
    create_pg_database,
    drop_pg_database,
    pg_available,
    workstation,
)
from websight_desk.services.desk import open_desk
from websight_desk.storage.appliers import ApplyContext, apply_ops
from websight_desk.storage.models import SyncOutbox
from websight_desk.storage.ops import Op
from websight_desk.storage.outbox_codec import PACKED_KINDS, pack
from websight_desk.sync.client import SyncClient
from websight_desk.sync.engine import SyncEngine
from websight_desk.sync.status import read_status

TEMPLATE_AGENT = "00000000-0000-7000-8000-00000000be01"  # the cached workstation's author


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pg_backends(db_name: str) -> list[int]:
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        rows = c.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (db_name,),
        ).fetchall()
    return [int(r[0]) for r in rows]


@dataclass
class Meter:
    """Wall time, request latencies and CPU of the client, server and database backends."""

    server_pid: int
    db_name: str | None
    wall: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)

    def _sample(self) -> dict[str, float]:
        out = {"client": time.process_time(), "server": _cpu_s(self.server_pid)}
        if self.db_name:
            # pooled connections live as long as the server: sampled at start and end
            out["postgres"] = sum(_cpu_s(pid) for pid in _pg_backends(self.db_name))
        return out

    @contextmanager
    def measure(self) -> Iterator[None]:
        before, t0 = self._sample(), time.perf_counter()
        yield
        self.wall = time.perf_counter() - t0
        after = self._sample()
        self.cpu = {k: after[k] - before[k] for k in after}

    def timed(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.latencies.append(time.perf_counter() - t0)

        return wrapper


def template_workstation(cache: Path, changes: int) -> Path:
    """A workspace whose outbox holds `changes` pending ops by TEMPLATE_AGENT (made once)."""
    ready = cache / f"sync-{changes}" / "ready"
    root = ready.parent / "workspace"
    if ready.exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    desk = open_desk(root, with_triage=False)
    try:
        desk.settings.agent_id = TEMPLATE_AGENT
        agent = {
            "id": TEMPLATE_AGENT,
            "username": "bench",
            "display_name": "bench",
            "role": "admin",
            "created_at": "2026-01-01T00:00:00+00:00",
        }
        with desk.db.write() as conn:  # what `connect` would have pulled: our agent row
            op = Op(TEMPLATE_AGENT, "agent.upsert", agent, 1, TEMPLATE_AGENT)
            apply_ops(ApplyContext(conn), [op])
        t0 = time.perf_counter()
        make_tickets(desk, changes // 4)  # 4 ops per ticket
        print(f"  made the pushing workstation in {time.perf_counter() - t0:.0f} s")
    finally:
        desk.close()
    ready.touch()
    return root


def reauthor(conn: Connection, agent_id: str) -> None:
    """The template's ops as written by `agent_id`, stored as the writer stores them.

    Read through the model (packed payloads come back as their JSON text) and written back
    packed again where the outbox packs that kind: SQL's `replace()` on a packed payload
    would turn the deflated bytes into broken text.
    """
    rows = conn.execute(select(SyncOutbox.seq, SyncOutbox.kind, SyncOutbox.payload)).all()
    values = []
    for seq, kind, payload in rows:
        fresh = payload.replace(TEMPLATE_AGENT, agent_id)
        values.append((pack(fresh) if kind in PACKED_KINDS else fresh, agent_id, seq))
    sql = "UPDATE sync_outbox SET payload = ?, author_agent_id = ? WHERE seq = ?"
    conn.exec_driver_sql(sql, values)


def pushing_workstation(template: Path, root: Path, server: ServerProc) -> tuple[Any, SyncClient]:
    """A copy of the template, re-authored to a fresh account of this run's server."""
    shutil.copytree(template, root)
    agent_id, token = server.add_account("a", "admin")
    desk = open_desk(root, with_triage=False)
    desk.settings.server_url = server.url
    desk.settings.agent_id = agent_id
    with desk.db.write() as conn:
        reauthor(conn, agent_id)
    client = SyncClient(server.url, token, retries=2, sleep=lambda _s: None)
    SyncEngine(desk, client).pull()  # the accounts, as `connect` does
    return desk, client


def one_run(backend: str, template: Path, root: Path) -> tuple[Meter, Meter, int, int]:
    db_name = create_pg_database() if backend == "postgresql" else None
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{db_name}" if db_name else None
    data = root / "server"
    data.mkdir(parents=True)
    server = ServerProc(data_dir=data, db_url=url)
    server.start()
    try:
        desk, client = pushing_workstation(template, root / "a", server)
        b = workstation(server, root / "b", "b")
        assert server.proc is not None
        pushed, pulled = Meter(server.proc.pid, db_name), Meter(server.proc.pid, db_name)
        n = read_status(desk).pending
        client.push = pushed.timed(client.push)  # type: ignore[method-assign]
        with pushed.measure():
            counts = SyncEngine(desk, client).push()
        assert counts.applied == n, (counts, n)
        b.client.changes = pulled.timed(b.client.changes)  # type: ignore[method-assign]
        with pulled.measure():
            got, _ = b.engine.pull()
        assert got >= n, (got, n)
        client.close()
        desk.close()
        b.close()
        return pushed, pulled, n, got
    finally:
        server.kill()
        if db_name:
            drop_pg_database(db_name)


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(backend: str, what: str, runs: list[tuple[Meter, int]]) -> None:
    rates = [n / m.wall for m, n in runs]
    lat = [x for m, _ in runs for x in m.latencies]
    cpu = {k: statistics.median(m.cpu[k] / n * 1e6 for m, n in runs) for k in runs[0][0].cpu}
    per = ", ".join(f"{k} {v:.0f}" for k, v in cpu.items())
    print(
        f"{backend} {what}: {statistics.median(rates):,.0f}/s median of "
        f"[{', '.join(f'{r:,.0f}' for r in rates)}]; requests {_ms(lat, 0.5):.0f} / "
        f"{_ms(lat, 0.95):.0f} ms (median / p95); CPU µs per change: {per}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", default="all", choices=("sqlite", "postgresql", "all"))
    parser.add_argument("--cache", type=Path, help="keep the pushing workstation here")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "all" else [args.backend]
    with tempfile.TemporaryDirectory() as tmp:
        template = template_workstation(args.cache or Path(tmp), args.changes)
        for backend in backends:
            if backend == "postgresql" and not pg_available():
                print("postgresql: skipped (no server at 127.0.0.1:5432)")
                continue
            pushes, pulls = [], []
            for _ in range(args.runs):
                with tempfile.TemporaryDirectory() as run_dir:
                    push, pull, n, got = one_run(backend, template, Path(run_dir))
                pushes.append((push, n))
                pulls.append((pull, got))
                print(f"  {backend}: push {n / push.wall:,.0f}/s, pull {got / pull.wall:,.0f}/s")
            if not pushes:
                continue  # --runs 0: only make the cached workstation
            report(backend, f"push of {pushes[0][1]:,}", pushes)
            report(backend, f"pull of {pulls[0][1]:,}", pulls)


if __name__ == "__main__":
    main()
