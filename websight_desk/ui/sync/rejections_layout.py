"""The widgets of the refused-changes view and their texts (no data, no actions)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from websight_desk.i18n import _
from websight_desk.ui.sync.rejection_groups import BY_CAUSE, BY_TICKET

_OP = Qt.ItemDataRole.UserRole


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setAutoDefault(False)
    return button


class RejectionsLayout:
    """Summary · group by · groups | explanation, one page of changes, pager, details ·
    the action buttons."""

    def __init__(self, owner: QWidget) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("rejectionsSummary")
        self.summary.setWordWrap(True)
        self.group_by_label = QLabel()
        self.group_by = QComboBox()
        self.group_by.setObjectName("rejectionsGroupBy")
        self.group_by.addItem("", BY_CAUSE)
        self.group_by.addItem("", BY_TICKET)
        self.group_by_label.setBuddy(self.group_by)
        self.group_list = QListWidget()
        self.group_list.setObjectName("rejectionGroups")
        self.group_list.setWordWrap(True)
        self.explain = QLabel()
        self.explain.setObjectName("rejectionExplanation")
        self.explain.setWordWrap(True)
        self.explain.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTreeWidget()
        self.table.setObjectName("rejectedChanges")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.header().setStretchLastSection(False)
        self.previous = _button("rejectionsPrevious")
        self.next = _button("rejectionsNext")
        self.page_label = QLabel()
        self.details = QPlainTextEdit()
        self.details.setObjectName("rejectionDetails")
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(110)
        self.details.setTabChangesFocus(True)
        self.retry = _button("retryRejected")
        self.retry_group = _button("retryRejectedGroup")
        self.mark_seen = _button("markRejectedSeen")
        self.mark_group_seen = _button("markRejectedGroupSeen")
        self.discard = _button("discardRejected")
        self.open_ticket = _button("openRejectedTicket")
        self.copy = _button("copyRejectedDetails")

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.group_by_label)
        top.addWidget(self.group_by)
        pager = QHBoxLayout()
        pager.addWidget(self.previous)
        pager.addWidget(self.page_label)
        pager.addWidget(self.next)
        pager.addStretch(1)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.addWidget(self.explain)
        right_lay.addWidget(self.table, 1)
        right_lay.addLayout(pager)
        right_lay.addWidget(self.details)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.group_list)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        actions = QHBoxLayout()
        buttons = (self.retry, self.retry_group, self.mark_seen, self.mark_group_seen, self.discard)
        for button in buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.open_ticket)
        actions.addWidget(self.copy)
        lay = QVBoxLayout(owner)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addLayout(actions)
        for first, second in (
            (self.group_by, self.group_list),
            (self.group_list, self.table),
            (self.table, self.previous),
            (self.previous, self.next),
            (self.next, self.details),
            (self.details, self.retry),
        ):
            QWidget.setTabOrder(first, second)

    def add_group(self, title: str, count: int, new: int) -> None:
        text = f"{title} ({count})"
        item = QListWidgetItem(text)
        item.setToolTip(title)
        font = item.font()
        font.setBold(new > 0)
        item.setFont(font)
        self.group_list.addItem(item)

    def fill_table(self, rows: list[list[str]], op_ids: list[str]) -> None:
        self.table.clear()
        for cells, op_id in zip(rows, op_ids, strict=True):
            item = QTreeWidgetItem(cells)
            item.setData(0, _OP, op_id)
            item.setToolTip(2, cells[2])
            self.table.addTopLevelItem(item)

    def mark_new(self, new: list[bool]) -> None:
        for index, is_new in enumerate(new):
            item = self.table.topLevelItem(index)
            if item is None:
                continue
            font = item.font(4)  # the "Seen" column: New in bold
            font.setBold(is_new)
            item.setFont(4, font)

    def retranslate(self) -> None:
        self.group_by_label.setText(_("&Group by:"))
        self.group_by.setItemText(0, _("Reason"))
        self.group_by.setItemText(1, _("Ticket"))
        self.group_list.setAccessibleName(_("Groups of refused changes"))
        self.table.setAccessibleName(_("Changes the server refused"))
        self.table.setHeaderLabels([_("When"), _("Change"), _("Reason"), _("Ticket"), _("Seen")])
        header = self.table.header()  # modes after the columns exist: the reason takes the rest
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.details.setAccessibleName(_("Details of the refused change"))
        self.previous.setText(_("‹ &Previous page"))
        self.next.setText(_("&Next page ›"))
        self.retry.setText(_("&Retry"))
        self.retry.setToolTip(_("Send this change again with the next sync"))
        self.retry_group.setText(_("Retry &all in group"))
        self.mark_seen.setText(_("Mark as &seen"))
        self.mark_group_seen.setText(_("Mark group as s&een"))
        self.discard.setText(_("&Discard…"))
        self.discard.setToolTip(_("Give up this change: a reply or note is deleted here too"))
        self.open_ticket.setText(_("&Open ticket"))
        self.copy.setText(_("&Copy details"))
