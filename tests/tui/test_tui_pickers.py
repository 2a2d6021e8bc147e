"""People by typing (issue 20): in the vote, remark and absence dialogs a name is found by
the first letters of a first or last name or by the party's letter, and enter takes it.
A whole meeting's minutes (six decisions, a vote with names on two sides, a protocol
remark, an absence with its reason) take at most 30 keys besides the text, and every field
of every dialog is two keys from the live view."""

from __future__ import annotations

import pytest
from textual import events

from chefforum_tui.keymap import ABSENCE_FORM_KEYS, REMARK_FORM_KEYS, VOTE_FORM_KEYS, Key
from chefforum_tui.screens.dialogs import FormScreen
from chefforum_tui.screens.live import LiveScreen
from chefforum_tui.widgets.people import Candidate, matches, people
from domain.forum.state import Member
from tests.tui.test_tui_live import BUDGET_DECISION, ROADS, Keys
from tests.tui.tui_pilot import (
    ACTOR,
    FORUM,
    notified,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    stored,
    type_text,
)

REMARK = "Bo Lind ønsker sin afvigende mening ført til protokols."
OUTSIDER = "Ulla Thorsen"  # a member of the forum, not a participant of the meeting


@pytest.fixture
def members(started: str) -> str:
    """The started meeting with a sixth item, and the forum's members with their parties:
    the three participants and one more who is not at the meeting."""
    with opened(started) as minutes:
        minutes.add_item(only_meeting(minutes), ACTOR, "Skolestruktur", position=4)
        for name, party in (
            ("Anne Holm", "A"),
            ("Bo Lind", "V"),
            ("Cecilie Ravn", "F"),
            (OUTSIDER, "Ø"),
        ):
            minutes.set_forum_member(ACTOR, FORUM, Member(name=name, party=party))
    return started


CANDIDATES = people(
    [
        ("Anne Holm", "A", "formand"),
        ("Bo Lind", "V", None),
        ("Birgit Vang", "V", None),
        ("Émile Ågård", "Ø", None),
    ],
    groups=True,
)


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("b", ["Bo Lind", "Birgit Vang"]),  # first names first, in the list's order
        ("ho", ["Anne Holm"]),  # a last name
        ("bi va", ["Birgit Vang"]),  # both
        ("v", ["Birgit Vang", "Bo Lind", "V"]),  # a last name, then the party's letter
        ("em", ["Émile Ågård"]),  # without the accent
        ("åg", ["Émile Ågård"]),  # å is a letter of its own
        ("a", ["Anne Holm", "A"]),  # ... so "a" does not find Ågård (the tmux walk's "Åse")
        ("ag", []),
        ("aag", ["Émile Ågård"]),  # aa is how å is written without the key
        ("x", []),
    ],
)
def test_matches_by_first_letters_of_a_name_or_the_party(typed: str, found: list[str]) -> None:
    assert [c.name for c in matches(CANDIDATES, typed)] == found


def test_a_name_spelled_with_aa_is_found_by_aa_and_by_å() -> None:
    aase = [Candidate("Aase Brun"), Candidate("Åse Lindholm")]
    assert [c.name for c in matches(aase, "aa")] == ["Aase Brun", "Åse Lindholm"]
    assert [c.name for c in matches(aase, "å")] == ["Aase Brun", "Åse Lindholm"]
    assert [c.name for c in matches(aase, "a")] == ["Aase Brun"]


def test_a_name_already_taken_is_not_offered_again() -> None:
    assert matches([Candidate("Bo Lind"), Candidate("Birgit Vang")], "b", ["Bo Lind"]) == [
        Candidate("Birgit Vang")
    ]


@pytest.mark.slow  # over 10 s: a whole meeting's minutes
async def test_a_meeting_with_a_vote_a_remark_and_an_absence_in_30_keys(members: str) -> None:
    before = len(stored(members))
    async with running(members, size=(80, 24)) as pilot:
        press = Keys(pilot)
        await press("l")
        await press("f5")  # 1. Godkendt.
        await press("ctrl+down")
        await type_text(pilot, BUDGET_DECISION)  # 2. typed
        await press("ctrl+t")  # the vote: For has the focus
        await press("a", "enter", "c", "enter")  # Anne Holm, Cecilie Ravn
        await press("enter")  # nothing typed: on to Imod
        await press("b", "enter")  # Bo Lind
        await press("ctrl+s")
        assert pilot.app.focused is not None and pilot.app.focused.id == "decision"
        await press("ctrl+down")
        await press("f6")  # 3. Taget til efterretning.
        await press("ctrl+r", "b", "enter")  # a remark from Bo Lind
        await type_text(pilot, REMARK)
        await press("ctrl+s")
        await press("ctrl+f", "u", "enter", "i", "ctrl+s")  # Ulla Thorsen, inhabil
        await press("ctrl+down")
        await press("f7")  # 4. Drøftet.
        await press("ctrl+down")
        await type_text(pilot, ROADS)  # 5. typed
        await press("ctrl+down")
        await press("f8")  # 6. Intet at bemærke.
        await press("escape", "backspace")  # back to the meeting screen
        print(f"\nKeys pressed besides the text typed: {press.count}")
        assert press.count <= 30
    assert recorded_since(members, before) == [
        "DecisionRecorded",
        "DecisionRecorded",
        "VotesRecorded",
        "DecisionRecorded",
        "RemarkAdded",
        "ItemAbsenceRecorded",
        "DecisionRecorded",
        "DecisionRecorded",
        "DecisionRecorded",
    ]
    with opened(members) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    decisions = [i.decision.text if i.decision else "" for i in state.active_items()]
    assert decisions == [
        "Godkendt.",
        BUDGET_DECISION,
        "Taget til efterretning.",
        "Drøftet.",
        ROADS,
        "Intet at bemærke.",
    ]
    budget, roads = state.active_items()[1:3]
    assert budget.decision is not None
    assert [(v.option, v.count, v.who) for v in budget.decision.votes] == [
        ("for", None, ("Anne Holm", "Cecilie Ravn")),
        ("against", None, ("Bo Lind",)),
    ]
    assert [(r.by, r.kind, r.text, r.recorded_by) for r in roads.remarks] == [
        ("Bo Lind", "protokolbemærkning", REMARK, ACTOR)
    ]
    assert [(a.name, a.reason) for a in roads.absent] == [(OUTSIDER, "inhabil")]


