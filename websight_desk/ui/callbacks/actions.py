"""KVKK actions for the Tools menu: the destruction job, marking a KVKK request, export.

The export also runs from the customer view (`export_customer`), through the same flow.

Each is one function `(ctx, parent, …)`; the database work goes through `ctx.runner` and
every rule (deadline, audit, legal hold) stays in the services. Questions use the static
`QMessageBox`/`QInputDialog`/`QFileDialog` calls so tests can patch them.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from websight_desk.domain.company import CompanySettings
from websight_desk.domain.errors import EnvironmentProblem, NotFound, ValidationError
from websight_desk.i18n import _, ngettext
from websight_desk.services import kvkk
from websight_desk.services.kvkk_purge import PurgeResult
from websight_desk.storage.exports import record_export
from websight_desk.storage.queries.customers import customer_code
from websight_desk.storage.queries.ticket_owner import TicketOwner, ticket_owner
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.format import date_time, to_istanbul

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
MAX_REASONS = 5  # legal-hold reasons listed in the preview


def _counts(result: PurgeResult, done: bool) -> str:
    lines = [
        ngettext(
            "{n} callback is past its retention period.",
            "{n} callbacks are past their retention period.",
            result.examined,
        ).format(n=result.examined),
        (
            ngettext("{n} was anonymised.", "{n} were anonymised.", result.anonymised)
            if done
            else ngettext(
                "{n} would be anonymised (number, person link and notes removed).",
                "{n} would be anonymised (number, person link and notes removed).",
                result.anonymised,
            )
        ).format(n=result.anonymised),
        ngettext(
            "{n} is kept under legal hold.", "{n} are kept under legal hold.", result.held
        ).format(n=result.held),
    ]
    if result.terminations_examined:
        lines += _termination_counts(result, done)
    held = {**result.held_reasons, **result.termination_held_reasons}
    reasons = sorted(set(held.values()))[:MAX_REASONS]
    lines += [_("Legal hold: {reason}").format(reason=r) for r in reasons]
    return "\n".join(lines)


def _termination_counts(result: PurgeResult, done: bool) -> list[str]:
    n, blanked = result.terminations_examined, result.terminations_anonymised
    return [
        ngettext(
            "{n} abuse termination's evidence is past its retention period.",
            "{n} abuse terminations' evidence is past its retention period.",
            n,
        ).format(n=n),
        (
            ngettext(
                "The evidence of {n} was destroyed.", "The evidence of {n} was destroyed.", blanked
            )
            if done
            else ngettext(
                "The evidence of {n} would be destroyed (excerpt and call account removed; "
                "category, dates and the lead's review kept).",
                "The evidence of {n} would be destroyed (excerpt and call account removed; "
                "category, dates and the lead's review kept).",
                blanked,
            )
        ).format(n=blanked),
        ngettext(
            "{n} is kept under legal hold.",
            "{n} are kept under legal hold.",
            result.terminations_held,
        ).format(n=result.terminations_held),
    ]


def run_destruction_job(ctx: UiContext, parent: QWidget | None = None) -> None:
    """Preview the destruction job (dry run), ask, then run `kvkk.purge` and report."""
    desk, now = ctx.desk, ctx.now()
    title = _("KVKK destruction job")

    def confirm(preview: PurgeResult) -> None:
        question = _counts(preview, done=False) + "\n\n"
        if preview.anonymised or preview.terminations_anonymised:
            question += _("Run the destruction job now? This cannot be undone; the run is logged.")
        else:
            question += _("Nothing to anonymise. Run it anyway to log the run?")
        if QMessageBox.question(parent, title, question, Yes | No, No) != Yes:
            return
        ctx.runner.run(lambda: kvkk.purge(desk, now), done, lambda e: report(e, parent))

    def done(result: PurgeResult) -> None:
        ctx.tickets_changed([])  # threads and lists show the anonymised entries
        ctx.events.statusMessage.emit(_("KVKK destruction job done."))
        QMessageBox.information(parent, title, _counts(result, done=True))

    ctx.runner.run(
        lambda: kvkk.purge(desk, now, dry_run=True), confirm, lambda e: report(e, parent)
    )


def mark_kvkk_request(ctx: UiContext, ticket_id: str | None, parent: QWidget | None = None) -> None:
    """Mark the ticket as a KVKK data-subject request (deadline from the settings, 30 days)."""
    if ticket_id is None:
        ctx.events.statusMessage.emit(_("Open a ticket first."))
        return
    ctx.runner.run(
        lambda: kvkk.company_settings(ctx.desk),
        lambda cfg: _confirm_kvkk_request(ctx, ticket_id, cfg, parent),
        lambda e: report(e, parent),
    )


def _confirm_kvkk_request(
    ctx: UiContext, ticket_id: str, cfg: CompanySettings, parent: QWidget | None
) -> None:
    deadline = date_time(ctx.now() + timedelta(days=cfg.request_days))
    question = _(
        "Mark this ticket as a KVKK request? It must be answered by {deadline} ({days} days)."
    ).format(deadline=deadline, days=cfg.request_days)
    if QMessageBox.question(parent, _("KVKK request"), question, Yes | No, No) != Yes:
        return
    desk = ctx.desk

    def job() -> str:
        with desk.writer() as w:
            return kvkk.mark_request(w, ticket_id, cfg)

    def marked(_request_id: str) -> None:
        ctx.tickets_changed([ticket_id])
        ctx.events.statusMessage.emit(
            _("Marked as a KVKK request; due by {deadline}.").format(deadline=deadline)
        )

    ctx.runner.run(job, marked, lambda e: report(e, parent))


def export_customer_data(
    ctx: UiContext, ticket_id: str | None, parent: QWidget | None = None
) -> None:
    """Export everything about the ticket's customer as JSON (the service audits it)."""
    if ticket_id is None:
        ctx.events.statusMessage.emit(_("Open a ticket first."))
        return
    desk = ctx.desk

    def job() -> TicketOwner:
        with desk.db.read() as conn:
            owner = ticket_owner(conn, ticket_id)
        if owner is None:
            raise NotFound(_("The ticket does not exist."))
        return owner

    def found(owner: TicketOwner) -> None:
        reason = _("KVKK request, ticket #{number}").format(number=owner.number)
        _export(ctx, owner.customer_id, owner.customer_code, reason, parent)

    ctx.runner.run(job, found, lambda e: report(e, parent))


