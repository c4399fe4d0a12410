"""Static checks of ui/: no database below the runner, plain imports, small modules.

import-linter's "ui-no-sql" contract (pyproject) checks the module graph; these read every
file, so an import inside a function or a name-loaded module cannot hide either.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[3] / "websight_desk" / "ui"
RUNNER = UI / "runner.py"  # the one module allowed to know about the database
MAX_LINES = 300
FORBIDDEN = ("sqlalchemy", "websight_desk.storage.models")


def _modules() -> list[Path]:
    found = sorted(UI.rglob("*.py"))
    assert len(found) > 40  # the walk really covered ui/
    return found


def _imported(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def _name(path: Path) -> str:
    return str(path.relative_to(UI.parent))


def test_ui_imports_no_sqlalchemy_and_no_orm_models() -> None:
    offenders = [
        f"{_name(path)}: {name}"
        for path in _modules()
        if path != RUNNER
        for name in _imported(ast.parse(path.read_text(encoding="utf-8")))
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert offenders == []


def test_ui_runs_no_select() -> None:
    """Queries live in storage/queries; ui/ calls them."""
    offenders = [
        f"{_name(path)}:{node.lineno}"
        for path in _modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"select", "text", "update", "insert", "delete"}
    ]
    assert offenders == []


def test_ui_loads_no_module_by_name() -> None:
    """A missing module must fail at import, not be skipped quietly (STYLE.md §15)."""
    offenders = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(name.split(".")[0] == "importlib" for name in _imported(tree)):
            offenders.append(_name(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
                offenders.append(f"{_name(path)}:{node.lineno}")
    assert offenders == []


def test_ui_modules_stay_small() -> None:
    long = {
        _name(path): n
        for path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
