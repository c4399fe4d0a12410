"""README screenshots: `python -m bench.screenshots docs/screenshots` (`make screenshots`).

Builds a demo workspace in a temp dir and renders the main window offscreen, in Turkish and
English, with: the longest Turkish subject, an abusive ticket and an out-of-scope ticket.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def pick_tickets(workspace: Path) -> dict[str, int]:
    from sqlalchemy import func, select

    from websight_desk.services.desk import open_desk
    from websight_desk.storage.models import Ticket, TicketTriage

    desk = open_desk(workspace)
    try:
        with desk.db.read() as conn:
            joined = select(Ticket.number).join(TicketTriage, TicketTriage.ticket_id == Ticket.id)
            picks = {
                "long-subject": conn.execute(
                    select(Ticket.number).order_by(func.length(Ticket.subject).desc()).limit(1)
                ).scalar_one(),
                "abusive": conn.execute(
                    joined.where(TicketTriage.abuse.is_(True)).limit(1)
                ).scalar_one_or_none(),
                "out-of-scope": conn.execute(
                    joined.where(TicketTriage.verdict == "out_of_scope").limit(1)
                ).scalar_one_or_none(),
            }
    finally:
        desk.close()
    return {k: v for k, v in picks.items() if v is not None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screenshots")
    parser.add_argument("out", type=Path)
    parser.add_argument("--tickets", type=int, default=300)
    args = parser.parse_args(argv)
    from websight_desk.services.demo import add_demo_data
    from websight_desk.services.desk import open_desk
    from websight_desk.ui.app import run_gui

    with tempfile.TemporaryDirectory(prefix="websight-shots-") as tmp:
        workspace = Path(tmp) / "ws"
        desk = open_desk(workspace)
        try:
            add_demo_data(desk, args.tickets, seed=7)
        finally:
            desk.close()
        for name, number in pick_tickets(workspace).items():
            for lang in ("tr", "en"):
                target = args.out / f"{name}-{lang}.png"
                ns = argparse.Namespace(
                    workspace=str(workspace), lang=lang, screenshot=str(target), ticket=number
                )
                if run_gui(ns) != 0:
                    return 1
                print(f"wrote {target} (ticket {number})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
