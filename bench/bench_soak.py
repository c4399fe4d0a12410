"""Soak: a whole scripted agent shift on a 100,000-ticket workspace with sync on (issue #10).

    python -m bench.bench_soak [--tickets N] [--switches N] [--searches N] [--replies N]
        [--notes N] [--callbacks N] [--languages N] [--own N] [--colleague-every S]
        [--workspace DIR] [--smoke] [--json]

bench_ui's demo workspace (bench/results/ui-<N>, built once) is copied to a temp dir and
connected to a real sync server process on loopback, with a few tickets of the agent's own to
answer. The shift (`bench.soak_shift`) runs in a child process, so a crash shows as its exit
status; meanwhile a colleague's workstation pushes a ticket every few seconds, so the app
pulls and reloads its queue as it does at work. Targets: 0 crashes and 0 errors shown, resident
memory growth from start to end < 50 MB, no growth of Qt objects or open file handles, every
change of the shift on the server, and `None`'s reference count not falling. "start" is taken
after a short warm-up (every action once); each search also opens one of its hits, so the
switches counted exceed --switches. `--smoke` is a quick run for CI (the sizes in SMOKE).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_ui import RESULTS, ensure_workspace

ROOT = Path(__file__).resolve().parent.parent
SMOKE = {"tickets": 2000, "switches": 60, "searches": 10, "replies": 3, "notes": 3}
SMOKE.update(callbacks=2, languages=2, own=5, colleague_every=2.0)
MAX_RSS_GROWTH_MB = 50.0
NONE_NOISE = 1000  # None's count moves a little with the objects alive; a leak is per Qt call
WARM_UP_CALLBACKS = 1  # soak_shift's warm-up logs one callback before the shift


def open_own_tickets(desk: Any, count: int) -> list[dict[str, str]]:
    """Customers with a callable number, each with a ticket: the agent's part of the queue."""
    from sqlalchemy import select

    from websight_desk.services import people, tickets
    from websight_desk.storage.models import Contact

    made: list[tuple[str, str]] = []
    with desk.writer() as w:
        for i in range(count):
            customer = people.add_customer(
                w,
                people.NewCustomer(
                    f"SOAK{i:05d}", "individual", f"Vardiya Müşterisi {i}", None, "+905321234567"
                ),
            )
            opened = tickets.open_ticket(
                w, tickets.OpenTicket(customer, f"Vardiya talebi {i}", "Sitem açılmıyor, 503.")
            )
            made.append((customer, opened.ticket_id))
    with desk.db.read() as conn:
        rows = conn.execute(select(Contact.customer_id, Contact.id))
        contact = {r.customer_id: r.id for r in rows if r.customer_id in dict(made)}
    return [{"ticket_id": t, "contact_id": contact[c]} for c, t in made]


def prepare(root: Path, source: Path, server: Any, own: int) -> tuple[list[dict[str, str]], str]:
    """Copy the workspace, connect it as a fresh agent account; returns (own tickets, token)."""
    from sqlalchemy import update

    from websight_desk.services.desk import open_desk
    from websight_desk.storage.models import SyncOutbox
    from websight_desk.storage.outbox import ACKED, PENDING
    from websight_desk.sync.client import SyncClient
    from websight_desk.sync.engine import SyncEngine

    shutil.copytree(source, root / "ws")
    agent_id, token = server.add_account("vardiya", "agent")
    desk = open_desk(root / "ws")
    try:
        with desk.db.write() as conn:
            # The workstation was in sync before the shift. Its demo history is not offered to
            # this fresh server: the demo's changes name demo agents it has no account for.
            conn.execute(update(SyncOutbox).where(SyncOutbox.state == PENDING).values(state=ACKED))
        desk.settings.server_url = server.url
        desk.settings.agent_id = agent_id
        desk.save_settings()
        with SyncClient(server.url, token) as client:
            engine = SyncEngine(desk, client)
            engine.pull()  # learn the accounts, as `websight-desk connect` does
            own_tickets = open_own_tickets(desk, own)
            engine.push()
    finally:
        desk.close()
    return own_tickets, token


