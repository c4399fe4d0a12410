from hypothesis import given
from hypothesis import strategies as st

from websight_desk.domain.turkish import _FOLD_TABLE, fold, tr_lower, tr_upper


def test_dotted_and_dotless_i() -> None:
    assert tr_lower("İSTANBUL") == "istanbul"
    assert tr_lower("ISPARTA") == "ısparta"
    assert tr_upper("istanbul") == "İSTANBUL"
    assert tr_upper("ılık") == "ILIK"


def test_fold_matches_ascii_typing_and_capitals() -> None:
    assert fold("Şifre") == fold("sifre") == fold("SIFRE") == fold("ŞİFRE") == "sifre"
    assert fold("İstanbul") == fold("ISTANBUL") == fold("istanbul")
    assert fold("sıkıntı") == fold("SIKINTI") == "sikinti"
    assert fold("Güncelleme Çalışmıyor") == "guncelleme calismiyor"


@given(st.text())
def test_fold_keeps_one_character_per_character(text: str) -> None:
    assert len(fold(text)) == len(text)


@given(st.text(alphabet="çğıöşüÇĞİÖŞÜIiabcXYZ "))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_fold_of_mostly_ascii_text_is_the_per_character_fold() -> None:
    # Turkish text takes a faster path than other scripts: each letter folds as if alone
    pad = "Merhaba, SITEM ACILMIYOR; bakar misiniz? Ok " * 2
    for code in [*range(0x80, 0x10000, 3), *range(0x10000, 0x110000, 101)]:
        ch = chr(code)
        text = f"{pad}{ch}ΣI x{ch}İ END"
        assert fold(text) == text.translate(_FOLD_TABLE), hex(code)


def test_fold_of_turkish_text_is_the_per_character_fold() -> None:
    letters = "ıİşŞğĞçÇöÖüÜâÂîÎûÛ"
    for a in letters:
        for b in letters:
            text = f"Merhaba {a}I{b} SITE Ok {b}x{a}"
            assert fold(text) == text.translate(_FOLD_TABLE)
