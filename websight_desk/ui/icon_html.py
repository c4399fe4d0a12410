"""Icons inside rich text (the thread, tooltips, the review queue's details): an `<img>` of
the shipped SVG, drawn by Qt, instead of a symbol that needs a font (⛔ ☎ ⧗ were empty
boxes without an emoji font). The words beside the image carry the meaning."""

from __future__ import annotations

from html import escape

from websight_desk.ui.icons import ICON_DIR

# Icons named by what they say in text, where no flag or action has the same meaning.
WAITING = "flag_kvkk"  # an hourglass: waiting (a deadline, the server's answer)


def img(name: str, size: int = 14, alt: str = "") -> str:
    """`<img>` of icon `name` at `size` px; KeyError if no such icon is shipped."""
    svg = ICON_DIR / f"{name}.svg"
    if not svg.is_file():
        raise KeyError(name)
    return (
        f'<img src="{svg.as_uri()}" width="{size}" height="{size}" alt="{escape(alt)}" '
        'style="vertical-align:middle;">'
    )


__all__ = ["WAITING", "img"]
