"""Translations of user-visible text (gettext; catalogues built by babel, STYLE.md §10).

Source strings are English; Turkish is the default UI language. Use `_("...")` at run time,
`N_("...")` to mark strings defined at import time (translate them with `_()` when shown) and
`ngettext(singular, plural, n)` for counts. No Qt here: services may translate messages too.

Catalogues: `i18n/*.po` at the repository top (sources) compiled to
`websight_desk/locale/<lang>/LC_MESSAGES/websight_desk.mo` by `python -m websight_desk.i18n_build`.
If a `.mo` is missing (a plain `pip install -e .`), the `.po` is compiled in memory.
"""

from __future__ import annotations

import gettext
import io
import logging
import threading
from pathlib import Path

DOMAIN = "websight_desk"
LANGUAGES = ("tr", "en")
DEFAULT_LANGUAGE = "tr"
PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
PO_DIR = PACKAGE_DIR.parent / "i18n"
# Babel locale used for dates and numbers in each UI language.
BABEL_LOCALES = {"tr": "tr_TR", "en": "en_GB"}

log = logging.getLogger(__name__)

_lock = threading.Lock()
_language = DEFAULT_LANGUAGE
_translations: gettext.NullTranslations = gettext.NullTranslations()
_by_language: dict[str, gettext.NullTranslations] = {}


def mo_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def po_path(code: str) -> Path:
    return PO_DIR / f"{code}.po"


def _compile_po(po: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=po.stem)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def load_translations(code: str) -> gettext.NullTranslations:
    """The catalogue of a language: the compiled `.mo`, else the `.po` compiled in memory."""
    mo, po = mo_path(code), po_path(code)
    try:
        if mo.exists() and not (po.exists() and po.stat().st_mtime > mo.stat().st_mtime):
            with mo.open("rb") as fh:
                return gettext.GNUTranslations(fh)
        if po.exists():
            return gettext.GNUTranslations(io.BytesIO(_compile_po(po)))
    except (OSError, ValueError) as exc:  # a broken catalogue must not stop the app
        log.warning("cannot load the %s catalogue: %s", code, exc)
    return gettext.NullTranslations()


def set_language(code: str) -> None:
    """Switch the language of every later `_()` call (unknown codes fall back to Turkish)."""
    global _language, _translations
    code = code if code in LANGUAGES else DEFAULT_LANGUAGE
    translations = load_translations(code)
    with _lock:
        _language, _translations = code, translations


def current_language() -> str:
    return _language


def babel_locale() -> str:
    """Babel locale name for formatting dates and numbers in the current language."""
    return BABEL_LOCALES[_language]


def _(message: str) -> str:
    """Translate `message` into the current UI language."""
    return _translations.gettext(message)


def translations_for(code: str) -> gettext.NullTranslations:
    """The catalogue of `code` (loaded once), for text in a given language whatever the UI's:
    the policy's explanation in both languages, for instance."""
    with _lock:
        found = _by_language.get(code)
    if found is None:
        found = load_translations(code) if code in LANGUAGES else gettext.NullTranslations()
        with _lock:
            found = _by_language.setdefault(code, found)
    return found


def gettext_in(code: str, message: str) -> str:
    """Translate `message` into the language `code` (English msgids: "en" keeps them)."""
    return translations_for(code).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translate when shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count; the catalogue's plural rule picks the form."""
    return _translations.ngettext(singular, plural, n)


set_language(DEFAULT_LANGUAGE)
