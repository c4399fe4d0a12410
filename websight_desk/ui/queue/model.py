"""`QueueModel`: the queue as a lazily fetched table over the local store.

Rows arrive a page at a time (`canFetchMore`/`fetchMore`); sorting and filtering happen in
SQL. A new query (view, search, sort) is counted and its first page read on the runner, off
the GUI thread; later pages are small indexed reads done when the view scrolls to them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from websight_desk.domain.queue_views import QueueQuery, QueueRow
from websight_desk.i18n import _, current_language, ngettext
from websight_desk.storage.queries import queue
from websight_desk.storage.queries.search_snippets import Snippet, snippets
from websight_desk.ui.context import UiContext
from websight_desk.ui.queue.columns import COLUMNS, INDEX, cell_text, flags_tooltip

PAGE = 200
TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
# The roles `data()` answers; a view asks for a dozen more on every paint.
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        TICKET_ID_ROLE,
    }
)


class QueueModel(QAbstractTableModel):
    loaded = Signal(int)  # a query finished: total number of rows

    def __init__(self, ctx: UiContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = QueueQuery(agent_id=ctx.agent_id)  # the query `rows` belong to
        self.rows: list[QueueRow] = []
        self.total = 0
        self.exact = True  # False: more than `total` tickets (the count stopped, "10,000+")
        self.loading = False
        self.snippets: dict[str, Snippet] = {}  # why each result matched (a search only)
        self._cells: dict[str, tuple[str, ...]] = {}  # ticket id -> its cells' texts
        self._language = current_language()  # of `_cells`

    # --- loading -------------------------------------------------------------------------

    def set_query(self, query: QueueQuery) -> None:
        """Show another view/search/sort: counted and first page read in the background."""
        self._load(query, PAGE)

    def reload(self) -> None:
        """Re-read the current query (after a change), keeping as many rows as are loaded."""
        self._load(self.query, max(PAGE, len(self.rows)))

    def _load(self, query: QueueQuery, limit: int) -> None:
        db, now = self.ctx.desk.db, self.ctx.now()

        def work() -> tuple[QueueQuery, queue.QueuePage, Texts]:
            with db.read() as conn:
                first = queue.first_page(conn, query, limit)
            return query, first, texts_of(first.rows, now)

        self.loading = True
        self.ctx.runner.run(work, self._loaded, self._failed, key=f"queue-{id(self)}")

    def _loaded(self, result: tuple[QueueQuery, queue.QueuePage, Texts]) -> None:
        query, first, texts = result
        self.beginResetModel()
        self.query, self.rows = query, first.rows
        self.total, self.exact = first.total, first.exact
        self.loading = False
        self.snippets = {}
        self._cells, self._language = texts.cells, texts.language
        self.endResetModel()
        self.loaded.emit(first.total)
        self._ask_snippets(first.rows)

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        from websight_desk.ui import errors

        errors.report(exc, retry=self.reload)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self.loading:
            return False
        return len(self.rows) < self.total or not self.exact

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The next page, read in the background (scrolling never waits on the database)."""
        if not self.canFetchMore(parent):
            return
        db, query, offset, now = self.ctx.desk.db, self.query, len(self.rows), self.ctx.now()

        def work() -> tuple[QueueQuery, int, list[QueueRow], Texts]:
            with db.read() as conn:
                rows = queue.page(conn, query, offset, PAGE)
            return query, offset, rows, texts_of(rows, now)

        self.loading = True
        self.ctx.runner.run(work, self._more, self._failed, key=f"queue-more-{id(self)}")

    def _more(self, result: tuple[QueueQuery, int, list[QueueRow], Texts]) -> None:
        query, offset, more, texts = result
        self.loading = False
        if query != self.query or offset != len(self.rows):
            return  # another view, search or sort meanwhile: this page is not of it
        # Rows can shift under us (a sync added tickets); never show one ticket twice.
        known = {r.ticket_id for r in self.rows}
        more = [r for r in more if r.ticket_id not in known]
        if not more:
            self.total, self.exact = len(self.rows), True
            return
        if texts.language == self._language:
            self._cells.update(texts.cells)
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()
        self.total = max(self.total, len(self.rows))  # scrolled past the count's stop
        self._ask_snippets(more)

    def _ask_snippets(self, rows: list[QueueRow]) -> None:
        """Why these results matched, read in the background (a search only)."""
        query, db = self.query, self.ctx.desk.db
        if not query.search.strip() or not rows:
            return
        ids = [r.ticket_id for r in rows]

        def work() -> tuple[QueueQuery, dict[str, Snippet]]:
            with db.read() as conn:
                return query, snippets(conn, ids, query.search)

        self.ctx.runner.run(work, self._snippets_arrived, lambda _e: None)

    def _snippets_arrived(self, result: tuple[QueueQuery, dict[str, Snippet]]) -> None:
        query, found = result
        if query != self.query or not found:
            return
        self.snippets.update(found)
        for ticket_id in found:
            self._cells.pop(ticket_id, None)
        column = INDEX["subject"]
        self.dataChanged.emit(self.index(0, column), self.index(len(self.rows) - 1, column))

    def count_text(self) -> str:
        """The number of tickets for the bar: "1.234 bilet", or "10.000+ bilet" when the
        count stopped early."""
        from websight_desk.ui import format as fmt

        shown = fmt.number(self.total) + ("" if self.exact else "+")
        return ngettext("{n} ticket", "{n} tickets", self.total).format(n=shown)

    # --- Qt model interface --------------------------------------------------------------
    # (No `flags()`: Qt's own gives every cell enabled | selectable | never has children,
    # without a Python call per painted cell.)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A repaint asks each visible cell for many roles: answer the unused ones first, and
        # the texts from `_cells` (computed once per row, not per paint).
        if role not in _ROLES or not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts(row)[index.column()]
        if role == TICKET_ID_ROLE:
            return row.ticket_id
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "flags":
                return flags_tooltip(row.flags) or None
            if key in ("subject", "age"):
                from websight_desk.ui import format as fmt

                if key == "age":
                    return fmt.date_time(row.created_at)
                found = self.snippets.get(row.ticket_id)
                return row.subject if found is None else f"{row.subject}\n{why(found)}"
            return None
        if key == "number":  # TextAlignmentRole
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _texts(self, row: QueueRow) -> tuple[str, ...]:
        """The row's cell texts, computed on first use (ages: as of then, see `refresh_texts`)."""
        if self._language != current_language():  # switched: every text anew
            self._cells, self._language = {}, current_language()
        texts = self._cells.get(row.ticket_id)
        if texts is None:
            now = self.ctx.now()
            cells = [cell_text(row, c.key, now) for c in COLUMNS]
            found = self.snippets.get(row.ticket_id)
            if found is not None and found.where != "subject":
                cells[INDEX["subject"]] = f"{cells[INDEX['subject']]} · {found.text}"
            texts = self._cells[row.ticket_id] = tuple(cells)
        return texts

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _(COLUMNS[section].header)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.query.sort and descending == self.query.descending and not self.loading:
            return
        self.set_query(replace(self.query, sort=key, descending=descending))

    # --- helpers -------------------------------------------------------------------------

    def row_of(self, ticket_id: str) -> int | None:
        """The loaded row showing this ticket, if any."""
        for i, r in enumerate(self.rows):
            if r.ticket_id == ticket_id:
                return i
        return None

    def ticket_at(self, row: int) -> QueueRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def retranslate(self) -> None:
        """Header and cell texts depend on the language: ask views to repaint them."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.refresh_texts()

    def refresh_texts(self) -> None:
        """Repaint computed texts (ages move on with time)."""
        self._cells = {}
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )


@dataclass(frozen=True)
class Texts:
    """Cell texts computed off the GUI thread with the rows, in `language`."""

    language: str
    cells: dict[str, tuple[str, ...]]


def texts_of(rows: list[QueueRow], now: datetime) -> Texts:
    """Every cell's text of these rows (run in the runner: ages cost a babel call each)."""
    language = current_language()
    cells = {r.ticket_id: tuple(cell_text(r, c.key, now) for c in COLUMNS) for r in rows}
    return Texts(language, cells)


def why(found: Snippet) -> str:
    """The tooltip line saying where the search words are."""
    where = {
        "subject": _("Found in the subject: {text}"),
        "message": _("Found in a message: {text}"),
        "contact": _("Found in the customer's details: {text}"),
    }[found.where]
    return where.format(text=found.text)


__all__ = ["INDEX", "PAGE", "TICKET_ID_ROLE", "QueueModel"]