def export_customer(
    ctx: UiContext, customer_id: str, parent: QWidget | None = None, *, ticket_id: str | None = None
) -> None:
    """The same export from the customer view; a ticket of theirs prefills the reason."""
    desk = ctx.desk

    def job() -> tuple[str, TicketOwner | None]:
        with desk.db.read() as conn:
            code = customer_code(conn, customer_id)
            owner = ticket_owner(conn, ticket_id) if ticket_id is not None else None
        if code is None:
            raise NotFound(_("The customer does not exist."))
        if ticket_id is not None and owner is None:
            raise NotFound(_("The ticket does not exist."))
        return code, owner

    def found(result: tuple[str, TicketOwner | None]) -> None:
        code, owner = result
        default = ""
        if owner is not None and owner.customer_id == customer_id:
            default = _("KVKK request, ticket #{number}").format(number=owner.number)
        _export(ctx, customer_id, code, default, parent)

    ctx.runner.run(job, found, lambda e: report(e, parent))


def _export(
    ctx: UiContext, customer_id: str, code: str, default_reason: str, parent: QWidget | None
) -> None:
    title = _("Export customer data")
    reason, ok = QInputDialog.getText(
        parent,
        title,
        _("Why is {code}'s data exported? (recorded in the access audit)").format(code=code),
        QLineEdit.EchoMode.Normal,
        default_reason,
    )
    if not ok:
        return
    if not reason.strip():  # the service refuses it too; say so before asking for a file
        report(
            ValidationError(_("Record why the data is exported (e.g. the request ticket).")), parent
        )
        return
    day = to_istanbul(ctx.now()).strftime("%Y-%m-%d")
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, f"kvkk-export-{code}-{day}.json", _("JSON files (*.json)")
    )
    if not path:
        return
    desk, target = ctx.desk, Path(path)

    def job() -> Path:
        try:
            handle = target.open("w", encoding="utf-8")  # fail before anything is audited
        except OSError as exc:
            raise EnvironmentProblem(
                _("Could not write {path}.").format(path=target), hint=str(exc)
            ) from exc
        try:
            with handle:
                handle.write(kvkk.to_json(kvkk.export_customer(desk, customer_id, reason)) + "\n")
        except BaseException:
            target.unlink(missing_ok=True)  # no half-written export left behind
            raise
        record_export(desk.paths.root, customer_id, target)  # an erasure deletes it
        return target

    def written(where: Path) -> None:
        ctx.events.statusMessage.emit(
            _("Customer data exported to {path}.").format(path=where.name)
        )

    ctx.runner.run(job, written, lambda e: report(e, parent))
