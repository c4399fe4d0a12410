"""The acknowledgement mail's text, one template per language, set by an administrator.

`websight-desk-server settings set ack.tr "…{number}…"` (and `ack.en`) replaces the built-in
text of that language; the mail carries the Turkish text first and the English one second. A
template may use `{number}` (the ticket's number, "#10012") and `{name}` (the sender name of
the support mailbox) and nothing else, so a typo is refused when it is set, not when a customer
writes in.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter

LANGS = ("tr", "en")
PREFIX = "ack."
MAX_CHARS = 4000
FIELDS = frozenset({"number", "name"})

DEFAULTS = {
    "tr": (
        "Merhaba,\n\n"
        "Talebiniz bize ulaştı ve {number} numarasıyla kaydedildi. Destek ekibimiz en kısa "
        "sürede\ndönüş yapacak. Eklemek istediğiniz bir şey olursa bu e-postayı yanıtlamanız "
        "yeterli; konu\nsatırındaki numarayı lütfen silmeyin.\n\n"
        "Bu e-posta otomatik olarak gönderilmiştir.\n\n{name}\n"
    ),
    "en": (
        "Hello,\n\n"
        "We have received your request and filed it as {number}. Our support team will get "
        "back to\nyou soon. To add anything, simply reply to this mail; please keep the number "
        "in the subject.\n\nThis mail was sent automatically.\n\n{name}\n"
    ),
}


def check_template(lang: str, text: object) -> str:
    """The template as stored, or ValueError saying what is wrong with it."""
    if lang not in LANGS:
        raise ValueError(f"No acknowledgement language {lang!r} (known: {', '.join(LANGS)}).")
    if not isinstance(text, str):
        raise ValueError(f"ack.{lang} must be text, not {text!r}.")
    clean = text.replace("\r\n", "\n").strip("\n") + "\n"
    if len(clean) > MAX_CHARS:
        raise ValueError(f"ack.{lang} must be at most {MAX_CHARS} characters.")
    if any(not (ch.isprintable() or ch in "\n\t") for ch in clean):
        raise ValueError(f"ack.{lang} must not contain control characters.")
    try:
        names = {name for _text, name, _spec, _conv in Formatter().parse(clean) if name is not None}
    except ValueError as exc:
        raise ValueError(f"ack.{lang}: {exc} (write a brace as {{{{ or }}}}).") from None
    unknown = sorted(names - FIELDS)
    if unknown:
        raise ValueError(f"ack.{lang} may use {{number}} and {{name}} only, not {{{unknown[0]}}}.")
    if "number" not in names:
        raise ValueError(f"ack.{lang} must say the ticket's {{number}}.")
    return clean


def check_templates(values: object) -> dict[str, str]:
    if not isinstance(values, Mapping):
        raise ValueError(f"ack_templates must map languages to text, not {values!r}.")
    return {str(lang): check_template(str(lang), text) for lang, text in values.items()}


def template(templates: Mapping[str, str], lang: str) -> str:
    """The template in use for `lang`: the administrator's, else the built-in one."""
    return templates.get(lang) or DEFAULTS[lang]


def render(templates: Mapping[str, str], number: int, name: str) -> str:
    """The mail's text: Turkish, then English."""
    parts = [template(templates, lang).format(number=f"#{number}", name=name) for lang in LANGS]
    return "\n---\n\n".join(part.rstrip("\n") + "\n" for part in parts)
