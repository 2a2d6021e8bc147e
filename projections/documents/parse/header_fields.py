"""The lines of a referat's header and the fields among them: where the header ends, a
line cut where a second field starts on it (two columns of a PDF), and a field line read
as (label, value) in any of its usual forms ("**Mødedato** x", "Mødedato: x",
"Mødedato    x")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from projections.documents.parse import conventions as cv
from projections.documents.parse import header_labels, item_markers, part_headings
from projections.documents.parse.people import looks_like_name, name_and_parens
from projections.documents.parse.tokens import Heading, Paragraph, Reader, plain
from projections.documents.parse.wrapping import parentheses_joined

# "**Mødedato** x", "**Mødedato:** x", "Mødedato: x", "Mødedato    x" (pdftotext -layout)
_BOLD_FIELD = re.compile(r"^\*\*(?P<label>[^*]+?)\s*:?\s*\*\*\s*:?\s*(?P<value>.*)$")
_FIELD = re.compile(r"^(?P<label>[A-ZÆØÅa-zæøå][\w æøåÆØÅ./-]{1,40}?)\s*:\s*(?P<value>.*)$")
_WIDE_FIELD = re.compile(r"^(?P<label>[A-ZÆØÅ][\w æøåÆØÅ.]{1,30}?)\s{3,}(?P<value>\S.*)$")


@dataclass
class Line:
    number: int
    text: str  # as written, markup and all
    heading: bool
    paragraph: int  # lines of one paragraph share it

    @property
    def plain(self) -> str:
        return plain(self.text)


def ends_header(token: Heading | Paragraph) -> bool:
    """Where the header ends: an item's heading, the contents, a part of the minutes."""
    if not isinstance(token, Heading):
        return False
    key = cv.label_key(token.text)
    return (
        item_markers.item_heading(token.text) is not None
        or key in part_headings.TOC_HEADINGS
        or bool(item_markers.CLOSED_PART.match(key) or item_markers.OPEN_PART.match(key))
        or (key in part_headings.SECTION_HEADINGS and key not in header_labels.FIELDS)
        or key in part_headings.APPROVAL_HEADINGS
    )


def header_lines(reader: Reader) -> list[Line]:
    lines: list[Line] = []
    while (token := reader.peek()) is not None and not ends_header(token):
        reader.advance()
        if isinstance(token, Heading):
            lines.append(Line(token.line, token.text, True, token.line))
        else:
            lines.extend(
                Line(token.line + i, part, False, token.line)
                for i, text in enumerate(parentheses_joined(token.lines, _starts_field))
                for part in _columns(text)
            )
    return lines


_LABELS = sorted(
    {*header_labels.FIELDS, *header_labels.ATTENDANCE_LABELS, *header_labels.ROLE_LABELS},
    key=len,
    reverse=True,
)
# Where a second field starts on the same line ("Mødedato: 24.02.2022  Mødested: Salen",
# two columns of a PDF's header): before a known label and its colon.
_NEXT_FIELD = re.compile(
    r"\s+(?=(?:\*\*)?(?:" + "|".join(re.escape(k) for k in _LABELS) + r")\s*:)",
    re.IGNORECASE,
)


def _columns(text: str) -> list[str]:
    """A header line cut where a second field starts on it, or a row of a list of names
    set in columns ("Arne Holm   Bo Lind", as a PDF's table gives it)."""
    if not _field_like(text):
        names = text.split("   ")
        if (
            len(names) > 1
            and not _starts_field(text)
            and all(looks_like_name(name_and_parens(n.strip())[0]) for n in names)
        ):
            return [n.strip() for n in names]
        return [text]
    colon = text.index(":") + 1  # a label of several words ("Dato og tid:") is not cut
    parts = [
        text[:colon] + p if i == 0 else p for i, p in enumerate(_NEXT_FIELD.split(text[colon:]))
    ]
    return [p for p in parts if p.strip()] or [text]


def _starts_field(text: str) -> bool:
    """A header field begins on this line: "Label: value" or, in a PDF, "Label   value"."""
    wide = re.split(r"\s{3,}", text.strip(), maxsplit=1)
    return _field_like(text) or (len(wide) == 2 and cv.label_key(wide[0]) in _LABELS)


def _field_like(text: str) -> bool:
    head = text.lstrip("* ").split(":", 1)[0]
    return ":" in text and cv.label_key(head) in _LABELS


def field(line: Line) -> tuple[str, str] | None:
    """(label key, value) of a header field line in any of its usual forms, else None."""
    text = line.text.strip()
    if line.heading:
        key = cv.label_key(text)
        return (key, "") if _known(key) else None
    match = _BOLD_FIELD.match(text)
    if match:
        return cv.label_key(match["label"]), match["value"].strip()
    bare = plain(text)
    for pattern in (_FIELD, _WIDE_FIELD):
        match = pattern.match(bare)
        if match and _known(cv.label_key(match["label"])):
            return cv.label_key(match["label"]), match["value"].strip()
    return None


def _known(key: str) -> bool:
    return (
        key in header_labels.FIELDS
        or key in header_labels.ATTENDANCE_LABELS
        or key in header_labels.ROLE_LABELS
    )
