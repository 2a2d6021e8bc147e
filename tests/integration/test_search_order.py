"""How a search orders what it finds: by the field a text is (a title first, the text
of an attached file last), the newest first within each; and the query words of SQLite's
index read by name (store/sqlite/readmodels.py), never as syntax."""

from __future__ import annotations

from datetime import date

from domain.application import Minutes
from projections.readmodels.runner import ReadModels
from projections.store.sqlite.readmodels import NAMED_TERMS
from tests.builders import held_meeting


def _item(minutes: Minutes, on: date, title: str, sections: dict[str, str]) -> None:
    held_meeting(minutes, "Chefforum", on, [{"title": title, "sections": sections}])


def test_titles_first_then_decisions_then_the_rest_newest_first(minutes: Minutes) -> None:
    _item(minutes, date(2026, 1, 5), "Vejbelysning i midtbyen", {"Økonomi": "Ingen udgifter."})
    _item(minutes, date(2026, 2, 2), "Trafiksikkerhed", {"Sagsfremstilling": "Ny vejbelysning."})
    _item(minutes, date(2026, 3, 2), "Vejbelysningen ved skolen", {})
    plan = {"title": "Anlægsplan", "points": ["at vejbelysningen udskiftes"]}
    held_meeting(minutes, "Chefforum", date(2026, 4, 6), [plan])
    hits = ReadModels.of(minutes).search("vejbelysning")
    assert [(h.item_title, h.field) for h in hits] == [
        ("Vejbelysningen ved skolen", "Titel"),  # titles, the newest first
        ("Vejbelysning i midtbyen", "Titel"),
        ("Anlægsplan", "Indstilling"),  # then a recommendation
        ("Trafiksikkerhed", "Sagsfremstilling"),  # then a section
    ]
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks, reverse=True)


def test_a_prefix_beginning_many_words_and_one_beginning_none(minutes: Minutes) -> None:
    # More words begin with "kvist" than the index is asked for by name: the prefix is
    # matched as a prefix, and finds all of them the same.
    words = " ".join(f"kvist{n}" for n in range(NAMED_TERMS + 6))
    _item(minutes, date(2026, 1, 5), "Grønne områder", {"Sagsfremstilling": words})
    _item(minutes, date(2026, 2, 2), "Kvistlofter", {})
    read_models = ReadModels.of(minutes)
    found = [(h.item_title, h.field) for h in read_models.search("kvist")]
    assert found == [("Kvistlofter", "Titel"), ("Grønne områder", "Sagsfremstilling")]
    assert read_models.search("kvist grønne") == []  # both words in one text, or no hit
    assert read_models.search("zyxw") == []  # no word of the index begins so
    for typed in ('"kvist', "kvist*", "(kvist)", "kvist^"):  # never FTS5 syntax
        assert [h.item_title for h in read_models.search(typed)] == [t for t, _ in found]
