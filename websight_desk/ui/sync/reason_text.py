"""Refused changes in people's words: what the change was, why it was refused, what to do.

`title(diagnosis)` names a group ("This computer's clock is ahead"), `sentence(diagnosis)`
explains it and says what resolves it, `change_label(kind, field)` says what the change was
("Reply or note", "Status change"). Everything through gettext, Turkish first.
"""

from __future__ import annotations

from websight_desk.i18n import N_, _
from websight_desk.services.rejection_causes import Cause, Diagnosis
from websight_desk.ui.value_labels import ROLE, tr_

_TITLES = {
    Cause.CLOCK_AHEAD: N_("This computer's clock is ahead"),
    Cause.ROLE: N_("Your role may not make this change"),
    Cause.AUTHOR: N_("Made under another name than your account"),
    Cause.LOCAL_COLLEAGUE: N_("Colleagues who exist only on this computer"),
    Cause.DEPENDS: N_("Refused because an earlier change was refused"),
    Cause.MISSING: N_("Refers to something the server does not have"),
    Cause.EXISTS: N_("The record already exists on the server"),
    Cause.SAME_ID: N_("Sent twice with different content"),
    Cause.NOT_STORED: N_("The server could not store it"),
    Cause.INVALID: N_("The server did not understand the change"),
    Cause.RULE: N_("Against a rule of the server"),
    Cause.NOT_APPLICABLE: N_("A colleague's change that cannot be applied here"),
    Cause.OTHER: N_("Other reasons"),
}

_SENTENCES = {
    Cause.CLOCK_AHEAD: N_(
        "This computer's clock was {minutes} minutes ahead of the server when you made the "
        "change, so the server refused it. Set the date and time of this computer correctly, "
        "then make the change again."
    ),
    Cause.ROLE: N_(
        "Your account may not make this kind of change (it needs the role {role}). Ask a "
        "shift lead or an administrator to make it."
    ),
    Cause.AUTHOR: N_(
        "The change was made under another name than the account this computer is signed in "
        "with. Make it again while signed in as yourself."
    ),
    Cause.LOCAL_COLLEAGUE: N_(
        "The change belongs to a colleague who exists only on this computer (for example demo "
        "data). Accounts are made on the sync server by an administrator; nothing is sent."
    ),
    Cause.DEPENDS: N_(
        "An earlier change this one builds on was refused (for example the ticket it belongs "
        "to). Resolve that one first, then choose Retry here."
    ),
    Cause.MISSING: N_(
        "It needs {what} that the server does not have yet. When that arrives on the "
        "server (for example after the colleague's computer syncs), choose Retry."
    ),
    Cause.EXISTS: N_(
        "The server already has this record and records are never changed in place. If "
        "something is wrong, add a correction as a new entry."
    ),
    Cause.SAME_ID: N_(
        "A change with the same identity but different content already reached the server. "
        "Nothing is lost here; make the change again if it is still needed."
    ),
    Cause.NOT_STORED: N_(
        "The server could not store the change (a problem on its side). Choose Retry; if it "
        "keeps failing, tell the administrator."
    ),
    Cause.INVALID: N_(
        "The server did not accept the form of this change (an unknown value or a newer "
        "version of the app on one side). Update the app, then make the change again."
    ),
    Cause.RULE: N_("The server's rules did not allow this change: {detail}"),
    Cause.NOT_APPLICABLE: N_(
        "A colleague's change arrived but could not be applied on this computer. It is kept; "
        "tell the administrator if it keeps happening."
    ),
    Cause.OTHER: N_("The server refused the change: {detail}"),
}

_RULES = {
    "already_decided": N_(
        "Another shift lead decided on this termination first ({current}); your decision "
        "({decision}) no longer applies. Open the review queue to see the current state."
    ),
    "needs_note": N_("The server's rules need a note or a reason with this change."),
    "empty_message": N_("The message was empty."),
    "inbound_author": N_("A customer's message cannot name an agent as its author."),
    "other_customer": N_("The ticket belongs to another customer."),
    "names_ticket": N_("Ending a ticket conversation must name the ticket."),
    "evidence": N_("The evidence of the termination was changed after it was recorded."),
    "hold_released": N_("The legal hold was already released by someone else."),
    "request_closed": N_("The KVKK request was already closed by someone else."),
    "text_version": N_(
        "That version of the KVKK text already exists; a changed text is a new version."
    ),
    "kept_until": N_("The record must be kept longer; it cannot be destroyed yet."),
}

