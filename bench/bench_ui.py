"""Desktop UI on a 100,000-ticket workspace: first rows, search, switching tickets, memory.

    python -m bench.bench_ui [--workspace DIR] [--tickets N] [--json]

Without --workspace a demo workspace is built once in bench/results/ui-<N> and reused.
Targets (issue 16): first rows painted < 1 s, search p95 < 100 ms, switching p95 < 50 ms,
sorting any column and changing any view < 300 ms, peak memory < 400 MB. Runs offscreen with
the real (threaded) runner. Switching: 40 jumps to a random loaded row (the table scrolls and
repaints whole), 40 moves to the next row, with CPU time (all threads: a busy machine stretches
wall time); a switch ends once the runner is idle and the window has laid out and painted what
it posted. `with_repaint_ms` adds a forced repaint of the whole window, as switches were timed
before 2026-12-03 evening. Beside each search, view and sort, interleaved, raw SQLite on the
same file: the FTS5 walk of the first 200 matches, or the first 200 tickets by number.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RESULTS = Path(__file__).resolve().parent / "results"
RAW_SEARCH = (
    "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT 200"
)
RAW_PAGE = "SELECT id FROM tickets ORDER BY number DESC LIMIT 200"
RAW_TICKET = "SELECT * FROM tickets WHERE id = ?"
RAW_THREAD = "SELECT * FROM messages WHERE ticket_id = ? ORDER BY created_at"
VIEWS = ["all_open", "unassigned", "out_of_scope", "abuse", "closed", "all"]
# fmt: off
SEARCHES = [
    "sifre", "şifre", "wordpress", "tema", "mail", "ssl", "sunucu", "yavas", "DNS", "ISTANBUL",
    "outlook", "eklenti", "fatura", "vps erisim", "disk kotasi", "cpanel", "site açılmıyor",
    "503", "php", "backup", "plugin", "kurulum", "telefon", "hata",
]
# fmt: on


def ensure_workspace(path: Path, tickets: int) -> None:
    from websight_desk.demo.run import add_demo_data, workspace_has_tickets
    from websight_desk.services.desk import open_desk

    desk = open_desk(path)
    try:
        if not workspace_has_tickets(desk):
            print(f"building a {tickets}-ticket demo workspace in {path} (once)…", flush=True)
            add_demo_data(desk, tickets, seed=1)
    finally:
        desk.close()


def wait(app: Any, until: Any, timeout: float = 30.0) -> None:
    """Run the event loop until `until()`: blocked in Qt between events, as an idle app is.

    (A `processEvents()` + `sleep` loop kept taking the GIL from the runner's threads and
    doubled the measured query times.) A 5 ms timer bounds each wait."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout
    ticker = QTimer()
    ticker.start(5)
    try:
        while not until():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if time.perf_counter() > deadline:
                raise TimeoutError("the UI did not finish in time")
    finally:
        ticker.stop()


def settle(app: Any) -> None:
    """Deliver the layouts and paints the window posted, as an idle event loop does."""
    from PySide6.QtCore import QEvent

    for _ in range(3):
        app.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        app.sendPostedEvents(None, QEvent.Type.UpdateRequest)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _raw_ms(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> float:
    t0 = time.perf_counter()
    conn.execute(sql, params).fetchall()
    return (time.perf_counter() - t0) * 1000


def _figures(ms: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(ms), 1), "p95": round(pct(ms, 0.95), 1)}


