"""The scripted agent shift of `bench.bench_soak`, run in a child process of its own.

    python -m bench.soak_shift PLAN.json RESULT.json

PLAN.json names the prepared workspace, the agent's own tickets (with a callable contact) and
how many of each action to make; RESULT.json receives the figures. The window is the real one
(threaded runner, background sync to the server the parent started); errors the app would
show in a box are counted instead. The process exits normally: no `os._exit`.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.bench_ui import SEARCHES, pct, wait  # also chooses the offscreen platform

MIN_ROWS = 1000  # rows loaded in the queue the agent moves through (as bench_ui does)


def rss_mb() -> float:
    """Resident memory now (Linux); the peak where /proc is missing."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_fds() -> int:
    fd_dir = Path("/proc/self/fd")
    return len(os.listdir(fd_dir)) if fd_dir.exists() else -1


def quiet_offscreen(_mode: object, _context: object, message: str) -> None:
    """Qt's messages on stderr, less the offscreen platform's harmless size-hint notice."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def spread(step: int, steps: int, count: int) -> bool:
    """True on `count` of the `steps` steps, evenly spaced."""
    return (step + 1) * count // steps != step * count // steps


class Shift:
    def __init__(self, plan: dict[str, Any]) -> None:
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from websight_desk.services.desk import open_desk
        from websight_desk.ui import errors
        from websight_desk.ui.app import build_window

        self.plan = plan
        self.app = QApplication.instance() or QApplication([])
        qInstallMessageHandler(quiet_offscreen)
        self.problems: list[str] = []
        errors.set_presenter(lambda title, text, detail, _retry: self.problems.append(detail))
        self.desk = open_desk(Path(plan["workspace"]))
        self.window = build_window(self.desk, "tr", remember=False)
        self.window.show()
        self.ctx = self.window.ctx
        self.model = self.window.queue.model
        self.rng = random.Random(11)
        self.timings: dict[str, list[float]] = {"switch": [], "search": [], "write": []}
        self.done = {"switches": 0, "searches": 0, "replies": 0, "notes": 0, "callbacks": 0}
        self.done["languages"] = 0
        self.samples: dict[str, dict[str, float]] = {}
        self.wait_idle()

    # --- waiting the way the event loop would -------------------------------------------

    def settle(self) -> None:
        from PySide6.QtCore import QEvent

        self.app.processEvents()
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what exec() would do

    def wait_idle(self) -> None:
        wait(self.app, lambda: self.ctx.runner.pending() == 0 and not self.model.loading, 60)
        self.settle()

    def sample(self) -> dict[str, float]:
        from PySide6.QtCore import QObject
        from PySide6.QtGui import QTextObject
        from PySide6.QtWidgets import QApplication

        self.settle()
        # Tables and frames of the open ticket's rendered thread are QObjects too; their number
        # follows the ticket shown, so they are left out of the count.
        found = self.window.findChildren(QObject)
        return {
            "rss_mb": round(rss_mb(), 1),
            "widgets": len(QApplication.allWidgets()),
            "window_objects": sum(not isinstance(o, QTextObject) for o in found),
            "open_fds": open_fds(),
            "none_refs": sys.getrefcount(None),  # falls with a leaking binding (issue #10)
        }

    # --- the actions ------------------------------------------------------------------

    def switch(self) -> None:
        while self.model.rowCount() < MIN_ROWS and self.model.canFetchMore():
            self.model.fetchMore()
        table, rows = self.window.queue.table, self.model.rowCount()
        if not rows:
            return
        current = table.currentIndex().row()
        row = self.rng.randrange(rows)
        if rows > 1 and row == current:
            row = (row + 1) % rows
        t0 = time.perf_counter()
        table.select_row(row)
        self.wait_idle()
        self.window.repaint()
        self.timings["switch"].append((time.perf_counter() - t0) * 1000)
        self.done["switches"] += 1

    def search(self) -> None:
        queue = self.window.queue
        t0 = time.perf_counter()
        queue.set_search(self.rng.choice(SEARCHES))
        self.wait_idle()
        queue.table.viewport().repaint()
        self.timings["search"].append((time.perf_counter() - t0) * 1000)
        self.done["searches"] += 1
        if self.model.rowCount():
            self.switch()  # open one of the hits
        queue.set_search("")
        self.wait_idle()

    def write(self, kind_name: str) -> None:
        from websight_desk.domain.enums import MessageKind

        kind = MessageKind.NOTE if kind_name == "notes" else MessageKind.OUTBOUND
        ticket_id = self.rng.choice(self.plan["own_tickets"])["ticket_id"]
        pane = self.window.ticket_pane
        t0 = time.perf_counter()
        self.window.open_ticket(ticket_id)
        self.wait_idle()
        pane.composer.set_kind(kind)
        pane.composer.editor.setPlainText(f"Vardiya {kind_name} {self.done[kind_name] + 1}.")
        pane.send()
        self.wait_idle()
        self.timings["write"].append((time.perf_counter() - t0) * 1000)
        if pane.composer.text():
            self.problems.append(f"{kind_name}: the composer kept its text (not sent)")
        self.done[kind_name] += 1

    def callback(self) -> None:
        """Log a callback the way the callback dialog does: the service, in the runner."""
        from tests.unit.kvkk.builders import valid_callback
        from websight_desk.services.callbacks import log_callback
        from websight_desk.services.kvkk_settings import kvkk_settings

        own = self.rng.choice(self.plan["own_tickets"])
        start = self.ctx.now() - timedelta(minutes=10)
        cmd = valid_callback(own["ticket_id"], own["contact_id"], start, "Birlikte kontrol edildi.")
        desk, cfg = self.desk, kvkk_settings(self.desk.settings)

        def work() -> str:
            with desk.writer() as w:
                return log_callback(w, cmd, cfg)

        def failed(exc: BaseException) -> None:
            self.problems.append(f"callback: {exc!r}")

        self.ctx.runner.run(work, lambda _id: self.ctx.tickets_changed([cmd.ticket_id]), failed)
        self.wait_idle()
        self.done["callbacks"] += 1

    def language(self) -> None:
        from websight_desk.i18n import current_language

        self.window.set_language("en" if current_language() == "tr" else "tr")
        self.wait_idle()
        self.done["languages"] += 1

    # --- the shift ----------------------------------------------------------------------

    def run(self, counts: dict[str, int]) -> None:
        steps = max(counts["switches"], 1)
        for step in range(steps):
            self.switch()
            for name in ("searches", "replies", "notes", "callbacks", "languages"):
                if spread(step, steps, min(counts[name], steps)):
                    self.act(name)
            if step == steps // 2 and "middle" not in self.samples:
                self.samples["middle"] = self.sample()

    def act(self, name: str) -> None:
        if name == "searches":
            self.search()
        elif name in ("replies", "notes"):
            self.write(name)
        elif name == "callbacks":
            self.callback()
        else:
            self.language()

    def finish_sync(self, timeout: float = 120.0) -> dict[str, Any]:
        """Wait until the shift's changes are on the server (the background push)."""
        from websight_desk.sync.status import read_status

        controller = self.ctx.extras["sync"]
        deadline = time.perf_counter() + timeout
        status = read_status(self.desk)
        while status.pending and time.perf_counter() < deadline:
            controller.wake()
            time.sleep(0.2)
            self.settle()
            status = read_status(self.desk)
        return {
            "running": controller.running,
            "pending": status.pending,
            "rejected": status.rejected,
            "last_error": status.last_error,
        }


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(pct(values, 0.95), 1),
        "max_ms": round(max(values), 1),
    }


def main(argv: list[str]) -> int:
    plan = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    started = time.perf_counter()
    shift = Shift(plan)
    shift.samples["opened"] = shift.sample()
    opened_s = time.perf_counter() - started
    warm = {"switches": 20, "searches": 5, "replies": 1, "notes": 1, "callbacks": 1}
    shift.run({**warm, "languages": 2})  # every path once: caches and lazy widgets made
    shift.timings = {key: [] for key in shift.timings}
    shift.done = dict.fromkeys(shift.done, 0)
    shift.samples.pop("middle", None)
    shift.samples["start"] = shift.sample()
    began = time.perf_counter()
    shift.run(plan["counts"])
    shift.samples["end"] = shift.sample()
    figures = {
        "completed": True,
        "opened_s": round(opened_s, 2),
        "shift_s": round(time.perf_counter() - began, 1),
        "done": shift.done,
        "samples": shift.samples,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "timings": {key: summary(values) for key, values in shift.timings.items()},
        "sync": shift.finish_sync(),
        "problems": shift.problems[:20],
        "problem_count": len(shift.problems),
    }
    shift.window.close()
    shift.settle()
    shift.desk.close()
    Path(argv[1]).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
