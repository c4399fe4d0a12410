"""README screenshots: `python -m bench.screenshots docs/screenshots` (`make screenshots`).

Builds a demo workspace in a temp dir and renders the main window offscreen, in Turkish and
English, with: the longest Turkish subject, an abusive ticket and an out-of-scope ticket.
Every shot is taken at 1280×720 in the light scheme (`NAME-LANG.png`) and the dark one
(`NAME-LANG-dark.png`); the workspace also at 1920×1080 (`workspace-LANG-1920x1080[-dark].png`).
The dark scheme is forced with `WEBSIGHT_DESK_THEME` (`ui/theme.py`).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"
SMALL, LARGE = (1280, 720), (1920, 1080)
SCHEMES = {"light": "", "dark": "-dark"}  # scheme -> file name suffix


def pick_tickets(workspace: Path) -> dict[str, int]:
    from sqlalchemy import func, select

    from websight_desk.services.desk import open_desk
    from websight_desk.storage.models import Ticket, TicketTriage

    desk = open_desk(workspace)
    try:
        with desk.db.read() as conn:
            joined = select(Ticket.number).join(TicketTriage, TicketTriage.ticket_id == Ticket.id)
            picks = {
                "long-subject": conn.execute(
                    select(Ticket.number).order_by(func.length(Ticket.subject).desc()).limit(1)
                ).scalar_one(),
                "abusive": conn.execute(
                    joined.where(TicketTriage.abuse.is_(True)).limit(1)
                ).scalar_one_or_none(),
                "out-of-scope": conn.execute(
                    joined.where(TicketTriage.verdict == "out_of_scope").limit(1)
                ).scalar_one_or_none(),
            }
    finally:
        desk.close()
    return {k: v for k, v in picks.items() if v is not None}


def pick_more(workspace: Path) -> dict[str, int]:
    """The README's workspace ticket (a callback logged, evidence to show) and a ticket of a
    customer with a termination pending review or confirmed (the refusal banner)."""
    from sqlalchemy import select

    from websight_desk.services.desk import open_desk
    from websight_desk.storage.models import AbuseTermination, Callback, Ticket
    from websight_desk.storage.queries.refusal_sql import customer_refused_or_pending

    desk = open_desk(workspace)
    try:
        with desk.db.read() as conn:
            picks = {
                "workspace": conn.execute(
                    select(Ticket.number)
                    .join(Callback, Callback.ticket_id == Ticket.id)
                    .order_by(Ticket.number)
                    .limit(1)
                ).scalar_one_or_none(),
                "refusal-banner": conn.execute(
                    select(Ticket.number)
                    .where(
                        Ticket.id.in_(select(AbuseTermination.ticket_id)),
                        customer_refused_or_pending(),
                    )
                    .order_by(Ticket.number)
                    .limit(1)
                ).scalar_one_or_none(),
            }
    finally:
        desk.close()
    return {k: v for k, v in picks.items() if v is not None}


def widget_shot(workspace: Path, lang: str, target: Path, build: Any) -> None:
    """Render `build(ctx)` (a widget) offscreen in `lang` and save it as a PNG."""
    from PySide6.QtWidgets import QApplication

    from websight_desk.services.desk import open_desk
    from websight_desk.ui.context import UiContext
    from websight_desk.ui.language import apply_language
    from websight_desk.ui.runner import Runner
    from websight_desk.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app)  # the scheme of WEBSIGHT_DESK_THEME
    desk = open_desk(workspace)
    try:
        apply_language(lang)
        ctx = UiContext(desk, runner=Runner(synchronous=True))
        widget = build(ctx)
        widget.show()
        for _ in range(3):
            app.processEvents()
        target.parent.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(target), "PNG")
        widget.close()
        widget.deleteLater()
        app.processEvents()
    finally:
        desk.close()


def review_queue(ctx: Any) -> Any:
    """The review queue as a shift lead sees it, in its Tools window."""
    from sqlalchemy import select

    from websight_desk.domain.enums import Role
    from websight_desk.i18n import N_
    from websight_desk.storage.models import Agent
    from websight_desk.ui.abuse.review_queue import ReviewQueueWidget
    from websight_desk.ui.tool_windows import ToolWindow

    with ctx.desk.db.read() as conn:
        lead = conn.execute(
            select(Agent.id)
            .where(Agent.role == Role.SHIFT_LEAD.value)
            .order_by(Agent.username)
            .limit(1)
        ).scalar_one()
    ctx.desk.settings.agent_id = lead  # in memory only: the workspace file is not changed
    window = ToolWindow(ctx, N_("Review queue"), ReviewQueueWidget(ctx))
    window.resize(900, 600)
    return window


def callback_dialog(number: int) -> Any:
    def build(ctx: Any) -> Any:
        from websight_desk.storage.queries.queue import ticket_id_by_number
        from websight_desk.ui.callbacks.dialog import CallbackDialog

        with ctx.desk.db.read() as conn:
            ticket_id = ticket_id_by_number(conn, number)
        assert ticket_id is not None
        return CallbackDialog(ctx, ticket_id)

    return build


def main_shot(workspace: Path, lang: str, number: int, size: tuple[int, int], target: Path) -> int:
    """The main window on ticket `number`, `size` pixels, in `lang` (the app's own path)."""
    from websight_desk.ui.app import run_gui

    ns = argparse.Namespace(
        workspace=str(workspace), lang=lang, screenshot=str(target), ticket=number, size=size
    )
    result = run_gui(ns)
    if result == 0:
        print(f"wrote {target} (ticket {number}, {size[0]}×{size[1]})")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screenshots")
    parser.add_argument("out", type=Path)
    parser.add_argument("--tickets", type=int, default=300)
    args = parser.parse_args(argv)
    from websight_desk.demo.run import add_demo_data
    from websight_desk.services.desk import open_desk

    with tempfile.TemporaryDirectory(prefix="websight-shots-") as tmp:
        workspace = Path(tmp) / "ws"
        desk = open_desk(workspace)
        try:
            add_demo_data(desk, args.tickets, seed=7)
        finally:
            desk.close()
        picks = {**pick_more(workspace), **pick_tickets(workspace)}
        extra = {"review-queue": review_queue}
        if "workspace" in picks:
            extra["callback-dialog"] = callback_dialog(picks["workspace"])
        for scheme, suffix in SCHEMES.items():
            os.environ["WEBSIGHT_DESK_THEME"] = scheme
            for name, number in picks.items():
                sizes = {"": SMALL, "-1920x1080": LARGE} if name == "workspace" else {"": SMALL}
                for lang in ("tr", "en"):
                    for size_name, size in sizes.items():
                        target = args.out / f"{name}-{lang}{size_name}{suffix}.png"
                        if main_shot(workspace, lang, number, size, target) != 0:
                            return 1
            for name, build in extra.items():
                for lang in ("tr", "en"):
                    target = args.out / f"{name}-{lang}{suffix}.png"
                    widget_shot(workspace, lang, target, build)
                    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
