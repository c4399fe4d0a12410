"""Who is called and on which number: profile numbers masked, reveal with a reason, or new."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from websight_desk.domain.callbacks import PhoneSource
from websight_desk.domain.enums import ContactRole
from websight_desk.domain.errors import EnvironmentProblem
from websight_desk.i18n import _
from websight_desk.services.callback_views import ProfileNumber
from websight_desk.services.callbacks import reveal_phone
from websight_desk.storage.queries.customers import contact_phones
from websight_desk.ui.callbacks.labels import label
from websight_desk.ui.context import UiContext

NEW = "__new__"


class NumberPicker(QWidget):
    """Step 1 of the dialog. `changed` fires when the person or their role changes."""

    changed = Signal()
    problem = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.numbers: dict[str, ProfileNumber] = {}
        self.revealed: dict[str, str] = {}
        # The profile numbers in full, read in the background: recorded with the call,
        # shown only masked until revealed (with a reason, audited).
        self.stored: dict[str, str] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.person = QComboBox()
        self.person.addItem(_("Someone else, on a new number…"), NEW)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Name of the person called"))
        self.role = QComboBox()
        for role in ContactRole:
            self.role.addItem(label(role), role.value)
        self.new_number = QLineEdit()
        self.new_number.setPlaceholderText("0532 123 45 67")
        self.verified = QCheckBox(_("Number confirmed with the customer in writing"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Why do you need the full number?"))
        self.reveal_button = QPushButton(_("Reveal"))
        self.full = QLabel()
        reveal_row = QHBoxLayout()
        reveal_row.addWidget(self.reason, 1)
        reveal_row.addWidget(self.reveal_button)
        form.addRow(_("Person:"), self.person)
        form.addRow(_("Name:"), self.name)
        form.addRow(_("Role:"), self.role)
        form.addRow(_("New number:"), self.new_number)
        form.addRow("", self.verified)
        form.addRow(_("Full number:"), reveal_row)
        form.addRow("", self.full)
        self._form = form
        self.person.currentIndexChanged.connect(self._person_changed)
        self.role.currentIndexChanged.connect(self.changed)
        self.reveal_button.clicked.connect(self.reveal)
        self._person_changed()

    def set_numbers(self, numbers: list[ProfileNumber]) -> None:
        """The profile's numbers (masked), read by the dialog in the background; the first
        one is chosen, "someone else" stays last."""
        self.numbers = {n.contact_id: n for n in numbers}
        self.person.blockSignals(True)
        for i, n in enumerate(numbers):
            self.person.insertItem(i, f"{n.name or n.masked_name} · {n.masked_phone}", n.contact_id)
        self.person.setCurrentIndex(0)
        self.person.blockSignals(False)
        self._person_changed()
        self._load_stored(list(self.numbers))

    def contact_id(self) -> str | None:
        value = self.person.currentData()
        return None if value == NEW else str(value)

    def contact_role(self) -> ContactRole:
        return ContactRole(self.role.currentData())

    def source(self) -> PhoneSource:
        return PhoneSource.PROFILE if self.contact_id() else PhoneSource.VERIFIED_NEW

    def _person_changed(self) -> None:
        contact_id = self.contact_id()
        is_new = contact_id is None
        for widget in (self.name, self.new_number, self.verified):
            widget.setEnabled(is_new)
            self._form.setRowVisible(widget, is_new)
        self.reason.setEnabled(not is_new)
        self.reveal_button.setEnabled(not is_new)
        if contact_id is not None:
            number = self.numbers[contact_id]
            self.role.setCurrentIndex(self.role.findData(number.role.value))
            self.full.setText(self.revealed.get(contact_id, number.masked_phone))
        else:
            self.full.setText("")
        self.changed.emit()

    def reveal(self) -> None:
        """Show the full number of the chosen profile contact; audited with the reason."""
        contact_id = self.contact_id()
        if contact_id is None:
            return
        reason = self.reason.text()

        def work() -> str:
            with self.ctx.desk.writer() as w:
                return reveal_phone(w, reason=reason, contact_id=contact_id)

        def done(full: str) -> None:
            self.revealed[contact_id] = full
            self.full.setText(full)

        self.ctx.runner.run(work, done, self._failed)

    def _load_stored(self, contact_ids: list[str]) -> None:
        if not contact_ids:
            return
        desk = self.ctx.desk

        def job() -> dict[str, str]:
            with desk.db.read() as conn:
                return contact_phones(conn, contact_ids)

        self.ctx.runner.run(job, self.stored.update, self._failed)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, EnvironmentProblem):
            raise exc
        self.problem.emit(exc.message)

    def phone(self) -> str:
        """The number to record (the service checks a profile one against the profile)."""
        contact_id = self.contact_id()
        if contact_id is None:
            return self.new_number.text()
        return self.revealed.get(contact_id) or self.stored.get(contact_id, "")
