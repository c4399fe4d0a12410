"""Root pytest configuration: headless Qt, isolated profile, in-memory keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
