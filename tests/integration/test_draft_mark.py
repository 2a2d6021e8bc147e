"""A referat nobody has signed is marked UDKAST in every format a person reads (text,
Markdown, HTML, PDF: under the title and on every page of the text and the PDF) until the
first signature; the JSON keeps to the interchange format and gains no key."""

from __future__ import annotations

import io
import json
from typing import Any
from uuid import UUID

import pytest
from pypdf import PdfReader

from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.export_file import export_file
from projections.documents.referat import digest
from tests.builders import SECRETARY, full_meeting

MARK = "UDKAST – ikke godkendt"


def shown(minutes: Minutes, meeting_id: UUID, fmt: str, **view: Any) -> list[str]:
    """The export's pages as a reader sees them (a PDF's extracted text)."""
    data = export_file(minutes, meeting_id, fmt, **view)
    if fmt == "pdf":
        return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return data.decode("utf-8").split("\f")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "pdf"])
def test_a_draft_is_marked_until_the_first_signature(fmt: str, minutes: Minutes) -> None:
    meeting_id, _ = full_meeting(minutes)
    draft = shown(minutes, meeting_id, fmt)
    assert MARK in "\n".join(draft)
    if fmt in ("text", "pdf"):  # every page, so no page of a draft passes for the minutes
        assert all("UDKAST" in page for page in draft), [p[-80:] for p in draft]
    for view in ({"public_view": True}, {}):
        assert MARK in "\n".join(shown(minutes, meeting_id, fmt, **view))
    # The dagsorden is no referat: never a draft mark.
    assert "UDKAST" not in "\n".join(shown(minutes, meeting_id, fmt, agenda_view=True))
    minutes.sign_minutes(meeting_id, SECRETARY, "Anne Holm", digest)
    signed = "\n".join(shown(minutes, meeting_id, fmt))
    assert "UDKAST" not in signed
    assert "Godkendt af Anne Holm" in " ".join(signed.split()) or fmt == "pdf"
    # As it stood before the signature (the history's export), it was a draft.
    before = minutes.get(meeting_id).version - 1
    assert MARK in "\n".join(shown(minutes, meeting_id, fmt, version=before))


def test_the_json_of_a_draft_has_no_mark_and_no_new_key(minutes: Minutes) -> None:
    meeting_id, _ = full_meeting(minutes)
    data = export_file(minutes, meeting_id, "json")
    assert b"UDKAST" not in data
    meeting = json.loads(data)["meeting"]
    assert meeting["approvals"] == []
    assert set(meeting) <= set(ix.Meeting.__struct_fields__)  # the spec's keys only
