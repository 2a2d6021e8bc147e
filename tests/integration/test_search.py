"""Search over every meeting: Danish words and inflections, ranking, filters, and closed
items found only in the internal view."""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Minutes
from projections.readmodels.runner import ReadModels
from tests.builders import SECRETARY, held_meeting

A = SECRETARY


def fill(minutes: Minutes) -> ReadModels:
    held_meeting(
        minutes,
        "Chefforum",
        date(2026, 3, 4),
        [
            {
                "title": "Behandlingen af klager over parkering",
                "sections": {"Sagsfremstilling": "Klagerne behandles i Borgerservice."},
                "decision": "Forummet godkendte den nye behandling.",
            },
            {
                "title": "Løn til ansatte",
                "closed": True,
                "sections": {"Sagsfremstilling": "Fortroligt: lønforhandling med én medarbejder."},
                "decision": "Lønforhøjelsen blev godkendt.",
            },
        ],
    )
    held_meeting(
        minutes,
        "Økonomiudvalget",
        date(2026, 5, 20),
        [
            {
                "title": "Budgetopfølgning",
                "points": ["at behandlingstiden nedbringes"],
                "sections": {"Økonomi": "Mindreforbrug på skoleområdet og ældreområdet."},
            },
            {"title": "Skoledistrikter", "decision": "Sagen udsættes til næste møde."},
        ],
    )
    return ReadModels.of(minutes)


def test_inflections_and_danish_letters_are_found(minutes: Minutes) -> None:
    rm = fill(minutes)
    found = {(h.forum, h.item_number, h.field) for h in rm.search("behandling")}
    assert ("Chefforum", "1", "Titel") in found  # Behandlingen
    assert ("Chefforum", "1", "Beslutning") in found  # behandling
    assert ("Økonomiudvalget", "1", "Indstilling") in found  # behandlingstiden
    assert {h.item_number for h in rm.search("ældreområdet")} == {"1"}
    assert rm.search("aeldreomradet") == []  # æ, ø and å are letters of their own
    hits = rm.search("behandlingen")
    assert hits and all("»" in h.snippet and "«" in h.snippet for h in hits)
    assert any("»Behandlingen«" in h.snippet for h in hits)


def test_ranking_and_filters(minutes: Minutes) -> None:
    rm = fill(minutes)
    assert [h.forum for h in rm.search("behandling", forum="økonomiudvalget")] == [
        "Økonomiudvalget"
    ]
    assert {h.forum for h in rm.search("behandling", date_from=date(2026, 4, 1))} == {
        "Økonomiudvalget"
    }
    assert {h.forum for h in rm.search("behandling", date_to=date(2026, 4, 1))} == {"Chefforum"}
    assert rm.search("ingenting-her") == []
    assert rm.search('"; DROP TABLE rm_search; --') == []  # query syntax never reaches SQL
    assert rm.search("1") == []  # only the texts are searched, not what is stored beside them
    ranks = [h.rank for h in rm.search("behandling")]
    assert ranks == sorted(ranks, reverse=True)


def test_closed_items_only_in_the_internal_view(minutes: Minutes) -> None:
    rm = fill(minutes)
    assert rm.search("lønforhandling") == []
    assert rm.search("Lønforhøjelsen") == []
    titles = rm.search("Løn")
    assert [(h.item_title, h.field) for h in titles] == [("Løn til ansatte", "Titel")]
    internal = rm.search("lønforhandling", internal=True)
    assert [(h.item_number, h.field) for h in internal] == [("2", "Sagsfremstilling")]


def test_search_follows_changes_and_withdrawals(minutes: Minutes) -> None:
    rm = fill(minutes)
    mid = next(s.id for s in minutes.summaries() if s.forum == "Økonomiudvalget")
    item = minutes.get(mid).item_by_number("2").id
    minutes.change(mid, lambda m: m.record_decision(A, item, "Distrikterne ændres fra august."))
    assert rm.search("udsættes") == []
    assert [h.field for h in rm.search("distrikterne")] == ["Beslutning"]
    minutes.change(mid, lambda m: m.withdraw_item(A, item))
    assert rm.search("Skoledistrikter") == []


def test_the_newest_matches_are_ranked_and_a_forum_reaches_older_ones(
    minutes: Minutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window is 500 texts (SEARCH_WINDOW); two here, so that a few meetings overflow it.
    monkeypatch.setattr("projections.store.sqlite.readmodels.SEARCH_WINDOW", 2)
    monkeypatch.setattr("projections.store.postgres.readmodels.SEARCH_WINDOW", 2)
    held_meeting(minutes, "Byrådet", date(2020, 1, 1), [{"title": "Budget, budget og budget"}])
    for n in range(3):
        held_meeting(minutes, "Chefforum", date(2026, 1, 1 + n), [{"title": f"Budget {n}"}])
    rm = ReadModels.of(minutes)
    assert [h.item_title for h in rm.search("budget")] == ["Budget 2", "Budget 1"]
    found = rm.search("budget", forum="Byrådet")
    assert [h.item_title for h in found] == ["Budget, budget og budget"]
