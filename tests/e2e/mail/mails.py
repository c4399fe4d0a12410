"""Mails as customers' programs write them (built with the standard library)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formataddr, make_msgid

CUSTOMER = "sule@musteri.test"


def mail(
    body: str = "Merhaba, şifremi unuttum.",
    *,
    subject: str = "Şifremi unuttum",
    sender: str = CUSTOMER,
    name: str = "Şule Yılmaz",
    to: str = "destek@websight.test",
    msgid: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    charset: str = "utf-8",
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = formataddr((name, sender))
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = msgid or make_msgid(domain="musteri.test")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = references
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(body, charset=charset)
    return msg


def windows_1254_mail() -> bytes:
    """An old Outlook's Turkish mail: 8-bit windows-1254 body, ISO-8859-9 encoded subject."""
    head = (
        "From: =?windows-1254?Q?=DEule_Y=FDlmaz?= <sule@musteri.test>\r\n"
        "To: destek@websight.test\r\n"
        "Subject: =?iso-8859-9?Q?=DEifre_s=FDf=FDrlama_=E7al=FD=FEm=FDyor?=\r\n"
        "Message-ID: <cp1254-1@musteri.test>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=windows-1254\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    )
    body = "Günaydın, İstanbul ofisinden yazıyorum; şifre sıfırlama çalışmıyor.\r\n"
    return head.encode("ascii") + body.encode("windows-1254")


def html_only_mail() -> EmailMessage:
    msg = mail(subject="Fatura sorusu", msgid="<html-1@musteri.test>")
    msg.set_content(
        "<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
        "<p>Merhaba,</p><p>Faturam <b>iki kez</b> kesildi.<br>Lütfen kontrol edin.</p>"
        "<img src='https://tracker.example/pixel.png' alt=''>"
        "<ul><li>Fatura 1</li><li>Fatura 2</li></ul></body></html>",
        subtype="html",
    )
    return msg


def with_attachment(data: bytes, filename: str = "ekran görüntüsü.png") -> EmailMessage:
    msg = mail("Ekran görüntüsü ekte.", subject="Hata ekranı", msgid="<att-1@musteri.test>")
    msg.add_attachment(data, maintype="image", subtype="png", filename=filename)
    return msg


def auto_reply(in_reply_to: str | None = None) -> EmailMessage:
    return mail(
        "Ofis dışındayım, 10 Ocak'ta döneceğim.",
        subject="Otomatik yanıt: Re: Şifremi unuttum",
        in_reply_to=in_reply_to,
        headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"},
    )


def bounce(original_id: str, recipient: str = CUSTOMER) -> bytes:
    """A DSN (RFC 3464) from the mail system for a mail we sent."""
    boundary = "dsn-boundary-1"
    text = (
        f"From: Mail Delivery System <MAILER-DAEMON@mx.musteri.test>\r\n"
        f"To: destek@websight.test\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: <dsn-1@mx.musteri.test>\r\n"
        f"Auto-Submitted: auto-replied\r\n"
        f"MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\r\n'
        f"\r\n--{boundary}\r\n"
        f"Content-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        f"\r\n--{boundary}\r\n"
        f"Content-Type: message/delivery-status\r\n\r\n"
        f"Reporting-MTA: dns; mx.musteri.test\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n"
        f"Action: failed\r\n"
        f"Status: 5.1.1\r\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
        f"\r\n--{boundary}\r\n"
        f"Content-Type: text/rfc822-headers\r\n\r\n"
        f"From: destek@websight.test\r\nTo: {recipient}\r\nMessage-ID: {original_id}\r\n"
        f"Subject: Re: Şifremi unuttum\r\n"
        f"\r\n--{boundary}--\r\n"
    )
    return text.encode("utf-8")
