"""Markdown as the parser sees it: headings and paragraphs, each with its line number, and
a reader that walks them front to back, noting the line each part of the document came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from projections.documents.interchange import DocumentError

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
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


def fail(line: int, message: str) -> DocumentError:
    """A refusal that names the line of the file ("linje 12: ...")."""
    return DocumentError(f"linje {line}: {message}")


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


def tokens(text: str) -> list[Token]:
    """Headings and paragraphs (lines without trailing spaces, escapes taken away)."""
    out: list[Token] = []
    paragraph: Paragraph | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = live(raw.rstrip())
        heading = _HEADING.match(line)
        if heading or not line.strip():
            paragraph = None
            if heading:
                out.append(Heading(number, len(heading.group(1)), unwrap(heading.group(2))))
            continue
        if paragraph is None:
            paragraph = Paragraph(number, [])
            out.append(paragraph)
        paragraph.lines.append(_UNESCAPE.sub(r"\1\2", line))
    return out


@dataclass
class Reader:
    """The tokens of one file and how far they are read; `where` holds the line each part
    of the document was read from, by its JSON path (for refusals from the domain)."""

    tokens: list[Token]
    last_line: int
    pos: int = 0
    where: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> Reader:
        return cls(tokens(text), text.rstrip().count("\n") + 1)

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def advance(self) -> None:
        self.pos += 1

    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs up to the next heading."""
        out: list[Paragraph] = []
        while isinstance(token := self.peek(), Paragraph):
            out.append(token)
            self.pos += 1
        return out
