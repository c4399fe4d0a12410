"""Demo generation: `websight-desk demo --tickets N` timed, with its peak memory and file size.

    python -m bench.bench_demo [--tickets N] [--seed S] [--keep DIR]
    python -m bench.bench_demo --tickets 1000000 --cache [DIR]

Runs the command as a user does, in a child process (workspace creation, writes, outbox rows
and the triage cache refresh), then checks `stats --json` reports N tickets. Prints wall and
CPU seconds (the command and the generator and policy worker processes it starts: on a busy
machine the steadier figure) and the peak resident size of its largest process (the demo
must stay bounded: < 400 MB at a million tickets). Targets: 100k in well under a minute of
CPU; 1M in under 10 minutes.

`--cache` builds a workspace once into DIR (default `~/.cache/websight-desk-bench/<N>`) and
reuses it while it holds N tickets at the current schema: `bench_queue` and `bench_ui` take
it with `--workspace DIR`. `--sizes` prints the database's size per table and index.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CACHE = Path.home() / ".cache" / "websight-desk-bench"
DB_FILE = "desk.sqlite3"


def _cli(*args: str) -> list[str]:
    entry = "import sys; from websight_desk.cli.main import main; sys.exit(main(sys.argv[1:]))"
    return [sys.executable, "-c", entry, *args]


class Sampler(threading.Thread):
    """CPU seconds and resident MB of a process and of every process it started, sampled
    from `/proc` every few seconds (Linux; elsewhere nothing is sampled): which process
    spends the time, and whether memory stays flat or keeps growing."""

    def __init__(self, pid: int, every: float = 5.0) -> None:
        super().__init__(daemon=True)
        self.root, self.every = pid, every
        self.series: dict[int, list[tuple[float, float, float]]] = {}  # pid: (t, cpu, MB)
        self.written: dict[int, float] = {}  # pid: MB written to disk (WAL, checkpoints)
        self._done = threading.Event()
        self._tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def _stat(self, pid: int) -> tuple[int, float, float] | None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            return None
        cpu = (int(fields[11]) + int(fields[12])) / self._tick
        return int(fields[1]), cpu, pages * os.sysconf("SC_PAGE_SIZE") / 2**20

    def run(self) -> None:
        t0 = time.perf_counter()
        while not self._done.wait(self.every) and Path("/proc").is_dir():
            stats = {
                int(p.name): self._stat(int(p.name))
                for p in Path("/proc").iterdir()
                if p.name.isdigit()
            }
            tree, grew = {self.root}, True
            while grew:
                grew = False
                for pid, st in stats.items():
                    if st is not None and pid not in tree and st[0] in tree:
                        tree.add(pid)
                        grew = True
            now = time.perf_counter() - t0
            for pid in tree:
                st = stats.get(pid)
                if st is not None:
                    self.series.setdefault(pid, []).append((now, st[1], st[2]))
                    self.written[pid] = self._written(pid, self.written.get(pid, 0.0))

    @staticmethod
    def _written(pid: int, last: float) -> float:
        try:
            for line in Path(f"/proc/{pid}/io").read_text().splitlines():
                if line.startswith("write_bytes:"):
                    return int(line.split()[1]) / 2**20
        except (OSError, ValueError):
            pass
        return last

    def stop(self) -> None:
        self._done.set()
        self.join()

    def lines(self) -> list[str]:
        """Per process: its CPU and its resident size at each quarter of its life, peak."""
        out = []
        for pid, points in self.series.items():
            if points[-1][1] < 1:
                continue  # helpers that did nothing (the resource tracker)
            quarters = [points[min(len(points) - 1, len(points) * q // 4)][2] for q in (1, 2, 3)]
            path = " → ".join(f"{mb:.0f}" for mb in (*quarters, points[-1][2]))
            name = "demo (writer)" if pid == self.root else f"worker {pid}"
            wrote = self.written.get(pid, 0.0)
            out.append(
                f"  {name:<16} CPU {points[-1][1]:7.1f} s   RSS {path} MB "
                f"(peak {max(p[2] for p in points):.0f})"
                + (f", wrote {wrote:,.0f} MB to disk" if wrote >= 1 else "")
            )
        return out


def run(tickets: int, seed: int, ws: Path) -> dict[str, Any]:
    """Figures of one `demo` run into `ws`: wall and CPU seconds, peak RSS (MB)."""
    cmd = _cli("demo", "--tickets", str(tickets), "--seed", str(seed), "--workspace", str(ws))
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd)
    sampler = Sampler(child.pid)
    sampler.start()
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t0
    sampler.stop()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"demo failed with status {os.waitstatus_to_exitcode(status)}")
    counted = json.loads(
        subprocess.run(
            _cli("stats", "--json", "--workspace", str(ws)),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )["tickets"]
    if counted != tickets:
        raise SystemExit(f"stats reports {counted} tickets, expected {tickets}")
    return {
        "tickets": tickets,
        "wall_s": round(wall, 1),
        # The child's own time and that of the worker processes it waited for.
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        # Linux: the largest resident size of the child or any process it waited for.
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "db_mb": round((ws / DB_FILE).stat().st_size / 2**20, 1),
        "processes": sampler.lines(),
    }


def sizes(db: Path) -> list[tuple[str, float]]:
    """(table or index, MB) of the database file, largest first (SQLite's `dbstat`)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    return [(str(name), size / 2**20) for name, size in rows]


def cached(ws: Path, tickets: int) -> bool:
    """Does `ws` hold a demo workspace of `tickets` tickets at the current schema?"""
    from websight_desk.storage.migrate import head

    db = ws / DB_FILE
    if not db.exists():
        return False
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            count = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
    except sqlite3.Error:
        return False
    return version is not None and version[0] == head() and count == tickets


def build_cached(ws: Path, tickets: int, seed: int) -> dict[str, Any] | None:
    """Build the workspace into `ws` unless it is there already; the run's figures, if run."""
    if cached(ws, tickets):
        return None
    if ws.exists() and any(ws.iterdir()):
        stale = ws.with_name(f"{ws.name}.stale-{int(time.time())}")
        ws.rename(stale)  # kept for the user to delete: a workspace is never removed here
        print(f"{ws} was not a current {tickets}-ticket workspace; moved to {stale}")
    ws.mkdir(parents=True, exist_ok=True)
    return run(tickets, seed, ws)


def report(figures: dict[str, Any]) -> str:
    load = (
        f", load average {os.getloadavg()[0]:.1f} at the end" if hasattr(os, "getloadavg") else ""
    )
    head = (
        f"demo --tickets {figures['tickets']:,}: {figures['wall_s']:.1f} s wall, "
        f"{figures['cpu_s']:.1f} s CPU, {figures['tickets'] / figures['wall_s']:,.0f} tickets/s, "
        f"peak RSS {figures['peak_rss_mb']:.0f} MB, database {figures['db_mb']:,.0f} MB{load}"
    )
    return "\n".join([head, *figures.get("processes", [])])


def cli() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write into DIR instead of a temporary one")
    parser.add_argument(
        "--cache",
        nargs="?",
        type=Path,
        const=Path(""),
        help="build once into DIR (default ~/.cache/websight-desk-bench/<N>) and reuse it",
    )
    parser.add_argument("--sizes", action="store_true", help="print the size of each table")
    args = parser.parse_args()
    if args.cache is not None:
        ws = args.cache if str(args.cache) else CACHE / str(args.tickets)
        figures = build_cached(ws, args.tickets, args.seed)
        print(report(figures) if figures else f"{ws}: reused ({args.tickets:,} tickets)")
        print(f"workspace: {ws} (bench_queue / bench_ui --workspace {ws})")
    elif args.keep:
        ws = args.keep / "ws"
        ws.mkdir(parents=True, exist_ok=True)
        print(report(run(args.tickets, args.seed, ws)))
    else:
        with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
            ws = Path(tmp) / "ws"
            print(report(run(args.tickets, args.seed, ws)))
            if args.sizes:
                _print_sizes(ws)
        return
    if args.sizes:
        _print_sizes(ws)


def _print_sizes(ws: Path) -> None:
    for name, mb in sizes(ws / DB_FILE):
        if mb >= 1:
            print(f"  {name:<40} {mb:10,.1f} MB")


if __name__ == "__main__":
    cli()
