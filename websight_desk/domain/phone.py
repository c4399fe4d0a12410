"""Phone numbers for callbacks: validate with `phonenumbers`, store E.164, refuse costly lines.

Default region TR, so agents may type `0532 123 45 67`. Premium-rate (0900) and shared-cost
numbers are refused: the company must never pay a customer's premium line, and such numbers
are not how people are reached. Foreign numbers are refused unless a setting allows them.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberType

from websight_desk.domain.errors import ValidationError
from websight_desk.domain.masking import mask_phone
from websight_desk.i18n import _

DEFAULT_REGION = "TR"
HOME_COUNTRY_CODE = 90

_REFUSED_TYPES = {
    PhoneNumberType.PREMIUM_RATE: "premium",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.VOICEMAIL: "voicemail",
}


class PhoneRefused(ValidationError):
    """A number that cannot be used for a callback; `code` says why (for tests and the UI)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class CheckedPhone:
    e164: str
    region: str | None
    foreign: bool

    @property
    def masked(self) -> str:
        return mask_phone(self.e164)


def check_phone(
    raw: str, *, region: str = DEFAULT_REGION, allow_foreign: bool = False
) -> CheckedPhone:
    """Parse and validate a number typed by an agent or read from a profile."""
    text = (raw or "").strip()
    if not text:
        raise PhoneRefused("empty", _("Enter a phone number."))
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise PhoneRefused(
            "unparsable", _("“{number}” is not a phone number.").format(number=text)
        ) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise PhoneRefused(
            "invalid",
            _("“{number}” is not a valid phone number; check the digits.").format(number=text),
        )
    kind = phonenumbers.number_type(parsed)
    refused = _REFUSED_TYPES.get(kind)
    if refused == "premium":
        raise PhoneRefused(
            refused, _("Premium-rate numbers (0900) cannot be called back; ask for another.")
        )
    if refused is not None:
        raise PhoneRefused(
            refused, _("Shared-cost and similar service numbers cannot be called back.")
        )
    foreign = parsed.country_code != HOME_COUNTRY_CODE
    if foreign and not allow_foreign:
        raise PhoneRefused(
            "foreign",
            _("Foreign numbers (+{code}) are not called back from this desk.").format(
                code=parsed.country_code
            ),
        )
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return CheckedPhone(e164, phonenumbers.region_code_for_number(parsed), foreign)


def normalize_phone(raw: str, *, allow_foreign: bool = False) -> str:
    """The E.164 text of a valid callable number (raises `PhoneRefused`)."""
    return check_phone(raw, allow_foreign=allow_foreign).e164


__all__ = ["CheckedPhone", "PhoneRefused", "check_phone", "mask_phone", "normalize_phone"]
