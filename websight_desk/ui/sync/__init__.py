"""Sync in the app: connect dialog, token prompt, background sync wired to the status bar."""

from websight_desk.ui.sync.install import install_sync

__all__ = ["install_sync"]
