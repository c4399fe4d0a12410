"""Segment a message: the customer's own new text vs quoted history, signature and footers.

Quoted history (counts less than new text, may add related clauses): lines starting with ">",
and reply headers after which everything is history: "On <date>, <name> wrote:",
"<tarih> tarihinde <ad> yazdı:", "-----Original Message-----", "-----Orijinal Mesaj-----",
"---------- Forwarded message ----------", and an Outlook-style header block
("From:/Gönderen:/Kimden:" followed by "Sent:/Date:/Tarih:/Subject:/Konu:").

Asides (count nothing): the signature — after a "--" line, or after a closing line
("Saygılarımla", "İyi çalışmalar", "Best regards" …) the name, title and contact lines that
follow it — and footers: legal disclaimers ("Bu e-posta ve ekleri … gizli", "This e-mail …
confidential"), antivirus lines and "Sent from my iPhone" lines, up to the history or the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from websight_desk.domain.turkish import fold

_HISTORY_START = re.compile(
    r"^[ \t]*(?:"
    r"-{2,}\s*(?:original message|orijinal mesaj|ozgun ileti|forwarded message"
    r"|iletilen (?:ileti|mesaj))"
    r"|on\b[^\n]{0,200}?(?:\n[^\n]{0,120}?)?\bwrote\s*:"
    r"|[^\n]{0,200}\btarihinde\b[^\n]{0,200}?(?:\n[^\n]{0,120}?)?\byazdi\s*:"
    r"|(?:from|gonderen|kimden)\s*:[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*"
    r"(?:sent|date|tarih|gonderildi|gonderilme tarihi|to|kime|subject|konu)\s*:"
    r")",
    re.MULTILINE,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*", re.MULTILINE)

# a footer line: everything from its start on is not the customer's request
_FOOTER = re.compile(
    r"^[^\n]*?(?:"
    r"\bbu (?:e ?-?posta|e ?-?mail|mail|mesaj|ileti)\b[^\n]{0,60}\bek(?:ler)?i\b"
    r"|\bbu (?:e ?-?posta|e ?-?mail|mesaj|ileti)\b[^\n]{0,120}\b(?:gizli|alicisi|muhatab)"
    r"|\b(?:yasal uyari|sorumluluk reddi|disclaimer|gizlilik uyarisi|gizlilik notu)\b"
    r"|\bthis (?:e ?-?mail|email|message|communication)\b[^\n]{0,160}"
    r"\b(?:confidential|privileged|intended)"
    r"|\bif you (?:are not the intended|have received this)"
    r"|\bvirus[ -]?free\b|\bno virus found\b"
    r"|\b(?:virus|antivir)\w*\b[^\n]{0,60}\b(?:taranmis\w*|taranmistir|taranmaktadir|scanned"
    r"|kontrol edil\w*|checked|protected|korunmaktadir)"
    r"|\b(?:scanned|checked|taranmis\w*|taranmistir|kontrol edil\w*)\b[^\n]{0,60}"
    r"\b(?:virus|antivir)"
    r"|\b(?:avast|avg|kaspersky|eset|norton|mcafee)\b[^\n]{0,40}\b(?:free|taranmis\w*|scanned"
    r"|checked|korunmaktadir)"
    # device lines only where a line starts: "the mail was sent from my iPhone" is a sentence
    r"|^[ \t]*(?:sent from|sent with) (?:my |the )?(?:iphone|ipad|android|samsung|mobile"
    r"|huawei|xiaomi|outlook|mail for|yandex|blackberry|galaxy)[^\n]{0,30}$"
    r"|^[ \t]*get outlook for (?:ios|android)\b"
    r"|^[ \t]*[^\n]{0,40}(?:iphone|ipad|android|samsung|mobil|galaxy|cihaz|telefon|tablet|yandex"
    r"|huawei|xiaomi)[\w.'’]*(?:dan|den) gonderildi[ \t.!]*$"
    r"|^[ \t]*(?:android|ios) icin outlook"
    r"|\bwindows icin posta\b"
    r")",
    re.MULTILINE,
)
_DASHES = re.compile(r"^[ \t]*(?:--|__+|—)[ \t]*$", re.MULTILINE)
_CLOSING = re.compile(
    r"^[ \t]*(?:saygilarimla|saygilarimizla|saygilar(?:imla)?|iyi calismalar(?: dilerim)?"
    r"|kolay gelsin|iyi gunler(?: dilerim)?|sevgiler|selamlar|tesekkurler|tesekkur ederim"
    r"|simdiden tesekkurler|(?:kind|best|warm|warmest) regards|regards|best wishes|best"
    r"|many thanks|thanks(?: in advance)?|thank you|cheers|sincerely|yours sincerely)"
    r"[ \t]*[,.!]*(?P<rest>[^\n]*)$",
    re.MULTILINE,
)
_CONTACT = re.compile(
    r"@|www\.|https?:|\b(?:tel|gsm|cep|fax|faks|mobile|phone|adres|address|e-?mail)\b"
    r"|\+?\d[\d ()-]{6,}"
)
_NAME_PIECE = re.compile(r"[^\W\d_]+")
_SMALL_WORDS = frozenset({"ve", "and", "of", "the", "ltd", "sti", "as", "a", "s", "&", "-"})
_SIGNATURE_LINES = 8
_WORDS_BEFORE_CLOSING = 2
# a verb ending: "SITEM ACILMIYOR" or "Kurar Mısınız" is a sentence, not a name or a title
_VERB = re.compile(
    r"(?:[iu]yor|[iu]yo|m[ae]k|m[iu]s[iu]n[iu]z|m[iu]s[iu]n|[ae]b[iu]l[iu]r|[ae]m[iu]yor"
    r"|m[ae]d[iu]|yorum|yoruz|[dt][iu]m|[dt][iu]k|s[iu]n[iu]z)\b"
)
# cheap substring tests before the regular expressions: every match holds one of these
_HISTORY_KEYS = ("--", "wrote", "yazdi", "from", "gonderen", "kimden")
_FOOTER_KEYS = (
    "yasal uyari",
    "sorumluluk reddi",
    "disclaimer",
    "gizlilik uyarisi",
    "gizlilik notu",
    "if you are not the intended",
    "if you have received this",
    "virus",
    "antivir",
    "avast",
    "avg",
    "kaspersky",
    "eset",
    "norton",
    "mcafee",
    "sent from ",
    "sent with ",
    "get outlook for ",
    "gonderildi",
    "icin outlook",
    "windows icin posta",
)
_BU_NOUNS = ("posta", "mail", "mesaj", "ileti")  # "bu e-posta ... ekleri / gizli ..."
_BU_TAILS = ("eki", "ekleri", "gizli", "alicisi", "muhatab")
_THIS_TAILS = ("confidential", "privileged", "intended")  # "this e-mail ... confidential"
_CLOSING_KEYS = (
    "saygi",
    "calismalar",
    "gelsin",
    "gunler",
    "sevgi",
    "selam",
    "tesekkur",
    "regards",
    "best",
    "thank",
    "cheers",
    "sincerely",
)


def quoted_ranges(text: str, folded: str | None = None) -> list[tuple[int, int]]:
    """Character ranges of `text` that are quoted history, in order, not overlapping."""
    if folded is None:
        folded = fold(text)
    ranges: list[tuple[int, int]] = []
    size = len(folded)
    history = None
    if _any_in(_HISTORY_KEYS, folded):
        history = _first_line_match(_HISTORY_START, folded, size)
    cut = size if history is None else history
    if ">" in folded:
        for m in _QUOTED_LINE.finditer(folded, 0, cut):
            ranges.append((m.start(), m.end()))
    if history is not None:
        ranges.append((cut, size))
    return ranges


def aside_ranges(
    text: str, folded: str | None = None, quoted: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Ranges of signature and footer text before the quoted history (sorted, disjoint)."""
    if folded is None:
        folded = fold(text)
    if quoted is None:
        quoted = quoted_ranges(text, folded)
    end = quoted[-1][0] if quoted and quoted[-1][1] == len(folded) else len(folded)
    cut = end
    footer = _first_line_match(_FOOTER, folded, end) if _may_hold_footer(folded) else None
    if footer is not None and _has_words_before(folded, footer):
        cut = footer
    dashes = _first_line_match(_DASHES, folded, cut) if _any_in(("--", "__", "—"), folded) else None
    if dashes is not None and _has_words_before(folded, dashes):
        cut = dashes
    closings = _line_matches(_CLOSING, folded, cut) if _any_in(_CLOSING_KEYS, folded) else ()
    for m in closings:
        if len(_NAME_PIECE.findall(folded, 0, m.start())) < _WORDS_BEFORE_CLOSING:
            continue  # "Merhaba, teşekkürler" opens a message, it does not close one
        rest = text[m.start("rest") : m.end("rest")].strip(" \t,.-")
        if rest and not _name_like(rest):
            continue
        stop = _signature_end(text, m.end(), cut)
        if stop is not None:
            cut = m.start()
            break
    return [(cut, end)] if cut < end else []


