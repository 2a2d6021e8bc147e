"""Read a referat in Markdown (published referater, and our own export) into a Document.

Real files are irregular: heading levels vary from item to item, headings are wrapped in
bold, "indstiller," may end in a hard line break with the first point on the next line,
a table of contents repeats the titles. So a heading is known by its wording, never by
its level, and the contents are skipped. Refusals name the line ("linje 12: ...").

This module reads the document as a whole; tokens.py splits the text into headings and
paragraphs, header.py reads the title and fields, items.py and decision.py an item, and
signatures.py the approvals and corrections after the items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from domain.application import Minutes
from domain.text import FIRST_NUMBER_LIMIT, nfc
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError, DocumentRefused
from projections.documents.parse.header import read_header, read_title
from projections.documents.parse.items import ITEM, read_item
from projections.documents.parse.signatures import read_approvals, read_corrections
from projections.documents.parse.tokens import Paragraph, Reader, fail
from projections.documents.render import layout as lo
from projections.importing import import_document


@dataclass(frozen=True)
class Parsed:
    """The document read, and the line each part of it was read from (by JSON path)."""

    document: ix.Document
    lines: dict[str, int] = field(default_factory=dict)


def _document(reader: Reader) -> ix.Document:
    forum, day, title_line = read_title(reader)
    meeting = read_header(reader, forum, day, title_line)
    items: list[ix.Item] = []
    printed: list[str] = []
    while (token := reader.peek()) is not None:
        reader.advance()
        if isinstance(token, Paragraph):
            raise fail(token.line, "tekst uden for et punkt")
        key = token.text.casefold()
        if key == lo.H_TOC.casefold():
            reader.paragraphs()  # the contents repeat the titles; their pages are ours
        elif match := ITEM.match(token.text):
            printed.append(match.group("number"))
            items.append(read_item(reader, token, match, len(items)))
        elif key == lo.H_APPROVALS.casefold() and token.level <= 2:
            meeting.approvals.extend(read_approvals(reader, len(meeting.approvals)))
        elif key == lo.H_CORRECTIONS.casefold() and token.level <= 2:
            meeting.corrections.extend(read_corrections(reader, len(meeting.corrections)))
        else:
            raise fail(token.line, f"uventet overskrift '{token.text}' før første punkt")
    if not items:
        raise fail(
            reader.last_line,
            "ingen punkter fundet (forventede en overskrift som '## Punkt 1: …')",
        )
    meeting.first_number, numbers = _numbering(printed)
    for item, number in zip(items, numbers, strict=True):
        item.number = number
    meeting.items = items
    return ix.Document(format=ix.FORMAT, meeting=meeting)


def _numbering(printed: list[str]) -> tuple[int, list[str | None]]:
    """first_number and the numbers to keep: only those not counted from first_number.
    The count starts from the first plain number (ASCII digits) that can be a first number;
    any other ("²", "3.a", a number of 5,000 digits) is kept as the item's own number."""
    first = next(
        (
            int(n) - i
            for i, n in enumerate(printed)
            if n.isascii()
            and n.isdigit()
            and len(n) <= len(str(FIRST_NUMBER_LIMIT))
            and 1 <= int(n) - i <= FIRST_NUMBER_LIMIT
        ),
        1,
    )
    return first, [None if n == str(first + i) else n for i, n in enumerate(printed)]


def _text(data: bytes | str) -> str:
    if isinstance(data, str):
        text = data
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            raise fail(line, "filen er ikke UTF-8") from None
    return nfc(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))


def parse(data: bytes | str) -> Parsed:
    """Read Markdown into a Document, or raise DocumentError naming the line."""
    reader = Reader.of(_text(data))
    document = _document(reader)
    return Parsed(document, reader.where)


def decode(data: bytes | str) -> ix.Document:
    return parse(data).document


Refusal = DocumentError | DocumentRefused


def locate(error: Refusal, where: dict[str, int]) -> Refusal:
    """Turn the JSON path of a refusal into the line of the Markdown it was read from
    (bad input stays bad input, a rule's refusal a rule's)."""
    path, _, message = str(error).partition(": ")
    known = [k for k in where if path == k or path.startswith((f"{k}.", f"{k}["))]
    if not known:
        return error
    return type(error)(f"linje {where[max(known, key=len)]}: {message}")


def import_markdown(app: Minutes, data: bytes | str, actor: str) -> tuple[UUID, int, ix.Document]:
    """Import a Markdown referat like a JSON one: one save, only differences recorded."""
    parsed = parse(data)
    try:
        meeting_id, recorded = import_document(app, parsed.document, actor)
    except (DocumentError, DocumentRefused) as e:
        raise locate(e, parsed.lines) from None
    return meeting_id, recorded, parsed.document
