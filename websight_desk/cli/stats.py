"""`websight-desk stats`: how many records of each domain table the workspace holds."""

from __future__ import annotations

import argparse
import json
from typing import Any

from websight_desk.cli.common import add_workspace_option, open_from_args
from websight_desk.storage.stats import record_counts


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "stats", help="count the records in the workspace", description=__doc__
    )
    add_workspace_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    desk = open_from_args(args, with_triage=False)
    try:
        with desk.db.read() as conn:
            counts = record_counts(conn)
    finally:
        desk.close()
    if args.json:
        print(json.dumps(counts, sort_keys=True))
    else:
        width = max(map(len, counts), default=0)
        for name, n in counts.items():
            print(f"{name:<{width}}  {n}")
    return 0
