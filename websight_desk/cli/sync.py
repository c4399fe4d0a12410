"""`websight-desk sync [--once]`: push local changes and pull everyone else's."""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from websight_desk.cli.common import add_workspace_option, open_from_args
from websight_desk.sync.engine import SyncEngine, client_for
from websight_desk.sync.status import read_status


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "sync", help="synchronise with the server", description=__doc__
    )
    add_workspace_option(parser)
    parser.add_argument("--once", action="store_true", help="sync once and exit")
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    parser.set_defaults(func=run)


def _progress(quiet: bool) -> Any:
    def show(done: int, total: int) -> None:
        if not quiet and total > 1000:
            print(f"\rpulled {done}/{total}", end="", file=sys.stderr, flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    desk = open_from_args(args)
    try:
        if args.once:
            with client_for(desk) as client:
                report = SyncEngine(desk, client).run_once(_progress(args.quiet))
            if not args.quiet:
                print(file=sys.stderr)
            status = read_status(desk)
            print(
                f"pushed {report.applied} (+{report.duplicate} already there, "
                f"{report.rejected} rejected), pulled {report.pulled}; "
                f"pending {status.pending}, rejected {status.rejected}, "
                f"conflicts {status.conflicts}" + (" [full resync]" if report.resynced else "")
            )
            return 1 if report.rejected or report.quarantined else 0
        return _loop(desk, quiet=args.quiet)
    finally:
        desk.close()


def _loop(desk: Any, *, quiet: bool) -> int:
    from websight_desk.sync.background import BackgroundSync
    from websight_desk.sync.errors import SyncProblem

    fatal: list[SyncProblem] = []
    done = threading.Event()

    def on_fatal(exc: SyncProblem) -> None:
        fatal.append(exc)
        done.set()

    def on_status(status: Any) -> None:
        if not quiet:
            state = "online" if status.online else f"offline ({status.last_error})"
            print(
                f"{state}: pending {status.pending}, rejected {status.rejected}, "
                f"conflicts {status.conflicts}",
                file=sys.stderr,
            )

    bg = BackgroundSync(desk, on_status=on_status, on_fatal=on_fatal)
    bg.start()
    print("syncing; press Ctrl+C to stop", file=sys.stderr)
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        bg.stop()
    if fatal:
        print(f"websight-desk: {fatal[0]}", file=sys.stderr)
        return 2
    return 0
