"""Hit collection: one-word terms and phrases (ordered with small gaps, or "~" unordered).

`Vocabulary` inherits this scan; it compiles the terms and looks up each word's pattern ids.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import compress

from websight_desk.policy.terms import Anchor, Hit, Plan, Term
from websight_desk.policy.words import SENTENCE_END

_UNORDERED_WINDOW = 6
_NO_END = 1 << 62  # no sentence end after a word


class HitScan:
    """The hit-finding half of `Vocabulary`: plans per pattern-id set, phrase extension."""

    gap: int
    group_names: tuple[str, ...]
    _terms: list[Term]
    _single: dict[int, frozenset[tuple[int, bool]]]
    _first: dict[int, list[int]]
    _plans: dict[frozenset[int], Plan]
    _uses: dict[int, int]  # how many terms need each pattern

    def _plan(self, pids: frozenset[int]) -> Plan:
        """What a word with these pattern ids starts: one-word groups, anchored phrases."""
        singles = sorted({g for pid in pids for g in self._single.get(pid, ())})
        anchored = [(pid, t) for pid in sorted(pids) for t in self._first.get(pid, ())]
        always: list[Anchor] = []
        keyed: dict[int, list[Anchor]] = {}
        for order, (pid, t) in enumerate(anchored):
            term = self._terms[t]
            anchor = (order, term.needs, pid, t, term)
            others = term.needs - pids
            if others:
                # filed under its least used other pattern: the one least likely present
                key = min(others, key=lambda p: (self._uses[p], p))
                keyed.setdefault(key, []).append(anchor)
            else:
                always.append(anchor)
        plan = (
            tuple(self.group_names[g] for g, excluding in singles if not excluding),
            tuple(g for g, excluding in singles if excluding),
            tuple(always),
            tuple((key, tuple(anchors)) for key, anchors in keyed.items()),
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
        *,
        breaks: Sequence[int] | None = None,
        folded: str | None = None,
    ) -> tuple[list[Hit], frozenset[int]]:
        """Hits over matched words, and the ids of all patterns present.

        Word i ends at `ends[i]`, or (plain words, no `ends`) at starts[i] + len(words[i]).
        A phrase stays inside its sentence: `breaks` are the offsets where sentences end (or,
        when only the `folded` text is given, found in it when a phrase first needs them).
        """
        relevant = list(compress(range(len(matched)), matched))
        if not relevant:
            return [], frozenset()
        present = frozenset().union(*matched)  # the irrelevant words' sets are empty
        hits: list[Hit] = []
        blocked: list[tuple[int, int, int]] = []
        seen: set[tuple[int, int, int]] = set()
        plans, plan_of, names, extend = self._plans, self._plan, self.group_names, self._extend
        size = len(matched)
        new = tuple.__new__
        for i in relevant:
            pids = matched[i]
            singles, blocking, always, keyed = plans.get(pids) or plan_of(pids)
            anchors: Sequence[Anchor] = always
            start = starts[i]
            if singles:
                end = ends[i] if ends is not None else start + len(words[i])  # type: ignore[index]
                weight = weights[i]
                for name in singles:
                    hits.append(new(Hit, (name, start, end, i, i, weight)))
            for group in blocking:
                blocked.append((group, i, i))
            if keyed:
                more: list[Anchor] | None = None
                for key, filed in keyed:
                    if key in present:
                        for anchor in filed:
                            if anchor[1] <= present:
                                if more is None:
                                    more = list(always)
                                more.append(anchor)
                if more is not None:
                    more.sort()  # in plan order, as if every phrase had been tried in turn
                    anchors = more
            stop = -1  # where word i's sentence ends, found once a phrase needs it
            for _, _, pid, t_index, term in anchors:
                last = extend(term, pid, i, matched, size)
                if last is None:
                    continue
                if stop < 0:
                    stop = _sentence_end(start, breaks, folded)
                # a phrase stays in its sentence: tried across it, it would have found no
                # other way to end inside (its words are taken first come, first served)
                if starts[last] >= stop or (t_index, i, last) in seen:
                    continue
                seen.add((t_index, i, last))
                span = weights[i : last + 1]
                weight = min(span)
                if term.excluding:
                    # an exception read across a negated or quoted clause and new text does
                    # not hold: "no themes, just a clean WordPress install" is a CMS install
                    if weight == max(span):
                        blocked.append((term.group, i, last))
                    continue
                end = ends[last] if ends is not None else starts[last] + len(words[last])  # type: ignore[index]
                hits.append(new(Hit, (names[term.group], start, end, i, last, weight)))
        if blocked:
            hits = [h for h in hits if not _overlaps(h, blocked, names)]
        return hits, present

    def _extend(
        self, term: Term, pid: int, i: int, matched: list[frozenset[int]], limit: int
    ) -> int | None:
        if term.unordered:
            wanted = list(term.pids)
            wanted.remove(pid)
            last = i
            stop = min(limit, i + _UNORDERED_WINDOW + 1)
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
            stop = min(limit, pos + self.gap + 2)
            for j in range(pos + 1, stop):
                if want in matched[j]:
                    pos = j
                    break
            else:
                return None
        return pos


def _sentence_end(at: int, breaks: Sequence[int] | None, folded: str | None) -> int:
    """Where the sentence holding offset `at` (a word's start) ends: the first of `breaks`
    after it, or (no `breaks`) the first sentence end found after it in `folded`."""
    if breaks is not None:
        after = bisect_right(breaks, at)
        return breaks[after] if after < len(breaks) else _NO_END
    if folded is not None:
        # a word's start is no punctuation: searching from it finds what a whole pass finds
        m = SENTENCE_END.search(folded, at)
        return m.start() if m else _NO_END
    return _NO_END


def _overlaps(hit: Hit, blocked: list[tuple[int, int, int]], names: tuple[str, ...]) -> bool:
    return any(
        names[group] == hit.group and first <= hit.last and hit.first <= last
        for group, first, last in blocked
    )
