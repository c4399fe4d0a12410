"""What the words around a listed swear word or threat tell the abuse detector.

* A bare exclamation ("Siktir, bu kadar basitmiş!", "Kahretsin, yine çöktü") is abusive only
  when it is sent at someone:
  followed by a word that sends ("siktir git", "siktir olun") or beside a target word ("lan",
  "siz"). Inflected ("siktirin"), stretched ("siktirrr") or disguised ("s1kt1r") spellings
  are deliberate and count anyway.
* A threat about an address ("adresinizi biliyorum") is harmless when the address is a mail,
  invoice or IP address ("destek mail adresinizi biliyorum ama cevap gelmiyor").
* An all-caps word typed without Turkish capitals ("SIKTIRIN") has "I" for "i": its dotless
  spelling tells nothing, unlike "Sıkıştı" or "SIKIŞTI".
"""

from __future__ import annotations

from collections.abc import Sequence

from websight_desk.policy.matching import Token

EXCLAMATIONS = frozenset({"siktir", "hassiktir", "kahretsin"})
SENDING_WORDS = frozenset({"git", "gidin", "gitsin", "ol", "olun", "olsun", "lan", "ulan"})
ADDRESS_KINDS = frozenset(
    {"mail", "email", "posta", "eposta", "fatura", "ip", "web", "site", "url", "ftp", "dns"}
)
_TURKISH_CAPITALS = frozenset("ÇĞİÖŞÜ")


def is_bare_exclamation(tok: Token, text: str) -> bool:
    """A plain "siktir"/"hassiktir" as typed, with no suffix, stretching or disguise."""
    word = tok.forms[0]
    return word in EXCLAMATIONS and tok.end - tok.start == len(word) and text[tok.start].isalpha()


def sent_at_someone(tokens: Sequence[Token], i: int, near_target: bool) -> bool:
    """Whether the exclamation at `i` is followed by a sending word or has a target nearby."""
    following = tokens[i + 1].forms[0] if i + 1 < len(tokens) else ""
    return near_target or following in SENDING_WORDS


def harmless_threats(
    threats: Sequence[tuple[int, int]], words: Sequence[str], starts: Sequence[int]
) -> list[tuple[int, int]]:
    """The threats whose preceding word names a kind of address that is no one's home."""
    if not threats:
        return []
    index = {start: i for i, start in enumerate(starts)}
    harmless = []
    for start, end in threats:
        i = index.get(start, 0)
        if i > 0 and words[i - 1] in ADDRESS_KINDS and words[i].startswith("adres"):
            harmless.append((start, end))
    return harmless


def caps_without_turkish(raw: str) -> bool:
    """An all-caps word with no Turkish capital: its "I" may stand for "i"."""
    return raw.isupper() and _TURKISH_CAPITALS.isdisjoint(raw)
