"""The interchange format's additions `Item.recommendation_at` (an Indstilling printed
after some of the item's sections) and `Meeting.case_label` (the label before case
numbers): stored as events, exported, printed in that order and with that label, and
read back from our own text and PDF and from a published PDF's layout."""

from __future__ import annotations

from typing import Any

import msgspec

from domain.application import Minutes
from domain.meeting.events.meeting import CaseLabelSet
from domain.meeting.events.texts import RecommendationPlaced
from projections.documents import interchange as ix
from projections.documents.parse.markdown import parse
from projections.documents.referat import document
from projections.documents.render.export import render_meeting
from projections.importing.document import import_document
from projections.importing.parsed import store_parsed

_DOC: dict[str, Any] = {
    "format": ix.FORMAT,
    "meeting": {
        "forum": "Økonomiudvalget",
        "date": "2014-10-06",
        "participants": [{"name": "Ib Lund", "party": "A"}],
        "items": [
            {
                "title": "Tillægsbevilling til vejbelysning",
                "case_number": "11/565",
                "recommendation": {"by": "Direktionen", "points": ["at bevillingen gives"]},
                "sections": [
                    {"heading": "Resumé", "text": "Lamperne er udtjente."},
                    {"heading": "Sagsfremstilling", "text": "Udskiftningen sparer strøm."},
                    {"heading": "Økonomi", "text": "Beløbet tages af kassen."},
                ],
                "decision": {"text": "Anbefales."},
                "recommendation_at": 2,
            },
            {"title": "Orientering", "case_number": "11/566"},
        ],
        "case_label": "Sagsid.",
    },
}


def test_the_keys_are_stored_printed_and_read_back(sqlite_minutes: Minutes) -> None:
    doc = msgspec.convert(_DOC, ix.Document)
    meeting_id, _ = import_document(sqlite_minutes, doc, "Test")
    kinds = {type(e) for e in sqlite_minutes.events.get(meeting_id)}
    assert {RecommendationPlaced, CaseLabelSet} <= kinds
    stored = document(sqlite_minutes.get(meeting_id).state)
    assert stored.meeting.case_label == "Sagsid."
    assert stored.meeting.items[0].recommendation_at == 2

    text = render_meeting(sqlite_minutes, meeting_id, "text").decode()
    assert "Sagsid.: 11/565" in text and "Sagsid.: 11/566" in text
    order = [
        text.index(f"\n{w}\n") for w in ("Resumé", "Sagsfremstilling", "Indstilling", "Økonomi")
    ]
    assert order == sorted(order), "the Indstilling prints after the first two sections"

    for fmt in ("text", "pdf", "markdown"):
        read = parse(render_meeting(sqlite_minutes, meeting_id, fmt), closed="open").document
        assert read.meeting.case_label == "Sagsid.", fmt
        assert read.meeting.items[0].recommendation_at == 2, fmt
        assert read.meeting.items[1].recommendation_at is msgspec.UNSET, fmt
        assert (
            store_parsed(
                sqlite_minutes,
                parse(render_meeting(sqlite_minutes, meeting_id, fmt), closed="open"),
                "Test",
            )[1]
            == 0
        ), fmt


def test_a_document_without_the_keys_exports_as_before(sqlite_minutes: Minutes) -> None:
    plain = dict(_DOC["meeting"])
    plain.pop("case_label")
    plain["items"] = [dict(i) for i in plain["items"]]
    plain["items"][0].pop("recommendation_at")
    doc = msgspec.convert({"format": ix.FORMAT, "meeting": plain}, ix.Document)
    meeting_id, _ = import_document(sqlite_minutes, doc, "Test")
    exported = render_meeting(sqlite_minutes, meeting_id, "json")
    assert b"case_label" not in exported and b"recommendation_at" not in exported
    text = render_meeting(sqlite_minutes, meeting_id, "text").decode()
    assert "\n11/565\n" in text
    assert text.index("\nIndstilling\n") < text.index("\nResumé\n")
