"""The queue model: lazy pages, database sorting, views, search — and Qt's model rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from tests.unit.ui.sample import Sample, build
from websight_desk.domain.queue_views import QueueQuery, SortKey
from websight_desk.services.desk import Desk
from websight_desk.ui.context import UiContext
from websight_desk.ui.queue import model as model_mod
from websight_desk.ui.queue.columns import INDEX
from websight_desk.ui.queue.model import TICKET_ID_ROLE, QueueModel


def ids(model: QueueModel) -> list[str]:
    return [model.index(r, 0).data(TICKET_ID_ROLE) for r in range(model.rowCount())]


def test_model_passes_qtmodeltester(ctx: UiContext, qtmodeltester: Any) -> None:
    model = QueueModel(ctx)
    model.set_query(QueueQuery(view="all"))
    assert model.rowCount() == 4
    qtmodeltester.check(model, force_py=True)


def test_cells_are_enabled_and_selectable_and_never_have_children(ctx: UiContext) -> None:
    model = QueueModel(ctx)
    model.set_query(QueueQuery(view="all"))
    cell = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    for column in range(model.columnCount()):
        flags = model.flags(model.index(1, column))
        assert flags & cell == cell
        assert flags & Qt.ItemFlag.ItemNeverHasChildren
        assert not flags & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)
    assert model.flags(model.index(model.rowCount(), 0)) == Qt.ItemFlag.NoItemFlags


def test_views_filter_in_sql(ctx: UiContext, sample: Sample) -> None:
    model = QueueModel(ctx)
    expected = {
        "all_open": {sample.password, sample.theme, sample.abusive},
        "my_open": {sample.password},
        "unassigned": {sample.theme, sample.abusive},
        "out_of_scope": {sample.theme},
        "abuse": {sample.abusive},
        "closed": {sample.closed},
    }
    for view, wanted in expected.items():
        model.set_query(QueueQuery(view=view, agent_id=ctx.agent_id))
        assert set(ids(model)) == wanted, view
        assert model.total == len(wanted)


def test_turkish_aware_search(ctx: UiContext, sample: Sample) -> None:
    model = QueueModel(ctx)
    for text in ("sifre", "ŞİFRE", "SIFRE", "unuttum"):
        model.set_query(QueueQuery(view="all", search=text))
        assert ids(model) == [sample.password], text
    model.set_query(QueueQuery(view="all", search="avada"))
    assert ids(model) == [sample.theme]
    number = next(n for n, i in sample.ids_by_number.items() if i == sample.closed)
    model.set_query(QueueQuery(view="all", search=f"#{number}"))
    assert ids(model) == [sample.closed]
    model.set_query(QueueQuery(view="all", search='"* NEAR( -'))  # FTS syntax is plain text
    assert ids(model) == []


def test_cells_show_text_and_symbol(ctx: UiContext, sample: Sample) -> None:
    model = QueueModel(ctx)
    model.set_query(QueueQuery(view="all"))
    row = {model.index(r, 0).data(TICKET_ID_ROLE): r for r in range(model.rowCount())}
    cell = lambda t, key: model.index(row[t], INDEX[key]).data()  # noqa: E731
    assert cell(sample.theme, "verdict") == "⊘ Kapsam dışı"
    assert cell(sample.password, "verdict") == "✓ Kapsamda"
    assert cell(sample.abusive, "flags") == "⚠"
    assert cell(sample.password, "customer") == "Ayşe Kaya"  # names in full (#18)
    assert cell(sample.password, "age") == "3 saat önce"
    assert cell(sample.password, "assignee") == "Mehmet Yılmaz"
    assert cell(sample.closed, "status") == "Kapalı"
    tip = model.index(row[sample.abusive], INDEX["flags"]).data(Qt.ItemDataRole.ToolTipRole)
    assert "Kötüye kullanım" in tip


def test_lazy_pages_and_database_sort(
    ui_desk: Desk, qapp: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    build(ui_desk, extra=23)
    monkeypatch.setattr(model_mod, "PAGE", 10)
    from websight_desk.ui.runner import Runner

    ctx = UiContext(ui_desk, runner=Runner(synchronous=True))
    model = QueueModel(ctx)
    model.set_query(QueueQuery(view="all", sort=SortKey.NUMBER, descending=False))
    assert model.total == 27
    assert model.rowCount() == 10  # never everything at once
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 27
    numbers = [model.rows[i].number for i in range(27)]
    assert numbers == sorted(numbers)
    assert len(set(ids(model))) == 27
    model.sort(INDEX["subject"], Qt.SortOrder.DescendingOrder)
    assert model.query.sort is SortKey.SUBJECT
    assert model.rowCount() == 10
    subjects = [r.subject for r in model.rows]
    assert subjects == sorted(subjects, reverse=True)
    model.set_query(replace(model.query, sort=SortKey.CUSTOMER))
    assert model.rowCount() == 10


def test_language_switch_retranslates_cells(ctx: UiContext, sample: Sample) -> None:
    from websight_desk import i18n

    model = QueueModel(ctx)
    model.set_query(QueueQuery(view="out_of_scope"))
    assert model.headerData(INDEX["subject"], Qt.Orientation.Horizontal) == "Konu"
    i18n.set_language("en")
    assert model.index(0, INDEX["verdict"]).data() == "⊘ Out of scope"
    assert model.index(0, INDEX["age"]).data() == "3 hours ago"
    assert model.headerData(INDEX["subject"], Qt.Orientation.Horizontal) == "Subject"


def test_a_count_that_stopped_shows_a_plus(
    ctx: UiContext, sample: Sample, monkeypatch: Any
) -> None:
    from websight_desk.storage.queries import queue

    monkeypatch.setattr(queue, "CAP", 2)
    monkeypatch.setattr(model_mod, "PAGE", 1)
    model = QueueModel(ctx)
    model.set_query(QueueQuery(view="all"))
    assert (model.total, model.exact) == (2, False)
    assert model.count_text().startswith("2+")
    while model.canFetchMore():  # scrolling goes on past the count's stop
        model.fetchMore()
    assert model.rowCount() == 4
    assert (model.total, model.exact) == (4, True)
    assert model.count_text().startswith("4 ")


def test_search_results_say_why_they_matched(ctx: UiContext, sample: Sample) -> None:
    model = QueueModel(ctx)
    model.set_query(QueueQuery(view="all", search="avada"))  # in the message, not the subject
    assert ids(model) == [sample.theme]
    subject = model.index(0, INDEX["subject"])
    shown = model.data(subject)
    assert shown.startswith("Tema yükleme · ")
    assert "[Avada]" in shown
    assert "[Avada]" in model.data(subject, Qt.ItemDataRole.ToolTipRole)
    model.set_query(QueueQuery(view="all"))  # no search: the plain subject again
    row = model.row_of(sample.theme)
    assert row is not None
    assert model.data(model.index(row, INDEX["subject"])) == "Tema yükleme"


def test_cell_texts_follow_snippets_and_the_age_refresh(
    ctx: UiContext, sample: Sample, monkeypatch: Any
) -> None:
    """Cell texts are kept per row between paints: a snippet arriving, the age timer and a
    new query must still show fresh text."""
    model = QueueModel(ctx)
    model.set_query(QueueQuery(view="all", search="unuttum"))  # in a message, not the subject
    subject = model.index(0, INDEX["subject"])
    assert "[unuttum]" in subject.data()  # the synchronous runner brought the snippet
    model.set_query(QueueQuery(view="all", search="sifre"))  # a match in the subject itself
    assert model.index(0, INDEX["subject"]).data() == "Şifre sıfırlama"
    updated = model.index(0, INDEX["updated"])
    before = updated.data()
    later = ctx.now() + timedelta(days=3)
    monkeypatch.setattr(ctx, "now", lambda: later)
    assert updated.data() == before  # kept between paints…
    model.refresh_texts()
    assert updated.data() != before  # …until the age timer refreshes them
