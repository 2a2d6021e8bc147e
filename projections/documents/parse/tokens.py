"""Markdown as the parser sees it: headings and paragraphs, each with its line number, and
a reader that walks them front to back, noting the line each part of the document came from."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from projections.documents.parse.report import ImportReport, fail

_MD = MarkdownIt("commonmark").disable(["lheading", "fence"])
_UNESCAPE = re.compile(r"^(\s*)\\([#\\])")
# What the Markdown export escapes in user text (render.markdown.inert), taken back.
_TAG = re.compile(r"(\\+)<(?=[A-Za-z/!?])")
_DESTINATION = re.compile(r"\](\\+)([(:])")
_ITALIC = re.compile(r"^(?:\*(?!\*)(?P<a>.+)\*|_(?!_)(?P<b>.+)_)$")


@dataclass
class Heading:
    line: int
    level: int
    text: str


@dataclass
class Paragraph:
    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


Token = Heading | Paragraph


def whole_number(digits: str, line: int, limit: int, what: str) -> int:
    """Digits read as a number no greater than limit (a 5,000-digit number is refused in
    one line, before Python is asked to convert it)."""
    if not (digits.isascii() and digits.isdigit()):
        raise fail(line, f"'{digits[:20]}' er ikke et tal")
    if len(digits.lstrip("0")) > len(str(limit)) or int(digits) > limit:
        raise fail(line, f"{what} er for stort (højst {limit})")
    return int(digits)


def unwrap(text: str) -> str:
    """Heading text without the bold or italic markers around it."""
    text = text.strip()
    for marker in ("**", "__", "*", "_"):
        if len(text) > 2 * len(marker) and text.startswith(marker) and text.endswith(marker):
            return text[len(marker) : -len(marker)].strip()
    return text


def italic(paragraph: Paragraph) -> str | None:
    """The text of a one-line paragraph in italics, else None."""
    match = _ITALIC.match(paragraph.text) if len(paragraph.lines) == 1 else None
    return (match.group("a") or match.group("b")).strip() if match else None


def _tag(match: re.Match[str]) -> str:
    run = len(match.group(1))
    return "\\" * (run // 2) + "<" if run % 2 else match.group(0)


def live(line: str) -> str:
    """A line as its writer wrote it, before the export made its HTML and links inert:
    2n+1 backslashes before "<" are n, and one backslash less between "]" and "(" or ":"."""
    if "\\" not in line:
        return line
    return _DESTINATION.sub(lambda m: f"]{m.group(1)[1:]}{m.group(2)}", _TAG.sub(_tag, line))


def _heading_lines(text: str) -> dict[int, tuple[int, str]]:
    """The ATX headings markdown-it finds at the top level, by 0-based line: (level, text).
    Setext headings and fences are off: a line of "---" or "```" in free text stays text,
    as the Markdown export writes free text as it was entered."""
    out: dict[int, tuple[int, str]] = {}
    found = _MD.parse(text)
    for opening, inline in itertools.pairwise(found):
        if opening.type == "heading_open" and opening.level == 0 and opening.map:
            out[opening.map[0]] = (int(opening.tag[1:]), inline.content)
    return out


def plain(line: str) -> str:
    """A line's text without its inline markup (emphasis, link syntax, escapes)."""
    parts: list[str] = []
    for token in _MD.parseInline(line)[0].children or []:
        if token.type in ("text", "code_inline", "html_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts).strip()


def links(line: str) -> list[tuple[str, str]]:
    """The links of a line: (text, address)."""
    out: list[tuple[str, str]] = []
    children = _MD.parseInline(line)[0].children or []
    for index, token in enumerate(children):
        if token.type == "link_open":
            words = []
            for inner in children[index + 1 :]:
                if inner.type == "link_close":
                    break
                words.append(inner.content)
            out.append(("".join(words).strip(), str(token.attrs.get("href", ""))))
    return out


def whole_bold(line: str) -> str | None:
    """The text of a line that is bold from end to end ("**1. Budget**"), else None."""
    children = [
        t
        for t in _MD.parseInline(line.strip())[0].children or []
        if not (t.type == "text" and not t.content)
    ]
    if (
        len(children) >= 3
        and children[0].type == "strong_open"
        and children[-1].type == "strong_close"
    ):
        inner = children[1:-1]
        if all(t.type in ("text", "softbreak") for t in inner):
            return "".join(t.content for t in inner).strip() or None
    return None


def tokens(text: str, promote: Callable[[str], bool] = lambda _text: False) -> list[Token]:
    """Headings and paragraphs (lines without trailing spaces, escapes taken away). A
    paragraph of one bold line that `promote` accepts ("**Beslutning**") is a heading."""
    out: list[Token] = []
    paragraph: Paragraph | None = None
    headings = _heading_lines(text)
    for index, raw in enumerate(text.split("\n")):
        number = index + 1
        line = live(raw.rstrip())
        heading = headings.get(index)
        if heading or not line.strip():
            paragraph = None
            if heading:
                out.append(Heading(number, heading[0], unwrap(live(heading[1]))))
            continue
        if paragraph is None:
            paragraph = Paragraph(number, [])
            out.append(paragraph)
        paragraph.lines.append(_UNESCAPE.sub(r"\1\2", line))
    return [_promoted(token, promote) for token in out]


def _promoted(token: Token, promote: Callable[[str], bool]) -> Token:
    if isinstance(token, Paragraph) and len(token.lines) == 1:
        bold = whole_bold(token.lines[0])
        if bold and promote(bold):
            return Heading(token.line, 6, bold)
    return token


@dataclass
class Reader:
    """The tokens of one file and how far they are read; `where` holds the line each part
    of the document was read from, by its JSON path (for refusals from the domain)."""

    tokens: list[Token]
    last_line: int
    pos: int = 0
    where: dict[str, int] = field(default_factory=dict)
    report: ImportReport = field(default_factory=ImportReport)

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def advance(self) -> None:
        self.pos += 1

    def back(self) -> None:
        self.pos -= 1

    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs up to the next heading."""
        out: list[Paragraph] = []
        while isinstance(token := self.peek(), Paragraph):
            out.append(token)
            self.pos += 1
        return out
