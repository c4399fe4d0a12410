"""What only this workstation knows: the numbers its tickets had before the team's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from websight_desk.storage.models.base import ID, Base
from websight_desk.storage.types import UTCDateTime


class ProvisionalNumber(Base):
    """A ticket opened offline was numbered here, then given the team's number by the server.

    The agent may already have told the customer the first one: search finds the ticket by
    it, and the header says it. Never synced (other workstations never saw that number).
    """

    __tablename__ = "provisional_numbers"
    __table_args__ = (Index("ix_provisional_numbers_number", "number"),)

    ticket_id: Mapped[str] = mapped_column(
        ID, ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer)
    renumbered_at: Mapped[datetime] = mapped_column(UTCDateTime())