_RULE_TITLES = {
    "already_decided": N_("Another shift lead decided first"),
    "needs_note": N_("A note or a reason is missing"),
    "empty_message": N_("Empty message"),
    "other_customer": N_("The ticket belongs to another customer"),
    "hold_released": N_("Legal hold already released"),
    "request_closed": N_("KVKK request already closed"),
    "kept_until": N_("Must be kept longer"),
}

_STATES = {
    "pending_review": N_("pending review"),
    "confirmed": N_("confirmed"),
    "overturned": N_("overturned"),
    "reinstated": N_("reinstated"),
}

_TABLES = {
    "agents": N_("a colleague's account"),
    "agent": N_("a colleague's account"),
    "tickets": N_("a ticket"),
    "ticket": N_("a ticket"),
    "customers": N_("a customer"),
    "customer": N_("a customer"),
    "contacts": N_("a contact person"),
    "messages": N_("a message"),
    "callbacks": N_("a phone callback"),
    "callback": N_("a phone callback"),
    "abuse_terminations": N_("a termination for abuse"),
    "services": N_("a service"),
}

_KINDS = {
    "ticket.create": N_("New ticket"),
    "message.create": N_("Reply or note"),
    "customer.create": N_("New customer"),
    "contact.upsert": N_("Contact details"),
    "agent.upsert": N_("Colleague"),
    "service.upsert": N_("Customer's service"),
    "callback.create": N_("Phone callback"),
    "termination.create": N_("Conversation ended for abuse"),
    "review.create": N_("Shift lead's review"),
    "override.create": N_("Reply despite a refusal"),
    "legal_hold.set": N_("Legal hold"),
    "legal_hold.release": N_("Legal hold released"),
    "kvkk_text.create": N_("KVKK text"),
    "kvkk_request.close": N_("KVKK request closed"),
    "kvkk.purge": N_("KVKK destruction"),
    "kvkk.erase": N_("KVKK erasure"),
    "audit.create": N_("Audit record"),
}

_FIELDS = {
    "status": N_("Status change"),
    "priority": N_("Priority change"),
    "assignee": N_("Assignment"),
}


def _roles(names: str) -> str:
    """ "admin or shift_lead" → "Yönetici veya Vardiya lideri"."""
    words = [tr_(ROLE, name.strip()) for name in names.split(" or ")]
    return _(" or ").join(words)


def title(diagnosis: Diagnosis) -> str:
    """A short name for the cause (a group of the window)."""
    rule = diagnosis.values.get("rule")
    if diagnosis.cause is Cause.RULE and rule in _RULE_TITLES:
        return _(_RULE_TITLES[rule])
    return _(_TITLES[diagnosis.cause])


def sentence(diagnosis: Diagnosis) -> str:
    """The reason in plain words, with what resolves it."""
    values = diagnosis.values
    if diagnosis.cause is Cause.RULE and values.get("rule") in _RULES:
        current, decision = values.get("current", "?"), values.get("decision", "?")
        return _(_RULES[values["rule"]]).format(
            current=_(_STATES[current]) if current in _STATES else current,
            decision=_(_STATES[decision]) if decision in _STATES else decision,
        )
    table = values.get("table", "")
    what = _(_TABLES[table]) if table in _TABLES else _("a record")
    return _(_SENTENCES[diagnosis.cause]).format(
        minutes=values.get("minutes", "?"),
        role=_roles(values.get("role", "?")),
        what=what,
        detail=values.get("detail", ""),
    )


def change_label(kind: str, field: str | None = None) -> str:
    """What the change was, for people ("Status change", "Reply or note")."""
    if kind == "ticket.set_field" and field in _FIELDS:
        return _(_FIELDS[field])
    return _(_KINDS[kind]) if kind in _KINDS else kind