def run(workspace: Path, rounds: int = 2) -> dict[str, Any]:
    started, started_cpu = time.perf_counter(), time.process_time()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from websight_desk.services.desk import open_desk
    from websight_desk.storage.fts import match_expression
    from websight_desk.ui.app import build_window
    from websight_desk.ui.queue.columns import COLUMNS, INDEX

    app = QApplication.instance() or QApplication([])
    desk = open_desk(workspace)
    window = build_window(desk, "tr", remember=False)
    window.show()
    model = window.queue.model
    wait(app, lambda: model.rowCount() > 0)
    window.queue.table.viewport().repaint()
    first_rows = time.perf_counter() - started
    first_rows_cpu = time.process_time() - started_cpu
    total = model.total
    ctx = window.ctx

    raw = sqlite3.connect(f"file:{workspace / 'desk.sqlite3'}?mode=ro", uri=True)
    search_ms: list[float] = []
    raw_search_ms: list[float] = []
    hits: dict[str, str] = {}
    for _round in range(rounds):
        for text in SEARCHES:
            t0 = time.perf_counter()
            window.queue.set_search(text)
            wait(app, lambda: not model.loading)
            window.queue.table.viewport().repaint()
            search_ms.append((time.perf_counter() - t0) * 1000)
            hits[text] = f"{model.total}{'' if model.exact else '+'}"
            raw_search_ms.append(_raw_ms(raw, RAW_SEARCH, (match_expression(text),)))
    window.queue.set_search("")
    wait(app, lambda: not model.loading)

    view_ms: list[float] = []
    sort_ms: list[float] = []
    raw_page_ms: list[float] = []
    for _round in range(rounds):
        for key in VIEWS:
            t0 = time.perf_counter()
            window.queue.set_view(key)
            wait(app, lambda: not model.loading)
            window.queue.table.viewport().repaint()
            view_ms.append((time.perf_counter() - t0) * 1000)
            raw_page_ms.append(_raw_ms(raw, RAW_PAGE, ()))
        window.queue.set_view("all_open")
        wait(app, lambda: not model.loading)
        for column, spec in enumerate(COLUMNS):
            if spec.sort is None:
                continue
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                t0 = time.perf_counter()
                model.sort(column, order)
                wait(app, lambda: not model.loading)
                window.queue.table.viewport().repaint()
                sort_ms.append((time.perf_counter() - t0) * 1000)
                raw_page_ms.append(_raw_ms(raw, RAW_PAGE, ()))
    model.sort(INDEX["number"], Qt.SortOrder.DescendingOrder)
    wait(app, lambda: not model.loading)
    raw.close()

    rng = random.Random(5)
    while model.canFetchMore() and model.rowCount() < 1000:
        model.fetchMore()
        wait(app, lambda: not model.loading)
    raw = sqlite3.connect(f"file:{workspace / 'desk.sqlite3'}?mode=ro", uri=True)
    switch_ms: list[float] = []
    switch_cpu: list[float] = []
    next_ms: list[float] = []
    next_cpu: list[float] = []
    repainted: dict[str, list[float]] = {"jump": [], "jump_cpu": [], "next": [], "next_cpu": []}
    raw_switch_ms: list[float] = []
    scroll_ms: list[float] = []
    for i in range(80):
        # A jump to a random loaded row (the table scrolls: all of it repaints), then the
        # next row down (↓, as an agent goes through the queue), alternately.
        current = window.queue.table.currentIndex().row()
        jump = i % 2 == 0 or current + 1 >= model.rowCount()
        row = rng.randrange(model.rowCount()) if jump else current + 1
        c0, t0 = time.process_time(), time.perf_counter()
        window.queue.table.select_row(row)
        wait(app, lambda: ctx.runner.pending() == 0)
        settle(app)
        c1, t1 = time.process_time(), time.perf_counter()
        window.repaint()
        c2, t2 = time.process_time(), time.perf_counter()
        (switch_ms if jump else next_ms).append((t1 - t0) * 1000)
        (switch_cpu if jump else next_cpu).append((c1 - c0) * 1000)
        repainted["jump" if jump else "next"].append((t2 - t0) * 1000)
        repainted["jump_cpu" if jump else "next_cpu"].append((c2 - c0) * 1000)
        ticket_id = model.rows[row].ticket_id
        raw_switch_ms.append(
            _raw_ms(raw, RAW_TICKET, (ticket_id,)) + _raw_ms(raw, RAW_THREAD, (ticket_id,))
        )
    raw.close()
    for _ in range(5):  # scrolling deep: the next page is read as the view needs it
        t0 = time.perf_counter()
        model.fetchMore()
        scroll_ms.append((time.perf_counter() - t0) * 1000)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    desk.close()
    return {
        "tickets_in_view": total,
        "first_rows_s": round(first_rows, 3),
        "first_rows_cpu_s": round(first_rows_cpu, 3),
        "search_ms_median": round(statistics.median(search_ms), 1),
        "search_ms_p95": round(pct(search_ms, 0.95), 1),
        "raw_search_ms": _figures(raw_search_ms),
        "search_hits": hits,
        "view_ms": _figures(view_ms),
        "sort_ms": _figures(sort_ms),
        "raw_page_ms": _figures(raw_page_ms),
        "switch_ms_median": round(statistics.median(switch_ms), 1),
        "switch_ms_p95": round(pct(switch_ms, 0.95), 1),
        "switch_cpu_ms": _figures(switch_cpu),
        "next_row_ms": _figures(next_ms),
        "next_row_cpu_ms": _figures(next_cpu),
        "with_repaint_ms": {k: _figures(v) for k, v in repainted.items()},
        "raw_switch_ms": _figures(raw_switch_ms),
        "next_page_ms_median": round(statistics.median(scroll_ms), 1),
        "peak_memory_mb": round(peak_mb, 1),
    }


