"""The bar over the queue while several tickets are selected: their number and the bulk
actions (assign to me, assign to a colleague, set a status), reachable with Tab too."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from websight_desk.domain.enums import TicketStatus
from websight_desk.i18n import _, ngettext
from websight_desk.ui import format as fmt
from websight_desk.ui.icons import icon
from websight_desk.ui.queue.bulk_actions import BulkActions
from websight_desk.ui.shortcuts import SHORTCUTS, native_text
from websight_desk.ui.value_labels import STATUS, tr_


class BulkBar(QWidget):
    """Hidden until `show_count(n)` is called with n > 1; `clearRequested` on "Clear"."""

    clearRequested = Signal()

    def __init__(self, actions: BulkActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulkBar")
        self.bulk = actions
        self._count = 0
        self.label = QLabel(self)
        self.label.setObjectName("bulkCount")
        self.assign_me = QPushButton(self)
        self.assign_me.setObjectName("bulkAssignMe")
        self.assign_me.setIcon(icon("action_assign"))
        self.assign_me.clicked.connect(actions.assign_to_me)
        self.assign_other = QPushButton(self)
        self.assign_other.setObjectName("bulkAssignOther")
        self.assign_other.clicked.connect(actions.pick_assignee)
        self.status = QToolButton(self)
        self.status.setObjectName("bulkStatus")
        self.status.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = actions.status_menu(self)
        self.status.setMenu(self.status_menu)
        self.clear = QToolButton(self)
        self.clear.setObjectName("bulkClear")
        self.clear.clicked.connect(self.clearRequested)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 2)
        lay.addWidget(self.label, 1)
        for w in (self.assign_me, self.assign_other, self.status, self.clear):
            lay.addWidget(w)
        self.setVisible(False)
        self.retranslate()

    def show_count(self, n: int) -> None:
        self._count = n
        self.label.setText(
            ngettext("{n} ticket selected", "{n} tickets selected", n).format(n=fmt.number(n))
        )
        self.setVisible(n > 1)

    def retranslate(self) -> None:
        self.show_count(self._count)
        self.setAccessibleName(_("Actions on the selected tickets"))
        self.assign_me.setText(_("Assign to me"))
        self.assign_me.setToolTip(
            _("Assign the selected tickets to me ({keys})").format(
                keys=native_text(SHORTCUTS["assign"].keys)
            )
        )
        self.assign_other.setText(_("Assign…"))
        self.assign_other.setToolTip(
            _("Assign the selected tickets to a colleague ({keys})").format(
                keys=native_text(SHORTCUTS["assign_to"].keys)
            )
        )
        self.status.setText(_("Status"))
        self.status.setToolTip(
            _("Set the status of the selected tickets ({keys})").format(
                keys=native_text(SHORTCUTS["status"].keys)
            )
        )
        for act in self.status_menu.actions():
            value = act.objectName().removeprefix("bulkStatus_")
            act.setText(tr_(STATUS, TicketStatus(value)))
        self.clear.setText(_("Clear"))
        self.clear.setToolTip(_("Clear the selection (Esc)"))


__all__ = ["BulkBar"]
