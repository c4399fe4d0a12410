"""Reading real-world mail: charsets, HTML-only, attachments, automatic mail, bounces."""

from __future__ import annotations

from tests.e2e.mail.mails import (
    auto_reply,
    bounce,
    html_only_mail,
    mail,
    windows_1254_mail,
    with_attachment,
)
from websight_desk.server.mail.compose import Reply, compose, subject_of, unfilled
from websight_desk.server.mail.html_text import html_to_text
from websight_desk.server.mail.parse import parse_mail


def test_windows_1254_body_and_rfc2047_subject() -> None:
    m = parse_mail(windows_1254_mail())
    assert m.subject == "Şifre sıfırlama çalışmıyor"
    assert m.from_name == "Şule Yılmaz"
    assert m.from_address == "sule@musteri.test"
    assert m.text == "Günaydın, İstanbul ofisinden yazıyorum; şifre sıfırlama çalışmıyor."
    assert m.automatic is None


def test_iso_8859_9_and_a_wrong_charset_fall_back_readably() -> None:
    body = "Işık ve ğüşiöç".encode("iso-8859-9")
    head = b"From: a@b.test\nContent-Type: text/plain; charset=iso-8859-9\n\n"
    assert parse_mail(head + body).text == "Işık ve ğüşiöç"
    unknown = b"From: a@b.test\nContent-Type: text/plain; charset=x-unknown\n\n" + body
    assert parse_mail(unknown).text  # read, not a failure


def test_html_only_becomes_clean_text_without_remote_content() -> None:
    m = parse_mail(html_only_mail().as_bytes())
    assert m.text == (
        "Merhaba,\n\nFaturam iki kez kesildi.\nLütfen kontrol edin.\n\n• Fatura 1\n• Fatura 2"
    )
    assert "tracker" not in m.text
    assert "alert" not in m.text
    assert m.attachments == ()


def test_html_quotes_links_and_entities() -> None:
    text = html_to_text(
        "<div>Bkz. <a href='https://websight.com.tr/sss'>SSS</a> &amp; "
        "<a href='mailto:destek@websight.test'>destek@websight.test</a></div>"
        "<blockquote>eski<br>yazı</blockquote>"
    )
    assert text == (
        "Bkz. SSS (https://websight.com.tr/sss) & destek@websight.test\n\n> eski\n> yazı"
    )


def test_attachment_and_thread_ids() -> None:
    m = parse_mail(with_attachment(b"\x89PNG data").as_bytes())
    [a] = m.attachments
    assert (a.filename, a.content_type, a.data, a.inline) == (
        "ekran görüntüsü.png",
        "image/png",
        b"\x89PNG data",
        False,
    )
    reply = parse_mail(mail(in_reply_to="<b@x>", references="<a@x> <b@x>").as_bytes())
    assert reply.thread_ids() == ["<b@x>", "<a@x>"]


def test_automatic_mail_is_recognised() -> None:
    assert parse_mail(auto_reply().as_bytes()).automatic == "auto-submitted"
    bulk = mail(headers={"Precedence": "bulk"})
    assert parse_mail(bulk.as_bytes()).automatic == "bulk"
    vacation = mail(headers={"X-Autoreply": "yes"})
    assert parse_mail(vacation.as_bytes()).automatic == "auto-reply"
    assert parse_mail(mail().as_bytes()).automatic is None


def test_bounce_names_the_original_and_the_reason() -> None:
    m = parse_mail(bounce("<orig-1@websight.test>"))
    assert m.bounce is not None
    assert m.bounce.original_id == "<orig-1@websight.test>"
    assert m.bounce.status.startswith("5.1.1")
    assert m.automatic == "bounce"


def test_missing_message_id_gets_a_stable_one() -> None:
    raw = b"From: a@b.test\nSubject: x\n\nbody\n"
    assert parse_mail(raw).message_id == parse_mail(raw).message_id
    assert parse_mail(raw).message_id.endswith("@no-message-id.invalid>")


def test_reply_headers_subject_token_and_placeholders() -> None:
    mid, raw = compose(
        Reply(
            desk_message_id="0190aaaa-0000-7000-8000-000000000001",
            ticket_number=10042,
            ticket_subject="Şifremi unuttum",
            body="Merhaba Şule Hanım,\nşifreniz sıfırlandı.",
            to_address="sule@musteri.test",
            from_address="destek@websight.test",
            from_name="Websight Destek",
            reply_to="destek@websight.test",
            in_reply_to="<m2@musteri.test>",
            references=("<m1@musteri.test>",),
        )
    )
    assert mid == "<0190aaaa-0000-7000-8000-000000000001@websight.test>"
    m = parse_mail(raw)
    assert m.subject == "Re: Şifremi unuttum [#10042]"
    assert m.in_reply_to == "<m2@musteri.test>"
    assert m.references == ("<m1@musteri.test>", "<m2@musteri.test>")
    assert m.text == "Merhaba Şule Hanım,\nşifreniz sıfırlandı."
    assert subject_of("Re: x [#7]", 7) == "Re: x [#7]"
    assert unfilled('Merhaba {customer_name}, {agent_name} {} {"a": 1}') == [
        "{customer_name}",
        "{agent_name}",
    ]