def _any_in(keys: tuple[str, ...], folded: str) -> bool:
    return any(key in folded for key in keys)


def _may_hold_footer(folded: str) -> bool:
    if _any_in(_FOOTER_KEYS, folded):
        return True
    if "bu " in folded and _any_in(_BU_NOUNS, folded) and _any_in(_BU_TAILS, folded):
        return True
    return "this " in folded and _any_in(_THIS_TAILS, folded)


def _first_line_match(pattern: re.Pattern[str], folded: str, end: int) -> int | None:
    """Where `pattern.search(folded, 0, end)` starts, for a pattern that only matches where a
    line starts (a multiline "^" first): tried there only, not at every character."""
    at = 0
    while True:
        if pattern.match(folded, at, end):
            return at
        at = folded.find("\n", at, end) + 1
        if not at:
            return None


def _line_matches(pattern: re.Pattern[str], folded: str, end: int) -> Iterator[re.Match[str]]:
    """`pattern.finditer(folded, 0, end)` for a pattern like `_first_line_match`'s whose
    matches stay inside one line."""
    at = 0
    while True:
        m = pattern.match(folded, at, end)
        if m:
            yield m
        at = folded.find("\n", at, end) + 1
        if not at:
            return


def _has_words_before(folded: str, at: int) -> bool:
    return any(ch.isalnum() for ch in folded[:at])


def _signature_end(text: str, start: int, cut: int) -> int | None:
    """Where the name/title/contact lines after a closing end (`cut`), else None: a closing
    followed by more of the message is a greeting, not a signature."""
    lines = text[start:cut].split("\n")
    kept = 0
    for line in lines:
        piece = line.strip()
        if not piece:
            continue
        kept += 1
        if kept > _SIGNATURE_LINES or not (_CONTACT.search(piece.lower()) or _name_like(piece)):
            return None
    return cut


def _name_like(line: str) -> bool:
    """A name, title or company line: a few words, each capitalised (or a small word)."""
    words = _NAME_PIECE.findall(line)
    if not words or len(words) > 7 or "?" in line or _VERB.search(fold(line)):
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)
