"""The KVKK exports this workspace wrote, so that an erasure also removes them from disk.

An export holds everything about a person; it is written where the admin chose. Each one is
listed in `exports.jsonl` in the workspace (the customer's id, the file's path, when — nothing
personal), and when an erasure of that customer is applied here (made on this workstation or
pulled), the files still on disk are deleted and their lines dropped.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from websight_desk.storage.ops import Op

log = logging.getLogger(__name__)

REGISTRY = "exports.jsonl"
_LOCK = threading.Lock()


def registry_of(workspace: Path) -> Path:
    return workspace / REGISTRY


def record_export(workspace: Path, customer_id: str, file: Path) -> None:
    """Remember that `file` holds an export of `customer_id`."""
    line = json.dumps(
        {
            "customer_id": customer_id,
            "path": str(file.resolve()),
            "written_at": datetime.now(UTC).isoformat(),
        },
        ensure_ascii=False,
    )
    with _LOCK:
        fd = os.open(registry_of(workspace), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write(line + "\n")
            out.flush()
            os.fsync(out.fileno())


def _entries(registry: Path) -> list[dict[str, str]]:
    try:
        lines = registry.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    found = []
    for line in lines:
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            log.warning("a damaged line in %s was skipped", registry)
            continue
        if isinstance(entry, dict) and {"customer_id", "path"} <= entry.keys():
            found.append({k: str(v) for k, v in entry.items()})
    return found


def forget_exports(workspace: Path, ops: Sequence[Op]) -> int:
    """Delete the export files of the customers these erasures erase; returns how many."""
    erased = {str(op.payload.get("customer_id")) for op in ops if op.kind == "kvkk.erase"}
    if not erased:
        return 0
    registry = registry_of(workspace)
    removed = 0
    with _LOCK:
        entries = _entries(registry)
        kept = []
        for entry in entries:
            if entry["customer_id"] not in erased:
                kept.append(entry)
                continue
            try:
                Path(entry["path"]).unlink(missing_ok=True)
                removed += 1
            except OSError as exc:  # kept listed: the next erasure or a person deals with it
                log.warning("the export %s could not be deleted: %s", entry["path"], exc)
                kept.append(entry)
        if len(kept) != len(entries):
            tmp = registry.with_suffix(".tmp")
            tmp.write_text("".join(json.dumps(e) + "\n" for e in kept), encoding="utf-8")
            tmp.chmod(0o600)
            tmp.replace(registry)
    return removed
