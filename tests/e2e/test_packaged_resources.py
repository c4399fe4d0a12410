"""The top-level `resources/` folder ships as the package data `websight_desk.resources`: the
files a wheel would hold (setuptools' `build_py`, the step that fills a wheel) are there, and the
app loads its icons and theme from such an installed copy, not from the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LOAD = textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from websight_desk.ui import icons, theme
    print(icons.RESOURCES)
    assert not icons.app_icon().isNull()
    assert {16, 256} <= {s.width() for s in icons.app_icon().availableSizes()}
    for name in icons.names():
        assert not icons.icon(name).isNull(), name
    print(len(icons.names()))
    print(len(theme.build("dark", 10.0).sheet))
    """
)


def test_wheel_files_hold_the_resources_and_the_app_loads_them(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    shipped = lib / "websight_desk" / "resources"
    source = {p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*.*")}
    source = {p for p in source if "__pycache__" not in p.parts}
    assert {Path("app.svg"), Path("app.ico"), Path("websight-desk.desktop")} <= source
    assert {Path("theme.qss"), Path("theme.toml"), Path("icons/flag_abuse.svg")} <= source
    assert {p.relative_to(shipped) for p in shipped.rglob("*.*")} == source
    assert not (ROOT / "websight_desk" / "resources").exists()  # one copy, at the top level

    env = {**os.environ, "PYTHONPATH": str(lib), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", LOAD],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.split()
    assert Path(out[0]) == shipped  # the installed copy, not the repository's folder
    assert int(out[1]) == len(list((ROOT / "resources" / "icons").glob("*.svg")))
    assert int(out[2]) > 500
