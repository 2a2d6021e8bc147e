"""The referat as a PDF in print layout (A4), typeset by Typst through its Python package.

The page layout is the template referat.typ; what it prints comes from layout.blocks,
as for the other formats, handed over as JSON in sys.inputs. The template only shows
those strings, never evaluates them, so no markup in a title or a decision is ever
interpreted: escaping by construction. The contents' page numbers are looked up by
Typst where each item heading landed, so they are right however the text flows.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import msgspec

from domain.text import nfc
from projections.documents import interchange as ix
from projections.documents.render import layout as lo
from projections.documents.render import phrases, printed_dates

# Phrases printed only in the PDF (the others are in layout.py).
PAGE = "Side"
OF = "af"
APPROVED_INTRO = "Referatet er godkendt af:"
NOT_APPROVED = "Referatet er endnu ikke godkendt."
COLUMNS = ("Navn", "Godkendt", "Underskrift")
SIGNED_HERE = "Digitalt i chefforum"
ON_PAPER = "På papir, registreret af "
VIA_LINK = "Godkendt via personligt link"
RESERVATION = "Med forbehold: "


@cache
def _template() -> bytes:
    return resources.files(__package__).joinpath("referat.typ").read_bytes()


def _free_text(text: str) -> list[dict[str, Any]]:
    """Paragraphs of free text; runs of "- " and "1. " lines become lists, as in HTML."""
    parts: list[dict[str, Any]] = []
    for block in lo.text_blocks(text):
        if block.kind == "p":
            parts.append({"kind": "p", "lines": list(block.lines)})
            continue
        start = int(block.start) if block.start is not None else 1
        parts.append({"kind": block.kind, "start": start, "items": list(block.lines)})
    return parts


def _block(block: lo.Block) -> dict[str, Any]:
    match block:
        case lo.Title(text):
            return {"kind": "title", "text": text}
        case lo.Draft(text):
            return {"kind": "draft", "text": text}
        case lo.Field(label, value):
            return {"kind": "fields", "rows": [{"label": label, "value": value}]}
        case lo.Heading(text, level):
            return {"kind": "heading", "text": text, "level": level}
        case lo.ItemHeading(index, text):
            return {"kind": "item", "index": index, "text": text}
        case lo.Toc(entries):
            rows = [{"number": number, "title": title} for number, title in entries]
            return {"kind": "contents", "entries": rows}
        case lo.Para(text):
            return {"kind": "para", "lines": text.split("\n")}
        case lo.Note(text):
            return {"kind": "note", "text": text}
        case lo.Numbered(items):
            return {"kind": "numbered", "items": [point.split("\n") for point in items]}
        case lo.Body(text):
            return {"kind": "body", "parts": _free_text(text)}
    raise TypeError(block)


def _signatures(m: ix.Meeting) -> dict[str, Any]:
    """The signature page: who approved, when (in the meeting's zone), and how."""
    zone = ix.given(m.time_zone, None)
    rows = [
        {
            "name": a.by,
            "when": printed_dates.moment(a.at, zone),
            "how": (
                ON_PAPER + a.recorded_by
                if a.recorded_by
                else VIA_LINK
                if ix.given(a.via, None) == "link"
                else SIGNED_HERE
            ),
            "reservation": RESERVATION + a.reservation if a.reservation else None,
        }
        for a in m.approvals
    ]
    checksum = lo.CHECKSUM.get()
    return {
        "kind": "signatures",
        "heading": phrases.H_APPROVALS,
        "intro": APPROVED_INTRO,
        "pending": NOT_APPROVED,
        "columns": list(COLUMNS),
        "rows": rows,
        "checksum": lo.CHECKSUM_LABEL + checksum if checksum and rows else None,
    }


def blocks(doc: ix.Document, *, agenda: bool = False) -> list[dict[str, Any]]:
    """The template's data: layout's blocks (neighbouring header fields as one table),
    with the approvals on a signature page of their own before any corrections."""
    m = doc.meeting
    content = msgspec.structs.replace(m, approvals=[], corrections=[])
    out: list[dict[str, Any]] = []
    draft = lo.is_draft(m, agenda)  # judged on the meeting with its approvals
    content_doc = ix.Document(format=doc.format, meeting=content)
    for block in lo.blocks(content_doc, agenda=agenda, draft=draft):
        data = _block(block)
        if data["kind"] == "fields" and out and out[-1]["kind"] == "fields":
            out[-1]["rows"].extend(data["rows"])
        else:
            out.append(data)
    if not agenda:
        out.append(_signatures(m))
        out.extend(map(_block, lo.closing(msgspec.structs.replace(m, approvals=[]))))
    return out


def render(doc: ix.Document, *, agenda: bool = False) -> bytes:
    """The referat (or, with agenda, the dagsorden) as the bytes of a PDF file."""
    data = {
        "title": lo.title_line(doc.meeting, agenda),
        "draft": phrases.DRAFT if lo.is_draft(doc.meeting, agenda) else None,
        "words": {"page": PAGE, "of": OF},
        "blocks": blocks(doc, agenda=agenda),
    }
    inputs = {"referat": nfc(msgspec.json.encode(data).decode("utf-8"))}
    # Only the fonts inside the wheel: the same pages on every machine. PDF/UA-1: tagged
    # and titled for screen readers, as a public authority's documents must be.
    import typst  # loaded only when a PDF is typeset: no other command needs it

    pdf = typst.compile(
        _template(),
        sys_inputs=inputs,
        ignore_system_fonts=True,
        format="pdf",
        pdf_standards="ua-1",
    )
    assert isinstance(pdf, bytes)  # one file, as no output path was given
    return pdf
