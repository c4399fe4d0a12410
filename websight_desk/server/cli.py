"""`websight-desk-server`: serve the sync API and manage accounts."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from websight_desk.domain.enums import Role
from websight_desk.domain.errors import EnvironmentProblem
from websight_desk.server.settings_cli import register as register_settings
from websight_desk.server.store import Store, open_store


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        help="server data directory (the SQLite database; with --db, the erasure ledger)",
    )
    parser.add_argument(
        "--db", metavar="URL", help="database URL instead, e.g. postgresql+psycopg://user@host/db"
    )


def _open(args: argparse.Namespace) -> Store:
    return open_store(args.data, args.db)


def default_ledger_dir(db_url: str) -> Path:
    """Where a PostgreSQL server keeps its erasure ledger when no --data is given.

    The ledger must outlive a restore of the database (docs/KVKK_COPIES.md), so it is a file in
    the user's data directory, one folder per database (host and name, never the password).
    """
    import hashlib

    import platformdirs

    where = db_url.rsplit("@", 1)[-1].split("?", 1)[0]
    label = "".join(c if c.isalnum() else "-" for c in where)[:60]
    digest = hashlib.sha256(where.encode()).hexdigest()[:8]
    base = Path(platformdirs.user_data_dir("websight-desk-server", appauthor=False))
    return base / f"{label}-{digest}"


def cmd_serve(args: argparse.Namespace) -> int:
    from websight_desk.server import retention, serve
    from websight_desk.server.app import create_app
    from websight_desk.server.mail import workers as mail_workers

    os.umask(0o077)  # whatever this process writes (database, logs) is its user's alone
    if args.db and args.data is None:
        args.data = default_ledger_dir(args.db)
        args.data.mkdir(parents=True, exist_ok=True)
        print(f"erasure ledger in {args.data} (give --data DIR to choose)", flush=True)
    store = _open(args)
    try:
        app = create_app(store)
        config = serve.make_config(
            app,
            host=args.host,
            port=args.port,
            certfile=args.certfile,
            keyfile=args.keyfile,
            log_level=args.log_level,
        )
        mail = mail_workers.start(store)  # only when a mailbox or SMTP is configured
        purger = retention.start(store)  # the KVKK destruction job, daily
        try:
            serve.run(config, on_stop=app.state.notifier.close)
        finally:
            retention.stop(purger)
            mail_workers.stop(mail)
    finally:
        store.close()
    return 0


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit() and int(text) <= 65535):
        raise argparse.ArgumentTypeError("a port is a number from 0 to 65535")
    return int(text)


def cmd_add_agent(args: argparse.Namespace) -> int:
    from websight_desk.server.accounts import add_account

    store = _open(args)
    try:
        with store.write() as conn:
            account, token = add_account(conn, args.name, args.role)
    finally:
        store.close()
    print(f"Account {account.name} ({account.role}) created, id {account.id}.", file=sys.stderr)
    print("Its access token is shown only now; give it to the agent:", file=sys.stderr)
    print(token)
    return 0


def cmd_list_agents(args: argparse.Namespace) -> int:
    from websight_desk.server.accounts import list_accounts

    store = _open(args)
    try:
        with store.read() as conn:
            rows = list_accounts(conn)
    finally:
        store.close()
    if args.json:
        data = [
            {
                "id": a.id,
                "name": a.name,
                "role": a.role,
                "revoked": not a.active,
            }
            for a in rows
        ]
        print(json.dumps(data))
        return 0
    for a in rows:
        state = "revoked" if not a.active else "active"
        print(f"{a.name:<24} {a.role:<10} {state:<8} {a.id}")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from websight_desk.server.accounts import revoke

    store = _open(args)
    try:
        with store.write() as conn:
            account = revoke(conn, args.name)
    finally:
        store.close()
    print(f"Access of {account.name} revoked.")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from websight_desk.storage.stats import record_counts

    store = _open(args)
    try:
        with store.read() as conn:
            counts = record_counts(conn)
            head = store.head(conn)
    finally:
        store.close()
    if args.json:
        print(json.dumps(counts, sort_keys=True))
    else:
        width = max(map(len, counts), default=0)
        for name, n in counts.items():
            print(f"{name:<{width}}  {n}")
        print(f"{'change log':<{width}}  {head}")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from websight_desk.server.audit import result_json, verify_store
    from websight_desk.server.store import SERVER_DB_FILE

    if args.db is None and args.data is not None and not (args.data / SERVER_DB_FILE).exists():
        # an "ok" over a database created just now would hide a mistyped --data
        raise EnvironmentProblem(f"There is no server database in {args.data}.")
    store = _open(args)
    try:
        result = verify_store(store)
    finally:
        store.close()
    broken = result.broken
    if args.json:
        print(json.dumps(result_json(result)))
    elif broken is None:
        print(f"audit chain ok: {result.count} records verified, head {result.head[:16]}")
    else:
        print(f"audit chain BROKEN at {broken.table} {broken.id}: {broken.problem}")
        print(f"({result.count} records before it verified)")
    return 0 if result.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="websight-desk-server", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    serve = sub.add_parser("serve", help="run the sync server")
    _store_options(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8765, help="0: any free port")
    serve.add_argument("--certfile", help="TLS certificate (PEM) for HTTPS")
    serve.add_argument("--keyfile", help="TLS private key (PEM) for HTTPS")
    serve.add_argument("--log-level", default="warning", choices=("debug", "info", "warning"))
    serve.set_defaults(func=cmd_serve)
    from websight_desk.server.mail.cli import register as register_mail

    register_mail(sub, _store_options)  # mailbox add|list|remove, smtp set|show|clear
    add = sub.add_parser("add-agent", help="create an account and print its token once")
    _store_options(add)
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.set_defaults(func=cmd_add_agent)
    lst = sub.add_parser("list-agents", help="list accounts")
    _store_options(lst)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list_agents)
    rev = sub.add_parser("revoke", help="revoke an account's access")
    _store_options(rev)
    rev.add_argument("name")
    rev.set_defaults(func=cmd_revoke)
    stats = sub.add_parser("stats", help="count the records of the central copy")
    _store_options(stats)
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(func=cmd_stats)
    audit = sub.add_parser(
        "audit-verify",
        help="check the tamper-evidence hash chain of the central copy",
        description="Exit status 0 when the chain holds; 1 naming the first broken record.",
    )
    _store_options(audit)
    audit.add_argument("--json", action="store_true", help="print the result as JSON")
    audit.set_defaults(func=cmd_audit_verify)
    register_settings(sub, _store_options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except EnvironmentProblem as exc:
        print(f"websight-desk-server: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
