"""Vocabulary terms: their syntax, parsing, and the tokens and hits matching deals in.

A *term* is written like a phrase: ``"mail* gelmiyor"``. Each word is one of
``word`` (exact), ``stem*`` (any word starting with the stem: Turkish suffixes pile up at the
end of a word, so "kurulum*" covers "kurulumu", "kurulumunu" ...), ``stem+`` (the stem followed
only by Turkish noun endings — plural, possessive, case, copula: "ip+" is "ip", "ipler",
"ipimi", "ip'si", never "iptal"; see `policy/suffixes.py`), or ``@class`` (any pattern of a
named class). A stem may name words it never covers (`[stem_exceptions]` in the policy file:
"bug*" never covers "bugün"). Words of a phrase must follow each other in order with at most `gap`
other words between them; a phrase starting with ``~`` may come in any order within a short
window. Terms are folded when compiled, so "şifre*" and "sifre*" are the same term.
Matching is token-based, never substring-based: "ambulans" is not "am...".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from websight_desk.domain.turkish import fold

_TERM_WORD = re.compile(r"@[a-z0-9_]+|[^\W_]+[*+]?")


class TermError(ValueError):
    """A vocabulary term cannot be compiled; the message names the term and the problem."""


class Token(NamedTuple):
    """One word of the text: its matching forms, character span and weight."""

    forms: tuple[str, ...]
    start: int
    end: int
    weight: float


class Hit(NamedTuple):
    """A term of `group` found over tokens [first, last], characters [start, end)."""

    group: str
    start: int
    end: int
    first: int
    last: int
    weight: float


class PartScan(NamedTuple):
    """What one part of a ticket's text says (`policy.parts.scan_part`)."""

    hits: tuple[Hit, ...]
    new_words: int  # words of new (not quoted) text
    abuse: tuple[tuple[int, int], ...]  # abusive words outside quoted history


@dataclass(frozen=True, slots=True)
class Term:
    group: int
    pids: tuple[int, ...]
    unordered: bool
    excluding: bool
    needs: frozenset[int]  # every pattern must occur somewhere before a phrase can match


# A phrase a word can anchor: (order in the plan, the term's needs, pid, term index, term)
Anchor = tuple[int, frozenset[int], int, int, Term]
# A plan, for a word's pattern ids: the group names of its one-word terms, the groups of its
# one-word exceptions; the phrases it anchors whose other words it matches itself; and the
# other phrases, filed under one other pattern each needs (the keys, then the phrases by key):
# only those present are tried
Plan = tuple[
    tuple[str, ...],
    tuple[int, ...],
    tuple[Anchor, ...],
    tuple[tuple[int, tuple[Anchor, ...]], ...],
]


def parse_term(term: str) -> tuple[bool, tuple[str, ...]]:
    """Split a term into (unordered, word patterns); raises TermError if it is malformed."""
    text = fold(term.strip())
    unordered = text.startswith("~")
    body = text[1:] if unordered else text
    words = tuple(_TERM_WORD.findall(body))
    leftover = _TERM_WORD.sub(" ", body)
    if re.search(r"[^\s\-'’._/:]", leftover):
        raise TermError(f"term {term!r} has characters that can never match: {leftover.strip()!r}")
    if not words:
        raise TermError(f"term {term!r} is empty")
    for word in words:
        if word.endswith(("*", "+")) and len(word) < 3:
            raise TermError(f"term {term!r}: stem {word!r} is too short (2 letters at least)")
    if unordered and len(words) < 2:
        raise TermError(f"term {term!r}: '~' needs two words or more")
    return unordered, words


def class_words(classes: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Each word class's members, parsed; raises TermError unless each is one word or stem."""
    out: dict[str, tuple[str, ...]] = {}
    for name, members in classes.items():
        words: list[str] = []
        for member in members:
            unordered, parsed = parse_term(member)
            if unordered or len(parsed) != 1 or parsed[0].startswith("@"):
                raise TermError(f"class @{name}: {member!r} must be a single word or stem")
            words.append(parsed[0])
        out[name] = tuple(words)
    return out
