"""Canned replies for the composer, from `websight_desk.policy.canned`.

The decision's suggestions come first. Filling the placeholders (ticket, customer, service,
reseller, agent, the company's article links and mail servers) is a service,
`services.canned_fill`, run in the background runner by the pane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from websight_desk.i18n import current_language
from websight_desk.policy.canned import CannedLibrary, Rendered, load_canned
from websight_desk.policy.model import Action
from websight_desk.services.canned_fill import FillCanned, fill_canned

if TYPE_CHECKING:
    from websight_desk.policy import Decision
    from websight_desk.services.desk import Desk

# Checklist actions that open a dialog of another feature instead of inserting a reply.
DIALOG_ACTIONS = frozenset({Action.OFFER_PHONE_CALLBACK.value, Action.CONSIDER_TERMINATION.value})


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


def fill_job(desk: Desk, ticket_id: str, key: str) -> Callable[[], Rendered]:
    """The reply `key` in the UI language, filled for the ticket (for `ctx.runner`); what
    stays unknown is left as `{name}` for the agent to complete."""
    cmd = FillCanned(ticket_id, key, current_language())
    return lambda: fill_canned(desk, cmd)
