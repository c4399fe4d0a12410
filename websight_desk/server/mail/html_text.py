"""HTML mail to clean plain text with the standard library's parser.

Nothing is fetched: images become their alt text, scripts, styles and the head are dropped,
links keep their address in brackets. (html2text would do this too, but it is GPL-3 and the
desk is proprietary; the parser here covers what support mail contains.)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "div", "dl", "dt", "dd", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul",
    }
)  # fmt: skip
_SKIP = frozenset({"script", "style", "head", "title", "template", "noscript", "svg"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.pre = 0
        self.quote = 0
        self.href: list[str | None] = []

    def _newline(self, count: int = 1) -> None:
        self.out.append("\n" * count)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "br":
            self._newline()
        elif tag == "li":
            self._newline()
            self.out.append("• ")
        elif tag in ("td", "th"):
            self.out.append(" ")
        elif tag in _BLOCK:
            self._newline(2 if tag in ("p", "blockquote", "h1", "h2", "h3", "table") else 1)
        if tag == "pre":
            self.pre += 1
        if tag == "blockquote":
            self.quote += 1
        if tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.out.append(f"[{alt}]")
        if tag == "a":
            self.href.append(dict(attrs).get("href"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self.href.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "a" and self.href:
            href = self.href.pop()
            if href and href.startswith(("http://", "https://", "mailto:")):
                text = "".join(self.out[-3:])
                target = href.removeprefix("mailto:")
                if target not in text:
                    self.out.append(f" ({target})")
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag == "blockquote":
            self.quote = max(0, self.quote - 1)
            self._newline(2)
        elif tag in _BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.pre:
            data = _SPACES.sub(" ", data.replace("\n", " "))
        if self.quote:
            data = data.replace("\n", "\n> ")
            if not self.out or self.out[-1].endswith("\n"):
                data = "> " + data.lstrip()
        self.out.append(data)


def html_to_text(html: str) -> str:
    """Readable text of an HTML body: paragraphs, line breaks, lists, quotes, link targets."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.out)
    lines = [line.rstrip() if line.startswith(">") else line.strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
