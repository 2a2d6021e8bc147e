"""The demo meeting: a made-up Chefforum meeting in the seed's layout, loaded by import."""

from __future__ import annotations

from importlib import resources

from domain.application import Minutes
from projections.documents import interchange as ix
from projections.importing.document import import_document


def load_demo(minutes: Minutes, actor: str) -> tuple[str, int]:
    """Import the demo; returns its FORUM/DATE name and how many events were recorded
    (none the second time: an import records only differences)."""
    data = resources.files("projections").joinpath("fixtures/demo.json").read_bytes()
    doc = ix.decode(data)
    _, recorded = import_document(minutes, doc, actor)
    return f"{doc.meeting.forum}/{doc.meeting.date.isoformat()}", recorded
