"""The public site keeps a search's answer until the store changes, for the same words in
any order, case or repetition (PublicSite.search): readers ask the same few words, and a
search costs milliseconds of the index on a large store. A change is found at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from domain.application import Minutes
from projections.readmodels.search import Hit
from projections.site.public import PublicSite
from projections.site.rendered import Rendered
from tests.builders import held_meeting


def _titles(found: list[tuple[Hit, int]]) -> list[str]:
    return [hit.item_title for hit, _ in found]


def test_kept_for_the_same_words_until_the_store_changes(minutes: Minutes, tmp_path: Path) -> None:
    held_meeting(minutes, "Chefforum", date(2026, 1, 5), [{"title": "Vejbelysning ved skolen"}])
    public = PublicSite(minutes, Rendered(tmp_path / "made"))
    first = public.search("vejbelysning skolen")
    assert _titles(first) == ["Vejbelysning ved skolen"]
    assert public.search("Skolen  VEJBELYSNING skolen") is first  # asked again: kept
    fresh = public.search("skolen vejbelysning", kept=False)  # the index asked all the same
    assert fresh is not first and _titles(fresh) == _titles(first)
    assert _titles(public.search("vejbelysning")) == ["Vejbelysning ved skolen"]

    held_meeting(minutes, "Chefforum", date(2026, 2, 2), [{"title": "Skolens vejbelysning"}])
    again = public.search("skolen vejbelysning")
    assert again is not first
    assert _titles(again) == ["Skolens vejbelysning", "Vejbelysning ved skolen"]
