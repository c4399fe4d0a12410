"""`install_sync(window)`: the Tools menu action, the controller, a clean stop on close."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from websight_desk.i18n import N_, _
from websight_desk.ui.context import UiContext
from websight_desk.ui.sync.controller import SyncController

CONNECT_TEXT = N_("Connect to sync server…")
EXTRA_KEY = "sync"  # ctx.extras["sync"] = the SyncController


class _StopOnClose(QObject):
    """Stops the sync threads when the window closes (before the runner shuts down)."""

    def __init__(self, window: QMainWindow, controller: SyncController) -> None:
        super().__init__(window)
        self.controller = controller
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.controller.stop()
        return False


def tools_menu(window: QMainWindow) -> QMenu | None:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and menu.objectName() == "menu_tools":
            return menu
    return None


def install_sync(window: QMainWindow) -> None:
    """Add "Connect to sync server…" to Tools and start background sync when configured."""
    ctx: UiContext = window.ctx  # type: ignore[attr-defined]
    controller = SyncController(ctx, window)
    ctx.extras[EXTRA_KEY] = controller
    action = QAction(_(CONNECT_TEXT), window)
    action.setObjectName("action_sync_connect")
    action.triggered.connect(lambda _checked=False: open_connect_dialog(window, controller))
    menu = tools_menu(window) or window.menuBar().addMenu(_("Tools"))
    menu.addSeparator()
    menu.addAction(action)
    ctx.events.languageChanged.connect(lambda: action.setText(_(CONNECT_TEXT)))
    _StopOnClose(window, controller)
    window.destroyed.connect(controller.stop)
    QTimer.singleShot(0, controller.start)  # once the window is up (a prompt may show)


def open_connect_dialog(window: QMainWindow, controller: SyncController) -> None:
    from websight_desk.ui.sync.dialogs import ConnectDialog

    dialog = ConnectDialog(controller.ctx, window)
    dialog.connected.connect(controller.restart)
    controller.prompt = dialog
    dialog.open()
