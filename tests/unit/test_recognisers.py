"""The conventions of published minutes, each with its smallest fixture: decision
headings in their common forms (the forum's own is the decision, another body's an
earlier decision with body and date apart), a sentence about another item is no item, a
header entry that is no name is never a person, 'løsgænger' is a party, and a
recommendation named by who makes it."""

from __future__ import annotations

from datetime import date

import pytest

from projections.documents.parse.markdown import parse

_HEADER = "Referat\nØkonomiudvalget\n\nDato: 6. oktober 2014\nDeltagere: Ib Lund (A)\n\n"


def _item(body: str) -> str:
    return f"{_HEADER}1. Budget for vejene\n\nSagsfremstilling\nVejene er slidte.\n\n{body}"


@pytest.mark.parametrize(
    "heading",
    [
        "Beslutning",
        "BESLUTNING",
        "Afgørelse",
        "POLITISK BEHANDLING",
        "Udvalgets beslutning",
        "Beslutning i Økonomiudvalget den 6. oktober 2014",
        "Beslutning fra Økonomiudvalget den 06-10-2014",
        "Beslutning Økonomiudvalget den 6. oktober 2014",
        "Økonomiudvalgets beslutning 6. oktober 2014",
    ],
)
def test_the_forums_own_decision_heading_is_the_decision(heading: str) -> None:
    item = parse(_item(f"{heading}\nGodkendt.\n"), source="tekst").document.meeting.items[0]
    assert item.decision is not None and item.decision.text == "Godkendt."
    assert item.earlier_decisions == []


@pytest.mark.parametrize(
    ("heading", "body", "day", "number"),
    [
        ("Beslutning i Byrådet den 29. september 2014", "Byrådet", date(2014, 9, 29), None),
        ("Teknisk Udvalgs beslutning 1. oktober 2014", "Teknisk Udvalg", date(2014, 10, 1), None),
        ("Teknik- og Miljøudvalget, 10. september 2014, pkt. 65:", "Teknik- og Miljøudvalget",
         date(2014, 9, 10), "65"),
    ],
)  # fmt: skip
def test_another_bodys_decision_is_an_earlier_decision(
    heading: str, body: str, day: date, number: str | None
) -> None:
    text = _item(f"{heading}\nAnbefales.\n\nBeslutning\nGodkendt.\n")
    item = parse(text, source="tekst").document.meeting.items[0]
    [earlier] = item.earlier_decisions
    assert (earlier.body, earlier.date, earlier.item, earlier.text) == (
        body,
        day,
        number,
        "Anbefales.",
    )
    assert item.decision is not None and item.decision.text == "Godkendt."


def test_a_decision_sentence_about_another_item_is_no_item() -> None:
    text = _item("Beslutning\nGodkendt.\n\nPunkt 28. Sagen blev udsat til næste møde.\n")
    items = parse(text, source="tekst").document.meeting.items
    assert [i.title for i in items] == ["Budget for vejene"]


def test_a_header_entry_that_is_no_name_is_kept_as_a_remark_not_a_person() -> None:
    text = (
        _HEADER.replace(
            "Deltagere: Ib Lund (A)", "Deltagere: Ib Lund (A)\nFraværende: Indholdsfortegnelse Side"
        )
        + "1. Budget\n\nBeslutning\nGodkendt.\n"
    )
    parsed = parse(text, source="tekst")
    assert [p.name for p in parsed.document.meeting.participants] == ["Ib Lund"]
    assert "Indholdsfortegnelse" in (parsed.document.meeting.remarks or "")


def test_a_member_outside_the_parties_is_of_no_party_letter_but_loesgaenger() -> None:
    text = _HEADER.replace("Ib Lund (A)", "Svend Mathiasen (Løsgænger)") + "1. Budget\n"
    [person] = parse(text, source="tekst").document.meeting.participants
    assert (person.name, person.party, person.title) == ("Svend Mathiasen", "Løsgænger", None)


def test_a_recommendation_named_by_who_makes_it_is_the_indstilling() -> None:
    text = _item(
        "Forretningsudvalgets indstilling\nForretningsudvalget indstiller,\n"
        "1. at vejene repareres\n\nBeslutning\nGodkendt.\n"
    )
    item = parse(text, source="tekst").document.meeting.items[0]
    assert item.recommendation is not None
    assert item.recommendation.by == "Forretningsudvalget"
    assert item.recommendation_at == 1  # printed after Sagsfremstilling
