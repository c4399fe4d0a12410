"""The strip at the top of the policy panel: service refused, or refusal pending review."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from websight_desk.i18n import _


class ServiceBanner(QLabel):
    """Hidden until `show_banner(text, severity)`; "error" is red, "warning" amber."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("policyBanner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setVisible(False)
        self.retranslate()

    def show_banner(self, text: str | None, severity: str = "error") -> None:
        """Show `text` (already translated) or hide the strip (None)."""
        if text is None:
            self.setVisible(False)
            return
        colours = ("#b3261e", "#ffffff") if severity == "error" else ("#f4c542", "#2b2100")
        self.setStyleSheet(
            f"background:{colours[0]}; color:{colours[1]}; font-weight:600; padding:6px;"
        )
        self.setText(("✖ " if severity == "error" else "⚠ ") + text)
        self.setVisible(True)

    def retranslate(self) -> None:
        self.setAccessibleName(_("Service status"))
