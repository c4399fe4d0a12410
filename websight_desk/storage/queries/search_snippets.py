"""Why a ticket is in the search results: the words of the query in its subject or messages.

For the page of results the queue shows (a few hundred tickets at most), the first place a
query word appears — subject first, then the messages, newest first — is cut out with some
context around it; `[` `]` mark the word. Matching is on folded text (`domain.turkish.fold`
maps character for character), so "sifre" marks "Şifre". People matches (e-mail, phone, code,
domain) say which of the customer's details matched, phone numbers masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from websight_desk.domain.masking import mask_email, mask_phone
from websight_desk.domain.turkish import fold
from websight_desk.storage import fts
from websight_desk.storage.models import Contact, Message, Ticket

CONTEXT = 40  # characters shown on each side of the matched word
_NUMBER = re.compile(r"#?\s*\d{1,15}")


@dataclass(frozen=True)
class Snippet:
    where: str  # "subject" | "message" | "contact"
    text: str  # the excerpt, the matched word between [ and ]


def cut(text: str, words: list[str]) -> str | None:
    """The excerpt of `text` around the first of `words` (folded prefixes), or None."""
    folded = fold(text)
    best: tuple[int, int] | None = None
    for word in words:
        for m in re.finditer(r"\b" + re.escape(word) + r"\w*", folded):
            if best is None or m.start() < best[0]:
                best = (m.start(), m.end())
            break
    if best is None:
        return None
    start, end = best
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    excerpt = f"{text[left:start]}[{text[start:end]}]{text[end:right]}"
    excerpt = " ".join(excerpt.split())
    return ("…" if left else "") + excerpt + ("…" if right < len(text) else "")


def snippets(conn: Connection, ticket_ids: Iterable[str], search: str) -> dict[str, Snippet]:
    """ticket id -> why it matched, for the tickets whose text holds a word of `search`."""
    ids = sorted(set(ticket_ids))
    words = fts.words(search)
    if not ids or not words or _NUMBER.fullmatch(search.strip()):
        return {}
    found: dict[str, Snippet] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for tid, subject in conn.execute(
            select(Ticket.id, Ticket.subject).where(Ticket.id.in_(chunk))
        ):
            text = cut(subject, words)
            if text is not None:
                found[tid] = Snippet("subject", text)
        rest = [t for t in chunk if t not in found]
        if rest:
            bodies = conn.execute(
                select(Message.ticket_id, Message.body)
                .where(Message.ticket_id.in_(rest), Message.body != "")
                .order_by(Message.ticket_id, Message.created_at.desc())
            )
            for tid, body in bodies:
                if tid not in found and (text := cut(body, words)) is not None:
                    found[tid] = Snippet("message", text)
        rest = [t for t in chunk if t not in found]
        if rest:
            found.update(_people(conn, rest, search))
    return found


def _people(conn: Connection, ticket_ids: list[str], search: str) -> dict[str, Snippet]:
    """A ticket found through its customer's e-mail, phone, or code: say which detail."""
    needle = fold(search.strip())
    digits = re.sub(r"\D", "", search)
    rows = conn.execute(
        select(Ticket.id, Contact.email, Contact.phone, Ticket.customer_id)
        .join(Contact, Contact.customer_id == Ticket.customer_id)
        .where(Ticket.id.in_(ticket_ids))
    ).all()
    found: dict[str, Snippet] = {}
    for tid, email, phone, _customer in rows:
        if tid in found:
            continue
        if email and needle and needle in fold(email):
            found[tid] = Snippet("contact", mask_email(email))  # masked, as in lists
        elif phone and len(digits) >= 4 and digits[-7:] in re.sub(r"\D", "", phone):
            found[tid] = Snippet("contact", mask_phone(phone))
    return found
