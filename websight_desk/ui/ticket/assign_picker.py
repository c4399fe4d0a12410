"""Assign the ticket to a colleague (Ctrl+Shift+A): the agents and shift leads, typed into
like the canned replies (`type_ahead`); Enter assigns."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from websight_desk.domain.enums import Role
from websight_desk.domain.queue_views import AgentSummary
from websight_desk.i18n import N_, _
from websight_desk.ui.ticket.type_ahead import TypeAheadPicker

ROLE_NAMES = {Role.AGENT.value: N_("agent"), Role.SHIFT_LEAD.value: N_("shift lead")}


def entries(agents: tuple[AgentSummary, ...], me: str | None) -> list[tuple[str, str]]:
    """(agent id, "Name · role") for the picker; the working agent is marked "(me)"."""
    rows = []
    for a in agents:
        role = _(ROLE_NAMES[a.role]) if a.role in ROLE_NAMES else a.role
        who = a.display_name + (" " + _("(me)") if a.agent_id == me else "")
        rows.append((a.agent_id, f"{who} · {role}"))
    return rows


class AssigneePicker(TypeAheadPicker):
    """Emits `chosen(agent id)`; the ticket's current assignee is starred."""

    def __init__(
        self, rows: list[tuple[str, str]], current: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("assignee", rows, {current} if current else set(), parent)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Assign to a colleague"))
        self.setAccessibleName(_("Assign to a colleague"))
        self.filter.setPlaceholderText(_("Type a name…"))
        self.filter.setAccessibleName(_("Filter the colleagues"))
        self.list.setAccessibleName(_("Colleagues"))
        self.hint.setText(_("★ assigned now · Enter assigns · Esc closes"))


__all__ = ["AssigneePicker", "entries"]
