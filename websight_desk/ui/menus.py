"""Menus and actions whose texts are msgids, so the whole menu bar retranslates live.

Menu titles carry no "&" mnemonics on purpose: Alt+letter clashes with AltGr on Turkish
keyboards (see `ui/shortcuts.py`). Each entry shows its keys as the keyboard and the F1 overview
write them ("Ctrl+Shift+F"), not as Qt's Turkish catalogue does ("Kontrol+Üst Karakter+F").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from websight_desk.i18n import _
from websight_desk.ui.shortcuts import SHORTCUTS, key_sequences, native_text


class MenuBuilder:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.menus: dict[str, tuple[QMenu, str]] = {}
        self.actions: dict[str, tuple[QAction, str]] = {}
        self.keys: dict[str, str] = {}  # action key -> its SHORTCUTS name

    def menu(self, key: str, title: str) -> QMenu:
        menu = self.window.menuBar().addMenu(title)
        menu.setObjectName(f"menu_{key}")
        self.menus[key] = (menu, title)
        return menu

    def submenu(self, parent: QMenu, key: str, title: str) -> QMenu:
        menu = parent.addMenu(title)
        menu.setObjectName(f"menu_{key}")
        self.menus[key] = (menu, title)
        return menu

    def action(
        self,
        menu: QMenu,
        key: str,
        text: str,
        slot: Callable[[], object],
        shortcut: str | None = None,
    ) -> QAction:
        """Add an action; `text` is an English msgid ("" = set by the caller, untranslated)."""
        act = QAction(text, self.window)
        act.setObjectName(f"action_{key}")
        if shortcut is not None:
            act.setShortcuts(key_sequences(shortcut))
            self.keys[key] = shortcut
        act.triggered.connect(lambda _checked=False: slot())
        menu.addAction(act)
        self.window.addAction(act)  # shortcuts work while the menu bar is hidden too
        self.actions[key] = (act, text)
        return act

    def window_action(self, key: str, slot: Callable[[], object], shortcut: str) -> QAction:
        """A shortcut of the window that is no menu entry (F10 opens the menu bar)."""
        act = QAction(self.window)
        act.setObjectName(f"action_{key}")
        act.setShortcuts(key_sequences(shortcut))
        act.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(act)
        return act

    def open_menu_bar(self) -> None:
        """Open the first menu; Left/Right go to the others. Without mnemonics (AltGr) and
        with no Alt-key navigation in every style, this is the keyboard's way into the menus."""
        bar = self.window.menuBar()
        first = next((a for a in bar.actions() if a.isVisible() and a.isEnabled()), None)
        if first is not None:
            bar.setFocus()
            bar.setActiveAction(first)

    def get(self, key: str) -> QAction:
        return self.actions[key][0]

    def retranslate(self) -> None:
        self.window.menuBar().setAccessibleName(_("Menu bar"))
        for menu, title in self.menus.values():
            menu.setTitle(_(title))
            menu.menuAction().setText(_(title))
        for key, (act, text) in self.actions.items():
            if text:
                # after a tab: QMenu shows it as the entry's keys instead of Qt's own text
                keys = self.keys.get(key)
                act.setText(_(text) + (f"\t{native_text(SHORTCUTS[keys].keys)}" if keys else ""))
