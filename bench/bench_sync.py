"""Push and pull of N changes over loopback HTTP against a real server process.

Run: `python -m bench.bench_sync [--changes 10000] [--runs 3] [--backend sqlite|postgresql|all]`.
Prints changes/second (median of the runs) for push and for pull.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from tests.e2e.sync.data import make_tickets
from tests.e2e.sync.serverproc import (
    ServerProc,
    create_pg_database,
    drop_pg_database,
    pg_available,
    workstation,
)
from websight_desk.sync.status import read_status


def one_run(backend: str, changes: int, root: Path) -> tuple[float, float]:
    db_name = create_pg_database() if backend == "postgresql" else None
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{db_name}" if db_name else None
    data = root / "server"
    data.mkdir(parents=True)
    server = ServerProc(data_dir=data, db_url=url)
    server.start()
    try:
        a = workstation(server, root / "a", "a")
        b = workstation(server, root / "b", "b")
        make_tickets(a.desk, changes // 4)  # 4 ops per ticket
        n = read_status(a.desk).pending
        t0 = time.perf_counter()
        a.engine.push()
        push_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        pulled, _ = b.engine.pull()
        pull_s = time.perf_counter() - t0
        assert pulled >= n, (pulled, n)
        a.close()
        b.close()
        return n / push_s, pulled / pull_s
    finally:
        server.kill()
        if db_name:
            drop_pg_database(db_name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", default="all", choices=("sqlite", "postgresql", "all"))
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "all" else [args.backend]
    for backend in backends:
        if backend == "postgresql" and not pg_available():
            print("postgresql: skipped (no server at 127.0.0.1:5432)")
            continue
        pushes, pulls = [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                push, pull = one_run(backend, args.changes, Path(tmp))
            pushes.append(push)
            pulls.append(pull)
        print(
            f"{backend}: {args.changes} changes  push {statistics.median(pushes):,.0f}/s  "
            f"pull {statistics.median(pulls):,.0f}/s  (median of {args.runs})"
        )


if __name__ == "__main__":
    main()
