"""The engine's shortcuts give exactly what the plain definitions give."""

from __future__ import annotations

import pickle
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from websight_desk.domain.turkish import WORD_PATTERN, fold, tr_lower
from websight_desk.policy import Ruleset, evaluate, load_ruleset
from websight_desk.policy.abuse_forms import RAW_WORD, raw_word_list, raw_words, tokens
from websight_desk.policy.explain import decision_json, explain, explanations
from websight_desk.policy.words import scan_words, sentence_ends

from .helpers import NOON, facts

RULESET: Ruleset = load_ruleset()
WORDS = [
    "aptal",
    "s1kt1r",
    "@ptal",
    "f*ck",
    "s i k t i r",
    "a.p.t.a.l",
    "siz",
    "geri zekalı",
    "sıkıntı",
    "şikayet",
    "e - posta",
    "go to hell",
    "screw you",
    "amk",
    "a b c",
    "!!",
]
mixed = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=12).map(" ".join),
)


def _fold_reference(text: str) -> str:
    out = []
    for ch in text:
        low = tr_lower(ch)[:1] or ch
        low = {"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u"}.get(low, low)
        low = {"â": "a", "î": "i", "û": "u"}.get(low, low)
        base = unicodedata.normalize("NFD", low)[0]
        out.append(low if low.isascii() else base if base.isascii() and base.isalpha() else low)
    return "".join(out)


@settings(max_examples=300)
@given(mixed)
def test_fold_is_per_character(text: str) -> None:
    assert fold(text) == _fold_reference(text)
    assert len(fold(text)) == len(text)


@settings(max_examples=300)
@given(mixed)
def test_scan_words_matches_the_word_pattern(text: str) -> None:
    folded = fold(text)
    words, starts = scan_words(folded)
    assert list(zip(words, starts, strict=True)) == [
        (m.group(), m.start()) for m in WORD_PATTERN.finditer(folded)
    ]


@settings(max_examples=300)
@given(mixed)
def test_abuse_shortcuts_change_nothing(text: str) -> None:
    folded = fold(text)
    words, starts = scan_words(folded)
    _hits, flagged = RULESET.vocabulary.find_words(words, starts, [1.0] * len(words))
    plain = RULESET.abuse.spans(text)
    assert RULESET.abuse.spans(text, folded=folded, words=words) == plain
    assert RULESET.abuse.spans(text, folded=folded, words=words, flagged=flagged) == plain


@settings(max_examples=300)
@given(mixed)
def test_detector_tokens_from_plain_words_are_the_raw_tokens(text: str) -> None:
    folded = fold(text)
    words, starts = scan_words(folded)
    assert tokens(folded, 1.0, words, starts) == tokens(folded, 1.0)
    assert raw_word_list(folded) == RAW_WORD.findall(folded)
    assert [m.span() for m in raw_words(folded)] == [m.span() for m in RAW_WORD.finditer(folded)]


PHRASE_WORDS = ["wordpress", "kurulum", "kurar", "misiniz", "tema", "yukle", "outlook", "mail"]
BREAKS = [".", "?", "!", ";", "\n", "...", ",", " "]


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(PHRASE_WORDS)
        | st.sampled_from([".", "?", "!", ";", "\n", "...", ",", " "]),
        max_size=14,
    ).map(" ".join)
)
def test_sentence_ends_found_on_demand_give_the_same_hits(text: str) -> None:
    folded = fold(text)
    words, starts = scan_words(folded)
    weights = [1.0] * len(words)
    vocabulary = RULESET.vocabulary
    given_breaks = vocabulary.find_words(words, starts, weights, sentence_ends(folded))
    assert vocabulary.find_words(words, starts, weights, folded=folded) == given_breaks


def test_explanation_is_rendered_from_the_ruleset_and_stable(ruleset: Ruleset) -> None:
    decision = evaluate(facts("Sunucum", "Sunucuma erişemiyorum, aptal mısınız"), ruleset, NOON)
    expected = explanations(decision, ruleset)
    assert explain(decision, ruleset, "tr") == expected["tr"]
    assert decision_json(decision, ruleset)["explanation"] == expected
    assert expected["tr"] != expected["en"]
    again = evaluate(facts("Sunucum", "Sunucuma erişemiyorum, aptal mısınız"), ruleset, NOON)
    assert again == decision
    assert hash(again) == hash(decision)
    copy = pickle.loads(pickle.dumps(decision))
    assert decision_json(copy, ruleset) == decision_json(decision, ruleset)
