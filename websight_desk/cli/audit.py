"""`websight-desk audit verify`: check the tamper-evidence hash chain of the workspace.

Exit status 0 when every record links to the one before it and matches its hash; 1 naming
the first broken record (table, id and what differs) otherwise.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from websight_desk.cli.common import add_workspace_option, open_from_args
from websight_desk.services.audit_chain import verify_desk


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "audit", help="audit trail tools", description="Audit trail tools."
    )
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify", help="check the tamper-evidence hash chain", description=__doc__
    )
    add_workspace_option(verify)
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    desk = open_from_args(args, with_triage=False)
    try:
        result = verify_desk(desk)
    finally:
        desk.close()
    broken = result.broken
    if args.json:
        print(
            json.dumps(
                {
                    "ok": result.ok,
                    "verified": result.count,
                    "head": result.head,
                    "broken": None
                    if broken is None
                    else {"table": broken.table, "id": broken.id, "problem": broken.problem},
                }
            )
        )
    elif broken is None:
        print(f"audit chain ok: {result.count} records verified, head {result.head[:16]}")
    else:
        print(f"audit chain BROKEN at {broken.table} {broken.id}: {broken.problem}")
        print(f"({result.count} records before it verified)")
    return 0 if result.ok else 1
