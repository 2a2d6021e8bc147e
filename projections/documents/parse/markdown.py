"""Read a referat into a Document: Markdown (published referater, and our own export),
plain text as pdftotext gives it, or a PDF, with a report of what each part became.

Real files are irregular: heading levels vary from item to item, headings are wrapped in
bold, labels are spelled as each municipality spells them, dates are written in a dozen
ways. So a heading is known by its wording (conventions.py), never by its level. Lines
that cannot be placed are never dropped: they are kept where they stood (as a section of
the item, or the meeting's remarks) and named in the report; `strict` refuses them.
Refusals name the line ("linje 12: ...").

This module reads the document as a whole; tokens.py (on markdown-it) and plaintext.py
split the text into headings and paragraphs, header.py reads the title and header,
items.py and decision.py an item, and signatures.py the approvals and corrections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from domain.text import FIRST_NUMBER_LIMIT, nfc
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError, DocumentRefused
from projections.documents.parse import conventions as cv
from projections.documents.parse import header_labels, item_markers, part_headings, plaintext
from projections.documents.parse.decision import Context
from projections.documents.parse.header import one_line, read_header
from projections.documents.parse.item_preamble import keep_with
from projections.documents.parse.items import Meeting, ends_items, read_item
from projections.documents.parse.pdf import is_pdf, read_pdf
from projections.documents.parse.report import ImportReport, fail
from projections.documents.parse.signatures import read_approvals, read_corrections
from projections.documents.parse.tokens import Heading, Paragraph, Reader, Token, tokens
from projections.documents.render import phrases

Source = Literal["markdown", "tekst", "pdf"]
Closed = Literal["ask", "open", "closed"]

# "**Beslutning:** Godkendt." / "Beslutning: Godkendt.": a part's name and its text on one line.
_INLINE_LABEL = re.compile(
    r"^(?:\*\*(?P<a>[^*]{3,40}?)\s*:?\s*\*\*\s*:?|(?P<b>[A-ZÆØÅ][\wæøå ]{2,40}?):)"
    r"\s+(?P<text>\S.*)$"
)


# Without bold, only the names of a decision or recommendation are taken as a part's
# name ("Økonomi: 2 mio. kr." in running text stays text).
_SAY_SO = part_headings.DECISION_HEADINGS | (part_headings.RECOMMENDATION_HEADINGS - {"forslag"})


@dataclass(frozen=True)
class Parsed:
    """The document read, the line each part of it was read from (by JSON path), and
    the report of what each part of the file became."""

    document: ix.Document
    lines: dict[str, int] = field(default_factory=dict)
    report: ImportReport = field(default_factory=ImportReport)


def _split_labels(found: list[Token]) -> list[Token]:
    """A paragraph that begins with a part's name ("Beslutning: Godkendt.") as a heading
    and the paragraph under it."""
    out: list[Token] = []
    for token in found:
        if isinstance(token, Paragraph):
            match = _INLINE_LABEL.match(token.lines[0])
            label = match and (match["a"] or match["b"])
            key = cv.label_key(label) if label else ""
            known = part_headings.SECTION_HEADINGS if match and match["a"] else _SAY_SO
            if match and key in known and key not in header_labels.FIELDS:
                out.append(Heading(token.line, 6, label.strip()))  # type: ignore[union-attr]
                out.append(Paragraph(token.line, [match["text"], *token.lines[1:]]))
                continue
        out.append(token)
    return out


def _document(reader: Reader, closed: Closed) -> ix.Document:
    report = reader.report
    meeting, word = read_header(reader)
    ctx = Context(names={p.name for p in meeting.participants}, report=report)
    about = Meeting(forum=meeting.forum, date=meeting.date, ctx=ctx)
    items: list[ix.Item] = []
    printed: list[str] = []
    remarks: list[str] = []
    closed_part = False
    hidden: list[Paragraph] = []
    while (token := reader.peek()) is not None:
        reader.advance()
        if isinstance(token, Paragraph) and closed_part:
            # In the closed part, text before an item goes with that item: never public.
            hidden.append(token)
            continue
        if isinstance(token, Paragraph):
            remarks.append(token.text)
            report.unplaced(
                token.line,
                token.line + len(token.lines) - 1,
                "mødets bemærkninger",
                "tekst uden for et punkt",
            )
            continue
        key = cv.label_key(token.text)
        found = item_markers.item_heading(token.text)
        if key in part_headings.TOC_HEADINGS:
            skipped = reader.paragraphs()  # the contents repeat the titles
            last = skipped[-1].line + len(skipped[-1].lines) - 1 if skipped else token.line
            report.note(token.line, last, "indholdsfortegnelse", "gentager titlerne; sprunget over")
        elif item_markers.CLOSED_PART.match(key):
            closed_part = True
            report.note(token.line, token.line, "lukket del", "punkterne herefter er lukkede")
        elif item_markers.OPEN_PART.match(key):
            closed_part = False
            report.note(token.line, token.line, "åben del", "punkterne herefter er åbne")
        elif found is not None:
            printed.append(found[0])
            items.append(read_item(reader, token, found[1], len(items), about, closed_part))
            if hidden and items[-1].closed:
                keep_with(items[-1], hidden, report, len(items) - 1, reader.where)
                hidden = []
        elif key == phrases.H_APPROVALS.casefold() and token.level <= 2:
            meeting.approvals.extend(read_approvals(reader, len(meeting.approvals)))
            report.note(
                token.line, token.line, "godkendelse", f"{len(meeting.approvals)} underskrifter"
            )
        elif key == phrases.H_CORRECTIONS.casefold() and token.level <= 2:
            meeting.corrections.extend(read_corrections(reader, len(meeting.corrections)))
            report.note(
                token.line, token.line, "rettelser", f"{len(meeting.corrections)} rettelser"
            )
        else:
            kept = [token.text, *(p.text for p in reader.paragraphs())]
            while (after := reader.peek()) is not None and not ends_items(after) and not items:
                reader.advance()
                kept.append(after.text)
            remarks.append("\n\n".join(kept))
            report.unplaced(
                token.line,
                token.line,
                "mødets bemærkninger",
                f"uventet overskrift '{token.text}' før første punkt",
            )
    if not items:
        raise fail(
            reader.tokens[-1].line if reader.tokens else 1,
            "ingen punkter fundet (forventede en overskrift som '## Punkt 1: …')",
        )
    if hidden:  # after the last item of the closed part: kept with it, closed
        items[-1].closed = True
        keep_with(items[-1], hidden, report, len(items) - 1, reader.where)
    for unsure in report.unsure:
        if closed == "closed":
            items[unsure.index].closed = True
    if remarks:
        before = ix.given(meeting.remarks, None)
        meeting.remarks = one_line([*([before] if before else []), *remarks])
    # One label before every case number is the forum's: printed again as read.
    numbered = sum(1 for i in items if i.case_number)
    if len(set(about.case_labels)) == 1 and len(about.case_labels) == numbered:
        meeting.case_label = about.case_labels[0]
    meeting.first_number, numbers = _numbering(printed)
    for item, number in zip(items, numbers, strict=True):
        item.number = number
    meeting.items = items
    del word
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
    text = nfc(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    # A NUL is refused here, before markdown-it turns it into U+FFFD and the text would be
    # stored changed; other control characters reach the input gate, which names the field.
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise fail(line, "linjen indeholder et styretegn (U+0000); det kan ikke gemmes")
    return text


def sniff_source(data: bytes | str) -> Source:
    """PDF by its signature; Markdown when a line starts with '#' or a bold label, else
    plain text."""
    if isinstance(data, bytes) and is_pdf(data):
        return "pdf"
    head = data[:20000] if isinstance(data, str) else data[:20000].decode("utf-8", "replace")
    if re.search(r"^ {0,3}#{1,6} \S|^\*\*[^*\n]+\*\*", head, re.MULTILINE):
        return "markdown"
    return "tekst"


def parse(
    data: bytes | str,
    *,
    source: Source | None = None,
    strict: bool = False,
    closed: Closed = "ask",
) -> Parsed:
    """Read a referat into a Document, or raise DocumentError naming the line."""
    source = source or sniff_source(data)
    report = ImportReport(source=source, strict=strict)
    typographic: frozenset[int] = frozenset()
    if source == "pdf":
        page = read_pdf(data if isinstance(data, bytes) else data.encode())
        text, typographic = nfc(page.text), frozenset(page.headings)
        for line, what, why in page.left_out:
            report.note(line, line, what, why)
    else:
        text = _text(data)
        if source == "tekst":
            text = plaintext.clean(text, report)
    found = (
        tokens(text, part_headings.known_heading)
        if source == "markdown"
        else plaintext.tokens(text, typographic)
    )
    reader = Reader(_split_labels(found), text.rstrip().count("\n") + 1, report=report)
    document = _document(reader, closed)
    return Parsed(document, reader.where, report)


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
