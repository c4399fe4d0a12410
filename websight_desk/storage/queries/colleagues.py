"""The colleagues a ticket can be assigned to: agents and shift leads, by name.

Admins (user management, KVKK requests) and intake accounts (web forms, billing) do not work
the queue, so they are not offered.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from websight_desk.domain.enums import Role
from websight_desk.domain.queue_views import AgentSummary
from websight_desk.domain.turkish import fold
from websight_desk.storage.models import Agent

ASSIGNABLE = (Role.AGENT.value, Role.SHIFT_LEAD.value)


def assignable_agents(conn: Connection) -> tuple[AgentSummary, ...]:
    """Every agent and shift lead, sorted by name (Turkish-aware)."""
    rows = conn.execute(
        select(Agent.id, Agent.display_name, Agent.role).where(Agent.role.in_(ASSIGNABLE))
    ).all()
    agents = [AgentSummary(r.id, r.display_name, r.role) for r in rows]
    return tuple(sorted(agents, key=lambda a: (fold(a.display_name), a.agent_id)))


__all__ = ["ASSIGNABLE", "assignable_agents"]
