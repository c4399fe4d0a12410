"""The main window's menu bar: File, View (queue views, language, panes), Tools, Help."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QAction, QActionGroup

from websight_desk.domain.enums import Role
from websight_desk.domain.queue_views import ViewInfo
from websight_desk.i18n import LANGUAGES, N_
from websight_desk.ui.main_window_dialogs import WindowDialogs
from websight_desk.ui.main_window_nav import Navigation
from websight_desk.ui.menus import MenuBuilder
from websight_desk.ui.queue.panel import QueuePanel

LANGUAGE_NAMES = {"tr": "Türkçe", "en": "English"}  # each in its own language, never translated


class MainWindow(Protocol):
    """What the menus reach on the main window (`ui.main_window.MainWindow`)."""

    menus: MenuBuilder
    nav: Navigation
    dialogs: WindowDialogs
    queue: QueuePanel
    view_actions: dict[str, QAction]
    language_actions: dict[str, QAction]

    def close(self) -> bool: ...

    def set_language(self, code: str) -> None: ...

    def refresh(self) -> None: ...


def _pick_view(window: MainWindow, key: str) -> Callable[[], object]:
    return lambda: window.queue.set_view(key)


def _pick_language(window: MainWindow, code: str) -> Callable[[], object]:
    return lambda: window.set_language(code)


def build_menus(window: MainWindow, views: list[ViewInfo]) -> None:
    """Fill `window.menus`, `window.view_actions` and `window.language_actions`."""
    m, nav, dialogs = window.menus, window.nav, window.dialogs
    file_menu = m.menu("file", N_("File"))
    m.action(file_menu, "new_ticket", N_("New ticket…"), dialogs.new_ticket, "new_ticket")
    file_menu.addSeparator()
    m.action(file_menu, "quit", N_("Quit"), window.close, "quit")

    view_menu = m.menu("view", N_("View"))
    queue_views = m.submenu(view_menu, "queue_views", N_("Queue view"))
    group = QActionGroup(m.window)
    for v in views:
        act = m.action(queue_views, f"view:{v.key}", v.label, _pick_view(window, v.key))
        act.setCheckable(True)
        group.addAction(act)
        window.view_actions[v.key] = act
    language = m.submenu(view_menu, "language", N_("Language"))
    lang_group = QActionGroup(m.window)
    for code in LANGUAGES:
        act = m.action(language, f"lang:{code}", "", _pick_language(window, code))
        act.setText(LANGUAGE_NAMES[code])
        act.setCheckable(True)
        lang_group.addAction(act)
        window.language_actions[code] = act
    m.action(
        view_menu,
        "view_filter",
        N_("Choose the queue view…"),
        window.queue.pick_view,
        "view_filter",
    )
    columns = m.submenu(view_menu, "queue_columns", N_("Queue columns"))
    chooser = window.queue.table.columns
    chooser.fill(columns)
    columns.aboutToShow.connect(lambda: chooser.fill(columns))
    view_menu.addSeparator()
    m.action(view_menu, "search", N_("Search"), window.queue.focus_search, "search")
    m.action(view_menu, "queue", N_("Queue"), lambda: nav.focus_pane(0), "queue")
    m.action(view_menu, "ticket", N_("Ticket"), lambda: nav.focus_pane(1), "ticket")
    m.action(view_menu, "policy", N_("Policy panel"), lambda: nav.focus_pane(2), "policy")
    m.action(view_menu, "next_pane", N_("Next pane"), lambda: nav.cycle_pane(1), "next_pane")
    m.action(
        view_menu,
        "previous_pane",
        N_("Previous pane"),
        lambda: nav.cycle_pane(-1),
        "previous_pane",
    )

    tools = m.menu("tools", N_("Tools"))
    m.action(tools, "customer", N_("Customer details…"), dialogs.show_customer, "customer")
    m.action(tools, "refresh", N_("Refresh"), window.refresh, "refresh")
    tools.addSeparator()
    review = m.action(
        tools, "review_queue", N_("Review queue…"), dialogs.show_review_queue, "review_queue"
    )
    review.setEnabled(False)  # for shift leads, once the role is read (`enable_for_role`)
    m.action(tools, "abuse_report", N_("Abuse report…"), dialogs.show_abuse_report)
    m.action(tools, "sync_problems", N_("Sync problems…"), dialogs.show_sync_problems)

    help_menu = m.menu("help", N_("Help"))
    m.action(help_menu, "help", N_("Keyboard shortcuts"), dialogs.show_shortcuts, "help")
    m.action(help_menu, "about", N_("About Websight Desk"), dialogs.show_about)
    m.window_action("menu_bar", m.open_menu_bar, "menu_bar")


def enable_for_role(window: MainWindow, role: str | None) -> None:
    """Entries only some roles may use (the services refuse the others too)."""
    window.menus.get("review_queue").setEnabled(role == Role.SHIFT_LEAD.value)
