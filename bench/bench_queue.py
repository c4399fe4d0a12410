"""The queue's reads on a big workspace, beside raw SQLite on the same file in the same run.

    python -m bench.bench_queue --workspace DIR [--rounds N] [--json]

What the app runs when the agent types a search, picks a view or sorts a column
(`storage.queries.queue.first_page`: count + first 200 rows, one walk for a search), and
per sample, interleaved, the raw SQL a hand-written client would need at the least:
* search — `SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC
  LIMIT 200` with the same MATCH text (FTS5 alone: no count, no row details, no look-up of
  the words a prefix stands for), and once more with FTS5's own `"word"*` prefix query;
* views and sorts — `SELECT id FROM tickets ORDER BY number DESC LIMIT 200`;
* the status bar's pending count (stops at 10,000) — one indexed row of the outbox.
Medians and p95 in ms, and the ratio app / raw, so a noisy shared machine still tells.
No Qt: bench_ui measures the window.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench.bench_ui import SEARCHES, measure, pct

PEOPLE = [
    "#10001",
    "WS0000001",
    "0535 908 16 72",
    "+90 535",
    "dilek.unal@posta",
    "dogudis.example.net",
]
VIEWS = ["all_open", "out_of_scope", "abuse", "unassigned", "closed", "all"]


def _ms(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def _figures(app: list[float], raw: list[float]) -> dict[str, float]:
    med_app, med_raw = statistics.median(app), statistics.median(raw)
    return {
        "median_ms": round(med_app, 2),
        "p95_ms": round(pct(app, 0.95), 2),
        "raw_median_ms": round(med_raw, 3),
        "raw_p95_ms": round(pct(raw, 0.95), 3),
        "ratio_median": round(med_app / med_raw, 1) if med_raw else 0.0,
    }


def run(workspace: Path, rounds: int) -> dict[str, Any]:
    from websight_desk.domain.queue_views import QueueQuery, SortKey
    from websight_desk.services.desk import open_desk
    from websight_desk.storage import fts
    from websight_desk.storage.queries import queue

    desk = open_desk(workspace)
    out: dict[str, Any] = {"workspace": str(workspace)}
    raw_search = (
        f"SELECT rowid FROM {fts.TABLE} WHERE {fts.TABLE} MATCH ? ORDER BY rowid DESC LIMIT 200"
    )
    raw_page = "SELECT id FROM tickets ORDER BY number DESC LIMIT 200"
    raw_pending = "SELECT seq FROM sync_outbox WHERE state = 'pending' LIMIT 1"
    try:
        with desk.db.read() as conn:
            out["tickets"] = conn.exec_driver_sql("SELECT count(*) FROM tickets").scalar_one()
            app_all: list[float] = []
            raw_all: list[float] = []
            native_all: list[float] = []
            per_query: dict[str, Any] = {}
            for text in [*SEARCHES, *PEOPLE]:
                expr = fts.match_expression(text, partial(fts.expand_prefix, conn))
                native = fts.match_expression(text)  # FTS5's own `"word"*` for the last word
                query = QueueQuery(view="all_open", search=text)
                app_ms: list[float] = []
                raw_ms: list[float] = []
                for _ in range(rounds):  # interleaved: the same noise for both
                    app_ms.append(_ms(partial(queue.first_page, conn, query, 200)))
                    if expr is not None:
                        raw_ms.append(_ms(partial(_all, conn, raw_search, (expr,))))
                    if native is not None:
                        native_all.append(_ms(partial(_all, conn, raw_search, (native,))))
                first = queue.first_page(conn, query, 200)
                app_all.extend(app_ms)
                raw_all.extend(raw_ms)
                per_query[text] = {
                    "hits": f"{first.total}{'' if first.exact else '+'}",
                    "median_ms": round(statistics.median(app_ms), 2),
                    "raw_median_ms": round(statistics.median(raw_ms), 3) if raw_ms else None,
                }
            out["search"] = _figures(app_all, raw_all)
            out["search_raw_native_prefix"] = _figures(app_all, native_all)
            out["search_queries"] = per_query
            sorts = [
                QueueQuery(view="all_open", sort=s, descending=d)
                for s in SortKey
                for d in (True, False)
            ]
            for name, queries in (("views", [QueueQuery(view=v) for v in VIEWS]), ("sorts", sorts)):
                app_ms, raw_ms = [], []
                slowest: dict[str, float] = {}
                for _ in range(max(1, rounds // 2)):
                    for q in queries:
                        ms = _ms(partial(queue.first_page, conn, q, 200))
                        app_ms.append(ms)
                        label = f"{q.view}/{q.sort.value}/{'desc' if q.descending else 'asc'}"
                        slowest[label] = max(slowest.get(label, 0.0), ms)
                        raw_ms.append(_ms(partial(_all, conn, raw_page, ())))
                out[name] = _figures(app_ms, raw_ms)
                out[name]["slowest"] = dict(sorted(slowest.items(), key=lambda kv: -kv[1])[:4])
                out[name]["slowest_each"] = {k: round(v, 1) for k, v in slowest.items()}
            app_ms, raw_ms = [], []
            for _ in range(rounds * 5):
                app_ms.append(_ms(partial(_pending, conn)))
                raw_ms.append(_ms(partial(_all, conn, raw_pending, ())))
            out["pending_count"] = _figures(app_ms, raw_ms)
    finally:
        desk.close()
    return out


def _all(conn: Any, sql: str, params: tuple[Any, ...]) -> Any:
    return conn.exec_driver_sql(sql, params).all()


def _pending(conn: Any) -> int:
    from websight_desk.storage.queries.pending import pending_changes

    return pending_changes(conn).count


def main(argv: list[str] | None = None) -> int:
    measured = measure("bench_queue", argv, 9, run)
    if measured is None:
        return 0
    workspace, figures = measured
    print(f"workspace {workspace}: {figures['tickets']} tickets")
    for key in ("search", "search_raw_native_prefix", "views", "sorts", "pending_count"):
        f = figures[key]
        print(
            f"{key:24} median {f['median_ms']} ms, p95 {f['p95_ms']} ms   "
            f"raw SQLite median {f['raw_median_ms']} ms, p95 {f['raw_p95_ms']} ms   "
            f"(app/raw {f['ratio_median']}x)"
        )
    for key in ("views", "sorts"):
        print(f"  slowest {key}: {figures[key]['slowest']}")
    customer = {k: v for k, v in figures["sorts"]["slowest_each"].items() if "/customer/" in k}
    print(f"  sort by customer, slowest sample: {customer}")
    for text, f in figures["search_queries"].items():
        print(f"  {text!r:28} {f['hits']:>8} hits  {f['median_ms']:8} ms  raw {f['raw_median_ms']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
