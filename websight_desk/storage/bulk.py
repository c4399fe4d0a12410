"""Fast multi-row inserts for SQLite, where SQLAlchemy's per-row parameter handling dominates.

Bulk loads (demo data, first pulls of a large workspace) insert hundreds of thousands of rows;
going straight to the driver's `executemany` with pre-converted values is several times
faster. Values are converted exactly as the column types would (UTC datetimes to SQLite's
text form, booleans to 0/1), so rows read back identically through the ORM.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Connection, Table

from websight_desk.storage.ops import from_iso
from websight_desk.storage.types import UTCDateTime

Converter = Callable[[Any], Any]


def _utc_text(value: datetime | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):  # made by `iso_to_stored`: already the stored form
        return value
    if value.tzinfo is UTC:  # the common case: "YYYY-MM-DD HH:MM:SS.ffffff+00:00" minus offset
        return value.isoformat(sep=" ", timespec="microseconds")[:-6]
    if value.tzinfo is None:
        raise ValueError(f"naive datetime {value!r} cannot be stored; use UTC")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


# `ops.to_iso`'s form ("YYYY-MM-DDTHH:MM:SS.ffffff+00:00"): time ranges checked here, the
# date by `_valid_day` (a bulk load has few distinct days).
_CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}\+00:00")


@lru_cache(maxsize=4096)
def _valid_day(day: str) -> bool:
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True


def iso_to_stored(value: str) -> str:
    """The stored text of a payload's ISO time (as `utc_text(from_iso(value))`, but cheaper).

    Text in the canonical UTC form is sliced; anything else is parsed (and refused the same
    way: ValueError for text that is no time or has no offset).
    """
    if _CANONICAL.fullmatch(value) is not None and _valid_day(value[:10]):
        return f"{value[:10]} {value[11:26]}"
    parsed = from_iso(value)
    assert parsed is not None  # a str never parses to None
    return _utc_text(parsed)  # type: ignore[return-value]


def utc_text(value: datetime | None) -> str | None:
    """The stored text form of a UTC datetime (for values passed to driver SQL)."""
    return _utc_text(value)


def sqlite_insert_values(
    conn: Connection, table: Table, columns: tuple[str, ...], values: Sequence[tuple[Any, ...]]
) -> None:
    """INSERT rows given as tuples already in stored form (see `utc_text`)."""
    if values:
        conn.exec_driver_sql(_plan(table, columns, False)[0], values)


def utc_texts(values: Mapping[str, datetime | str]) -> dict[str, str | None]:
    """The stored text form of each UTC datetime (for hand-written driver SQL)."""
    return {key: _utc_text(value) for key, value in values.items()}


def _bool_int(value: Any) -> int | None:
    return None if value is None else int(bool(value))


def _same(value: Any) -> Any:
    return value


def _converter(table: Table, name: str) -> Converter:
    column_type = table.c[name].type
    if isinstance(column_type, UTCDateTime):
        return _utc_text
    if isinstance(column_type, Boolean):
        return _bool_int
    return _same


@lru_cache(maxsize=256)
def _plan(
    table: Table, columns: tuple[str, ...], ignore_conflicts: bool
) -> tuple[str, tuple[Converter, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    if ignore_conflicts:
        pk = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
        sql += f" ON CONFLICT ({pk}) DO NOTHING"
    return sql, tuple(_converter(table, c) for c in columns)


def sqlite_insert(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], *, ignore_conflicts: bool
) -> None:
    """INSERT rows (all with the same keys) through the driver's executemany."""
    if not rows:
        return
    columns = tuple(rows[0])
    sql, converters = _plan(table, columns, ignore_conflicts)
    conn.exec_driver_sql(sql, _params(rows, columns, converters))


def _params(
    rows: Sequence[dict[str, Any]], columns: tuple[str, ...], converters: tuple[Converter, ...]
) -> list[Sequence[Any]]:
    """Row values in column order; only the columns that need it are converted."""
    get = itemgetter(*columns)
    if len(columns) == 1:
        params: list[Sequence[Any]] = [(get(row),) for row in rows]
    else:
        params = [get(row) for row in rows]
    convert = [(i, conv) for i, conv in enumerate(converters) if conv is not _same]
    if not convert:
        return params
    out: list[Sequence[Any]] = []
    for values in params:
        items = list(values)
        for i, conv in convert:
            items[i] = conv(items[i])
        out.append(tuple(items))
    return out


def sqlite_upsert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows, replacing the non-key columns of rows whose primary key exists."""
    if not rows:
        return
    columns = tuple(rows[0])
    sql, converters = _plan(table, columns, False)
    pk = [c.name for c in table.primary_key.columns]
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in pk)
    keys = ", ".join(f'"{c}"' for c in pk)
    sql += f" ON CONFLICT ({keys}) DO UPDATE SET {updates}"
    conn.exec_driver_sql(sql, _params(rows, columns, converters))