def measure(
    name: str, argv: list[str] | None, rounds: int, run_on: Any
) -> tuple[Path, dict[str, Any]] | None:
    """The common entry of the queue benches: a workspace of `--tickets` (made once, kept under
    bench/results), `run_on(workspace, rounds)`, the figures saved as `results/NAME.json`;
    None when `--json` already printed them."""
    parser = argparse.ArgumentParser(prog=f"python -m bench.{name}")
    parser.add_argument("--workspace", type=Path)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=rounds, help="times each query runs")
    parser.add_argument("--json", action="store_true", help="print only the JSON figures")
    parser.add_argument("--source", action="store_true", help="no .pyc: compile at each start")
    args = parser.parse_args(argv)
    if not args.source:  # as installed (pip writes .pyc; here PYTHONDONTWRITEBYTECODE may not)
        compileall.compile_dir(Path(__file__).resolve().parents[1] / "websight_desk", quiet=1)
    workspace = args.workspace or RESULTS / f"ui-{args.tickets}"
    ensure_workspace(workspace, args.tickets)
    figures: dict[str, Any] = run_on(workspace, args.rounds)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if args.json:
        print(json.dumps(figures, indent=2))
        return None
    return workspace, figures


def main(argv: list[str] | None = None) -> int:
    measured = measure("bench_ui", argv, 2, run)
    if measured is None:
        return 0
    workspace, figures = measured
    print(f"workspace {workspace}: {figures['tickets_in_view']} tickets in the first view")
    rows_s, rows_cpu = figures["first_rows_s"], figures["first_rows_cpu_s"]
    print(f"first rows painted   {rows_s} s   (target < 1 s); CPU {rows_cpu} s")
    raw_s, raw_p = figures["raw_search_ms"], figures["raw_page_ms"]
    print(
        f"search               median {figures['search_ms_median']} ms, "
        f"p95 {figures['search_ms_p95']} ms   (target p95 < 100 ms); raw FTS5 first 200: "
        f"median {raw_s['median']} ms, p95 {raw_s['p95']} ms"
    )
    for key, label in (("view_ms", "changing view"), ("sort_ms", "sorting a column")):
        f = figures[key]
        print(f"{label:20} median {f['median']} ms, p95 {f['p95']} ms   (target < 300 ms)")
    print(f"  raw first 200 tickets by number: median {raw_p['median']} ms, p95 {raw_p['p95']} ms")
    cpu, down, raw_t = figures["switch_cpu_ms"], figures["next_row_ms"], figures["raw_switch_ms"]
    print(
        f"switching tickets    median {figures['switch_ms_median']} ms, "
        f"p95 {figures['switch_ms_p95']} ms   (target < 50 ms); CPU of all threads: "
        f"median {cpu['median']} ms, p95 {cpu['p95']} ms"
    )
    down_cpu, again = figures["next_row_cpu_ms"], figures["with_repaint_ms"]
    print(
        f"  to the next row (↓): median {down['median']} ms, p95 {down['p95']} ms; "
        f"CPU median {down_cpu['median']} ms, p95 {down_cpu['p95']} ms"
    )
    print("  + a forced whole-window repaint (before 12-03 evening): " + ", ".join(
        f"{k} {v['median']} / {v['p95']}" for k, v in again.items()))  # fmt: skip
    print(f"  raw ticket + messages: median {raw_t['median']} ms, p95 {raw_t['p95']} ms")
    print(f"next page (scroll)   median {figures['next_page_ms_median']} ms")
    print(f"peak memory          {figures['peak_memory_mb']} MB   (target < 400 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
