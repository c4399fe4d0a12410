"""Seal the chain again after the program itself changed a sealed record on purpose."""

from __future__ import annotations

from sqlalchemy import Connection, tuple_, update

from websight_desk.storage.chain import (
    TABLES,
    ChainRecord,
    Key,
    _key_cols,
    iter_records,
    link_hash,
    seal_from,
)


def seal_intact(r: ChainRecord) -> bool:
    """Whether this record still matches its own seal (its text and its link)."""
    own = r.chain_prev is not None and link_hash(r.chain_prev, r.table, r.content)
    return r.text_problem is None and own == r.chain_hash


def reseal_changed(conn: Connection, key: Key, changed: set[str]) -> int:
    """Seal again from `key` after a sanctioned change of the records `changed` (by id).

    Only for changes the program makes on purpose to its own, not yet accepted records (the
    server's retention date adopted, earlier work adopted by the signed-in account). Every
    other record from `key` on must still match its own seal; if one does not, nothing is
    resealed and `verify` goes on reporting it.
    """
    for r in iter_records(conn, key):
        if r.id in changed or r.chain_hash is None:
            continue
        if not seal_intact(r):
            return 0  # tampered: leave the evidence as it is
    for t in TABLES.values():
        conn.execute(
            update(t).where(_key_cols(t) >= tuple_(*key)).values(chain_prev=None, chain_hash=None)
        )
    return seal_from(conn, key)
