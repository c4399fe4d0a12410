"""One demo ticket's life: its first message, replies, notes, quoted mail and field changes."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from websight_desk.demo import replies as rp
from websight_desk.demo.slots import Slots
from websight_desk.demo.text import Lang, Tone, follow_up
from websight_desk.demo.topics import Topic
from websight_desk.domain.enums import MessageKind, Priority, TicketField, TicketStatus

URGENT_TOPICS = frozenset({"site_down", "server_down", "mail_down"})
CALM_TOPICS = frozenset({"billing", "mail_client", "theme_plugin", "cms_install"})


@dataclass(slots=True)
class Thread:
    """What happened on a ticket, in time order."""

    messages: list[tuple[MessageKind, str | None, str, datetime]] = field(default_factory=list)
    changes: list[tuple[TicketField, str | None, str | None, datetime]] = field(
        default_factory=list
    )
    status: TicketStatus = TicketStatus.NEW


def initial_priority(topic: Topic, tone: Tone, sla: bool, rng: random.Random) -> Priority:
    if topic.key in URGENT_TOPICS and (tone is Tone.HEATED or sla) and rng.random() < 0.6:
        return Priority.URGENT
    if topic.key in URGENT_TOPICS and rng.random() < 0.4:
        return Priority.HIGH
    if topic.key in CALM_TOPICS and rng.random() < 0.4:
        return Priority.LOW
    return Priority.NORMAL


def _length(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.25:
        return 1
    if r < 0.55:
        return 2
    if r < 0.85:
        return rng.randint(3, 4)
    return rng.randint(5, 9)  # the long ones, with layers of quoted history


def build_thread(
    *,
    rng: random.Random,
    start: datetime,
    now: datetime,
    first_body: str,
    clause: str,
    lang: Lang,
    tone: Tone,
    slots: Slots,
    agents: list[str],
    leads: list[str],
    agent_names: dict[str, str],
    fast: bool,
    quoted_mail: bool,
) -> Thread:
    """Alternate customer and agent messages from `start`, never past `now`."""
    th = Thread()
    th.messages.append((MessageKind.INBOUND, None, first_body, start))
    english = lang is Lang.EN
    assignee = rng.choice(agents + leads[:1])
    slots["agent"] = agent_names[assignee].split()[0]
    t = start
    last_body = first_body
    for _ in range(_length(rng) - 1):
        prev_kind = th.messages[-1][0]
        if prev_kind is MessageKind.INBOUND:
            gap = timedelta(minutes=rng.randint(3, 90 if fast else 600))
            if t + gap > now:
                break
            if th.status is TicketStatus.NEW:
                who = rng.choice(leads) if rng.random() < 0.5 else assignee
                th.changes.append((TicketField.ASSIGNEE, assignee, who, t + gap / 2))
                _set_status(th, TicketStatus.OPEN, assignee, t + gap / 2)
                if rng.random() < 0.08:
                    th.changes.append((TicketField.PRIORITY, "high", assignee, t + gap / 2))
            t += gap
            if tone is Tone.ABUSIVE or rng.random() < 0.12:
                author = rng.choice(leads) if tone is Tone.ABUSIVE else assignee
                text = rp.note(slots, tone is Tone.ABUSIVE, rng)
                th.messages.append((MessageKind.NOTE, author, text, t))
                t += timedelta(minutes=rng.randint(1, 20))
            first = not any(m[0] is MessageKind.OUTBOUND for m in th.messages)
            last_body = rp.agent_reply(clause, english, slots, rng, first=first)
            th.messages.append((MessageKind.OUTBOUND, assignee, last_body, t))
            _set_status(th, TicketStatus.PENDING, assignee, t)
        else:
            gap = timedelta(minutes=rng.randint(20, 2880))
            if t + gap > now:
                break
            t += gap
            text, solved = follow_up(lang, tone, slots, rng)
            if quoted_mail:
                text = rp.quote(text, last_body, th.messages[-1][3], english, rng)
            last_body = text
            th.messages.append((MessageKind.INBOUND, None, text, t))
            if solved and tone is not Tone.ABUSIVE:
                _set_status(
                    th, TicketStatus.RESOLVED, assignee, min(t + timedelta(minutes=30), now)
                )
                break
            _set_status(th, TicketStatus.OPEN, assignee, t)
    if th.status is TicketStatus.NEW and rng.random() < 0.3 and t + timedelta(hours=1) < now:
        th.changes.append((TicketField.ASSIGNEE, assignee, rng.choice(leads), t))
        _set_status(th, TicketStatus.OPEN, assignee, t + timedelta(minutes=5))
    _settle(th, assignee, t, now, rng)
    if len(th.messages) < 5:
        _keep_last_status(th)
    return th


def _keep_last_status(th: Thread) -> None:
    """Short threads keep only their final status change: fewer records, same queue."""
    statuses = [i for i, c in enumerate(th.changes) if c[0] is TicketField.STATUS]
    drop = set(statuses[:-1])
    th.changes = [c for i, c in enumerate(th.changes) if i not in drop]


def _set_status(th: Thread, status: TicketStatus, author: str, at: datetime) -> None:
    if th.status is not status:
        th.changes.append((TicketField.STATUS, status.value, author, at))
        th.status = status


def _settle(th: Thread, assignee: str, t: datetime, now: datetime, rng: random.Random) -> None:
    """Old answered tickets get resolved, and some resolved ones closed."""
    if th.status is not TicketStatus.PENDING or now - t < timedelta(days=2):
        return
    if rng.random() < 0.7:
        resolved = t + timedelta(hours=rng.randint(4, 48))
        _set_status(th, TicketStatus.RESOLVED, assignee, resolved)
        closed = resolved + timedelta(days=rng.randint(2, 7))
        if closed < now and rng.random() < 0.6:
            _set_status(th, TicketStatus.CLOSED, assignee, closed)
