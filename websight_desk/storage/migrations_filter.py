"""What Alembic's autogenerate compares: not the FTS5 virtual table or its shadow tables."""

from __future__ import annotations

IGNORED_TABLE_PREFIXES = ("search_index",)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(IGNORED_TABLE_PREFIXES))
