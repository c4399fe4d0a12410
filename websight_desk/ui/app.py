"""GUI entry point: `websight-desk` with no subcommand (and `--screenshot PATH`)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from websight_desk.domain.errors import EnvironmentProblem

log = logging.getLogger(__name__)


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the workspace; with `args.screenshot`, render a PNG and exit."""
    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication, QMessageBox

    from websight_desk.services.desk import open_desk
    from websight_desk.services.scheduled_backups import start_daily_backups
    from websight_desk.settings import resolve_workspace
    from websight_desk.ui import errors
    from websight_desk.ui.icons import app_icon
    from websight_desk.ui.main_window_layout import fit_to_screen
    from websight_desk.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Websight Desk")
    app.setOrganizationName("Websight")
    app.setDesktopFileName("websight-desk")  # resources/websight-desk.desktop (taskbar icon)
    app.setWindowIcon(app_icon())
    apply_theme(app)  # light or dark as the OS says (WEBSIGHT_DESK_THEME forces one)
    try:
        desk = open_desk(resolve_workspace(getattr(args, "workspace", None)))
    except EnvironmentProblem as exc:
        if screenshot:
            print(f"websight-desk: {exc}", file=sys.stderr)
            return 2
        QMessageBox.critical(None, "Websight Desk", f"{exc.message}\n\n{exc.hint}".strip())
        return 2
    try:
        window = build_window(
            desk, args.lang, synchronous=bool(screenshot), remember=not screenshot
        )
        ticket = getattr(args, "ticket", None)
        if ticket is not None and not open_ticket_number(window, ticket):
            print(f"websight-desk: ticket {ticket} not found", file=sys.stderr)
            if screenshot:
                return 2
        if screenshot:
            if getattr(args, "size", None):  # (width, height) of bench/screenshots.py
                window.resize(*args.size)
            return save_screenshot(window, Path(screenshot))
        errors.set_presenter(None)
        fit_to_screen(window)
        window.show()
        daily = start_daily_backups(desk.paths.database, desk.paths.backups)  # its own thread
        try:
            return int(app.exec())
        finally:
            daily.stop()
    finally:
        desk.close()


def build_window(desk, lang: str | None, *, synchronous: bool = False, remember: bool = True):  # type: ignore[no-untyped-def]
    """The context and main window on an opened desk (language: argument, else setting)."""
    from websight_desk.ui import errors
    from websight_desk.ui.context import UiContext
    from websight_desk.ui.language import apply_language
    from websight_desk.ui.main_window import MainWindow
    from websight_desk.ui.queue.panel import default_views
    from websight_desk.ui.runner import Runner

    apply_language(lang or desk.settings.language)
    runner = Runner(synchronous=synchronous, default_failure=errors.report)
    ctx = UiContext(desk, runner=runner)
    role = current_role(ctx)
    window = MainWindow(ctx, default_views(role), remember=remember)
    window.start()
    return window


def current_role(ctx) -> str | None:  # type: ignore[no-untyped-def]
    from websight_desk.storage.queries.agents import agent_summary

    with ctx.desk.db.read() as conn:
        agent = agent_summary(conn, ctx.agent_id)
    return agent.role if agent else None


def open_ticket_number(window, number: int) -> bool:  # type: ignore[no-untyped-def]
    from websight_desk.storage.queries.queue import ticket_id_by_number

    with window.ctx.desk.db.read() as conn:
        ticket_id = ticket_id_by_number(conn, number)
    if ticket_id is None:
        return False
    window.open_ticket(ticket_id)
    if window.queue.current_ticket_id() != ticket_id:
        # Not among the loaded rows of the current view: find it by number so it shows.
        window.queue.set_view("all")
        window.queue.set_search(f"#{number}")
        window.queue.select_ticket(ticket_id)
    return True


def save_screenshot(window, path: Path) -> int:  # type: ignore[no-untyped-def]
    """Lay the window out offscreen, let pending events run, and write it as a PNG."""
    from PySide6.QtWidgets import QApplication

    window.show()
    for _ in range(3):
        QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        print(f"websight-desk: cannot write {path}", file=sys.stderr)
        return 2
    window.close()
    return 0
