"""Build the Windows icon (`resources/app.ico`) from `resources/app.svg`, drawn by Qt.

    python -m websight_desk.ui.icon_build      # after changing app.svg; commit both files

An .ico holds one image per size; Windows picks 16 px for title bars, 32/48 for the taskbar
and Explorer, 256 for large views. Each entry is a PNG (allowed since Windows Vista).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QGuiApplication

from websight_desk.ui.icons import APP_SVG, RESOURCES, render

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
APP_ICO = RESOURCES / "app.ico"


def png_bytes(svg: Path, size: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not render(svg, size).save(buffer, "PNG"):
        raise RuntimeError(f"could not draw {svg} at {size} px")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO file of PNG images given as (size, png bytes)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries: list[bytes] = []
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        offset += len(png)
    return header + b"".join(entries) + b"".join(png for _s, png in images)


def ico_sizes(data: bytes) -> list[int]:
    """The image sizes listed in an ICO file (for checks)."""
    _reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if kind != 1:
        raise ValueError("not an icon file")
    sizes = []
    for i in range(count):
        side = struct.unpack_from("<B", data, 6 + 16 * i)[0]
        sizes.append(side or 256)
    return sizes


def build(target: Path = APP_ICO) -> Path:
    target.write_bytes(ico_bytes([(s, png_bytes(APP_SVG, s)) for s in ICO_SIZES]))
    return target


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    print(f"wrote {build()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
