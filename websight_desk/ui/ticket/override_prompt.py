"""Replying to a refused or pending-review customer: the agent says why, or nothing is sent."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from websight_desk.i18n import _
from websight_desk.services.abuse import RefusalState, RefusalStatus


def ask_override_reason(parent: QWidget | None, state: RefusalState) -> str | None:
    """Ask why the agent replies to a refused or pending customer; None = cancelled."""
    if state.status is RefusalStatus.REFUSED:
        prompt = _("Service to this customer is refused. Why do you reply anyway?")
    else:
        prompt = _("This customer's refusal is pending review. Why do you reply anyway?")
    text, ok = QInputDialog.getMultiLineText(parent, _("Reply override"), prompt)
    return text.strip() if ok and text.strip() else None
