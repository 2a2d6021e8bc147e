"""The conventions of published minutes, one by one: what the issue found refused or
misread, and the forms around it (own words and names)."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from projections.documents.interchange import DocumentError
from projections.documents.parse.dates import When, find_when
from projections.documents.parse.markdown import parse

HEAD = "# REFERAT Byrådet\n\n**Mødedato** 07.04.2022, kl. 17:30\n\n"


def _meeting(text: str, **options: object) -> object:
    return parse(text, **options).document.meeting  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "day", "start", "end"),
    [
        ("07.04.2022, kl. 17:30", date(2022, 4, 7), "17:30", None),
        ("Mandag den 05. december 2016 Kl. 18:30", date(2016, 12, 5), "18:30", None),
        ("Onsdag d. 20. maj 2026 kl. 09:00-11:00", date(2026, 5, 20), "09:00", "11:00"),
        ("5. dec. 2016 kl 9", date(2016, 12, 5), "09:00", None),
        ("2022-04-07 16.00 - 18.30", date(2022, 4, 7), "16:00", "18:30"),
        ("7/4 2022 fra kl. 16.00 til kl. 18.30", date(2022, 4, 7), "16:00", "18:30"),
        ("Torsdag den 3.9.2026 kl. 17", date(2026, 9, 3), "17:00", None),
        ("12-01-2023 kl. 16:00 – 17:45", date(2023, 1, 12), "16:00", "17:45"),
        ("Onsdag d. 20. maj 2026, slut kl. 11:00", date(2026, 5, 20), None, "11:00"),
    ],
)
def test_dates_and_times_in_every_common_form(
    text: str, day: date, start: str | None, end: str | None
) -> None:
    assert find_when(text) == When(day, start, end)


@pytest.mark.parametrize(
    ("title", "forum", "document"),
    [
        ("# BESLUTNINGSPROTOKOL Økonomiudvalget", "Økonomiudvalget", "beslutningsprotokol"),
        ("# Referat fra mødet i Byrådet", "Byrådet", None),
        ("# Åbent referat - Byrådet", "Byrådet", None),
        ("# Byrådet\n\n## Referat", "Byrådet", None),
        ("# Beslutningsprotokol for Byrådet den 7. april 2022", "Byrådet", "beslutningsprotokol"),
    ],
)
def test_title_words(title: str, forum: str, document: str | None) -> None:
    m = _meeting(f"{title}\n\n**Dato:** 07.04.2022\n\n## 1. Godkendelse af dagsorden\n")
    assert m.forum == forum  # type: ignore[attr-defined]
    assert (m.document or None) == document  # type: ignore[attr-defined]


def test_header_fields_free_lines_parties_roles_and_substitutes() -> None:
    parsed = parse(
        HEAD + "**Bemærkninger**\n\n"
        "**Mødedeltagere** Formand Steen Holt (A), Flemming Blønd (L), Næstformand Ida Bak (V),"
        " Ole Krag (Direktør for Teknik)\n\n"
        "**Fraværende:** Per Lind (C)\n\n"
        "Eva Rask (C) var indkaldt som stedfortræder for Per Lind.\n\n"
        "Mødet blev afholdt som videomøde.\n\n"
        "## 1. Godkendelse af dagsorden\n"
    )
    m = parsed.document.meeting
    people = {
        p.name: (p.party, p.role, p.title, p.attendance, p.substitute_for) for p in m.participants
    }
    assert people == {
        "Steen Holt": ("A", "chair", None, "present", None),
        "Flemming Blønd": ("L", "member", None, "present", None),
        "Ida Bak": ("V", "member", "Næstformand", "present", None),
        "Ole Krag": (None, "member", "Direktør for Teknik", "present", None),
        "Eva Rask": ("C", "substitute", None, "present", "Per Lind"),
        "Per Lind": ("C", "member", None, "absent", None),
    }
    assert m.remarks == "Mødet blev afholdt som videomøde."
    assert [e.first for e in parsed.report.unplaced_entries] == [13]


ITEM = HEAD + "## Punkt 4: Skolestruktur\n\n"


def test_case_numbers_links_and_earlier_decisions_of_other_bodies() -> None:
    (item,) = _meeting(
        ITEM + "Sags-id: 17.01.00-P20-1-21\n\n[Se alle bilag](https://example.dk/bilag)\n\n"
        "### Beslutning i Økonomiudvalget den 05-01-2022\n\nAnbefales.\n\n"
        "### Beslutning i Byrådet den 07-04-2022\n\nGodkendt.\n"
    ).items  # type: ignore[attr-defined]
    assert item.case_number == "17.01.00-P20-1-21"
    assert [a.name for a in item.attachments] == ["Se alle bilag (https://example.dk/bilag)"]
    assert [(e.body, e.date, e.text) for e in item.earlier_decisions] == [
        ("Økonomiudvalget", date(2022, 1, 5), "Anbefales.")
    ]
    assert item.decision.text == "Godkendt."  # this meeting's, not the earlier one's


@pytest.mark.parametrize(
    ("lines", "votes"),
    [
        ("For stemte 3 (C)", [("for", 3, ["C"])]),
        ("For stemte: A, B, F og Ø.", [("for", None, ["A", "B", "F", "Ø"])]),
        ("34 stemmer for, 15 imod", [("for", 34, []), ("against", 15, [])]),
        (
            "For stemte 19 (A, V og C)\nImod stemte 6 (Ø, F)\nUndlod at stemme 1 (K)",
            [("for", 19, ["A", "V", "C"]), ("against", 6, ["Ø", "F"]), ("abstain", 1, ["K"])],
        ),
        ("For stemte 8: A, V og C", [("for", 8, ["A", "V", "C"])]),
    ],
)
def test_votes_in_real_wording(lines: str, votes: list[tuple[str, int | None, list[str]]]) -> None:
    (item,) = _meeting(ITEM + f"### Beslutning\n\nGodkendt.\n\n{lines}\n").items  # type: ignore[attr-defined]
    assert item.decision.text == "Godkendt."
    assert [(v.option, v.count, v.who) for v in item.decision.votes] == votes


def test_protocol_remarks_and_a_section_after_the_decision() -> None:
    (item,) = _meeting(
        ITEM + "### Beslutning\n\nGodkendt.\n\n"
        "Anne Vig (Ø) ønskede sin stemme ført til protokols.\n\n"
        "Bo Dam ønskede en mindretalsudtalelse ført til protokols: Skolerne bør bevares.\n\n"
        "### Opfølgning\n\nSagen genoptages i juni.\n"
    ).items  # type: ignore[attr-defined]
    assert [(r.by, r.text, r.kind or None) for r in item.remarks] == [
        ("Anne Vig", "Anne Vig (Ø) ønskede sin stemme ført til protokols.", None),
        ("Bo Dam", "Skolerne bør bevares.", "mindretalsudtalelse"),
    ]
    assert [(s.heading, s.after_decision) for s in item.sections] == [("Opfølgning", True)]


@pytest.mark.parametrize(
    "text",
    [
        "## Punkt 5: Salg af grund (Lukket punkt)\n",
        "## 5. Closed: Salg af grund\n",
        "## Lukket punkt: 5. Salg af grund\n",
        "### Pkt. 5 Salg af grund (Lukket)\n",
        "## 5. Salg af grund\n\nFOR LUKKEDE DØRE\n",
        "## Lukkede punkter\n\n## 5. Salg af grund\n",
        "## 5. Salg af grund\n\nSagen behandles for lukkede døre.\n",
    ],
)
def test_closed_markers_in_every_form(text: str) -> None:
    (item,) = _meeting(HEAD + text + "\n### Beslutning\n\nSolgt.\n").items  # type: ignore[attr-defined]
    assert (item.title, item.closed) == ("Salg af grund", True)


def test_an_item_that_might_be_closed_is_named_and_left_to_the_user() -> None:
    text = HEAD + "## 5. Fortrolig sag om erstatning\n\n### Beslutning\n\nBetalt.\n"
    parsed = parse(text)
    assert [(u.line, u.title) for u in parsed.report.unsure] == [(5, "Fortrolig sag om erstatning")]
    assert not parsed.document.meeting.items[0].closed
    assert parse(text, closed="closed").document.meeting.items[0].closed


def test_a_substitute_sentence_under_an_empty_remarks_field() -> None:
    m = _meeting(
        HEAD + "**Mødedeltagere** Ole Ravn (Ø)\n\n**Fraværende** Hans Holm (V)\n\n"
        "**Bemærkninger**\n\nLise Lund (V) var indkaldt som stedfortræder for Hans Holm (V).\n\n"
        "## 1. Godkendelse af dagsorden\n"
    )
    lise = next(p for p in m.participants if p.name == "Lise Lund")  # type: ignore[attr-defined]
    assert (lise.role, lise.substitute_for, lise.party) == ("substitute", "Hans Holm", "V")
    assert m.remarks is msgspec.UNSET  # type: ignore[attr-defined]


def test_text_in_the_closed_part_outside_an_item_is_never_public() -> None:
    from projections.documents.referat import public
    from projections.documents.render import markdown

    doc = parse(
        HEAD + "## 1. Åbent punkt\n\n### Beslutning\n\nGodkendt.\n\n## Lukkede punkter\n\n"
        "Sagen om grundsalget til Hansen blev drøftet.\n\n## 2. Salg af grund\n\n"
        "### Beslutning\n\nSolgt.\n"
    ).document
    closed = doc.meeting.items[1]
    assert closed.closed and closed.sections[0].text.startswith("Sagen om grundsalget")
    assert "Hansen" not in markdown.render(public(doc))
    assert "Hansen" not in (doc.meeting.remarks or "")


def test_a_body_in_the_genitive_and_absences_of_people_not_listed() -> None:
    (item,) = _meeting(
        HEAD + "**Deltagere:** Ib Lund (A)\n\n## 1. Skole\n\n"
        "### Økonomiudvalgets beslutning den 05-01-2022\n\nAnbefales.\n\n"
        "### Byrådets beslutning den 07-04-2022\n\nGodkendt.\n\n"
        "Fraværende: Hans Holm (V)\n\nFraværende: Ib Lund (A)\n"
    ).items  # type: ignore[attr-defined]
    assert [(e.body, e.date) for e in item.earlier_decisions] == [
        ("Økonomiudvalget", date(2022, 1, 5))
    ]
    # Hans Holm is no participant: his absence cannot be stored, so the line stays text.
    assert item.decision.text == "Godkendt.\n\nFraværende: Hans Holm (V)"
    assert [a.name for a in item.absent] == ["Ib Lund"]


def test_a_closed_marker_in_parentheses_before_the_title() -> None:
    (item,) = _meeting(HEAD + "## 12. (Lukket punkt) Salg af grund\n").items  # type: ignore[attr-defined]
    assert (item.title, item.closed) == ("Salg af grund", True)


def test_a_bare_title_takes_the_forum_from_the_committee_field() -> None:
    m = _meeting(
        "# Referat\n\n**Udvalg:** Klima- og Miljøudvalget\n**Mødedato:** 03.03.2026\n\n"
        "## 1. Godkendelse af dagsorden\n"
    )
    assert m.forum == "Klima- og Miljøudvalget"  # type: ignore[attr-defined]


def test_a_bare_title_with_no_forum_anywhere_is_refused_in_one_line() -> None:
    with pytest.raises(DocumentError, match="nævner ikke forummet"):
        _meeting("# Referat\n\n**Mødedato:** 03.03.2026\n\n## 1. Godkendelse af dagsorden\n")


def test_everyone_listed_then_the_absent_named_moves_them_to_absent() -> None:
    m = _meeting(
        HEAD + "**Deltagere:** Anne Holm (A), Jens Bak (C)\n**Fraværende:** Jens Bak (C)\n\n"
        "## 1. Godkendelse af dagsorden\n"
    )
    people = {p.name: p.attendance for p in m.participants}  # type: ignore[attr-defined]
    assert people == {"Anne Holm": "present", "Jens Bak": "absent"}


def test_counts_in_the_decision_and_names_on_a_line_make_one_vote() -> None:
    (item,) = _meeting(
        ITEM + "### Beslutning\n\nAnbefales med 4 stemmer for og 1 imod.\n"
        "Imod stemte Mads Ravn (F).\n"
    ).items  # type: ignore[attr-defined]
    assert item.decision.text == "Anbefales med 4 stemmer for og 1 imod."
    assert [(v.option, v.count, v.who) for v in item.decision.votes] == [
        ("for", 4, []),
        ("against", 1, ["Mads Ravn (F)"]),
    ]


def test_a_role_in_parentheses_and_an_absence_reason_after_the_name() -> None:
    m = _meeting(
        HEAD + "**Medlemmer:** Lone Krag (A) (formand), Ib Holm (O), Bo Dal (V)\n"
        "**Fraværende:** Ib Holm (O) - sygdom, Bo Dal (ferie)\n\n"
        "## 1. Godkendelse af dagsorden\n"
    )
    people = {
        p.name: (p.role, p.party, p.attendance, p.absence_reason or None, p.title)
        for p in m.participants  # type: ignore[attr-defined]
    }
    assert people == {
        "Lone Krag": ("chair", "A", "present", None, None),
        "Ib Holm": ("member", "O", "absent", "sygdom", None),
        "Bo Dal": ("member", "V", "absent", "ferie", None),
    }


def test_a_parenthesis_never_closed_does_not_swallow_the_next_field() -> None:
    """A PDF's header (plain text, label and value parted by a wide gap)."""
    parsed = parse(
        "REFERAT Byrådet d. 07.04.2022\n\nDeltagere     Anne Holm (A, Bo Dal (V)\n"
        "Sted          Salen\n\n1. Godkendelse af dagsorden\n",
        source="tekst",
    )
    assert parsed.document.meeting.place == "Salen"
