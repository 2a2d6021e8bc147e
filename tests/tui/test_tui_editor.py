"""The item editor: each text field is stored once when it is left or saved (one event per
field, not per key), a new section goes where the template puts it, and the headings show
the keys that change what is under them."""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.widgets import Label, OptionList, Static

from tests.tui.tui_pilot import (
    BUDGET,
    focus,
    meeting_screen,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    shown_item,
    stored,
    tab_to,
    type_text,
)


def shown(widget: Static) -> str:
    visual = widget.visual
    return visual.plain if isinstance(visual, Content) else str(visual)


@pytest.mark.slow  # over 10 s: five fields typed key by key
async def test_fields_are_stored_one_event_each(started: str) -> None:
    # The meeting has begun: a decision is recorded only then.
    committee = started
    before = len(stored(committee))
    async with running(committee, size=(200, 50)) as pilot:
        await pilot.press("down")
        await settle(pilot)
        screen = meeting_screen(pilot)
        assert shown_item(screen).title == BUDGET
        await focus(pilot, "rec_by")
        await type_text(pilot, "Direktionen")
        await tab_to(pilot, "rec_points")
        await type_text(pilot, "at opfølgningen godkendes\nat mindreforbruget overføres")
        # The second section first: the first, written next, still goes before it.
        await tab_to(pilot, "section-1")
        await type_text(pilot, "Første afsnit.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("shift+tab")
        await tab_to(pilot, "section-0")
        await type_text(pilot, "Forbruget følger budgettet.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await tab_to(pilot, "decision")
        await type_text(pilot, "Indstillingen blev godkendt.")
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.focused is not None and pilot.app.focused.id == "items"
    names = recorded_since(committee, before)
    assert names.count("SectionWritten") == 2
    assert names.count("RecommendationDrafted") == 2  # who, then the points
    assert names.count("DecisionRecorded") == 1
    assert len(names) == 5
    with opened(committee) as minutes:
        budget = minutes.get(only_meeting(minutes)).state.active_items()[1]
    assert budget.recommendation is not None
    assert budget.recommendation.by == "Direktionen"
    assert budget.recommendation.points == (
        "at opfølgningen godkendes",
        "at mindreforbruget overføres",
    )
    assert [(s.heading, s.text) for s in budget.sections] == [
        ("Resumé", "Forbruget følger budgettet."),
        ("Sagsfremstilling", "Første afsnit."),
    ]
    assert budget.decision is not None
    assert budget.decision.text == "Indstillingen blev godkendt."


async def test_kind_and_flags_and_the_key_hints(committee: str) -> None:
    before = len(stored(committee))
    async with running(committee, size=(200, 50)) as pilot:
        screen = meeting_screen(pilot)
        headings = [shown(label) for label in screen.query(".heading").results(Label)]
        assert "Tidligere beslutninger  [b]" in headings  # not eaten as markup (bold)
        assert "Afstemning  [v]" in headings
        assert "Bilag  [i tilføj, k fjern]" in headings
        items = screen.query_one("#items", OptionList)
        listed = [items.render_line(y).text for y in range(items.size.height)]
        assert any("4. Personalesag [lukket]" in line for line in listed), listed
        await pilot.press("down")
        await settle(pilot)
        await focus(pilot, "kind")
        await pilot.press("enter", "down", "down", "down", "enter")  # beslutning
        await settle(pilot)
        await pilot.press("tab", "tab", "space")  # past Lukket punkt to Tillægspunkt
        await settle(pilot)
    assert recorded_since(committee, before) == ["ItemFieldsChanged", "ItemFieldsChanged"]
    with opened(committee) as minutes:
        budget = minutes.get(only_meeting(minutes)).state.active_items()[1]
    assert (budget.kind, budget.supplementary) == ("beslutning", True)
