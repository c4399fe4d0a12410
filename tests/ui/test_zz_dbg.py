from tests.ui.test_callbacks_ui import _pane, pytest, Qt
from tests.ui.fixtures_ticket import tctx, tdesk, tsample  # noqa

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

def test_dbg(qtbot, tctx, tsample):
    pane = _pane(qtbot, tctx, tsample.theme)
    pane.show(); qtbot.waitExposed(pane); pane.windowHandle().requestActivate(); qtbot.wait(50); pane.thread_view.setFocus()
    act = pane.findChild(QAction, "callBack")
    print("enabled", act.isEnabled(), act.shortcut().toString(), act.shortcutContext())
    from PySide6.QtWidgets import QApplication
    print("active", QApplication.activeWindow())
    hits = []
    act.triggered.connect(lambda *a: hits.append(1))
    for target in (pane, pane.thread_view):
        qtbot.keyClick(target, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        print("hits", target, hits)
    sc = pane.shortcuts["Ctrl+M"]
    got=[]; sc.activated.connect(lambda: got.append(1))
    qtbot.keyClick(pane, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    print("ctrl+m", got)
from PySide6.QtGui import QAction
