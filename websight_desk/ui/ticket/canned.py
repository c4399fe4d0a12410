"""Canned replies for the composer, from `websight_desk.policy.canned`.

The decision's suggestions come first; placeholders are filled from the ticket (customer,
service domain, reseller), the agent and the mail settings. Company values (article links,
mail servers) may be set in the workspace settings under `extra["canned_values"]`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.i18n import current_language
from websight_desk.policy.canned import CannedLibrary, load_canned, render
from websight_desk.policy.model import Action

if TYPE_CHECKING:
    from websight_desk.policy import Decision
    from websight_desk.ui.context import UiContext

# Checklist actions that open a dialog of another feature instead of inserting a reply.
DIALOG_ACTIONS = frozenset({Action.OFFER_PHONE_CALLBACK.value, Action.CONSIDER_TERMINATION.value})

# Websight's usual mail settings; the domain is the customer's own.
MAIL_DEFAULTS = {"incoming_port": "993", "outgoing_port": "465"}


def library() -> CannedLibrary:
    return load_canned()


def entries(decision: Decision | None) -> tuple[list[tuple[str, str]], int]:
    """(id, title) of every canned reply, the decision's suggestions first; and their count."""
    lib, lang = library(), current_language()
    ids = _suggested_ids(lib, decision) if decision is not None else []
    rest = [r.id for r in lib.replies if r.id not in ids]
    titles = {r.id: r.title(lang) for r in lib.replies}
    return [(i, titles[i]) for i in ids + rest], len(ids)


def _suggested_ids(lib: CannedLibrary, decision: Decision) -> list[str]:
    # Same ranking as CannedLibrary.suggest (required actions, then clauses in order), keyed
    # by id: CannedReply holds dicts, so it cannot be hashed for de-duplication.
    ranked: list[str] = []
    for action in decision.actions:
        ranked += [r.id for r in lib.for_action(action) if r.clause in decision.clauses]
    for clause in decision.clauses:
        ranked += [r.id for r in lib.for_clause(clause)]
    return list(dict.fromkeys(ranked))


def key_for_action(action: str, decision: Decision | None) -> str | None:
    """The canned reply a checklist action stands for (e.g. the mail setup article)."""
    try:
        wanted = Action(action)
    except ValueError:
        return None
    replies = library().for_action(wanted)
    if decision is not None:
        replies = tuple(r for r in replies if r.clause in decision.clauses) or replies
    return replies[0].id if replies else None


def values_for(detail: TicketDetail, agent_name: str | None, ctx: UiContext) -> dict[str, str]:
    """Placeholder values known for this ticket and agent (read with the ticket)."""
    values: dict[str, str] = {"ticket_number": str(detail.number)}
    if detail.customer.name:
        values["customer_name"] = detail.customer.name
    if agent_name:
        values["agent_name"] = agent_name
    service = detail.service
    if service is not None:
        values["domain"] = service.label
        values["incoming_server"] = values["outgoing_server"] = f"mail.{service.label}"
        values.update(MAIL_DEFAULTS)
        if service.reseller is not None:
            values["reseller_name"] = service.reseller.name or service.reseller.code
    extra = ctx.desk.settings.extra.get("canned_values", {})
    if isinstance(extra, dict):
        values.update({str(k): str(v) for k, v in extra.items() if v})
    return values


def fill(key: str, detail: TicketDetail, agent_name: str | None, ctx: UiContext) -> str:
    """The reply `key` in the UI language with its placeholders filled (unknown ones stay
    visible as `{name}` for the agent to complete)."""
    try:
        reply = library().get(key)
    except KeyError:
        return ""
    return render(reply, current_language(), values_for(detail, agent_name, ctx)).text
