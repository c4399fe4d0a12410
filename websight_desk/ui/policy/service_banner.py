"""The strip at the top of the policy panel: service refused, or refusal pending review; and
"sender not verified" for a mail from an address no customer contact holds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from websight_desk.i18n import _


def sender_text() -> str:
    return _(
        "Sender not verified: no customer holds this address. Confirm who is writing before "
        "sharing account details."
    )


class ServiceBanner(QLabel):
    """Hidden until `show_banner(text, severity)` or `show_sender_unverified(True)`;
    "error" is red, "warning" amber. A refusal and the sender notice are shown together."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("policyBanner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setVisible(False)
        self._text: str | None = None
        self._severity = "error"
        self._unverified = False
        self.retranslate()

    def show_banner(self, text: str | None, severity: str = "error") -> None:
        """Show `text` (already translated) or hide the strip (None)."""
        self._text, self._severity = text, severity
        self._show()

    def show_sender_unverified(self, unverified: bool) -> None:
        """Say (or stop saying) that the ticket's sender is not verified."""
        self._unverified = unverified
        self._show()

    @property
    def sender_unverified(self) -> bool:
        return self._unverified

    def _show(self) -> None:
        lines = []
        severity = self._severity if self._text is not None else "warning"
        if self._text is not None:
            lines.append(("✖ " if severity == "error" else "⚠ ") + self._text)
        if self._unverified:
            lines.append("⚠ " + sender_text())
        if not lines:
            self.setVisible(False)
            return
        colours = ("#b3261e", "#ffffff") if severity == "error" else ("#f4c542", "#2b2100")
        self.setStyleSheet(
            f"background:{colours[0]}; color:{colours[1]}; font-weight:600; padding:6px;"
        )
        self.setText("\n".join(lines))
        self.setVisible(True)

    def retranslate(self) -> None:
        self.setAccessibleName(_("Service status"))
        if self._unverified:
            self._show()