@pytest.mark.parametrize(
    ("opens", "table"),
    [("ctrl+t", VOTE_FORM_KEYS), ("ctrl+r", REMARK_FORM_KEYS), ("ctrl+f", ABSENCE_FORM_KEYS)],
    ids=["vote", "remark", "absence"],
)
async def test_every_field_is_two_keys_from_the_live_view(
    members: str, opens: str, table: tuple[Key, ...]
) -> None:
    before = len(stored(members))
    async with running(members, size=(80, 24)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        for key in table:
            field = key.action.split("'")[1]
            await pilot.press(opens)
            await settle(pilot)
            await pilot.press(key.keys.split(",")[0])
            await pilot.pause()
            focused = pilot.app.focused
            assert focused is not None and focused.id == f"field-{field}", key
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(pilot.app.screen, LiveScreen)
    assert recorded_since(members, before) == []


async def test_a_motion_with_its_text_mover_and_result(members: str) -> None:
    before = len(stored(members))
    async with running(members, size=(80, 24)) as pilot:
        await pilot.press("down", "l")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("2", "enter", "a", "enter", "c", "enter", "alt+i", "1", "enter")
        await pilot.press("alt+t")
        await type_text(pilot, "Ændringsforslag om skolerne")
        await pilot.press("alt+s", "v", "down", "enter")  # Bo Lind (V), then the group V
        await pilot.press("alt+r", "f", "ctrl+s")
        await settle(pilot)
    assert recorded_since(members, before) == ["MotionsRecorded"]
    with opened(members) as minutes:
        budget = minutes.get(only_meeting(minutes)).state.active_items()[1]
    assert budget.decision is not None
    (motion,) = budget.decision.motions
    assert (motion.text, motion.by, motion.result) == (
        "Ændringsforslag om skolerne",
        "V",
        "forkastet",
    )
    assert [(v.option, v.count, v.who) for v in motion.votes] == [
        ("for", 2, ("Anne Holm", "Cecilie Ravn")),
        ("against", 1, ()),
    ]


async def test_a_remark_of_a_party_group_as_a_minority_statement(members: str) -> None:
    """Keys sent in one burst once the dialog is open: the name, the text and the kind
    land in their fields."""
    before = len(stored(members))
    async with running(members) as pilot:
        await pilot.press("down", "l")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        burst = ["v", "down", "enter", *"Imod.", "alt+y", "m", "ctrl+s"]
        for key in burst:
            pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert isinstance(pilot.app.screen, LiveScreen)
    assert recorded_since(members, before) == ["RemarkAdded"]
    with opened(members) as minutes:
        budget = minutes.get(only_meeting(minutes)).state.active_items()[1]
    assert [(r.by, r.kind, r.text) for r in budget.remarks] == [
        ("V", "mindretalsudtalelse", "Imod.")
    ]


async def test_a_remark_without_a_name_comes_back_with_its_text(members: str) -> None:
    before = len(stored(members))
    async with running(members) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "Uden navn")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-text").text == "Uden navn"  # type: ignore[attr-defined]
        await pilot.press("alt+f", "a", "enter", "ctrl+s")
        await settle(pilot)
    assert recorded_since(members, before) == ["RemarkAdded"]


async def test_a_signature_given_on_paper_is_chosen_by_typing(ended: str) -> None:
    """The signer's field holds the first who may sign; a letter typed replaces it."""
    async with running(ended, size=(80, 24)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert pilot.app.focused is not None and pilot.app.focused.value == "Anne Holm"  # type: ignore[attr-defined]
        await pilot.press("c", "enter", "ctrl+s")
        await settle(pilot)
        said = "Underskriften fra Cecilie Ravn, givet på papir, er registreret af Karen Dahl."
        assert said in notified(pilot)


async def test_a_name_of_ones_own_is_not_wiped_on_coming_back_to_it(members: str) -> None:
    """A name nobody listed, typed, left and come back to: the cursor is at its end and
    the next letters add to it (a name chosen from the list is selected instead, and a
    letter replaces it). Found by a monkey walk, seed 74."""
    async with running(members) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        await type_text(pilot, "Hans Jensen")
        await pilot.press("tab", "shift+tab")
        await type_text(pilot, " (udpeget)")
        assert form.values()["name"] == "Hans Jensen (udpeget)"
        await pilot.press("ctrl+a", "backspace")
        await type_text(pilot, "an")
        await pilot.press("enter", "shift+tab")  # Anne Holm, taken from the list
        await type_text(pilot, "b")
        assert form.values()["name"] == "b"
