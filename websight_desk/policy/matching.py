"""Vocabulary matching over folded words: stems, phrases with small gaps, word classes.

Terms and their syntax: `policy/terms.py`; collecting the hits of phrases: `policy/hit_scan.py`.
Matching is token-based, never substring-based: "ambulans" is not "am...".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from websight_desk.domain.turkish import fold
from websight_desk.policy.hit_scan import HitScan
from websight_desk.policy.suffixes import is_noun_ending
from websight_desk.policy.terms import (
    Hit,
    Plan,
    Term,
    TermError,
    Token,
    class_words,
    parse_term,
)

FLAGGED = -1  # pseudo pattern id of words the `flag` predicate holds for (never in a term)
_CACHE_LIMIT = 200_000

__all__ = ["FLAGGED", "Hit", "TermError", "Token", "Vocabulary", "parse_term"]


class Vocabulary(HitScan):
    """Compiled term groups; `find` returns every hit in a token sequence."""

    def __init__(
        self,
        groups: Mapping[str, Sequence[str]],
        *,
        classes: Mapping[str, Sequence[str]] | None = None,
        excepts: Mapping[str, Sequence[str]] | None = None,
        stem_excepts: Mapping[str, Sequence[str]] | None = None,
        gap: int = 2,
        flag: Callable[[str], bool] | None = None,
    ) -> None:
        self.gap = gap
        self._flag = flag  # a second, cheap question asked once per distinct word
        self.group_names: tuple[str, ...] = tuple(groups)
        self._pid: dict[str, int] = {}
        self._exact: dict[str, set[int]] = {}
        self._prefix: dict[str, set[int]] = {}
        self._noun: dict[str, set[int]] = {}  # "stem+": the stem plus Turkish noun endings
        self._guards = _guards(stem_excepts or {})
        self._class_words = class_words(classes or {})
        self._terms: list[Term] = []
        for index, (name, terms) in enumerate(groups.items()):
            self._add_terms(index, name, terms, excluding=False)
            for_excepts = (excepts or {}).get(name, ())
            self._add_terms(index, name, for_excepts, excluding=True)
        self._lengths = tuple(sorted({len(stem) for stem in (*self._prefix, *self._noun)}))
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
        self._uses = {}
        for term in self._terms:
            for pid in term.needs:
                self._uses[pid] = self._uses.get(pid, 0) + 1
        # a hit needs a word matching one of these: a one-word term or a phrase's anchor
        self._anchors = frozenset(self._single) | frozenset(self._first)
        self._cache: dict[str, frozenset[int]] = {}
        self._plans: dict[frozenset[int], Plan] = {}

    def _add_terms(self, group: int, name: str, terms: Iterable[str], *, excluding: bool) -> None:
        for term in terms:
            try:
                unordered, words = parse_term(term)
                pids = tuple(self._pattern_id(word) for word in words)
            except TermError as exc:
                raise TermError(f"{name}: {exc}") from None
            self._terms.append(Term(group, pids, unordered, excluding, frozenset(pids)))

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
            table = {"*": self._prefix, "+": self._noun}.get(member[-1], self._exact)
            table.setdefault(member.rstrip("*+"), set()).add(pid)
        return pid

    def word_pids(self, form: str) -> frozenset[int]:
        """Ids of the word patterns that `form` matches (empty: the word is irrelevant)."""
        cached = self._cache.get(form)
        if cached is not None:
            return cached
        found: set[int] = set(self._exact.get(form, ()))
        guards = self._guards
        for length in self._lengths:
            if length > len(form):
                break
            stem = form[:length]
            pids = self._prefix.get(stem)
            if pids and not (guards and _guarded(guards.get(stem + "*"), form)):
                found.update(pids)
            pids = self._noun.get(stem)
            if (
                pids
                and is_noun_ending(form[length:])
                and not (guards and _guarded(guards.get(stem + "+"), form))
            ):
                found.update(pids)
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
        self,
        words: Sequence[str],
        starts: Sequence[int],
        weights: Sequence[float],
        breaks: Sequence[int] | None = None,
        *,
        folded: str | None = None,
    ) -> tuple[list[Hit], bool]:
        """`find` over plain folded words (`scan_words`): word i is at starts[i]; a phrase
        stays inside its sentence (`breaks`: `words.sentence_ends`, or found in the `folded`
        text of the words when a phrase first needs them).

        Also says whether the `flag` predicate holds for any of the words.
        """
        cache = self._cache
        matched: list[frozenset[int] | None] = list(map(cache.get, words))
        if None in matched:  # words not seen before: look them up once, then they are cached
            word_pids = self.word_pids
            matched = [
                word_pids(w) if m is None else m for w, m in zip(words, matched, strict=True)
            ]
        hits, present = self._collect(
            matched,  # type: ignore[arg-type]
            starts,
            None,
            words,
            weights,
            breaks=breaks,
            folded=folded,
        )
        return hits, FLAGGED in present


# a stem's exceptions: (exact words, stems) it never covers
_Guard = tuple[frozenset[str], tuple[str, ...]]


def _guards(stem_excepts: Mapping[str, Sequence[str]]) -> dict[str, _Guard]:
    """`{"bug*": ["bugun*"]}` → the words each stem term must not cover, compiled."""
    out: dict[str, _Guard] = {}
    for stem, words in stem_excepts.items():
        key = fold(stem.strip())
        if not key.endswith(("*", "+")) or len(key) < 3 or " " in key:
            raise TermError(f"stem exception {stem!r}: the key must be one stem like 'bug*'")
        exact: set[str] = set()
        prefixes: list[str] = []
        for word in words:
            unordered, parsed = parse_term(word)
            if unordered or len(parsed) != 1 or parsed[0].startswith("@"):
                raise TermError(f"stem exception {stem!r}: {word!r} must be one word or stem")
            if parsed[0].endswith("*"):
                prefixes.append(parsed[0][:-1])
            else:
                exact.add(parsed[0].rstrip("+"))
        out[key] = (frozenset(exact), tuple(prefixes))
    return out


def _guarded(guard: _Guard | None, form: str) -> bool:
    return guard is not None and (form in guard[0] or form.startswith(guard[1]))
