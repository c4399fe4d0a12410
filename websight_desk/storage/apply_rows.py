"""Row helpers shared by the core appliers: insert-ignore, last-writer-wins, id lookups.

`storage/appliers.py` re-exports `insert_ignore`, the name the rest of the program imports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import (
    ARRAY,
    JSON,
    ColumnElement,
    Connection,
    String,
    Table,
    and_,
    any_,
    cast,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql

from websight_desk.storage import bulk, pg_bulk
from websight_desk.storage.ops import Op, from_iso

if TYPE_CHECKING:
    from websight_desk.storage.applier_registry import ApplyContext


def insert_ignore(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT that skips rows whose primary key exists (both dialects)."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        bulk.sqlite_insert(conn, table, rows, ignore_conflicts=True)
        return
    if pg_bulk.copy_insert_ignore(conn, table, rows):
        return
    pk = [c.name for c in table.primary_key.columns]
    conn.execute(postgresql.insert(table).on_conflict_do_nothing(index_elements=pk), rows)


def meta(op: Op, stored: bool = False) -> dict[str, Any]:
    """hlc, node_id and created_at; `stored`: created_at as SQLite's stored text (bulk inserts)."""
    text = op.payload.get("created_at")
    if text is None:
        raise ValueError(f"{op.kind} {op.op_id}: payload has no created_at")
    created = bulk.iso_to_stored(text) if stored else from_iso(text)
    return {"hlc": op.hlc, "node_id": op.node_id, "created_at": created}


def needing_update(
    conn: Connection, table: Table, rows: list[dict[str, Any]], stored: set[str] | None = None
) -> list[dict[str, Any]]:
    """Rows an insert-ignore may have skipped: ids stored already or repeated in the batch.

    Only these can need the last-writer-wins UPDATE; a fresh row is already its own winner,
    so bulk loads of new records cost no per-row statement.
    """
    ids = [r["id"] for r in rows]
    if stored is None:  # the caller may have looked them up already
        stored = stored_ids(conn, table, ids)
    if not stored and len(set(ids)) == len(ids):
        return []
    seen: set[str] = set()
    out = []
    for r in rows:
        if r["id"] in stored or r["id"] in seen:
            out.append(r)
        seen.add(r["id"])
    return out


def upsert_lww(
    ctx: ApplyContext, table: Table, rows: list[dict[str, Any]], stored: set[str] | None = None
) -> None:
    """Insert new rows; replace existing ones only with a newer (hlc, node_id)."""
    stale = needing_update(ctx.conn, table, rows, stored)
    insert_ignore(ctx.conn, table, rows)
    for row in stale:
        newer = or_(
            table.c.hlc < row["hlc"],
            and_(table.c.hlc == row["hlc"], table.c.node_id < row["node_id"]),
        )
        values = {k: v for k, v in row.items() if k not in ("id", "created_at")}
        ctx.conn.execute(update(table).where(table.c.id == row["id"], newer).values(values))


def fields(op: Op, *names: str) -> dict[str, Any]:
    """The named payload fields (None for a missing one)."""
    payload = op.payload
    try:  # every name present (the usual case): one C-level lookup of all of them
        return dict(zip(names, _getter(names)(payload), strict=True))
    except KeyError:
        return {name: payload.get(name) for name in names}


@lru_cache(maxsize=64)
def _getter(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    get = itemgetter(*names)
    return get if len(names) > 1 else lambda payload: (get(payload),)


def only_new(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows whose id is not stored yet (a re-applied op must not index twice)."""
    existing = stored_ids(conn, table, [r["id"] for r in rows])
    return [r for r in rows if r["id"] not in existing] if existing else rows


def stored_ids(conn: Connection, table: Table, ids: Sequence[str]) -> set[str]:
    """Which of these ids the table holds already (batched primary-key lookups)."""
    return {r[0] for r in rows_in(conn, table, "id", ids, ("id",))}


def rows_in(
    conn: Connection, table: Table, key: str, values: Sequence[str], columns: Sequence[str]
) -> list[tuple[Any, ...]]:
    """`columns` of the rows whose `key` is one of `values`, in batches of 500.

    On SQLite as plain driver SQL (compiling a 500-item IN list costs more than the query):
    only for columns stored as what Python reads (text, integers), never dates or JSON types.
    """
    found: list[tuple[Any, ...]] = []
    sqlite = conn.dialect.name == "sqlite"
    names = ", ".join(f'"{c}"' for c in columns)
    # PostgreSQL takes the ids as one value (`id_in`): a whole push's worth in one statement
    for chunk in chunks(values, 500 if sqlite else 5000):
        if sqlite:
            marks = ",".join("?" * len(chunk))
            sql = f'SELECT {names} FROM "{table.name}" WHERE "{key}" IN ({marks})'
            found.extend(tuple(r) for r in conn.exec_driver_sql(sql, tuple(chunk)))
        else:
            wanted = select(*(table.c[c] for c in columns))
            found.extend(
                tuple(r) for r in conn.execute(wanted.where(id_in(conn, table.c[key], chunk)))
            )
    return found


def id_in(conn: Connection, column: ColumnElement[Any], ids: Sequence[str]) -> ColumnElement[bool]:
    """`column IN ids`; on PostgreSQL one bound value, one cached statement.

    An IN list binds (and SQLAlchemy renders and casts) one parameter per id: its text
    differs with every length, so neither SQLAlchemy's nor psycopg's statement cache helps.
    A text column takes the ids as one JSON array text that PostgreSQL splits itself
    (psycopg adapts a 500-item list value by value: ~1 ms of CPU per lookup, the JSON text
    microseconds); other columns take one array value.
    """
    if conn.dialect.name != "postgresql":
        return column.in_(ids)
    if isinstance(column.type, String):
        listed = func.json_array_elements_text(
            cast(literal(orjson.dumps(list(ids)).decode()), JSON)
        )
        return column.in_(select(listed).scalar_subquery())
    return column == any_(literal(list(ids), ARRAY(column.type)))


def chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    """`items` in slices of at most `size` (bounded IN lists)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
