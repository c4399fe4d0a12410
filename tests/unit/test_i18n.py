"""Translations: catalogues keep placeholders, Turkish is complete, UI text goes via gettext."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from websight_desk import i18n
from websight_desk.i18n_build import extract, read_catalog, untranslated

KEYS = re.compile(r"^((Ctrl|Shift|Alt|Meta)\+)+\S+$")  # key sequences are not words
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\(\w+\)[sd]|%[sd]")
UI_DIR = Path(i18n.__file__).parent / "ui"
# Qt setters whose first argument a user reads; a bare literal there skips gettext.
TEXT_SETTERS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setStatusTip",
    "setTitle",
    "addMenu",
    "setInformativeText",
    "showMessage",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
}


@pytest.fixture(scope="module")
def template() -> Catalog:
    return extract()


def _strings(msg_id: object) -> tuple[str, ...]:
    return tuple(msg_id) if isinstance(msg_id, tuple | list) else (str(msg_id),)


@pytest.mark.parametrize("code", i18n.LANGUAGES)
def test_catalogues_keep_the_placeholders(code: str) -> None:
    catalog = read_catalog(i18n.po_path(code), code)
    broken = []
    for msg in catalog:
        if not msg.id:
            continue
        wanted = {p for s in _strings(msg.id) for p in PLACEHOLDER.findall(s)}
        for text in _strings(msg.string):
            if text and set(PLACEHOLDER.findall(text)) != wanted:
                broken.append((msg.id, text))
    assert not broken


def test_turkish_is_complete(template: Catalog) -> None:
    """Every string in the source has a (non-fuzzy) Turkish translation in i18n/tr.po."""
    tr = read_catalog(i18n.po_path("tr"), "tr")
    tr.update(template, update_header_comment=False)
    missing = untranslated(tr)
    assert not missing, (
        f"{len(missing)} strings need Turkish: run `make i18n`, translate them in i18n/tr.po. "
        f"First ones: {missing[:10]}"
    )


def test_turkish_plural_rule() -> None:
    tr = read_catalog(i18n.po_path("tr"), "tr")
    assert tr.plural_forms == "nplurals=2; plural=(n != 1);"
    i18n.set_language("tr")
    try:
        assert i18n.ngettext("{n} ticket", "{n} tickets", 2).format(n=2) == "2 talep"
    finally:
        i18n.set_language("tr")


def test_language_switch_and_fallback() -> None:
    try:
        i18n.set_language("en")
        assert i18n.current_language() == "en"
        assert i18n._("Subject") == "Subject"
        i18n.set_language("tr")
        assert i18n._("Subject") == "Konu"
        i18n.set_language("xx")  # unknown → the default
        assert i18n.current_language() == "tr"
    finally:
        i18n.set_language("tr")


def test_missing_mo_is_compiled_from_the_po(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "no-locale")
    translations = i18n.load_translations("tr")
    assert translations.gettext("Subject") == "Konu"


def _bare_literals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        arg = node.args[0]
        if (
            name in TEXT_SETTERS
            and isinstance(arg, ast.Constant)
            and isinstance(arg.value, str)
            and re.search(r"[A-Za-zÇĞİÖŞÜçğıöşü]{2}", arg.value)
            and not KEYS.match(arg.value)
        ):
            found.append(f"{path.relative_to(UI_DIR.parent)}:{node.lineno} {arg.value!r}")
    return found


def test_ui_text_goes_through_gettext() -> None:
    """No Qt text setter in ui/ receives a bare string literal (it would skip translation)."""
    offenders = [hit for path in sorted(UI_DIR.rglob("*.py")) for hit in _bare_literals(path)]
    assert not offenders
