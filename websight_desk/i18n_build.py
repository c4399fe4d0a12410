"""Build the translation catalogues: extract → update → compile (`make i18n`).

`python -m websight_desk.i18n_build` extracts `_()`, `N_()` and `ngettext()` strings from the
package (mapping in `babel.cfg`) into `i18n/websight_desk.pot`, merges it into `i18n/<lang>.po`
(keeping translations, marking changed ones fuzzy) and compiles the `.mo` files the app loads.
`--check` only reports untranslated Turkish strings and exits non-zero if there are any.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from websight_desk.i18n import DOMAIN, LANGUAGES, PO_DIR, mo_path, po_path

ROOT = PO_DIR.parent
MAPPING = ROOT / "babel.cfg"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
POT = PO_DIR / f"{DOMAIN}.pot"
WIDTH = 100


def _method_map() -> list[tuple[str, str]]:
    if MAPPING.exists():
        with MAPPING.open(encoding="utf-8") as fh:
            method_map, _options = parse_mapping_cfg(fh, filename=str(MAPPING))  # type: ignore[no-untyped-call]
        return list(method_map)
    return [("websight_desk/**.py", "python")]


def extract() -> Catalog:
    """The message template from the current source tree (in memory)."""
    template = Catalog(project="Websight Desk", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT, _method_map(), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def _without_date(data: bytes) -> bytes:
    return b"\n".join(
        line for line in data.split(b"\n") if not line.startswith(b'"POT-Creation-Date:')
    )


def _write(catalog: Catalog, path: Path) -> None:
    """Write the catalogue unless only its creation date would change, so `make run` and
    `make test` leave a clean checkout clean."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_lineno=False)
    data = buffer.getvalue()
    if path.exists() and _without_date(path.read_bytes()) == _without_date(data):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def update(template: Catalog, code: str) -> Catalog:
    """Merge the template into `i18n/<code>.po` (created if absent); returns the catalogue."""
    path = po_path(code)
    if path.exists():
        catalog = read_catalog(path, code)
        catalog.update(template, update_header_comment=False)
        # Obsolete entries would pile up forever; the VCS keeps their history.
        catalog.obsolete.clear()
    else:
        catalog = Catalog(locale=code, domain=DOMAIN, project="Websight Desk", charset="utf-8")
        catalog.update(template)
    _write(catalog, path)
    return catalog


def compile_catalog(catalog: Catalog, code: str) -> Path:
    target = mo_path(code)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as fh:
        write_mo(fh, catalog, use_fuzzy=False)
    return target


def untranslated(catalog: Catalog) -> list[str]:
    """Message ids with no (or only a fuzzy) translation."""
    missing = []
    for msg in catalog:
        if not msg.id:
            continue
        strings = msg.string if isinstance(msg.string, tuple | list) else (msg.string,)
        if msg.fuzzy or not all(strings):
            missing.append(msg.id if isinstance(msg.id, str) else msg.id[0])
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m websight_desk.i18n_build")
    parser.add_argument("--check", action="store_true", help="only list untranslated strings")
    args = parser.parse_args(argv)
    template = extract()
    if args.check:
        tr = read_catalog(po_path("tr"), "tr")
        tr.update(template, update_header_comment=False)
        missing = untranslated(tr)
        for msgid in missing:
            print(f"untranslated (tr): {msgid}")
        return 1 if missing else 0
    _write(template, POT)
    for code in LANGUAGES:
        catalog = update(template, code)
        compile_catalog(catalog, code)
        if code == "tr":
            missing = untranslated(catalog)
            if missing:
                print(f"{len(missing)} Turkish strings need a translation in {po_path(code)}")
    print(
        f"{len(template)} messages; catalogues in {PO_DIR}, compiled to {mo_path('tr').parents[2]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
