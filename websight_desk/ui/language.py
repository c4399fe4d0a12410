"""Switching the UI language live: gettext catalogue, Qt's own translator, the setting."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from websight_desk import i18n
from websight_desk.ui.context import UiContext

QT_LOCALES = {"tr": "tr_TR", "en": "en_GB"}
_qt_translators: list[QTranslator] = []


def install_qt_translator(code: str) -> bool:
    """Qt's own strings (standard buttons, context menus) in this language."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _qt_translators:
        app.removeTranslator(old)
    _qt_translators.clear()
    QLocale.setDefault(QLocale(QT_LOCALES.get(code, "tr_TR")))
    if code == "en":
        return True  # Qt's source strings are English
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{code}", path):
        return False
    app.installTranslator(translator)
    _qt_translators.append(translator)
    return True


def apply_language(code: str) -> None:
    """Set gettext and Qt to `code` (no signal; used at start-up)."""
    i18n.set_language(code)
    install_qt_translator(i18n.current_language())


def switch_language(ctx: UiContext, code: str) -> None:
    """Change the language now, remember it, and let every widget retranslate."""
    apply_language(code)
    ctx.desk.settings.language = i18n.current_language()
    ctx.desk.save_settings()
    ctx.events.languageChanged.emit()
