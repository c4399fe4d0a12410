"""`websight-desk-server settings show | set KEY VALUE | history`: the company settings.

The server publishes what is set here to every workstation (`GET /v1/settings`) and computes
retention dates from it. Every change is kept as a new version (`settings history`).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from typing import Any

from websight_desk.domain.company import CompanySettings
from websight_desk.domain.errors import ValidationError
from websight_desk.server.company import (
    load_published,
    save_company_settings,
    settings_history,
)
from websight_desk.server.store import open_store

StoreOptions = Callable[[argparse.ArgumentParser], None]

_KEYS_HELP = (
    "KEY is one of: "
    + ", ".join(CompanySettings().names())
    + ". Examples: settings set retention_days.callback_notes 400; settings set notes_limit "
    "800; settings set central_store_location 'Türkiye (İstanbul)'; settings set "
    "transfer_mechanism '' (none)."
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], store: StoreOptions) -> None:
    """Add the `settings` command to the server CLI's subcommands."""
    parser = sub.add_parser(
        "settings", help="show or change the company settings the server publishes"
    )
    actions = parser.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print the settings in force")
    store(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=cmd_show)
    change = actions.add_parser("set", help="change one setting", description=_KEYS_HELP)
    store(change)
    change.add_argument("key")
    change.add_argument("value")
    change.add_argument("--by", help="who makes the change (default: cli:<system user>)")
    change.set_defaults(func=cmd_set)
    history = actions.add_parser("history", help="list the changes, newest first")
    store(history)
    history.add_argument("--json", action="store_true", help="print JSON")
    history.set_defaults(func=cmd_history)


def _operator() -> str:
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):
        return "cli"


def cmd_show(args: argparse.Namespace) -> int:
    store = open_store(args.data, args.db)
    try:
        with store.read() as conn:
            history = settings_history(conn, limit=1)
            published = load_published(conn)
    finally:
        store.close()
    by = history[0].updated_by if history else None
    if args.json:
        print(json.dumps({**published.to_json(), "updated_by": by}, ensure_ascii=False))
        return 0
    if published.version == 0:
        print("company settings: the defaults (none were set on this server)")
    else:
        when = f"{published.updated_at:%Y-%m-%d %H:%M} UTC" if published.updated_at else "?"
        print(f"company settings version {published.version}, changed {when} by {by}")
    _print_settings(published.settings)
    _warn(published.settings)
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    store = open_store(args.data, args.db)
    try:
        with store.write() as conn:
            before = load_published(conn)
            try:
                changed = before.settings.with_value(args.key, args.value)
            except ValueError as exc:
                raise ValidationError(str(exc)) from exc
            after = save_company_settings(conn, changed, args.by or _operator())
    finally:
        store.close()
    old, new = before.settings.value(args.key), after.settings.value(args.key)
    if after.version == before.version:
        print(f"{args.key} is already {_shown(new)}; nothing changed.")
    else:
        print(f"{args.key}: {_shown(old)} -> {_shown(new)} (settings version {after.version})")
        print("Workstations take the new value at their next sync.")
    _warn(after.settings)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    store = open_store(args.data, args.db)
    try:
        with store.read() as conn:
            changes = settings_history(conn)
    finally:
        store.close()
    if args.json:
        rows: list[dict[str, Any]] = [
            {**c.published.to_json(), "updated_by": c.updated_by} for c in changes
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not changes:
        print("No settings were set on this server; the defaults apply.")
    for i, change in enumerate(changes):
        older = changes[i + 1].published.settings if i + 1 < len(changes) else CompanySettings()
        p = change.published
        what = ", ".join(_differences(older, p.settings)) or "(no change)"
        when = f"{p.updated_at:%Y-%m-%d %H:%M}" if p.updated_at else "?"
        print(f"v{p.version:<4} {when} UTC  {change.updated_by:<20} {what}")
    return 0


def _differences(old: CompanySettings, new: CompanySettings) -> list[str]:
    return [
        f"{key}={_shown(new.value(key))}"
        for key in new.names()
        if key not in old.names() or old.value(key) != new.value(key)
    ]


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip().replace("\n", "\\n")  # a template on one line
    return text if len(text) <= 70 else text[:69] + "…"


def _print_settings(settings: CompanySettings) -> None:
    keys = settings.names()
    width = max(map(len, keys))
    for key in keys:
        print(f"  {key:<{width}}  {_shown(settings.value(key))}")


def _warn(settings: CompanySettings) -> None:
    if not settings.central_store_location:
        print(
            "note: central_store_location is not recorded (KVKK: where the central store "
            "lives is shown to admins).",
            file=sys.stderr,
        )
    elif settings.transfer_missing:
        print(
            "warning: the central store is outside Türkiye but no transfer_mechanism is "
            "recorded (KVKK Art. 9).",
            file=sys.stderr,
        )
