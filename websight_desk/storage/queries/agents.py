"""Agents as the UI shows them."""

from __future__ import annotations

from sqlalchemy import Connection, select

from websight_desk.domain.queue_views import AgentSummary
from websight_desk.storage.models import Agent


def agent_summary(conn: Connection, agent_id: str | None) -> AgentSummary | None:
    """Name and role of an agent, or None if unknown (not chosen yet, not synced yet)."""
    if not agent_id:
        return None
    row = conn.execute(select(Agent.display_name, Agent.role).where(Agent.id == agent_id)).first()
    return None if row is None else AgentSummary(agent_id, row.display_name, row.role)
