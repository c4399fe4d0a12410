"""Demo generation throughput: `websight-desk demo --tickets N` into a temporary workspace.

    python -m bench.bench_demo [--tickets N] [--seed S] [--keep DIR]

Times the whole command as a user runs it (workspace creation, writes, outbox rows and the
triage cache refresh), then checks `stats --json` reports N tickets. Target for 100,000
tickets: well under a minute. CPU seconds (this process plus the generator and policy worker
processes it starts) are printed too: on a busy machine they are the steadier figure.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import tempfile
import time
from pathlib import Path

from websight_desk.cli.main import main


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the demo's workers)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def run(tickets: int, seed: int, root: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `demo` run into `root`."""
    ws = str(root / "ws")
    cpu0, t0 = _cpu(), time.perf_counter()
    status = main(["demo", "--tickets", str(tickets), "--seed", str(seed), "--workspace", ws])
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    if status != 0:
        raise SystemExit(f"demo failed with status {status}")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["stats", "--json", "--workspace", ws])
    counted = json.loads(out.getvalue())["tickets"]
    if counted != tickets:
        raise SystemExit(f"stats reports {counted} tickets, expected {tickets}")
    return wall, cpu


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write into DIR instead of a temporary one")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        wall, cpu = run(args.tickets, args.seed, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
            wall, cpu = run(args.tickets, args.seed, Path(tmp))
    print(
        f"demo --tickets {args.tickets}: {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"{args.tickets / wall:,.0f} tickets/s"
    )


if __name__ == "__main__":
    cli()
