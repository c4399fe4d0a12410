"""This workstation's copy of the company settings the sync server publishes (one row)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from websight_desk.storage.models.base import Base
from websight_desk.storage.types import UTCDateTime


class CompanySettingsCopy(Base):
    """The settings as last fetched from the server; absent until the first sync."""

    __tablename__ = "company_settings_copy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    settings: Mapped[str] = mapped_column(Text)  # CompanySettings.to_json(), canonical JSON
    version: Mapped[int] = mapped_column(Integer)  # the server's change count
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # changed on the server
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())  # by this workstation
