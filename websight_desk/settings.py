"""Where a workspace lives and its settings file.

A workspace is a directory: the local database, its backups, settings and logs. It is chosen
by `--workspace DIR`, else `$WEBSIGHT_DESK_HOME`, else the user data directory (platformdirs).
Secrets are never stored here: the server token lives in the OS keyring.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from websight_desk.domain.errors import StorageProblem

APP_NAME = "WebsightDesk"
ENV_HOME = "WEBSIGHT_DESK_HOME"
DB_FILE = "desk.sqlite3"
SETTINGS_FILE = "settings.json"
# `Settings.extra` key: the refused changes the user marked as read (op ids only)
SEEN_REJECTIONS = "seen_rejections"


def default_workspace() -> Path:
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_workspace(explicit: str | os.PathLike[str] | None) -> Path:
    return Path(explicit).expanduser() if explicit else default_workspace()


@dataclass(frozen=True)
class WorkspacePaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILE

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def settings(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def logs(self) -> Path:
        return self.root / "logs"


@dataclass
class Settings:
    """User-editable settings, kept as JSON in the workspace. Unknown keys are preserved."""

    language: str = "tr"
    server_url: str = ""
    policy_file: str = ""  # the company's edited policy copy; empty = the packaged one
    agent_id: str = ""  # who works at this workstation
    retention_days: dict[str, int] = field(
        default_factory=lambda: {"callback_notes": 365, "abuse_evidence": 730}
    )
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StorageProblem(
                f"The settings file {path} cannot be read ({exc}).",
                hint="Fix or delete it; defaults will be used.",
                path=str(path),
            ) from exc
        if not isinstance(data, dict):
            raise StorageProblem(f"The settings file {path} is not a JSON object.", path=str(path))
        known = {f.name for f in fields(cls)} - {"extra"}
        values = {k: v for k, v in data.items() if k in known}
        extra = {k: v for k, v in data.items() if k not in known}
        return cls(**values, extra=extra)

    def save(self, path: Path) -> None:
        """Write atomically: a crash mid-write keeps the previous file."""
        data = asdict(self)
        extra = data.pop("extra")
        data.update(extra)
        tmp = path.with_suffix(".json.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            raise StorageProblem(
                f"The settings could not be saved to {path} ({exc.strerror or exc}).",
                path=str(path),
            ) from exc
