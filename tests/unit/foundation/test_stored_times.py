"""Bulk-insert times: payload ISO text goes to SQLite's stored form and reads back the same."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from websight_desk.domain.ids import new_id
from websight_desk.services.desk import Desk
from websight_desk.storage.appliers import ApplyContext, apply_ops
from websight_desk.storage.bulk import iso_to_stored, utc_text
from websight_desk.storage.models import Customer
from websight_desk.storage.ops import Op, from_iso, to_iso
from websight_desk.storage.outbox import OpWriter


@pytest.mark.parametrize(
    "when",
    [
        datetime(2026, 2, 28, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2024, 2, 29, 0, 0, tzinfo=UTC),
        datetime(2026, 11, 26, 17, 1, 2, 345, tzinfo=timezone(timedelta(hours=3))),
    ],
)
def test_canonical_text_is_sliced_like_the_parsed_value(when: datetime) -> None:
    text = to_iso(when)
    assert text is not None
    assert iso_to_stored(text) == utc_text(from_iso(text))


def test_other_forms_are_parsed_and_bad_ones_refused() -> None:
    assert iso_to_stored("2026-03-01T10:00:00+03:00") == "2026-03-01 07:00:00.000000"
    bad = {
        "2026-02-30T10:00:00.000000+00:00": "out of range",
        "2026-02-10T10:00:00.000000": "without offset",
        "soon": "Invalid isoformat",
    }
    for text, why in bad.items():
        with pytest.raises(ValueError, match=why):
            iso_to_stored(text)


def _customer_op(customer_id: str, created: str) -> Op:
    payload = {"id": customer_id, "code": "T-1", "kind": "individual", "created_at": created}
    return Op(new_id(), "customer.create", payload, 1, "node")


@pytest.mark.parametrize("fresh", [True, False])
def test_row_written_by_the_fast_path_reads_back_as_the_same_datetime(
    desk: Desk, fresh: bool
) -> None:
    when = datetime(2026, 5, 17, 9, 30, 15, 123456, tzinfo=UTC)
    customer_id = new_id()
    with desk.db.write() as conn:
        ctx = ApplyContext(conn, fresh_ids=fresh)
        assert ctx.stored_times
        text = to_iso(when)
        assert text is not None
        apply_ops(ctx, [_customer_op(customer_id, text)])
    with desk.db.read() as conn:
        stored = conn.execute(select(Customer.created_at).where(Customer.id == customer_id))
        assert stored.scalar_one() == when


def test_only_the_op_writer_claims_fresh_ids(desk: Desk) -> None:
    with desk.db.write() as conn:
        assert not ApplyContext(conn).fresh_ids
        w = OpWriter(conn, node_id="n", clock=desk.clock, author_id=None, now=datetime.now(UTC))
        assert w.apply_ctx.fresh_ids
