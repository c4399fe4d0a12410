"""No user-visible string of the UI relies on a font for its symbol (issue 18): ⛔, ☎, ⧗ and
emoji were empty boxes on machines without an emoji font; the SVG icons replace them."""

from __future__ import annotations

import ast
from pathlib import Path

import websight_desk.ui

UI = Path(websight_desk.ui.__file__).parent
FORBIDDEN = set("⛔☎⧗")
# Not shown: the server's attachment lines ("📎 name (size)") that the thread removes.
ALLOWED = {("ticket/mail_html.py", "📎 ")}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _font_dependent(text: str) -> bool:
    return any(ch in FORBIDDEN or ord(ch) >= 0x1F000 for ch in text)


def test_no_font_dependent_symbols_in_ui_strings() -> None:
    offending = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        rel = path.relative_to(UI).as_posix()
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and _font_dependent(node.value)
                and (rel, node.value) not in ALLOWED
            ):
                offending.append(f"{rel}:{node.lineno}: {node.value!r}")
    assert not offending, offending


def test_the_check_sees_such_symbols() -> None:
    assert _font_dependent("⛔ Hizmet reddedildi")
    assert _font_dependent("📞")
    assert not _font_dependent("⚠ Gönderen doğrulanmadı")  # in DejaVu Sans, shipped everywhere
