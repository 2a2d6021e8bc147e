"""The program's own text and PDF exports of approved minutes (signatures and the
Kontrolsum under them) import back into a new store as the same meeting: the signature
lines, wrapped by the page or set as the PDF's table, are read as signatures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.parse.markdown import parse
from projections.documents.referat import digest, document
from projections.documents.render.export import render_meeting
from projections.importing.parsed import store_parsed
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting


def _same(doc: ix.Document) -> dict[str, object]:
    """What a printed page keeps: paragraphs may come back joined, and participants in
    the header's order (grouped by attendance)."""
    data: dict[str, Any] = msgspec.to_builtins(doc)
    meeting = data["meeting"]
    meeting["participants"].sort(key=lambda p: p["name"])
    for item in meeting["items"]:
        for section in item.get("sections", []):
            section["text"] = section["text"].replace("\n\n- ", "\n- ").replace("\n\n", " ")
    return data


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_our_export_of_approved_minutes_imports_back(
    sqlite_minutes: Minutes, tmp_path: Path, fmt: str
) -> None:
    mid, _ = full_meeting(sqlite_minutes)
    sqlite_minutes.sign_minutes(mid, SECRETARY, "Anne Holm", digest, "Med forbehold for punkt 2")
    sqlite_minutes.sign_minutes(mid, SECRETARY, "Cecilie Ravn", digest)
    exported = render_meeting(sqlite_minutes, mid, fmt, checksum="131:9f86d081884c7d65")
    parsed = parse(exported, closed="closed")
    assert parsed.report.unplaced_entries == [], parsed.report.render()
    assert [a.by for a in parsed.document.meeting.approvals] == ["Anne Holm", "Cecilie Ravn"]
    assert parsed.document.meeting.approvals[0].reservation == "Med forbehold for punkt 2"

    other = open_minutes(str(tmp_path / "other.db"))
    try:
        new_id, recorded = store_parsed(other, parsed, SECRETARY)
        assert recorded > 0
        original = document(sqlite_minutes.get(mid).state)
        again = document(other.get(new_id).state)
        assert _same(again) == _same(original)
    finally:
        other.close()
