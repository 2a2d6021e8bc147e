"""Search inside Bilag (issue 25): the words of a PDF or text file, extracted once on
attach, are found on both stores (with Danish stemming, as every text); a closed Bilag's
words, and those of a closed item's Bilag, only in the internal search; a file removed
from the item is no longer found; an encrypted store finds them too (its read models
are in memory)."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.application import Minutes
from projections.files.inspect import inspect
from projections.readmodels.runner import ReadModels
from projections.store.cipher import new_key
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting
from tests.files import pdf


def _fields(app: Minutes, query: str, internal: bool = False) -> set[str]:
    return {hit.field for hit in ReadModels.of(app).search(query, internal=internal)}


def test_words_inside_files_are_found_and_closed_ones_only_internally(minutes: Minutes) -> None:
    mid, ids = full_meeting(minutes)
    plan = inspect(pdf("Forside", "Gadebelysningen på Havnevej udskiftes i 2027."), "p.pdf")
    notes = inspect("Grundejerforeningen ønsker cykelstier.\n".encode(), "n.txt")
    secret = inspect(pdf("Mindstepris for matriklen: 2,4 mio. kr."), "s.pdf")
    other = inspect(pdf("Lukket forhandlingsnotat om matriklen"), "o.pdf")
    minutes.attach_file(mid, SECRETARY, ids["budget"], "Belysningsplan", plan)
    minutes.attach_file(mid, SECRETARY, ids["budget"], "Høringssvar", notes)
    minutes.attach_file(mid, SECRETARY, ids["lukket"], "Valuarens vurdering", secret)
    minutes.attach_file(mid, SECRETARY, ids["budget"], "Notat", other, closed=True)

    assert _fields(minutes, "gadebelysning") == {"Bilag: Belysningsplan"}
    assert _fields(minutes, "cykelsti") == {"Bilag: Høringssvar"}  # "cykelstier", stemmed
    assert _fields(minutes, "matriklen") == set()
    assert _fields(minutes, "matriklen", internal=True) == {
        "Bilag: Valuarens vurdering",
        "Bilag: Notat",
    }

    minutes.remove_attachment(mid, SECRETARY, ids["budget"], "Belysningsplan")
    assert _fields(minutes, "gadebelysning") == set()
    ReadModels.of(minutes).rebuild()
    assert _fields(minutes, "cykelsti") == {"Bilag: Høringssvar"}


def test_an_encrypted_store_finds_words_in_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHEFFORUM_CIPHER_KEY", new_key())
    app = open_minutes(str(tmp_path / "events.db"))
    try:
        mid, ids = full_meeting(app)
        plan = inspect(pdf("Vandløbsregulativ"), "v")
        app.attach_file(mid, SECRETARY, ids["budget"], "Plan", plan)
        assert _fields(app, "vandløbsregulativ") == {"Bilag: Plan"}
    finally:
        app.close()
