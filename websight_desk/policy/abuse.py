"""Insults, swearing and threats aimed at the team (policy: the team may end the ticket or call).

Token-based, never substring-based, so "sıkıntı", "şikayet", "ambulans", "götürmek",
"malın", "sınıf", "sikke", "Amsterdam", "Scunthorpe" and "psikolojik" stay clean. Lists:

* `profanity` — swearing and curses, abusive whatever they are aimed at ("siktir", "amk",
  "ananı …", "defol", "fuck"); `clean_spellings` are spellings that never are ("sıkıştı" with
  a dotless ı is not "sik…").
* `threats` — threats against people with no swear word ("kafanıza geçiririm", "adresinizi
  biliyorum", "I know where you live").
* `insults_strong` — insults nobody says of himself or of things ("şerefsiz", "beyinsiz"),
  abusive with any noun ending, aimed or not.
* `insults` — words that insult a person ("aptal", "idiot") only when aimed at someone: a
  second-person or plural suffix on the word ("aptalsınız", "aptallar", "idiots"), or a
  target word nearby ("siz", "herifler", "you", "ulan"). "Aptalca bir hata yaptım" and "salak
  gibi kararsızdım" are not abuse. `insults_strict` words ("mal", "hayvan") have ordinary
  plural meanings, so only a second-person suffix or a target word counts.

Obfuscation is undone before matching (`policy/abuse_forms.py`); the words around a listed
word can excuse it (`policy/abuse_context.py`: a bare "siktir" sent at no one, a mail address
someone knows). The detector only suggests, with the words as evidence; people decide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from websight_desk.domain.turkish import fold, tr_lower
from websight_desk.policy.abuse_context import (
    caps_without_turkish,
    harmless_threats,
    is_bare_exclamation,
    sent_at_someone,
)
from websight_desk.policy.abuse_forms import (
    OBFUSCATION_MARK,
    SEPARATORS,
    SPACED,
    forms,
    masked_profanity,
    one_letter_run,
    raw_word_list,
    tokens,
)
from websight_desk.policy.abuse_lexicon import AbuseLexicon
from websight_desk.policy.abuse_model import AbuseModel, looks_turkish
from websight_desk.policy.matching import Token, Vocabulary, parse_term
from websight_desk.policy.suffixes import is_noun_ending
from websight_desk.policy.words import scan_words

_SEEN_LIMIT = 100_000
_AIMED, _BENIGN, _UNSET = "aimed", "benign", "unset"
NEAR_BEFORE = 2
NEAR_AFTER = 2


_MILD, _STRICT, _STRONG = "mild", "strict", "strong"
THREAT_GROUP = "abuse.threats"  # the threats' group in a signal vocabulary


class AbuseDetector:
    """Compiled lexicon; `spans(text)` gives the abusive words' character ranges."""

    def __init__(self, lexicon: AbuseLexicon, model: AbuseModel | None = None) -> None:
        self.lexicon = lexicon
        self._model = model
        self._topical: Callable[[str], bool] | None = None
        # a word that can start a swear word makes a text worth the full pass
        self._profanity = Vocabulary({"profanity": lexicon.profanity})
        # threats are plain words ("adresinizi biliyorum"): found on the words, no full pass
        self._threats = Vocabulary({"threat": lexicon.threats})
        self._allow = frozenset(fold(w) for w in lexicon.allow)
        self._clean_spellings = tuple(tr_lower(w) for w in lexicon.clean_spellings)
        self._insults = {fold(w): _MILD for w in lexicon.insults}
        self._insults.update({fold(w): _STRICT for w in lexicon.insults_strict})
        self._insults.update({fold(w): _STRONG for w in lexicon.insults_strong})
        self._insult_lengths = sorted({len(w) for w in self._insults})
        self._aimed = frozenset(fold(s) for s in lexicon.aimed_suffixes)
        self._benign = frozenset({"", *(fold(s) for s in lexicon.benign_suffixes)})
        single = [parse_term(t)[1] for t in lexicon.profanity]
        self._mask_words = tuple(w[0] for w in single if len(w) == 1)
        self._seen: dict[str, bool] = {}
        self._clean: set[str] = set()  # words known to be harmless (the keys of _seen: False)
        self._kinds: dict[str, str | None] = {}
        self._token_kinds: dict[tuple[str, ...], str | None] = {}
        # the full pass looks for both lists at once
        self._lexicon = Vocabulary({"profanity": lexicon.profanity, "target": lexicon.targets})

    def ignore_in_model(self, topical: Callable[[str], bool]) -> None:
        """Let the model pass over the words of the support topics (the ruleset's signals)."""
        self._topical = topical
        if self._model is not None:
            self._model = replace(self._model, ignore=topical, _weighed={})

    def topical(self, word: str) -> bool:
        """Whether the model passes over this folded word (a word of the support topics)."""
        return self._topical is not None and self._topical(word)

    def spans(
        self,
        text: str,
        weight: float = 1.0,
        *,
        folded: str | None = None,
        words: Sequence[str] | None = None,
        flagged: bool | None = None,
        starts: Sequence[int] | None = None,
        threats: Sequence[tuple[int, int]] | None = None,
    ) -> list[tuple[int, int]]:
        """Ranges of abusive words in `text`, sorted; empty when the text is clean.

        Optional shortcuts: `words` of `folded` as `WORD_PATTERN` splits them (and their
        `starts`), and `flagged`, whether `word_suspicious` holds for one of them (a vocabulary
        lookup can tell), and the `threats` found in them (a vocabulary holding THREAT_GROUP
        can tell)."""
        found, judged, starts = self._judge(text, weight, folded, words, flagged, starts, threats)
        if found or judged is None or self._model is None:
            return found  # the lists speak first; the model only where they find nothing
        return [(starts[i], starts[i] + len(judged[i])) for i in self._model.evidence(judged)]

    def model_words(self, text: str) -> list[str] | None:
        """The words the model judges in `text` (blank: the lists'), None if the lists decide."""
        found, judged, _ = self._judge(text, 1.0, None, None, None, None, None)
        return None if found else judged

    def _judge(  # noqa: PLR0917 (the shortcuts of `spans`, passed on)
        self,
        text: str,
        weight: float,
        folded: str | None,
        words: Sequence[str] | None,
        flagged: bool | None,
        starts: Sequence[int] | None,
        threats: Sequence[tuple[int, int]] | None,
    ) -> tuple[list[tuple[int, int]], list[str] | None, Sequence[int]]:
        """What the lists found, the words left to the model, and the words' starts."""
        if folded is None:
            folded = fold(text)
        given = words
        if words is None or starts is None:
            words, starts = scan_words(folded)
        found, excused, aimed = self._listed(
            text, weight, folded, given, flagged, plain=words, starts=starts
        )
        if threats is None and self.lexicon.threats:
            hits, _ = self._threats.find_words(words, starts, [weight] * len(words))
            threats = [(h.start, h.end) for h in hits]
        if threats:
            harmless = harmless_threats(threats, words, starts)
            found = sorted({*found, *threats}.difference(harmless))
            excused.extend(harmless)
        if found or not looks_turkish(text, words):
            return found, None, starts
        # addressing no one, words the lists know ("defolup gidiyorum", "aptal gibi") are theirs
        gone = {start for start, _ in excused}
        judged = [
            "" if s in gone or w in self._allow or (not aimed and self.word_suspicious(w)) else w
            for w, s in zip(words, starts, strict=True)
        ]
        return found, judged, starts

    def _listed(
        self,
        text: str,
        weight: float,
        folded: str,
        words: Sequence[str] | None,
        flagged: bool | None,
        *,
        plain: Sequence[str],
        starts: Sequence[int],
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]], bool]:
        """Spans found by the lists, those of listed words they excused, whether a target word
        is there (`words` as given to `spans`; `plain`, `starts`: the words of `folded`)."""
        if not self._suspicious(folded, words, flagged):
            return [], [], False  # the usual case: no word could start an insult
        toks = tokens(folded, weight, plain, starts)
        found: set[tuple[int, int]] = set()
        excused: list[tuple[int, int]] = []
        hits = self._lexicon.find(toks)
        targets = {hit.first for hit in hits if hit.group == "target"}
        for hit in hits:
            if hit.group == "target":
                continue
            if hit.first == hit.last:
                tok = toks[hit.first]
                if self._clean_word(tok, text):
                    continue
                if is_bare_exclamation(tok, text) and not sent_at_someone(
                    toks, hit.first, _near(hit.first, targets)
                ):
                    excused.append((hit.start, hit.end))
                    continue
            found.add((hit.start, hit.end))
        kind_of = self._forms_kind
        for i, tok in enumerate(toks):
            kind = kind_of(tok.forms)
            if (
                kind is _AIMED
                or (kind is _BENIGN and _near(i, targets))
                or masked_profanity(tok.forms[0], self._mask_words)
            ):
                found.add((tok.start, tok.end))
        return sorted(found), excused, bool(targets)

    def _forms_kind(self, forms: tuple[str, ...]) -> str | None:
        """_AIMED if one form is, else _BENIGN if one is (then aimed only near a target), else
        None, as for an allowed word (cached)."""
        kind = self._token_kinds.get(forms, _UNSET)
        if kind is not _UNSET:
            return kind
        kind = None
        if forms[0] not in self._allow:
            for form in forms:
                found = self._insult_kind(form)
                if found is _AIMED:
                    kind = _AIMED
                    break
                if found is _BENIGN:
                    kind = _BENIGN
        if len(self._token_kinds) > _SEEN_LIMIT:
            self._token_kinds.clear()
        self._token_kinds[forms] = kind
        return kind

    def _clean_word(self, tok: Token, text: str) -> bool:
        """An allowed word, or one whose own spelling shows it is not the swear word."""
        if tok.forms[0] in self._allow:
            return True
        raw = text[tok.start : tok.end]
        if not self._clean_spellings or caps_without_turkish(raw):
            return False
        return tr_lower(raw).startswith(self._clean_spellings)

    def _suspicious(self, folded: str, words: Sequence[str] | None, flagged: bool | None) -> bool:
        if words is None or OBFUSCATION_MARK.search(folded):
            # raw words also keep "@ $ * !" inside them: "@ptal", "f*ck"
            if self._any_suspicious(raw_word_list(folded)):
                return True
        elif flagged or (flagged is None and self._any_suspicious(words)):
            return True
        if words is not None and not one_letter_run(words):
            return False
        return any(self.word_suspicious(m.group()) for m in SPACED.finditer(folded))

    def _any_suspicious(self, words: Sequence[str]) -> bool:
        return any(self.word_suspicious(word) for word in set(words).difference(self._clean))

    def word_suspicious(self, raw: str) -> bool:
        """Whether a word might be abusive (cached): the full check only runs on such text."""
        cached = self._seen.get(raw)
        if cached is None:
            variants = forms(SEPARATORS.sub("", raw.strip("*!")))
            cached = any(self._profanity.starts_a_term(f) for f in variants) or any(
                self._insult_stem(f) for f in variants
            )
            cached = cached or "*" in raw
            if len(self._seen) > _SEEN_LIMIT:
                self._seen.clear()
                self._clean.clear()
            self._seen[raw] = cached
            if not cached:
                self._clean.add(raw)
        return cached

    def _insult_stem(self, form: str) -> bool:
        return any(form[:n] in self._insults for n in self._insult_lengths if n <= len(form))

    def _insult_kind(self, form: str) -> str | None:
        """_AIMED: an insult stem with a second-person/plural suffix; _BENIGN: an insult
        stem with no or a harmless suffix (abusive only near a target word); else None."""
        kind = self._kinds.get(form, _UNSET)
        if kind is not _UNSET:
            return kind
        kind = None
        for length in self._insult_lengths:
            if length > len(form):
                break
            strength = self._insults.get(form[:length])
            if strength is None:
                continue
            suffix = form[length:]
            if strength is _STRONG and is_noun_ending(suffix):
                kind = _AIMED
                break
            plural = suffix.startswith(("lar", "ler")) or suffix == "s"
            if suffix in self._aimed and not (strength is _STRICT and plural):
                kind = _AIMED
                break
            if suffix in self._benign:
                kind = _BENIGN
        if len(self._kinds) > _SEEN_LIMIT:
            self._kinds.clear()
        self._kinds[form] = kind
        return kind


def _near(i: int, targets: set[int]) -> bool:
    return any(j in targets for j in range(i - NEAR_BEFORE, i + NEAR_AFTER + 1) if j != i)
