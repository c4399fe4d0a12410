"""`websight-desk-server mailbox add|list|remove` and `smtp set|show|clear`.

Passwords are never given on the command line nor stored: `--password-env NAME` names an
environment variable of the server process, `--password-file PATH` a file of mode 0600.
Restart `serve` after a change; it starts the mail workers only when something is configured.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from websight_desk.domain.enums import Department
from websight_desk.server.mail import config
from websight_desk.server.mail.config import Mailbox, Secret, SmtpConfig
from websight_desk.server.store import open_store

StoreOptions = Callable[[argparse.ArgumentParser], None]
_TLS_HELP = "tls (implicit TLS), starttls, or plain (only for a server on 127.0.0.1, for tests)"


def _secret_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-env", metavar="NAME", help="environment variable with it")
    parser.add_argument("--password-file", metavar="PATH", help="file (mode 0600) with it")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], store: StoreOptions) -> None:
    """Add the `mailbox` and `smtp` commands to the server CLI."""
    box = sub.add_parser("mailbox", help="support mailboxes the server fetches (IMAP)")
    box_actions = box.add_subparsers(dest="mailbox_command", metavar="ACTION", required=True)
    add = box_actions.add_parser("add", help="add a mailbox")
    store(add)
    add.add_argument("name")
    add.add_argument("--host", required=True)
    add.add_argument("--port", type=int, default=993)
    add.add_argument("--user", required=True)
    add.add_argument("--folder", default="INBOX")
    add.add_argument("--department", default="technical", choices=[d.value for d in Department])
    add.add_argument("--tls", default="tls", choices=config.TLS_MODES, help=_TLS_HELP)
    add.add_argument("--address", required=True, help="the support address mail is sent to")
    add.add_argument(
        "--ack",
        action="store_true",
        help="mail the sender of a new mail ticket a short acknowledgement with its number",
    )
    add.add_argument("--move-to", metavar="FOLDER", help="move filed mail to this folder")
    _secret_options(add)
    add.set_defaults(func=cmd_mailbox_add)
    lst = box_actions.add_parser("list", help="list the mailboxes")
    store(lst)
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=cmd_mailbox_list)
    opts = box_actions.add_parser("set", help="change a mailbox's --ack / --move-to")
    store(opts)
    opts.add_argument("name")
    opts.add_argument("--ack", choices=("on", "off"), help="acknowledge new mail tickets")
    opts.add_argument("--move-to", metavar="FOLDER", help="move filed mail here ('' = stop)")
    opts.set_defaults(func=cmd_mailbox_set)
    rem = box_actions.add_parser("remove", help="remove a mailbox")
    store(rem)
    rem.add_argument("name")
    rem.set_defaults(func=cmd_mailbox_remove)

    smtp = sub.add_parser("smtp", help="how replies are sent (SMTP)")
    smtp_actions = smtp.add_subparsers(dest="smtp_command", metavar="ACTION", required=True)
    put = smtp_actions.add_parser("set", help="set the SMTP server (replaces the old one)")
    store(put)
    put.add_argument("--host", required=True)
    put.add_argument("--port", type=int, default=587)
    put.add_argument("--user", help="login name (none: no authentication)")
    put.add_argument("--tls", default="starttls", choices=config.TLS_MODES, help=_TLS_HELP)
    put.add_argument("--from", dest="from_address", required=True, help="the support address")
    put.add_argument("--from-name", default="Websight Destek")
    put.add_argument(
        "--retry-base", type=int, default=config.DEFAULT_RETRY_BASE_S, help="first retry (s)"
    )
    _secret_options(put)
    put.set_defaults(func=cmd_smtp_set)
    show = smtp_actions.add_parser("show", help="print the SMTP settings")
    store(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=cmd_smtp_show)
    clear = smtp_actions.add_parser("clear", help="stop sending mail")
    store(clear)
    clear.set_defaults(func=cmd_smtp_clear)


def _secret(args: argparse.Namespace) -> Secret:
    return Secret(args.password_env or None, args.password_file or None)


def _where(secret: Secret) -> str:
    if secret.env:
        return f"env:{secret.env}"
    return f"file:{secret.file}" if secret.file else "none"


def cmd_mailbox_add(args: argparse.Namespace) -> int:
    box = Mailbox(
        args.name,
        args.host,
        args.port,
        args.user,
        args.folder,
        args.department,
        args.tls,
        args.address,
        _secret(args),
        ack=args.ack,
        filed_folder=args.move_to or None,
    )
    store = open_store(args.data, args.db)
    try:
        with store.write() as conn:
            config.add_mailbox(conn, box)
    finally:
        store.close()
    print(f"Mailbox {box.name} added; restart the server to start fetching it.")
    return 0


def _box_json(b: Mailbox) -> dict[str, Any]:
    return {
        "name": b.name,
        "host": b.host,
        "port": b.port,
        "user": b.username,
        "folder": b.folder,
        "department": b.department,
        "tls": b.tls,
        "address": b.address,
        "password": _where(b.secret),
        "ack": b.ack,
        "move_to": b.filed_folder,
    }


def cmd_mailbox_list(args: argparse.Namespace) -> int:
    store = open_store(args.data, args.db)
    try:
        with store.read() as conn:
            boxes = config.list_mailboxes(conn)
    finally:
        store.close()
    if args.json:
        print(json.dumps([_box_json(b) for b in boxes]))
        return 0
    for b in boxes:
        print(
            f"{b.name:<16} {b.username}@{b.host}:{b.port} {b.tls:<8} {b.folder:<10} "
            f"{b.department:<10} {b.address}  password {_where(b.secret)}"
            + ("  ack" if b.ack else "")
            + (f"  move-to {b.filed_folder}" if b.filed_folder else "")
        )
    return 0


def cmd_mailbox_set(args: argparse.Namespace) -> int:
    ack = None if args.ack is None else args.ack == "on"
    store = open_store(args.data, args.db)
    try:
        with store.write() as conn:
            box = config.set_mailbox_options(conn, args.name, ack=ack, move_to=args.move_to)
    finally:
        store.close()
    moved = f"moved to {box.filed_folder}" if box.filed_folder else "left in place"
    print(
        f"Mailbox {box.name}: acknowledgements {'on' if box.ack else 'off'}, filed mail "
        f"{moved}; restart the server for the change to take effect."
    )
    return 0


def cmd_mailbox_remove(args: argparse.Namespace) -> int:
    store = open_store(args.data, args.db)
    try:
        with store.write() as conn:
            config.remove_mailbox(conn, args.name)
    finally:
        store.close()
    print(f"Mailbox {args.name} removed; restart the server to stop fetching it.")
    return 0


def cmd_smtp_set(args: argparse.Namespace) -> int:
    cfg = SmtpConfig(
        args.host,
        args.port,
        args.user,
        args.tls,
        args.from_address,
        args.from_name,
        _secret(args),
        args.retry_base,
    )
    store = open_store(args.data, args.db)
    try:
        with store.write() as conn:
            config.set_smtp(conn, cfg)
    finally:
        store.close()
    print("SMTP set; restart the server to send replies from now on.")
    return 0


def cmd_smtp_show(args: argparse.Namespace) -> int:
    store = open_store(args.data, args.db)
    try:
        with store.read() as conn:
            cfg = config.load_smtp(conn)
    finally:
        store.close()
    data = None
    if cfg is not None:
        data = {
            "host": cfg.host,
            "port": cfg.port,
            "user": cfg.username,
            "tls": cfg.tls,
            "from": cfg.from_address,
            "from_name": cfg.from_name,
            "retry_base_s": cfg.retry_base_s,
            "password": _where(cfg.secret),
        }
    if args.json:
        print(json.dumps(data))
    elif data is None:
        print("SMTP is not set: replies are stored but not mailed.")
    else:
        for key, value in data.items():
            print(f"{key:<13} {value}")
    return 0


def cmd_smtp_clear(args: argparse.Namespace) -> int:
    store = open_store(args.data, args.db)
    try:
        with store.write() as conn:
            config.clear_smtp(conn)
    finally:
        store.close()
    print("SMTP cleared; restart the server to stop sending.")
    return 0
