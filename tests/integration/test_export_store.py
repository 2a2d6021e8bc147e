"""Exports through the CLI from a real store: the public view, the agenda, files written with -o."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chefforum_tui.cli import main
from domain.application import Minutes
from projections.documents import interchange as ix
from projections.importing.document import import_document
from tests.paths import DEMO
from tests.unit.test_export import (
    DECISION_HEADING,
    FORMATS,
    MARKERS,
    RECORD,
    closed_meeting,
    export,
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_public_export_never_shows_a_closed_item_beyond_its_title(
    fmt: str, minutes: Minutes, store: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    import_document(minutes, ix.decode(closed_meeting()), "Test")
    ref = "Økonomiudvalget/2026-09-02"
    internal = export(store, ref, "--format", fmt, capsysbinary=capsysbinary)
    public = export(store, ref, "--format", fmt, "--public", capsysbinary=capsysbinary)
    assert [name for name, marker in MARKERS.items() if marker not in internal] == []
    assert [name for name, marker in MARKERS.items() if marker in public] == []
    assert ("777" if fmt == "json" else "(777 min.)") in internal
    # The closed item's 777 minutes, not three sevens inside a random Kontrolsum or id.
    assert re.search(r"(?<![0-9a-f])777(?![0-9a-f])", public) is None
    assert "Køb af ejendom på Åvej" in public and "Tilstandsrapporten er fra 2025." in public
    if fmt != "json":
        assert "Køb af ejendom på Åvej (Lukket punkt)" in public


@pytest.mark.parametrize("fmt", FORMATS[:3])
def test_the_agenda_has_no_decisions_votes_remarks_or_approvals(
    fmt: str, minutes: Minutes, store: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    import_document(minutes, ix.decode(closed_meeting()), "Test")
    import_document(minutes, ix.decode(DEMO.read_bytes()), "Test")
    for ref in ("Økonomiudvalget/2026-09-02", "Chefforum/2026-06-17"):
        full = export(store, ref, "--format", fmt, capsysbinary=capsysbinary)
        agenda = export(store, ref, "--format", fmt, "--agenda", capsysbinary=capsysbinary)
        assert "REFERAT" in full and "DAGSORDEN" in agenda and "REFERAT" not in agenda
        assert "Indstilling" in agenda
        assert DECISION_HEADING.search(full) and not DECISION_HEADING.search(agenda)
        for words in RECORD[ref]:
            assert words in full and words not in agenda, words


def test_the_agenda_as_json_is_emptied_of_the_meeting_record(
    minutes: Minutes, store: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    import_document(minutes, ix.decode(closed_meeting()), "Test")
    ref = "Økonomiudvalget/2026-09-02"
    m = json.loads(export(store, ref, "--format", "json", "--agenda", capsysbinary=capsysbinary))
    meeting = m["meeting"]
    assert meeting["approvals"] == [] and meeting["corrections"] == [] and meeting["end"] is None
    for item in meeting["items"]:
        assert (item["decision"], item["remarks"], item["absent"]) == (None, [], [])


def test_export_writes_a_file_with_o(tmp_path: Path, sqlite_minutes: Minutes) -> None:
    import_document(sqlite_minutes, ix.decode(DEMO.read_bytes()), "Test")
    target = tmp_path / "referat.html"
    db = str(tmp_path / "events.db")
    assert (
        main(["--db", db, "export", "Chefforum/2026-06-17", "--format", "html", "-o", str(target)])
        == 0
    )
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
