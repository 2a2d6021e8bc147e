"""Minutes in eight municipal layouts (tests/fixtures/municipal/), each imported into a
real store and exported as text, Markdown and JSON: every line of the file is accounted
for in the report, the minutes' own text comes back block by block in its order, closed
items' content is in no public export, and our own Markdown of it imports exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.parse.markdown import parse
from projections.documents.referat import document
from projections.documents.render import markdown
from projections.documents.render.export import render_meeting
from projections.importing.parsed import store_parsed
from tests.municipal import (
    FIXTURES,
    closed_blocks,
    contains,
    content_blocks,
    in_order,
    json_words,
    source_lines,
    words,
)


def printed_words(data: bytes) -> list[str]:
    return words(markdown.render(ix.decode(data)))


PARAMS = [pytest.param(path, id=path.stem) for path in FIXTURES]


def test_there_are_at_least_eight_layouts() -> None:
    assert len(FIXTURES) >= 8
    assert any(path.suffix == ".txt" for path in FIXTURES)


@pytest.mark.parametrize("path", PARAMS)
def test_every_line_of_the_file_is_accounted_for(path: Path) -> None:
    parsed = parse(path.read_bytes(), closed="closed")
    filled = {n for n, line in enumerate(source_lines(path), start=1) if line.strip()}
    assert filled - parsed.report.covered() == set()
    assert any(item.closed for item in parsed.document.meeting.items)


@pytest.mark.parametrize("path", PARAMS)
def test_a_municipal_layout_survives_the_store_block_for_block(
    path: Path, sqlite_minutes: Minutes
) -> None:
    parsed = parse(path.read_bytes(), closed="closed")
    meeting_id, recorded = store_parsed(sqlite_minutes, parsed, "Test")
    assert recorded > 0
    blocks = content_blocks(path, parsed)
    assert len(blocks) >= 5
    closed = closed_blocks(parsed)
    assert closed
    for fmt in ("text", "markdown", "json"):
        internal = render_meeting(sqlite_minutes, meeting_id, fmt)
        public = render_meeting(sqlite_minutes, meeting_id, fmt, public_view=True)
        # JSON holds a section printed after the decision by a flag, not by its place:
        # its blocks are compared in the order they print in.
        got = printed_words(internal) if fmt == "json" else words(internal.decode())
        shown = json_words(public) if fmt == "json" else words(public.decode())
        assert in_order(blocks, got) is None, f"{fmt}: linje {in_order(blocks, got)} mangler"
        for block in closed:
            assert contains(got, block), fmt
            assert not contains(shown, block), f"{fmt} public: {' '.join(block)}"
    # Our own Markdown of it reads back to the same document, and imports as nothing new.
    stored = document(sqlite_minutes.get(meeting_id).state)
    again = parse(render_meeting(sqlite_minutes, meeting_id, "markdown"))
    assert ix.encode(again.document) == ix.encode(stored)
    assert again.report.unplaced_entries == [] and again.report.unsure == []
    assert store_parsed(sqlite_minutes, again, "Test")[1] == 0


def test_a_layout_imports_into_postgres_as_into_sqlite(minutes: Minutes) -> None:
    path = FIXTURES[0]
    parsed = parse(path.read_bytes(), closed="closed")
    meeting_id, _ = store_parsed(minutes, parsed, "Test")
    assert ix.encode(document(minutes.get(meeting_id).state)) == ix.encode(parsed.document)
