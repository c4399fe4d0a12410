"""Clauses of new text that deny, refuse or report done what their words name.

"WordPress zaten kurulu, onu tekrar kurmayın; sadece temayı yükler misiniz?" asks for the theme:
the first two clauses name a CMS install only to say it is done and must not be redone. Words
in such a clause count like quoted history: they may add a related clause but do not decide.

Markers (on folded text): "değil" (not "güvenli değil", not the tag "değil mi"), "zaten" with
a done-word ("zaten kurulu", "zaten mevcut"), negative imperatives ("kurmayın", "yüklemeyiniz",
"kurulmasın"), "gerek yok", "istemiyorum", "ihtiyacım yok", "sorunum yok", and English "not
about", "not related", "no need", "already installed", "don't install". Complaints such as
"açılmıyor" or "kuramıyorum" are not negations of a request: they are the request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# a clause ends at sentence punctuation, a line break, a comma or a contrastive conjunction
_CLAUSE_BREAK = re.compile(
    r"[.!?;:](?=\s|$)|\n|,|\b(?:ama|fakat|ancak|lakin|sadece|yalnizca|yerine|but|however"
    r"|instead|only|just)\b"
)
_DONE = (
    r"(?:kurulu\w*|yuklu\w*|mevcut\w*|aktif\w*|yapildi\w*|yaptim|yaptik|kurdum"
    r"|kurduk|kuruldu\w*|yukledim|yukledik|yuklendi\w*|hazir\w*|tamam\w*|ayarli\w*)"
)
_NOT_DONE = r"(?:degistir|dokun|yap|kur|yukle|ekle|sil|guncelle|ayarla|oyna|elle)m[ae]d(?:im|ik)"
_ACTION = (
    r"(?:kur|yukle|sil|degistir|dokun|yap|guncelle|ekle|tasi|kapat|sifirla|elle|karistir"
    r"|ayarla|kaldir|ac|ellen|kurul|yuklen|degistiril|kaldiril|tasin|guncellen|sil)"
)
_NEGATION = re.compile(
    r"(?<!guvenli )(?<!secure )\bdegil(?:dir|im|iz)?\b(?! m[iu]\b)"
    r"|\bzaten\b[^,;.!?\n]*?\b" + _DONE + r"\b"
    r"|\b" + _DONE + r"\b[^,;.!?\n]{0,20}\bzaten\b"
    # "kurmayın", "dokunmayınız", "silinmesin" (not "bekletmeyin", "unutmayın": those urge)
    r"|\b" + _ACTION + r"m[ae]y[iu]n(?:[iu]z)?\b|\b" + _ACTION + r"(?:il|ul|un|in)m[ae]s[iu]n\b"
    r"|\bgerek(?:li)? (?:yok|degil)\b|\bgerekmiyor\b|\bgerekmez\b"
    r"|\bistemiyor(?:um|uz)\b|\bihtiyac\w* yok\b|\b(?:sorun|problem|derd|sikayet)\w* yok\b"
    r"|\b(?:not|isn't|isnt) (?:about|related|the (?:issue|problem))\b|\bnothing to do with\b"
    # "this is not an Outlook configuration problem": the customer rules a topic out
    r"|\b(?:not|isn't|isnt) (?:an? |the |a matter of )?(?:\w+ ){0,3}(?:issue|problem|question)\b"
    r"|\bno need\b|\bdon'?t need\b|\bdo not need\b|\balready (?:installed|set up|done|have"
    r"|configured|working|running|there|uploaded|added)\b"
    r"|\b(?:do not|don'?t|please don'?t|never) (?:re)?(?:install|touch|change|set|setup"
    r"|modify|delete|remove|configure|upload)\b"
    # "we changed nothing", "we did not touch the theme": what the customer did not do
    r"|\b" + _NOT_DONE + r"\b"
    r"|\b(?:didn'?t|did not|haven'?t|have not) (?:change|touch|modify|install|update)\b"
    # the customer will do it himself: "temayı ben yüklerim", "we will handle those ourselves"
    r"|\b(?:ben|biz|kendim|kendimiz)\b[^,;.!?\n]{0,40}\b\w+(?<!ist)[aeiu]r(?:im|iz|um|uz)\b"
    r"|\b(?:we|i)(?:'ll| will) (?:handle|do|take care)\b"
    r"|\b(?:kurulum|ayar|kurulu)\w* (?:tamam|dogru|sorunsuz)\b"
    # a problem reported solved ("sorun çözüldü", "site açıldı", "it works again") is history
    r"|\b(?:cozuldu|duzeldi|giderildi|halloldu|hallettik|hallettim|acildi)\b"
    r"|\b(?:resolved|fixed now|is fixed|works again|working again|is up again)\b",
)
# clauses telling what the customer has already set up ("telefonuma kurdum"): `done_groups`
# of the policy (the setup requests) count like history there, a complaint still decides
_DONE_SETUP = re.compile(
    r"\b(?:kurdum|kurduk|kurmustum|kurmustuk|ekledim|ekledik|ayarladim|ayarladik|tanimladim"
    # "telefonumda mail kurulu": a state, not a request ("kurulu değil" is a negation anyway)
    r"|kurulu|kurulular|tanimli"
    r"|tanimladik|yapilandirdim|yapilandirdik)\b|\bi(?:'ve| have)? (?:set up|added|configured"
    r"|installed)\b"
)


# a text holds a negation marker only if one of its words is one of these or ends so
_MARKER_WORDS = frozenset(
    [
        "degil",
        "degildir",
        "degilim",
        "degiliz",
        "zaten",
        "gerek",
        "gerekli",
        "gerekmiyor",
        "gerekmez",
        "istemiyorum",
        "istemiyoruz",
        "not",
        "isn",
        "isnt",
        "nothing",
        "no",
        "don",
        "dont",
        "never",
        "already",
        "didn",
        "didnt",
        "haven",
        "havent",
        "kendim",
        "kendimiz",
        "ben",
        "biz",
        "will",
        "ll",
        "myself",
        "ourselves",
        "tamam",
        "dogru",
        "sorunsuz",
        "cozuldu",
        "duzeldi",
        "giderildi",
        "halloldu",
        "hallettik",
        "hallettim",
        "acildi",
        "resolved",
        "fixed",
        "again",
    ]
)
# "... yok" negates only after these ("ihtiyacım yok", "sorunum yok"; "gerek" is a marker)
_YOK_HEADS = ("ihtiyac", "sorun", "problem", "derd", "sikayet")
# a verb form marker ("kurmayın", "silinmesin", "değiştirmedik"): first the ending, cheaply,
# then the markers themselves (the same alternatives as in `_NEGATION`): "kuramadım" is none
_MARKER_ENDING = re.compile(r"m[ae](?:y[iu]n|s[iu]n|d[iu]m|d[iu]k)")
_VERB_MARKER = re.compile(
    r"\b" + _ACTION + r"m[ae]y[iu]n(?:[iu]z)?\b|\b" + _ACTION + r"(?:il|ul|un|in)m[ae]s[iu]n\b"
    r"|\b" + _NOT_DONE + r"\b"
)


def may_negate(words: Sequence[str], folded: str) -> bool:
    """A cheap test before `negated_ranges` (which it never contradicts)."""
    if not _MARKER_WORDS.isdisjoint(words):
        return True
    if "yok" in words and any(w.startswith(_YOK_HEADS) for w in words):
        return True
    return _MARKER_ENDING.search(folded) is not None and _VERB_MARKER.search(folded) is not None


def negated_ranges(folded: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character ranges of the clauses in folded[start:end] that hold a negation marker."""
    if end is None:
        end = len(folded)
    first = _NEGATION.search(folded, start, end)
    if first is None:
        return []  # the usual case: one regex pass and done
    ranges: list[tuple[int, int]] = []
    for m in _NEGATION.finditer(folded, first.start(), end):
        lo = _clause_start(folded, start, m.start())
        hi = _clause_end(folded, m.end(), end)
        if ranges and lo <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(hi, ranges[-1][1]))
        else:
            ranges.append((lo, hi))
    return ranges


def done_ranges(folded: str) -> list[tuple[int, int]]:
    """Character ranges of the clauses that report a setup the customer has done himself."""
    ranges: list[tuple[int, int]] = []
    for m in _DONE_SETUP.finditer(folded):
        lo, hi = _clause_start(folded, 0, m.start()), _clause_end(folded, m.end(), len(folded))
        if ranges and lo <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(hi, ranges[-1][1]))
        else:
            ranges.append((lo, hi))
    return ranges


def _clause_start(folded: str, floor: int, at: int) -> int:
    lo = floor
    for m in _CLAUSE_BREAK.finditer(folded, floor, at):
        lo = m.end()
    return lo


def _clause_end(folded: str, at: int, ceiling: int) -> int:
    m = _CLAUSE_BREAK.search(folded, at, ceiling)
    return m.start() if m else ceiling
