"""Each table of recognisers of published minutes, entry by entry: for every entry one
real-world line it recognises, the entry the table picks for it (the first that reads it)
and what that entry read; and which other entries, if any, would read the same line (the
few overlaps are why the tables are tried in order). A new layout is one entry and one
fixture here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from projections.documents import interchange as ix
from projections.documents.parse import (
    attendance,
    decision_recognisers,
    header_labels,
    item_preamble,
    part_headings,
)
from projections.documents.parse.conventions import Recognisers
from projections.documents.parse.decision_recognisers import Block, Line, Status
from projections.documents.parse.tokens import Paragraph

_NAMES = {"Ib Lund"}


def _line(text: str) -> Line:
    return Line(text, 7, first=False, names=_NAMES)


def _block(*lines: str) -> Block:
    return Block(Paragraph(7, list(lines)), printed=True, opening=True)


def _fresh(text: str) -> item_preamble.PreambleLine:
    """A line under the heading of an item of which nothing is read yet."""
    return item_preamble.PreambleLine(ix.Item(title="Budget"), text, text, 7, first=False)


# (table, the entry's name, what it is given, what it reads, the later entries that would
# read it too)
CASES: list[tuple[Recognisers[Any, Any], str, Any, object, set[str]]] = [
    (decision_recognisers.REMARKS, "own_remark",
     "Protokolbemærkning fra Ib Lund (indført af Eva Holm): Jeg stemmer imod.",
     ix.Remark(by="Ib Lund", text="Jeg stemmer imod.", recorded_by="Eva Holm"),
     {"labelled_remark"}),  # the same words; ours says who recorded it
    (decision_recognisers.REMARKS, "labelled_remark",
     "MINDRETALSUDTALELSE fra Venstre: Vi kan ikke støtte forslaget.",
     ix.Remark(by="Venstre", text="Vi kan ikke støtte forslaget.", kind="mindretalsudtalelse"),
     set()),
    (decision_recognisers.REMARKS, "published_remark",
     "Jens Hansen (V) ønskede sin stemme ført til protokols.",
     ix.Remark(by="Jens Hansen", text="Jens Hansen (V) ønskede sin stemme ført til protokols."),
     set()),
    (decision_recognisers.PARAGRAPHS, "status_paragraph", _block("Udsat: Afventer høring."),
     Status("udsat", "Afventer høring."), set()),
    (decision_recognisers.PARAGRAPHS, "motion_paragraph",
     _block("Afstemning om forslag fra Venstre: Vejen lukkes", "For: 3 (A, V)", "Forkastet"),
     ix.Motion(text="Vejen lukkes", by="Venstre", result="forkastet",
               votes=[ix.Vote(option="for", count=3, who=["A", "V"])]),
     set()),
    (decision_recognisers.PARAGRAPHS, "remark_paragraph",
     _block("Ib Lund (V) ønskede sin stemme ført til", "protokols."),
     ix.Remark(by="Ib Lund", text="Ib Lund (V) ønskede sin stemme ført til protokols."),
     set()),
    (decision_recognisers.LINES, "remark_line",
     _line("Mindretalsudtalelse fra Venstre: Vi stemmer imod."),
     ix.Remark(by="Venstre", text="Vi stemmer imod.", kind="mindretalsudtalelse"), set()),
    (decision_recognisers.LINES, "own_vote_line", _line("For: 3 (A, V)"),
     ix.Vote(option="for", count=3, who=["A", "V"]), set()),
    (decision_recognisers.LINES, "published_vote_line", _line("Imod stemte: A, B og Ø."),
     ix.Vote(option="against", count=None, who=["A", "B", "Ø"]), set()),
    (decision_recognisers.LINES, "own_absence_line", _line("Fraværende: Ib Lund (inhabil)"),
     ix.ItemAbsence(name="Ib Lund", reason="inhabil"), set()),
    (decision_recognisers.LINES, "published_absence_line",
     _line("Ib Lund (V) deltog ikke i behandlingen af punktet."),
     ix.ItemAbsence(name="Ib Lund", reason="fraværende"), set()),
    (decision_recognisers.LINES, "tally_line",
     _line("34 stemmer for, 15 imod og 2 undlod at stemme."),
     [ix.Vote(option="for", count=34), ix.Vote(option="against", count=15),
      ix.Vote(option="abstain", count=2)],
     set()),
    (part_headings.HEADINGS, "section_heading", "SAGSFREMSTILLING", "sagsfremstilling", set()),
    (part_headings.HEADINGS, "contents_heading", "Indholdsfortegnelse:", "indholdsfortegnelse",
     set()),
    (part_headings.HEADINGS, "numbered_item_heading", "12. Budget for vejene 2025", "12", set()),
    (part_headings.HEADINGS, "closed_part_heading", "Lukket dagsorden", "lukket dagsorden",
     set()),
    (part_headings.HEADINGS, "open_part_heading", "Åben dagsorden", "åben dagsorden", set()),
    (part_headings.HEADINGS, "body_decision_heading",
     "Beslutning i Økonomiudvalget den 05-01-2022", "økonomiudvalget", set()),
    (part_headings.HEADINGS, "genitive_decision_heading",
     "Økonomiudvalgets beslutning den 5. januar 2022", "økonomiudvalget", set()),
    (part_headings.HEADINGS, "body_at_item_heading",
     "Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:", "Teknik- og Miljøudvalget",
     set()),
    (attendance.SENTENCES, "substitute_sentence",
     "Ib Holm (V) var indkaldt som stedfortræder for Eva Lund (V).",
     attendance.Substitution("Ib Holm (V)", "Eva Lund (V)"), set()),
    (attendance.SENTENCES, "substitute_for_sentence", "Stedfortræder for Eva Lund: Ib Holm.",
     attendance.Substitution("Ib Holm", "Eva Lund"), set()),
    (attendance.SENTENCES, "absent_sentence", "Ib Holm og Eva Lund deltog ikke i mødet.",
     attendance.Gone("absent", "Ib Holm og Eva Lund"), set()),
    (attendance.SENTENCES, "excused_sentence", "Eva Lund havde meldt afbud.",
     attendance.Gone("excused", "Eva Lund"), set()),
]  # fmt: skip


def _id(case: tuple[Recognisers[Any, Any], str, Any, object, set[str]]) -> str:
    return case[1]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_the_entry_reads_its_fixture(
    case: tuple[Recognisers[Any, Any], str, Any, object, set[str]],
) -> None:
    table, name, given, read, overlaps = case
    found = table.first(given)
    assert found is not None and found[0].__name__ == name
    assert found[1] == read
    also = {e.__name__ for e in table.entries if e.__name__ != name and e(given) is not None}
    assert also == overlaps


# The lines under an item's heading: each entry sets what it reads on the item.
PREAMBLE: list[tuple[str, str, Callable[[ix.Item], object], object, str]] = [
    ("duration_line", "(30 min.)", lambda i: i.duration_minutes, 30, ""),
    ("kind_line", "Orienteringspunkt", lambda i: i.kind, "orientering", ""),
    ("closed_line", "Lukket punkt", lambda i: i.closed, True, ""),
    ("case_number_line", "Sagsnr.: 22/1234   Sagsansvarlig: Ib Lund", lambda i: i.case_number,
     "22/1234", "Sagsansvarlig: Ib Lund"),
    ("all_attachments_line", "Se alle bilag", lambda i: [a.name for a in i.attachments],
     ["Se alle bilag"], ""),
    ("bare_case_number_line", "00.01.00-A00-1-22", lambda i: i.case_number,
     "00.01.00-A00-1-22", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "field", "value", "rest"), PREAMBLE, ids=[p[0] for p in PREAMBLE]
)
def test_the_preamble_entry_reads_its_fixture(
    name: str, text: str, field: Callable[[ix.Item], object], value: object, rest: str
) -> None:
    given = _fresh(text)
    found = item_preamble.PREAMBLE_LINES.first(given)
    assert found is not None and found[0].__name__ == name
    assert field(given.item) == value and found[1].rest == rest
    entries = item_preamble.PREAMBLE_LINES.entries
    assert [e.__name__ for e in entries if e(_fresh(text)) is not None] == [name]


@pytest.mark.parametrize(
    ("name", "text", "word", "person"),
    [
        ("role_before_name", "Formand Steen Christiansen (A)", "Formand", "Steen Christiansen (A)"),
        ("role_after_name", "Steen Christiansen (A), formand", "formand", "Steen Christiansen (A)"),
    ],
)
def test_the_role_form_reads_its_fixture(name: str, text: str, word: str, person: str) -> None:
    found = header_labels.ROLE_FORMS.first(text)
    assert found is not None and found[0].__name__ == name
    assert (found[1]["word"], found[1]["name"]) == (word, person)
    assert [e.__name__ for e in header_labels.ROLE_FORMS.entries if e(text)] == [name]


def test_every_entry_of_every_table_has_its_fixture() -> None:
    tables: list[Recognisers[Any, Any]] = [
        decision_recognisers.REMARKS,
        decision_recognisers.PARAGRAPHS,
        decision_recognisers.LINES,
        part_headings.HEADINGS,
        attendance.SENTENCES,
    ]
    named = {case[1] for case in CASES}
    assert {e.__name__ for t in tables for e in t.entries} == named
    entries = item_preamble.PREAMBLE_LINES.entries
    assert [e.__name__ for e in entries] == [p[0] for p in PREAMBLE]
    assert [e.__name__ for e in header_labels.ROLE_FORMS.entries] == [
        "role_before_name",
        "role_after_name",
    ]
