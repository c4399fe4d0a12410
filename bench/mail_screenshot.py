"""A mail ticket's thread, for the eyes: `python -m bench.mail_screenshot OUT_DIR`.

Builds a small demo workspace with a ticket from an unknown sender (an attachment of each kind:
one to open, one only to save, one over the size limit), replies in every mail state, and a
reassignment and a status change; renders the main window at 1280×720 in Turkish and English
(`mail-thread-tr.png`, `mail-thread-en.png`). The mail states are put in the in-memory store the
sync thread fills, as a connected workstation would have them; no server is contacted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"


def build(workspace: Path) -> int:
    """The workspace and its mail states; returns the ticket's number."""
    from sqlalchemy import select, update

    from websight_desk.demo.run import add_demo_data
    from websight_desk.domain.enums import Channel, MessageKind, Role, TicketField
    from websight_desk.services import people, tickets
    from websight_desk.services.desk import open_desk
    from websight_desk.storage.models import SyncOutbox, Ticket
    from websight_desk.sync.mail_states import AckState, AttachmentInfo, MailState, states_for

    desk = open_desk(workspace)
    start = datetime.now(UTC) - timedelta(hours=3)
    try:
        add_demo_data(desk, 40, seed=7)
        desk.now = lambda: start
        with desk.writer() as w:
            agent = people.add_agent(w, people.NewAgent("elif", "Elif Demir", Role.AGENT))
            stranger = people.add_customer(
                w,
                people.NewCustomer(
                    "UNV0000001", "individual", "Kerem Aksoy", "kerem.aksoy@ornekmail.test"
                ),
            )
        desk.settings.agent_id = agent
        body = (
            "Merhaba,\n\nSitemde ödeme sayfası açılırken hata alıyorum; ekran görüntüsü ve "
            "faturam ekte. Yardımcı olur musunuz?\n\nKerem Aksoy\n\n"
            "3 Ara 2026 Çar 09:12 tarihinde Websight Destek yazdı:\n"
            "> Merhaba, talebiniz alınmıştır.\n> Websight Teknik Destek\n\n"
            "📎 hata-ekrani.png (184 KB)\n📎 fatura-aralik.pdf (52 KB)\n"
            "📎 kurulum.exe (2 MB)\n📎 yedek.zip (14.2 MB) — not kept: over the size limit"
        )
        with desk.writer() as w:
            opened = tickets.open_ticket(
                w,
                tickets.OpenTicket(
                    stranger, "Ödeme sayfası hata veriyor", body, channel=Channel.EMAIL
                ),
            )
        replies = []
        texts = [
            "Merhaba Kerem Bey,\nekran görüntüsü için teşekkürler; ödeme modülünü inceliyoruz.",
            "Merhaba {customer_name},\nsorun giderildi.",
            "Merhaba,\nödeme sayfası yeniden çalışıyor; lütfen tekrar dener misiniz?",
            "Ek bilgi: önbelleği temizledik.",
        ]
        for i, text in enumerate(texts, start=1):
            desk.now = lambda i=i: start + timedelta(minutes=20 * i)
            with desk.writer() as w:
                replies.append(
                    tickets.post_message(
                        w, tickets.PostMessage(opened.ticket_id, MessageKind.OUTBOUND, text)
                    )
                )
            if i == 1:
                with desk.writer() as w:
                    tickets.change_field(
                        w, tickets.ChangeField(opened.ticket_id, TicketField.ASSIGNEE, agent)
                    )
            if i == 3:
                with desk.writer() as w:
                    tickets.change_field(
                        w, tickets.ChangeField(opened.ticket_id, TicketField.STATUS, "pending")
                    )
        with desk.db.write() as conn:  # everything but the last reply reached the server
            conn.execute(update(SyncOutbox).values(state="acked"))
        last = replies.pop()
        with desk.db.write() as conn:
            conn.execute(
                update(SyncOutbox).where(SyncOutbox.payload.contains(last)).values(state="pending")
            )
        with desk.db.read() as conn:
            number = int(
                conn.execute(
                    select(Ticket.number).where(Ticket.id == opened.ticket_id)
                ).scalar_one()
            )
    finally:
        desk.close()
    files = (
        AttachmentInfo("f1", "hata-ekrani.png", "image/png", 188_000, False, True),
        AttachmentInfo("f2", "fatura-aralik.pdf", "application/pdf", 53_000, False, True),
        AttachmentInfo("f3", "kurulum.exe", "application/octet-stream", 2_100_000, False, True),
        AttachmentInfo("f4", "yedek.zip", "application/zip", 14_900_000, False, False),
    )
    t = opened.ticket_id
    at = start + timedelta(minutes=90)
    states_for(workspace).apply(
        [
            MailState(opened.message_id, t, "in", "filed", None, start, attachments=files),
            MailState(replies[0], t, "out", "sent", None, start + timedelta(minutes=21), 1),
            MailState(replies[1], t, "out", "failed", "unfilled placeholder: {customer_name}", at),
            MailState(
                replies[2],
                t,
                "out",
                "queued",
                "retrying: SMTP server not reachable: Connection refused",
                at,
                2,
                at + timedelta(minutes=2),
            ),
        ],
        4,
        [AckState("ack-1", t, "sent", None, start + timedelta(minutes=1))],
    )
    return number


def shoot(workspace: Path, number: int, lang: str, target: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from websight_desk.services.desk import open_desk
    from websight_desk.ui.app import build_window, open_ticket_number

    app = QApplication.instance() or QApplication(sys.argv[:1])
    desk = open_desk(workspace)
    desk.settings.server_url = "https://desk.websight.invalid"  # in memory: "connected"
    try:
        window = build_window(desk, lang, synchronous=True, remember=False)
        window.resize(1280, 720)
        assert open_ticket_number(window, number)
        window.show()
        for _ in range(5):
            app.processEvents()
        view = window.ticket_pane.thread_view  # from the customer's files on
        bar = view.verticalScrollBar()
        bar.setValue(0)
        app.processEvents()
        files = view.document().find("hata-ekrani.png")
        bar.setValue(view.cursorRect(files).top() - 60)
        app.processEvents()
        target.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(target), "PNG")
        window.close()
        app.processEvents()
    finally:
        desk.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mail_screenshot")
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="websight-mail-shot-") as tmp:
        workspace = Path(tmp) / "ws"
        number = build(workspace)
        for lang in ("tr", "en"):
            target = args.out / f"mail-thread-{lang}.png"
            shoot(workspace, number, lang, target)
            print(f"wrote {target} (ticket {number})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
