"""The whole server schema on one MetaData: the server's own tables and the mail channel's.

What compares models with migrations (Alembic's env, the tests) imports this module; the rest
of the server imports the table module it needs.
"""

from __future__ import annotations

import websight_desk.server.mail.models  # noqa: F401  (puts the mail tables on the MetaData)
from websight_desk.server.models import server_metadata

__all__ = ["server_metadata"]
