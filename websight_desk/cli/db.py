"""`websight-desk db …`: upgrade, back up, list backups, restore one.

Restore refuses a file that is not a Websight Desk database this version can open, and keeps
the database it replaces among the backups. Close the app first.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from websight_desk.cli.common import add_workspace_option, open_from_args, workspace_dir
from websight_desk.domain.errors import StorageProblem
from websight_desk.i18n import _
from websight_desk.settings import WorkspacePaths
from websight_desk.storage import backups, migrate


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "db", help=_("database maintenance"), description=_("Database maintenance.")
    )
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser(
        "upgrade", help=_("upgrade the database to this version's schema (after a backup)")
    )
    add_workspace_option(upgrade)
    upgrade.set_defaults(func=run_upgrade)
    made = actions.add_parser("backup", help=_("make a backup now (kept with the others)"))
    add_workspace_option(made)
    made.set_defaults(func=run_backup)
    listed = actions.add_parser("backups", help=_("list the backups, newest first"))
    add_workspace_option(listed)
    listed.set_defaults(func=run_list)
    restore = actions.add_parser(
        "restore", help=_("put a backup in place of the database (close the app first)")
    )
    add_workspace_option(restore)
    restore.add_argument("file", type=Path, help=_("the backup file to restore"))
    restore.set_defaults(func=run_restore)


def run_upgrade(args: argparse.Namespace) -> int:
    desk = open_from_args(args, with_triage=False)  # opening upgrades, after a backup
    try:
        with desk.db.read() as conn:
            revision = migrate.current_revision(conn)
    finally:
        desk.close()
    print(_("{path}: schema at {revision}").format(path=desk.paths.database, revision=revision))
    return 0


def run_backup(args: argparse.Namespace) -> int:
    desk = open_from_args(args, with_triage=False)
    try:
        made = backups.backup(desk.paths.database, desk.paths.backups, "manual")
        backups.rotate(desk.paths.backups, datetime.now(UTC))
    finally:
        desk.close()
    print(made)
    return 0


def run_list(args: argparse.Namespace) -> int:
    paths = WorkspacePaths(workspace_dir(args))
    for item in backups.list_backups(paths.backups):
        print(f"{item.made_at:%Y-%m-%d %H:%M} UTC  {item.label:<10} {item.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    paths = WorkspacePaths(workspace_dir(args))
    marker = paths.database.with_name(paths.database.name + ".open")
    if marker.exists():
        raise StorageProblem(
            _("The workspace looks open in Websight Desk (or it was not closed cleanly)."),
            hint=_("Close the app, then run the restore again; after a crash, delete {m}.").format(
                m=marker
            ),
        )
    kept = backups.restore(args.file, paths.database, paths.backups)
    print(
        _("Restored {file}; the database it replaced is kept as {kept}.").format(
            file=args.file, kept=kept
        ),
        file=sys.stderr,
    )
    return 0
