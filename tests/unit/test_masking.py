"""Masking of phone numbers, e-mail addresses and names (KVKK: mask by default)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from websight_desk.domain.masking import DOT, mask_email, mask_name, mask_phone, short_name


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("+905321234567", "+90 5•• ••• •• 67"),
        ("+902122223344", "+90 2•• ••• •• 44"),
        ("+442079460958", "+44 2• •••• ••58"),
        ("05321234567", "+90 5•• ••• •• 67"),  # national form, default region TR
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(phone: str | None, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_mask_phone_unparseable_hides_all_but_last_two() -> None:
    assert mask_phone("dahili 12345 ara") == f"dahili 1{DOT}{DOT}45 ara"
    assert mask_phone("12") == f"{DOT}{DOT}"
    assert mask_phone("abc") == "abc"


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("ayse.kaya@ornek.com.tr", "ay•••@o•••.com.tr"),
        ("ali@websight.com", "a•••@w•••.com"),
        ("x@localhost", "x•••@l•••"),
        ("not-an-email", "n•••"),
        ("", ""),
    ],
)
def test_mask_email(email: str, masked: str) -> None:
    assert mask_email(email) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Ayşe Kaya", "Ay** K."),
        ("Ayşe Nur Kaya", "Ay** K."),
        ("ömer ışık", "öm** I."),  # Turkish capital of ı is I
        ("ali islam", "al** İ."),  # and of i is İ
        ("Su", "S**"),
        ("Mehmet", "Me**"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_mask_name(name: str | None, masked: str) -> None:
    assert mask_name(name) == masked


@given(st.text(max_size=40))
def test_masks_never_crash_and_never_return_long_digit_runs(text: str) -> None:
    for fn in (mask_phone, mask_email, mask_name):
        out = fn(text)
        assert isinstance(out, str)
    digits = [ch for ch in mask_phone(text) if ch.isdigit()]
    source_digits = sum(ch.isdigit() for ch in text)
    assert len(digits) <= max(3, source_digits)


@given(st.from_regex(r"\+905[0-9]{9}", fullmatch=True))
def test_turkish_mobiles_show_exactly_three_digits(phone: str) -> None:
    masked = mask_phone(phone)
    assert masked.startswith("+90 5")
    assert sum(ch.isdigit() for ch in masked) == 2 + 3  # country code + 1 + last two
    assert masked.endswith(phone[-2:])


@pytest.mark.parametrize(
    ("name", "short"),
    [("Ayşe Nur Kaya", "Ayşe K."), ("ömer ışık", "ömer I."), ("Mehmet", "Mehmet"), ("", "")],
)
def test_short_name(name: str, short: str) -> None:
    assert short_name(name) == short
