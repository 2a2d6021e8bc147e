"""Issue 12, the input and output half: one gate for text, bounds, confusable forum names,
transcribed signatures, inert Markdown and the public view of a stored meeting."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from domain.application import Minutes
from domain.errors import InvalidInput, RuleViolation
from domain.meeting.state import Vote
from domain.text import free_text, line, skeleton
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError
from projections.documents.parse.markdown import decode as decode_markdown
from projections.documents.parse.tokens import live
from projections.documents.referat import ever_closed, public_document
from projections.documents.render import markdown
from projections.documents.render.markdown import inert
from projections.importing.document import import_document
from tests.builders import SECRETARY, full_meeting

A = SECRETARY


# -- the gate -------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\r", "\x08", "\x7f", "\x00", "\x9b", "\udcff"])
def test_a_title_with_a_control_character_is_refused_naming_the_field(
    minutes: Minutes, char: str
) -> None:
    mid = minutes.schedule(A, "Chefforum", date(2026, 5, 20))
    before = minutes.get(mid).version
    with pytest.raises(InvalidInput, match=r"^Punktets titel indeholder et .*\(U\+") as refused:
        minutes.add_item(mid, A, f"A{char}[31mB")
    assert f"U+{ord(char):04X}" in str(refused.value)
    assert minutes.get(mid).version == before


def test_the_message_is_the_one_the_issue_asks_for() -> None:
    with pytest.raises(InvalidInput) as refused:
        line("A\x1bB", "Punktets titel")
    assert str(refused.value) == (
        "Punktets titel indeholder et styretegn (U+001B); det kan ikke gemmes."
    )


def test_free_text_keeps_line_feeds_and_tabs_and_reads_cr_as_lf() -> None:
    assert free_text("a\r\nb\rc\n\td", "Beslutningen") == "a\nb\nc\n\td"
    assert line("a\tb", "Titel") == "a\tb"
    with pytest.raises(InvalidInput, match="linjeskift"):
        line("a\nb", "Punktets titel")
    with pytest.raises(InvalidInput, match="U\\+0000"):
        free_text("a\x00b", "Beslutningen")
    assert free_text("e\u0301", "x") == "é"  # NFC


def test_lengths_and_numbers_are_bounded(minutes: Minutes) -> None:
    mid = minutes.schedule(A, "Chefforum", date(2026, 5, 20))
    minutes.add_item(mid, A, "x" * 500)
    with pytest.raises(InvalidInput, match=r"har for mange tegn \(501; højst 500\)"):
        minutes.add_item(mid, A, "y" * 501)
    with pytest.raises(InvalidInput, match="Tidsforbruget er for stort"):
        minutes.add_item(mid, A, "z", duration_minutes=10**30)
    with pytest.raises(InvalidInput, match="Første punktnummer er for stort"):
        minutes.schedule(A, "Chefforum", date(2026, 5, 21), first_number=10**30)
    with pytest.raises(InvalidInput, match=r"højst 100\.000"):
        free_text("x" * 100_001, "Afsnittet")
    meeting = minutes.get(mid)
    item = meeting.state.items[0].id
    meeting.publish_agenda(A)
    meeting.start(A)
    with pytest.raises(InvalidInput, match="Antallet af stemmer er for stort"):
        meeting.record_votes(A, item, [Vote(option="for", count=10**30, who=())])


def test_the_interchange_decoder_bounds_numbers() -> None:
    doc = ix.encode(ix.Document(format=ix.FORMAT, meeting=ix.Meeting(forum="F", date=date.today())))
    big = doc.replace(b'"first_number": 1', b'"first_number": 1000000000000000000000000000000')
    with pytest.raises(DocumentError, match="first_number"):
        ix.decode(big)


@pytest.mark.parametrize(
    "data",
    [
        "# REFERAT F d. 01-01-2026\n\n## Punkt ²: A\n\n### Beslutning\n\nFor: 1\n",
        "# REFERAT F d. 01-01-2026\n\n## Punkt 1: A\n\n*(" + "9" * 5000 + " min.)*\n",
        "# REFERAT F d. 01-01-2026\n\n## Punkt 1: A\n\n### Beslutning\n\nFor: " + "9" * 5000,
        "# REFERAT F d. 01-01-2026\n\n## Punkt " + "7" * 5000 + ": A\n",
    ],
)
def test_odd_numbers_in_markdown_are_one_line_or_read(data: str) -> None:
    try:
        decode_markdown(data)
    except DocumentError as e:
        assert len(str(e).splitlines()) == 1


# -- forum names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lookalike",
    ["Byr\u200baad", "\u0412yraad", "Вyrааd", "ＢＹＲＡＡＤ", "Byraad\u202e", "Byra\u0430d"],
)
def test_a_forum_name_that_only_looks_like_another_is_refused(
    minutes: Minutes, lookalike: str
) -> None:
    minutes.schedule(A, "Byraad", date(2026, 5, 20))
    with pytest.raises(RuleViolation, match="ligner forummet 'Byraad', som findes; brug det navn"):
        minutes.schedule(A, lookalike, date(2026, 5, 21))
    assert {s.forum for s in minutes.summaries()} == {"Byraad"}


def test_the_same_name_in_other_letter_case_is_the_same_forum(minutes: Minutes) -> None:
    minutes.schedule(A, "Byraad", date(2026, 5, 20))
    minutes.schedule(A, "byraad", date(2026, 5, 21))  # same forum, as before
    minutes.schedule(A, "Byrådet", date(2026, 5, 21))  # another forum
    assert skeleton("Økonomiudvalget") != skeleton("Økonomiudvalg")


# -- signatures from a file -----------------------------------------------------------------


def _held(minutes: Minutes) -> ix.Document:
    mid, _ = full_meeting(minutes)
    return import_document.__globals__["document"](minutes.get(mid).state)  # type: ignore[no-any-return]


def _with_approval(doc: ix.Document, **approval: object) -> ix.Document:
    signed = ix.Approval(by="Anne Holm", **approval)  # type: ignore[arg-type]
    meeting = ix.Meeting(**{**_fields(doc.meeting), "approvals": [signed]})
    return ix.Document(format=ix.FORMAT, meeting=meeting)


def _fields(m: ix.Meeting) -> dict[str, Any]:
    return {f: getattr(m, f) for f in m.__struct_fields__}


def test_an_imported_signature_says_who_recorded_it(minutes: Minutes) -> None:
    doc = _held(minutes)
    at = datetime(2026, 9, 9, 10, tzinfo=UTC)
    import_document(minutes, _with_approval(doc, at=at), A)
    state = minutes.get(minutes.meeting_ids()[0]).state
    assert state.approvals[0].recorded_by == A
    assert "(givet på papir, registreret af Karen Dahl)" in markdown.render(
        import_document.__globals__["document"](state)
    )


def test_a_member_may_not_import_signatures_and_nobody_a_future_one(minutes: Minutes) -> None:
    doc = _held(minutes)
    mid = minutes.meeting_ids()[0]
    version = minutes.get(mid).version
    past = datetime(2026, 9, 9, 10, tzinfo=UTC)
    with pytest.raises(RuleViolation, match="kan ikke indføre underskrifter"):
        import_document(minutes, _with_approval(doc, at=past), "Anne Holm")
    future = datetime.now(UTC) + timedelta(days=2)
    with pytest.raises(RuleViolation, match="dateret i fremtiden"):
        import_document(minutes, _with_approval(doc, at=future), A)
    with pytest.raises(RuleViolation, match="før mødet"):
        import_document(minutes, _with_approval(doc, at=datetime(2020, 1, 1, tzinfo=UTC)), A)
    assert minutes.get(mid).version == version


# -- inert Markdown -------------------------------------------------------------------------

EVIL = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<!-- skjult -->",
    "\\<b>fed\\</b>",
    "\\\\<i>x</i>",
    "[ok](https://solbjerg.dk/dagsorden)",
    "a ]\\(b",
]
HTML_MARKUP = re.compile(r"<(script|img|i|b|!--)|href=\"(?!https?://)", re.IGNORECASE)


def _evil_document(value: str) -> ix.Document:
    item = ix.Item(
        title=f"Titel {value}",
        sections=[ix.Section(heading="Sagsfremstilling", text=f"{value}\n\n{value} igen")],
        decision=ix.Decision(text=value),
        remarks=[ix.Remark(by="Anne Holm", text=value)],
    )
    meeting = ix.Meeting(forum="Chefforum", date=date(2026, 5, 20), place=value, items=[item])
    return ix.Document(format=ix.FORMAT, meeting=meeting)


@pytest.mark.parametrize("value", EVIL)
def test_the_markdown_export_shows_html_and_unsafe_links_as_text(value: str) -> None:
    doc = _evil_document(value)
    written = markdown.render(doc)
    page = MarkdownIt("commonmark", {"html": True}).render(written)
    assert not HTML_MARKUP.search(page), page
    assert ix.encode(decode_markdown(written)) == ix.encode(doc)


ALPHABET = "\\<>[]():#a/!? -*_&\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=24))
def test_inert_is_taken_back_exactly(value: str) -> None:
    for one_line in value.split("\n"):
        assert live(inert(one_line)) == one_line


# -- the public view ------------------------------------------------------------------------


def test_an_item_closed_later_is_hidden_at_every_earlier_position(minutes: Minutes) -> None:
    mid = minutes.schedule(A, "Chefforum", date(2026, 5, 20))
    item = minutes.add_item(mid, A, "Salg af grund")
    minutes.write_section(mid, A, item, "Sagsfremstilling", "Køberen er Hemmelig A/S.")
    early = minutes.get(mid).version
    minutes.change_item_fields(mid, A, item, closed=True)
    closed = ever_closed(minutes.events.get(mid))
    assert closed == {item}
    then = public_document(minutes.get(mid, version=early).state, closed)
    assert "Hemmelig" not in ix.encode(then).decode()
    assert then.meeting.items[0].closed
    assert "Hemmelig" in ix.encode(public_document(minutes.get(mid, version=early).state)).decode()
