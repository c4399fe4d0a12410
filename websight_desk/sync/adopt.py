"""Adopt the work done on this workstation before it was connected, for the signed-in account.

Before its first connection a workspace works under a local identity (the demo team, or the
agent chosen on this computer). The server accepts only ops authored by the account that
pushes them, so at connect time every change still waiting to be sent is re-authored for the
signed-in account — the op, its actor fields and the local record — instead of being refused.
Colleagues that exist only on this computer are not sent (accounts are made on the server);
their records are kept and listed with the refused changes, with the reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, select, update

from websight_desk.domain.ids import SERVER_NODE
from websight_desk.domain.op_kinds import KINDS
from websight_desk.i18n import _
from websight_desk.storage import chain
from websight_desk.storage.apply_rows import insert_ignore
from websight_desk.storage.chain_reseal import reseal_changed
from websight_desk.storage.field_appliers import project_fields
from websight_desk.storage.kind_tables import TABLES
from websight_desk.storage.models import Agent, SyncOutbox, SyncQuarantine
from websight_desk.storage.ops import canonical_json
from websight_desk.storage.outbox import PENDING, REJECTED


@dataclass(frozen=True)
class Adoption:
    adopted: int  # pending changes now authored by the signed-in account
    kept_local: int  # local-only colleagues, not sent


def _author_fields(kind: str, payload: dict[str, Any]) -> list[str]:
    fields = list(KINDS[kind].actors)
    if kind == "message.create" and payload.get("kind") != "inbound":
        fields.append("author_agent_id")
    if kind == "ticket.create":
        fields.append("assignee_id")
    if kind == "ticket.set_field" and payload.get("field") == "assignee":
        fields.append("value")
    return fields


def adopt_local_work(conn: Connection, account_id: str) -> Adoption:
    """Re-author pending ops of local-only identities for `account_id` (one transaction)."""
    local = set(
        conn.execute(
            select(Agent.id).where(Agent.node_id != SERVER_NODE, Agent.id != account_id)
        ).scalars()
    )
    rows = conn.execute(
        select(SyncOutbox.op_id, SyncOutbox.kind, SyncOutbox.payload, SyncOutbox.author_agent_id)
        .where(SyncOutbox.state == PENDING)
        .order_by(SyncOutbox.seq)
    ).all()
    adopted = kept = 0
    sealed: list[chain.Key] = []
    assignees: set[str] = set()
    for row in rows:
        payload = json.loads(row.payload)
        if row.kind == "agent.upsert" and payload.get("id") in local:
            _keep_local(conn, row.op_id, row.kind, row.payload)
            kept += 1
            continue
        if row.author_agent_id is not None and row.author_agent_id not in local:
            continue  # another server account's work: theirs to push
        changed = {
            name: account_id
            for name in _author_fields(row.kind, payload)
            if name in payload
            and (payload[name] in local or payload[name] is None)
            and not (name in ("assignee_id", "value") and payload[name] is None)
        }
        payload.update(changed)
        conn.execute(
            update(SyncOutbox)
            .where(SyncOutbox.op_id == row.op_id)
            .values(payload=canonical_json(payload), author_agent_id=account_id)
        )
        _update_record(conn, TABLES[row.kind], str(payload["id"]), changed)
        if row.kind in _CHAINED and changed:
            record = conn.execute(
                select(TABLES[row.kind].c.hlc, TABLES[row.kind].c.node_id).where(
                    TABLES[row.kind].c.id == payload["id"]
                )
            ).first()
            if record is not None:
                sealed.append((int(record.hlc), str(record.node_id), str(payload["id"])))
        if row.kind == "ticket.set_field" and "value" in changed:
            assignees.add(str(payload["ticket_id"]))
        adopted += 1
    if sealed:
        reseal_changed(conn, min(sealed), {k[2] for k in sealed})
    if assignees:
        project_fields(conn, sorted(assignees), "assignee")
    return Adoption(adopted, kept)


_CHAINED = frozenset({"termination.create", "review.create", "override.create", "audit.create"})


def _update_record(conn: Connection, table: Table, record_id: str, changed: dict[str, Any]) -> None:
    columns = {k: v for k, v in changed.items() if k in table.c and k != "value"}
    if table.name == "ticket_field_changes" and "value" in changed:
        columns["value"] = changed["value"]
    if columns:
        conn.execute(update(table).where(table.c.id == record_id).values(**columns))


def _keep_local(conn: Connection, op_id: str, kind: str, payload: str) -> None:
    reason = _(
        "A colleague who exists only on this computer (demo data) is not sent: accounts are "
        "made on the sync server by an administrator."
    )
    conn.execute(
        update(SyncOutbox)
        .where(SyncOutbox.op_id == op_id)
        .values(state=REJECTED, last_error=reason)
    )
    insert_ignore(
        conn,
        SyncQuarantine.__table__,  # type: ignore[arg-type]
        [
            {
                "op_id": op_id,
                "kind": kind,
                "payload": payload,
                "reason": reason,
                "source": "push",
                "created_at": datetime.now(UTC),
            }
        ],
    )
