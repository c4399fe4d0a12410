"""The acknowledgement mail's templates: set per language by an administrator, checked on set."""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import pytest

from websight_desk.domain import ack_texts
from websight_desk.domain.company import CompanySettings
from websight_desk.server.mail.ack import compose_ack
from websight_desk.server.mail.config import Secret, SmtpConfig
from websight_desk.server.mail.parse import ParsedMail

CFG = SmtpConfig("127.0.0.1", 25, None, "plain", "destek@ws.test", "Websight Destek", Secret())
MAIL = ParsedMail("<q@m.test>", None, (), "musteri@m.test", "Şule", None, "Site", "Açılmıyor")


def _body(templates: dict[str, str]) -> str:
    _id, raw = compose_ack(
        CFG,
        MAIL,
        to="musteri@m.test",
        reply_to="destek@ws.test",
        number=10_012,
        subject="Site",
        templates=templates,
    )
    msg = message_from_bytes(raw, policy=default)
    assert isinstance(msg, EmailMessage)
    return str(msg.get_content())


def test_built_in_texts_turkish_first_then_english() -> None:
    body = _body({})
    assert body.index("Talebiniz bize ulaştı") < body.index("We have received your request")
    assert body.count("#10012") == 2
    assert "Websight Destek" in body


def test_an_administrators_template_replaces_that_language_only() -> None:
    settings = CompanySettings().with_value(
        "ack.tr", "Merhaba,\n{number} numaralı talebiniz alındı.\n{name}"
    )
    assert settings.value("ack.tr") == "Merhaba,\n{number} numaralı talebiniz alındı.\n{name}\n"
    body = _body(dict(settings.ack_templates))
    assert "#10012 numaralı talebiniz alındı." in body
    assert "We have received your request" in body  # English stays the built-in text
    back = CompanySettings.from_json(settings.to_json())
    assert back.ack_templates == settings.ack_templates
    assert settings.with_value("ack.tr", "").ack_templates == {}  # back to the built-in text
    assert "ack.en" in settings.names()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Talebiniz alındı.", "must say the ticket's {number}"),
        ("{number} {customer}", "not {customer}"),
        ("{number} {", "brace"),
        ("{number}\x07", "control characters"),
        ("{number}" + "x" * 5000, "at most"),
    ],
)
def test_a_bad_template_is_refused_when_it_is_set(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=r"ack\.tr") as err:
        CompanySettings().with_value("ack.tr", text)
    assert problem in str(err.value)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        ack_texts.check_template("de", "{number}")
