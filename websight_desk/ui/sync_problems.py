"""The status bar's "⚠ N problems": changes the server refused and concurrent edits that lost.

The window's content lives in `ui/sync/problems_window.py` (`SyncProblemsWidget`; the name
`SyncProblemsDialog` is kept for the main window); `ClickFilter` (`ui/click_filter.py`) makes
a status bar label open it on a click.
"""

from __future__ import annotations

from websight_desk.ui.click_filter import ClickFilter
from websight_desk.ui.sync.problems_window import SyncProblemsWidget

SyncProblemsDialog = SyncProblemsWidget


__all__ = ["ClickFilter", "SyncProblemsDialog", "SyncProblemsWidget"]
