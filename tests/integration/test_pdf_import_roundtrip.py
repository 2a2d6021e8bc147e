"""A referat published as our own PDF, read back by the PDF importer: the same meeting,
but for what a PDF's text does not carry (the blank line between two paragraphs of one
section, and the header's order of participants, which groups them by attendance)."""

from __future__ import annotations

import msgspec

from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.parse.markdown import parse
from projections.documents.render.export import render
from projections.importing.document import import_document
from tests.paths import DEMO


def _paragraphs_joined(text: str) -> str:
    # "a.\n\nb." -> "a. b."; "a:\n\n- b" -> "a:\n- b" (a list keeps its lines)
    return text.replace("\n\n- ", "\n- ").replace("\n\n", " ")


def test_our_pdf_reads_back_as_the_meeting_it_printed(sqlite_minutes: Minutes) -> None:
    meeting_id, _ = import_document(sqlite_minutes, ix.decode(DEMO.read_bytes()), "Test")
    state = sqlite_minutes.get(meeting_id).state
    pdf = render(state, "pdf")
    parsed = parse(pdf, closed="closed")
    assert parsed.report.unplaced_entries == [], parsed.report.render()

    original = msgspec.to_builtins(ix.decode(render(state, "json")))
    read = msgspec.to_builtins(parsed.document)
    for data in (original, read):
        data["meeting"]["participants"].sort(key=lambda p: p["name"])
        for item in data["meeting"]["items"]:
            for section in item.get("sections", []):
                section["text"] = _paragraphs_joined(section["text"])
    assert read == original
