"""Vocabulary matching over folded words: stems, phrases with small gaps, word classes.

A *term* is written like a phrase: ``"mail* gelmiyor"``. Each word is one of
``word`` (exact), ``stem*`` (any word starting with the stem: Turkish suffixes pile up at the
end of a word, so "kurulum*" covers "kurulumu", "kurulumunu" ...), or ``@class`` (any pattern
of a named class). Words of a phrase must follow each other in order with at most `gap`
other words between them; a phrase starting with ``~`` may come in any order within a short
window. Terms are folded when compiled, so "şifre*" and "sifre*" are the same term.
Matching is token-based, never substring-based: "ambulans" is not "am...".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import NamedTuple

from websight_desk.domain.turkish import fold

_TERM_WORD = re.compile(r"@[a-z0-9_]+|[^\W_]+\*?")
_UNORDERED_WINDOW = 6
FLAGGED = -1  # pseudo pattern id of words the `flag` predicate holds for (never in a term)
_CACHE_LIMIT = 200_000


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


@dataclass(frozen=True, slots=True)
class _Term:
    group: int
    pids: tuple[int, ...]
    unordered: bool
    excluding: bool
    needs: frozenset[int]  # every pattern must occur somewhere before a phrase can match


# for a word's pattern ids: (name, group, excluding) of its one-word terms, and
# (pid, term index, term) of the phrases it can anchor
_Plan = tuple[tuple[tuple[str, int, bool], ...], tuple[tuple[int, int, _Term], ...]]


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
        if word.endswith("*") and len(word) < 3:
            raise TermError(f"term {term!r}: stem {word!r} is too short (2 letters at least)")
    if unordered and len(words) < 2:
        raise TermError(f"term {term!r}: '~' needs two words or more")
    return unordered, words


class Vocabulary:
    """Compiled term groups; `find` returns every hit in a token sequence."""

    def __init__(
        self,
        groups: Mapping[str, Sequence[str]],
        *,
        classes: Mapping[str, Sequence[str]] | None = None,
        excepts: Mapping[str, Sequence[str]] | None = None,
        gap: int = 2,
        flag: Callable[[str], bool] | None = None,
    ) -> None:
        self.gap = gap
        self._flag = flag  # a second, cheap question asked once per distinct word
        self.group_names: tuple[str, ...] = tuple(groups)
        self._pid: dict[str, int] = {}
        self._exact: dict[str, set[int]] = {}
        self._prefix: dict[str, set[int]] = {}
        classes = classes or {}
        self._class_words: dict[str, tuple[str, ...]] = {}
        for name, members in classes.items():
            words: list[str] = []
            for member in members:
                unordered, parsed = parse_term(member)
                if unordered or len(parsed) != 1 or parsed[0].startswith("@"):
                    raise TermError(f"class @{name}: {member!r} must be a single word or stem")
                words.append(parsed[0])
            self._class_words[name] = tuple(words)
        self._terms: list[_Term] = []
        for index, (name, terms) in enumerate(groups.items()):
            self._add_terms(index, name, terms, excluding=False)
            for_excepts = (excepts or {}).get(name, ())
            self._add_terms(index, name, for_excepts, excluding=True)
        self._lengths = tuple(sorted({len(stem) for stem in self._prefix}))
        # one-word terms resolve straight to their groups; phrases are anchored on a word
        single: dict[int, set[tuple[int, bool]]] = {}
        self._first: dict[int, list[int]] = {}
        for t_index, term in enumerate(self._terms):
            if len(term.pids) == 1:
                single.setdefault(term.pids[0], set()).add((term.group, term.excluding))
                continue
            anchors = set(term.pids) if term.unordered else {term.pids[0]}
            for pid in anchors:
                self._first.setdefault(pid, []).append(t_index)
        self._single = {pid: frozenset(groups) for pid, groups in single.items()}
        # a hit needs a word matching one of these: a one-word term or a phrase's anchor
        self._anchors = frozenset(self._single) | frozenset(self._first)
        self._cache: dict[str, frozenset[int]] = {}
        self._plans: dict[frozenset[int], _Plan] = {}

    def _add_terms(self, group: int, name: str, terms: Iterable[str], *, excluding: bool) -> None:
        for term in terms:
            try:
                unordered, words = parse_term(term)
                pids = tuple(self._pattern_id(word) for word in words)
            except TermError as exc:
                raise TermError(f"{name}: {exc}") from None
            self._terms.append(_Term(group, pids, unordered, excluding, frozenset(pids)))

    def _pattern_id(self, word: str) -> int:
        if word in self._pid:
            return self._pid[word]
        pid = len(self._pid)
        self._pid[word] = pid
        if word.startswith("@"):
            members = self._class_words.get(word[1:])
            if members is None:
                raise TermError(f"unknown class {word!r}")
        else:
            members = (word,)
        for member in members:
            table = self._prefix if member.endswith("*") else self._exact
            table.setdefault(member.rstrip("*"), set()).add(pid)
        return pid

    def word_pids(self, form: str) -> frozenset[int]:
        """Ids of the word patterns that `form` matches (empty: the word is irrelevant)."""
        cached = self._cache.get(form)
        if cached is not None:
            return cached
        found: set[int] = set(self._exact.get(form, ()))
        for length in self._lengths:
            if length > len(form):
                break
            found.update(self._prefix.get(form[:length], ()))
        if self._flag is not None and self._flag(form):
            found.add(FLAGGED)
        result = frozenset(found)
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()  # bounded memory on endless streams of unseen words
        self._cache[form] = result
        return result

    def starts_a_term(self, form: str) -> bool:
        """Whether a hit can begin at (or, for "~" phrases, include) a word of this form."""
        return not self._anchors.isdisjoint(self.word_pids(form))

    def token_pids(self, token: Token) -> frozenset[int]:
        if len(token.forms) == 1:
            return self.word_pids(token.forms[0])
        merged: set[int] = set()
        for form in token.forms:
            merged.update(self.word_pids(form))
        return frozenset(merged)

    def find(self, tokens: Sequence[Token]) -> list[Hit]:
        """All hits of all groups, minus hits overlapped by an exception term of their group."""
        matched = [self.token_pids(tok) for tok in tokens]
        starts, ends = [t.start for t in tokens], [t.end for t in tokens]
        return self._collect(matched, starts, ends, None, [t.weight for t in tokens])[0]

    def find_words(
        self, words: Sequence[str], starts: Sequence[int], weights: Sequence[float]
    ) -> tuple[list[Hit], bool]:
        """`find` over plain folded words (`scan_words`): word i is at starts[i].

        Also says whether the `flag` predicate holds for any of the words.
        """
        cache = self._cache
        matched: list[frozenset[int] | None] = list(map(cache.get, words))
        if None in matched:  # words not seen before: look them up once, then they are cached
            word_pids = self.word_pids
            matched = [
                word_pids(w) if m is None else m for w, m in zip(words, matched, strict=True)
            ]
        hits, present = self._collect(matched, starts, None, words, weights)  # type: ignore[arg-type]
        return hits, FLAGGED in present

    def _plan(self, pids: frozenset[int]) -> _Plan:
        """What a word with these pattern ids starts: one-word groups, anchored phrases."""
        singles = sorted({g for pid in pids for g in self._single.get(pid, ())})
        anchored = [(pid, t) for pid in sorted(pids) for t in self._first.get(pid, ())]
        plan = (
            tuple((self.group_names[g], g, excluding) for g, excluding in singles),
            tuple((pid, t, self._terms[t]) for pid, t in anchored),
        )
        self._plans[pids] = plan
        return plan

    def _collect(
        self,
        matched: list[frozenset[int]],
        starts: Sequence[int],
        ends: Sequence[int] | None,
        words: Sequence[str] | None,
        weights: Sequence[float],
    ) -> tuple[list[Hit], frozenset[int]]:
        """Hits over matched words, and the ids of all patterns present.

        Word i ends at `ends[i]`, or (plain words, no `ends`) at starts[i] + len(words[i]).
        """
        relevant = list(compress(range(len(matched)), matched))
        if not relevant:
            return [], frozenset()
        present = frozenset().union(*[matched[i] for i in relevant])
        hits: list[Hit] = []
        blocked: list[tuple[int, int, int]] = []
        seen: set[tuple[int, int, int]] = set()
        plans, plan_of, names, extend = self._plans, self._plan, self.group_names, self._extend
        new = tuple.__new__
        for i in relevant:
            pids = matched[i]
            singles, anchored = plans.get(pids) or plan_of(pids)
            start = starts[i]
            for name, group, excluding in singles:
                if excluding:
                    blocked.append((group, i, i))
                    continue
                end = ends[i] if ends is not None else start + len(words[i])  # type: ignore[index]
                hits.append(new(Hit, (name, start, end, i, i, weights[i])))
            for pid, t_index, term in anchored:
                if not term.needs <= present:
                    continue
                last = extend(term, pid, i, matched)
                if last is None or (t_index, i, last) in seen:
                    continue
                seen.add((t_index, i, last))
                if term.excluding:
                    blocked.append((term.group, i, last))
                    continue
                end = ends[last] if ends is not None else starts[last] + len(words[last])  # type: ignore[index]
                weight = min(weights[i : last + 1])
                hits.append(new(Hit, (names[term.group], start, end, i, last, weight)))
        if blocked:
            hits = [h for h in hits if not _overlaps(h, blocked, names)]
        return hits, present

    def _extend(self, term: _Term, pid: int, i: int, matched: list[frozenset[int]]) -> int | None:
        if term.unordered:
            wanted = list(term.pids)
            wanted.remove(pid)
            last = i
            stop = min(len(matched), i + _UNORDERED_WINDOW + 1)
            for j in range(i + 1, stop):
                for want in wanted:
                    if want in matched[j]:
                        wanted.remove(want)
                        last = j
                        break
                if not wanted:
                    return last
            return None
        pos = i
        for want in term.pids[1:]:
            stop = min(len(matched), pos + self.gap + 2)
            for j in range(pos + 1, stop):
                if want in matched[j]:
                    pos = j
                    break
            else:
                return None
        return pos


def _overlaps(hit: Hit, blocked: list[tuple[int, int, int]], names: tuple[str, ...]) -> bool:
    return any(
        names[group] == hit.group and first <= hit.last and hit.first <= last
        for group, first, last in blocked
    )