def run_shift(args: argparse.Namespace, root: Path) -> tuple[int, dict[str, Any], dict[str, int]]:
    """Prepare, run the child under a colleague's pushes; (exit status, figures, server counts)."""
    from tests.e2e.sync.data import make_tickets
    from tests.e2e.sync.serverproc import ServerProc, workstation

    source = args.workspace or RESULTS / f"ui-{args.tickets}"
    ensure_workspace(source, args.tickets)
    (root / "server").mkdir()
    server = ServerProc(data_dir=root / "server")
    server.start()
    try:
        t0 = time.perf_counter()
        own, token = prepare(root, source, server, args.own)
        print(f"prepared a copy of {source} in {time.perf_counter() - t0:.0f} s", flush=True)
        colleague = workstation(server, root / "colleague", "colleague")
        counts = {k: getattr(args, k) for k in ("switches", "searches", "replies", "notes")}
        counts.update(callbacks=args.callbacks, languages=args.languages)
        plan = {"workspace": str(root / "ws"), "own_tickets": own, "counts": counts}
        (root / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
        env = {**os.environ, "WEBSIGHT_DESK_TOKEN": token, "QT_QPA_PLATFORM": "offscreen"}
        command = [sys.executable, "-m", "bench.soak_shift", str(root / "plan.json")]
        child = subprocess.Popen([*command, str(root / "result.json")], cwd=ROOT, env=env)
        pushed = 0
        try:
            while child.poll() is None:
                time.sleep(args.colleague_every or 1.0)
                if args.colleague_every and child.poll() is None:
                    make_tickets(colleague.desk, 1, prefix="K")
                    colleague.engine.push()
                    pushed += 1
        finally:
            if child.poll() is None:  # the colleague failed: never leave the shift running
                child.kill()
                child.wait()
            colleague.close()
        result = root / "result.json"
        figures = json.loads(result.read_text(encoding="utf-8")) if result.exists() else {}
        figures["colleague_tickets"] = pushed
        return child.returncode, figures, server.counts()
    finally:
        server.kill()


def growth(samples: dict[str, dict[str, float]], key: str) -> float:
    return samples["end"][key] - samples["start"][key]


def verdicts(code: int, f: dict[str, Any], server: dict[str, int]) -> dict[str, bool]:
    if code != 0 or not f.get("completed"):
        return {"no crash": False}
    s, sync = f["samples"], f["sync"]
    callbacks = f["done"]["callbacks"] + WARM_UP_CALLBACKS
    delivered = not sync["pending"] and not sync["rejected"] and sync["running"]
    return {
        "no crash": True,
        "no error shown": f["problem_count"] == 0,
        f"memory growth < {MAX_RSS_GROWTH_MB:.0f} MB": growth(s, "rss_mb") < MAX_RSS_GROWTH_MB,
        "no growth of widgets": growth(s, "widgets") <= 0,
        "no growth of the window's QObjects": growth(s, "window_objects") <= 0,
        "no growth of open files": growth(s, "open_fds") <= 0,
        "references to None not falling": growth(s, "none_refs") > -NONE_NOISE,
        "shift's changes on the server": delivered and server.get("callbacks") == callbacks,
    }


def report(code: int, f: dict[str, Any], server: dict[str, int], ok: dict[str, bool]) -> None:
    print(f"child exit status {code}; crashes: {0 if ok['no crash'] else 1}")
    if not ok["no crash"]:
        return
    done, t = f["done"], f["timings"]
    print(f"shift: {json.dumps(done)} in {f['shift_s']} s (window opened in {f['opened_s']} s)")
    print(f"{'':16}{'opened':>12}{'start':>12}{'middle':>12}{'end':>12}")
    for key in ("rss_mb", "widgets", "window_objects", "open_fds", "none_refs"):
        row = "".join(f"{f['samples'][p][key]:>12}" for p in ("opened", "start", "middle", "end"))
        print(f"{key:16}{row}")
    print(f"peak RSS {f['peak_rss_mb']} MB")
    for key in ("switch", "search", "write"):
        v = t[key]
        if v["n"]:
            print(
                f"{key:8} n={v['n']:<6} median {v['median_ms']} ms  p95 {v['p95_ms']} ms  "
                f"slowest {v['max_ms']} ms"
            )
    print(f"sync at the end: {json.dumps(f['sync'])}; colleague tickets {f['colleague_tickets']}")
    print(f"server: {server.get('messages')} messages, {server.get('callbacks')} callbacks")
    for problem in f["problems"]:
        print(f"  error shown: {problem}")
    for name, passed in ok.items():
        print(f"{'ok  ' if passed else 'MISS'} {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_soak", description=__doc__)
    parser.add_argument("--workspace", type=Path, help="a demo workspace to copy (not changed)")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--switches", type=int, default=5000)
    parser.add_argument("--searches", type=int, default=1000)
    parser.add_argument("--replies", type=int, default=200)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--callbacks", type=int, default=50)
    parser.add_argument("--languages", type=int, default=20, help="tr/en switches")
    parser.add_argument("--own", type=int, default=50, help="the agent's own tickets to answer")
    parser.add_argument("--colleague-every", type=float, default=5.0, help="seconds; 0 = none")
    parser.add_argument("--smoke", action="store_true", help="a quick run: " + json.dumps(SMOKE))
    parser.add_argument("--json", action="store_true", help="print only the JSON figures")
    if parser.parse_args(argv).smoke:  # the smoke sizes, unless given on the command line
        parser.set_defaults(**SMOKE)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        code, figures, server = run_shift(args, Path(tmp))
    ok = verdicts(code, figures, server)
    RESULTS.mkdir(exist_ok=True)
    out = {"args": vars(args) | {"workspace": str(args.workspace)}, "exit": code, **figures}
    out |= {"server": server, "verdicts": ok}
    (RESULTS / "bench_soak.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        report(code, figures, server, ok)
    return 0 if all(ok.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
