"""`CROSS JOIN` for SQLite: an inner join whose left table the planner must keep outer.

SQLite never reorders the tables of a `CROSS JOIN` (its documented planner control). The
queue uses it where the statistics mislead: counting "Abuse suspected" starts from the triage
index (a few thousand rows), and a page of a big view walks the tickets in the sort's order.
Other dialects get a plain inner join.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.selectable import Join


class CrossJoin(Join):
    """`left CROSS JOIN right ON onclause` on SQLite."""

    inherit_cache = True


@compiles(CrossJoin, "sqlite")
def _cross_join(element: CrossJoin, compiler: Any, **kw: Any) -> str:
    kw["asfrom"] = True
    left = compiler.process(element.left, **kw)
    right = compiler.process(element.right, **kw)
    on = compiler.process(element.onclause, **kw)
    return f"{left} CROSS JOIN {right} ON {on}"


def cross_join(left: Any, right: Any, onclause: Any) -> CrossJoin:
    """Join `right` to `left`, `left` staying the outer loop on SQLite."""
    return CrossJoin(left, right, onclause)
