"""Qt never leaks below ui/: every other module imports without loading PySide6."""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    import websight_desk
    names = []
    for info in pkgutil.walk_packages(websight_desk.__path__, "websight_desk."):
        if info.name.startswith("websight_desk.ui") or ".migrations" in info.name:
            continue
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
        names.append(info.name)
        if "PySide6" in sys.modules:
            print(len(names))
            print(info.name)
            raise SystemExit(0)
    print(len(names))
    print("")
    """
)


def test_no_module_outside_ui_imports_qt() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=120
    ).stdout.splitlines()
    imported, leaked = int(out[0]), out[1] if len(out) > 1 else ""
    assert imported > 20  # the walk really covered the package
    assert leaked == "", f"importing {leaked} loaded PySide6"


def test_ui_modules_are_the_only_qt_importers() -> None:
    """A static check too, so a lazy import inside a function cannot hide."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "websight_desk"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "ui" not in path.relative_to(root).parts[:1]
        and (
            "import PySide6" in path.read_text(encoding="utf-8")
            or "from PySide6" in path.read_text(encoding="utf-8")
        )
    ]
    assert offenders == []
