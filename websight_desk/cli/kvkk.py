"""`websight-desk kvkk`: the destruction job, data-subject export and erasure, KVKK requests."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from websight_desk.cli.common import add_workspace_option, open_from_args
from websight_desk.domain.errors import NotFound
from websight_desk.services import kvkk
from websight_desk.services.desk import Desk
from websight_desk.storage.exports import record_export
from websight_desk.storage.models import Customer, Ticket


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "kvkk", help="KVKK: purge expired data, export or erase a customer, mark requests"
    )
    add_workspace_option(parser)
    actions = parser.add_subparsers(dest="kvkk_command", metavar="ACTION", required=True)

    p = actions.add_parser("purge", help="anonymise records past their retention period")
    p.add_argument("--dry-run", action="store_true", help="only report what would be destroyed")
    _common(p, run_purge)

    p = actions.add_parser("export", help="write everything held about a customer as JSON")
    p.add_argument("--customer", required=True, help="customer id or customer code")
    p.add_argument("--output", type=Path, help="file to write (default: standard output)")
    p.add_argument("--reason", default="KVKK access request", help="recorded in the audit")
    _common(p, run_export)

    p = actions.add_parser("erase", help="erase a customer's personal data (admin)")
    p.add_argument("--customer", required=True, help="customer id or customer code")
    p.add_argument("--reason", required=True, help="why (recorded with the erasure)")
    _common(p, run_erase)

    p = actions.add_parser("request", help="mark a ticket as a KVKK request (30-day deadline)")
    p.add_argument("--ticket", required=True, type=int, metavar="NUMBER")
    p.add_argument("--note", default="")
    _common(p, run_request)


def _common(parser: argparse.ArgumentParser, func: Any) -> None:
    add_workspace_option(parser)
    parser.set_defaults(func=func)


def _open(args: argparse.Namespace) -> Desk:
    """The workspace, acting as its signed-in account (never as a name given on the line)."""
    return open_from_args(args, with_triage=False)


def _customer_id(desk: Desk, key: str) -> str:
    with desk.db.read() as conn:
        found = conn.execute(
            select(Customer.id).where(or_(Customer.id == key, Customer.code == key))
        ).scalar_one_or_none()
    if found is None:
        raise NotFound(f"No customer with the id or code {key!r}.")
    return str(found)


def run_purge(args: argparse.Namespace) -> int:
    desk = _open(args)
    try:
        result = kvkk.purge(desk, dry_run=args.dry_run)
    finally:
        desk.close()
    verb = "would anonymise" if args.dry_run else "anonymised"
    print(
        f"examined {result.examined} expired callback(s); {verb} {result.anonymised}; "
        f"kept {result.held} under legal hold"
    )
    for callback_id, reason in sorted(result.held_reasons.items()):
        print(f"  held {callback_id}: {reason}")
    print(
        f"examined {result.terminations_examined} expired abuse termination(s); "
        f"{verb} the evidence of {result.terminations_anonymised}; "
        f"kept {result.terminations_held} under legal hold"
    )
    for termination_id, reason in sorted(result.termination_held_reasons.items()):
        print(f"  held {termination_id}: {reason}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    desk = _open(args)
    try:
        customer_id = _customer_id(desk, args.customer)
        data = kvkk.export_customer(desk, customer_id, args.reason)
    finally:
        desk.close()
    text = kvkk.to_json(data)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
        record_export(desk.paths.root, customer_id, args.output)  # an erasure deletes it
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        print(text)
    return 0


def run_erase(args: argparse.Namespace) -> int:
    desk = _open(args)
    try:
        customer_id = _customer_id(desk, args.customer)
        with desk.writer() as w:
            result = kvkk.erase_customer(w, kvkk.EraseCustomer(customer_id, args.reason))
    finally:
        desk.close()
    print(
        f"erased customer {customer_id}: {result.contacts} contact(s), "
        f"{result.messages} message(s), {result.callbacks} callback(s)"
    )
    for callback_id, reason in sorted(result.refused.items()):
        print(f"  refused callback {callback_id}: under legal hold ({reason})")
    return 0


def run_request(args: argparse.Namespace) -> int:
    desk = _open(args)
    try:
        with desk.db.read() as conn:
            ticket_id = conn.execute(
                select(Ticket.id).where(Ticket.number == args.ticket)
            ).scalar_one_or_none()
        if ticket_id is None:
            raise NotFound(f"No ticket number {args.ticket}.")
        cfg = kvkk.company_settings(desk)
        with desk.writer() as w:
            kvkk.mark_request(w, ticket_id, cfg, args.note)
        with desk.db.read() as conn:
            deadline = kvkk.kvkk_deadlines(conn, [ticket_id])[ticket_id]
    finally:
        desk.close()
    print(f"ticket #{args.ticket} is a KVKK request; answer by {deadline:%Y-%m-%d %H:%M} UTC")
    return 0
