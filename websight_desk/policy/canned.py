"""Canned replies per clause/action in Turkish and English, with `{placeholder}` values.

library = load_canned()                       # packaged data/canned.toml (or a path)
for reply in library.suggest(decision): ...   # most relevant first
result = render(reply, "tr", {"customer_name": "Ayşe Hanım", ...})
result.text, result.missing                   # missing placeholders stay visible as {name}
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from websight_desk.domain.errors import EnvironmentProblem
from websight_desk.policy.model import Action, Decision
from websight_desk.policy.ruleset import CLAUSE_IDS

DEFAULT_CANNED = Path(__file__).with_name("data") / "canned.toml"
LANGS = ("tr", "en")
PLACEHOLDERS = frozenset(
    {
        "customer_name",
        "reseller_name",
        "reseller_contact",
        "agent_name",
        "ticket_number",
        "domain",
        "email_address",
        "incoming_server",
        "incoming_port",
        "outgoing_server",
        "outgoing_port",
        "article_url",
        "sla_url",
    }
)


class CannedFileError(EnvironmentProblem):
    """The canned-reply file is unreadable or invalid; says where and what."""


@dataclass(frozen=True, slots=True)
class CannedReply:
    id: str
    clause: str
    action: Action | None
    titles: Mapping[str, str]
    bodies: Mapping[str, str]

    def title(self, lang: str) -> str:
        return self.titles.get(lang, self.titles["en"])

    def body(self, lang: str) -> str:
        return self.bodies.get(lang, self.bodies["en"])

    def placeholders(self, lang: str) -> tuple[str, ...]:
        """Placeholder names used by the body in `lang`, in order of first use."""
        return _fields(self.body(lang))


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    missing: tuple[str, ...]  # placeholders that had no (non-empty) value


@dataclass(frozen=True, slots=True)
class CannedLibrary:
    replies: tuple[CannedReply, ...]

    def get(self, reply_id: str) -> CannedReply:
        for reply in self.replies:
            if reply.id == reply_id:
                return reply
        raise KeyError(reply_id)

    def for_clause(self, clause: str) -> tuple[CannedReply, ...]:
        return tuple(r for r in self.replies if r.clause == clause)

    def for_action(self, action: Action) -> tuple[CannedReply, ...]:
        return tuple(r for r in self.replies if r.action == action)

    def suggest(self, decision: Decision) -> tuple[CannedReply, ...]:
        """Replies for the decision: required actions first, then clauses in decision order."""
        ranked: list[CannedReply] = []
        for action in decision.actions:
            ranked.extend(r for r in self.for_action(action) if r.clause in decision.clauses)
        for clause in decision.clauses:
            ranked.extend(self.for_clause(clause))
        # de-duplicate by id (replies hold dicts, so they cannot be hashed), first place wins
        unique: dict[str, CannedReply] = {}
        for reply in ranked:
            unique.setdefault(reply.id, reply)
        return tuple(unique.values())


def render(reply: CannedReply, lang: str, values: Mapping[str, str]) -> Rendered:
    """Fill the reply's placeholders; unknown or empty values are reported, not invented."""
    template = reply.body(lang)
    missing: list[str] = []
    out: list[str] = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if name is None:
            continue
        value = values.get(name, "")
        if value:
            out.append(value)
        else:
            missing.append(name)
            out.append("{" + name + "}")
    return Rendered("".join(out), tuple(dict.fromkeys(missing)))


def load_canned(path: Path | None = None) -> CannedLibrary:
    """Load the packaged canned replies (cached) or an edited copy."""
    return _default() if path is None else _load(Path(path))


@lru_cache(maxsize=1)
def _default() -> CannedLibrary:
    return _load(DEFAULT_CANNED)


def _load(path: Path) -> CannedLibrary:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CannedFileError(f"canned replies {path}: {exc}", path=str(path)) from None
    entries = raw.get("reply")
    if not isinstance(entries, list) or not entries:
        raise CannedFileError(f"canned replies {path}: no [[reply]] entries", path=str(path))
    replies: list[CannedReply] = []
    for n, entry in enumerate(entries, start=1):
        try:
            replies.append(_reply(entry))
        except ValueError as exc:
            where = entry.get("id", f"#{n}") if isinstance(entry, dict) else f"#{n}"
            raise CannedFileError(f"canned replies {path}: reply {where}: {exc}") from None
    ids = [r.id for r in replies]
    if len(set(ids)) != len(ids):
        raise CannedFileError(f"canned replies {path}: reply ids must be unique", path=str(path))
    return CannedLibrary(tuple(replies))


def _reply(entry: Any) -> CannedReply:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise ValueError("needs an 'id' string")
    clause = entry.get("clause")
    if clause not in CLAUSE_IDS:
        raise ValueError(f"unknown clause {clause!r}")
    action_raw = entry.get("action")
    try:
        action = None if action_raw is None else Action(action_raw)
    except ValueError:
        raise ValueError(f"unknown action {action_raw!r}") from None
    titles, bodies = _texts(entry, "title"), _texts(entry, "body")
    for lang in LANGS:
        try:
            names = set(_fields(bodies[lang]))
        except ValueError as exc:
            raise ValueError(f"body.{lang}: {exc}") from None
        unknown = names - PLACEHOLDERS
        if unknown:
            raise ValueError(f"body.{lang}: unknown placeholder(s) {', '.join(sorted(unknown))}")
    if set(_fields(bodies["tr"])) != set(_fields(bodies["en"])):
        raise ValueError("the tr and en bodies must use the same placeholders")
    return CannedReply(entry["id"], clause, action, titles, bodies)


def _texts(entry: Mapping[str, Any], key: str) -> dict[str, str]:
    value = entry.get(key)
    if not isinstance(value, dict) or not all(isinstance(value.get(x), str) for x in LANGS):
        raise ValueError(f"{key} needs 'tr' and 'en' strings")
    return {lang: value[lang].strip() for lang in LANGS}


def _fields(template: str) -> tuple[str, ...]:
    names = [name for _l, name, _s, _c in string.Formatter().parse(template) if name is not None]
    return tuple(dict.fromkeys(names))
