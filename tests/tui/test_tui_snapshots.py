"""Snapshots of the screens a user sees, at 80×24 and 120×40: the meeting list, the meeting,
the live view (also with a vote, a remark and an absence recorded), its history with the
detail pane, the export dialog, the vote, remark and absence dialogs with a long name
picked, and the help. The SVGs are kept in
__snapshots__; after a deliberate change of a screen, look at the new ones and accept them
with `pytest tests/tui/test_tui_snapshots.py --snapshot-update`.

The pictures are the same on every run: one meeting built through the use cases from
fixed text, under a fixed id, its events stamped by a clock that starts at a fixed moment
and moves one minute per event, the actor named, and the keys file shown as ~/…"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import count
from pathlib import Path
from uuid import UUID

import eventsourcing.domain
import pytest
from textual.pilot import Pilot

from chefforum_tui.app import ChefforumApp
from domain.forum.state import Member
from domain.meeting.state import Vote
from tests.tui.tui_pilot import ACTOR, BUDGET, FORUM, opened, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
EARLIER_ID = UUID("5a1ad000-2026-4610-9000-000000000002")
MEETING_ID = UUID("0c0ffee0-2026-4902-9000-000000000001")
FIRST_EVENT = datetime(2026, 8, 20, 7, 30, tzinfo=UTC)  # 09:30 in Copenhagen
DECISION = "Indstillingen blev godkendt."
DECISION_CHANGED = (
    "Indstillingen blev godkendt med den ændring, at mindreforbruget på vejområdet "
    "overføres til 2027."
)

Snap = Callable[..., bool]


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every event a minute after the one before, from FIRST_EVENT."""
    minutes = count()

    def now() -> datetime:
        return FIRST_EVENT + timedelta(minutes=next(minutes))

    monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", now)
    # A snapshot's moment is no event's: taking one (also to copy a kept meeting) leaves
    # the events' clock alone.
    monkeypatch.setattr(
        eventsourcing.domain.Snapshot, "create_timestamp", classmethod(lambda cls: FIRST_EVENT)
    )


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The keys file where a user's would be, shown as ~/.config/chefforum/keys.toml."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)


@pytest.fixture
def meeting(db: str, fixed_clock: None, home: None) -> Iterator[str]:
    """Økonomiudvalget on 2026-09-02, under way: three members, four items, a decision on
    Budgetopfølgning recorded and then changed (the newest change); and an earlier meeting
    of the forum, a draft, below it in the list."""
    with opened(db) as minutes:
        minutes.schedule(ACTOR, FORUM, date(2026, 6, 10), id=EARLIER_ID, place="Byrådssalen")
        mid = minutes.schedule(
            ACTOR,
            FORUM,
            date(2026, 9, 2),
            id=MEETING_ID,
            start=time(16),
            place="Byrådssalen",
            organisation="Solbjerg Kommune",
        )
        for name, role in (
            ("Anne Holm", "chair"),
            ("Bo Lind", "member"),
            ("Cecilie Ravn", "member"),
        ):
            minutes.add_participant(mid, ACTOR, name, title="Medlem af udvalget", role=role)
        minutes.add_participant(mid, ACTOR, ACTOR, title="Sekretær", role="secretary")
        for title, case in (
            ("Godkendelse af dagsorden", None),
            (BUDGET, "00.30.00-S00-2-26"),
            ("Vejbelysning på Stationsvej", "05.01.08-G01-4-26"),
            ("Personalesag", None),
        ):
            minutes.add_item(
                mid,
                ACTOR,
                title,
                case_number=case,
                duration_minutes=20,
                closed=title == "Personalesag",
            )
        minutes.draft_recommendation(
            mid, ACTOR, "2", "Direktionen", ["at budgetopfølgningen tages til efterretning"]
        )
        minutes.write_section(
            mid,
            ACTOR,
            "2",
            "Sagsfremstilling",
            "Forvaltningen forventer et samlet mindreforbrug på 3,2 mio. kr.",
        )
        minutes.publish_agenda(mid, ACTOR)
        minutes.start_meeting(mid, ACTOR, at=time(16))
        minutes.record_decision(mid, ACTOR, "2", DECISION)
        minutes.record_decision(mid, ACTOR, "2", DECISION_CHANGED)
    yield db


def keys(*pressed: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Wait for the store, then press the keys one at a time, waiting after each."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


def app(db: str) -> ChefforumApp:
    return ChefforumApp(db, ACTOR)


@pytest.mark.parametrize("size", SIZES)
def test_meeting_list(snap_compare: Snap, meeting: str, size: tuple[int, int]) -> None:
    assert snap_compare(app(meeting), terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES)
def test_meeting_screen(snap_compare: Snap, meeting: str, size: tuple[int, int]) -> None:
    assert snap_compare(app(meeting), terminal_size=size, run_before=keys("enter"))


@pytest.mark.parametrize("size", SIZES)
def test_history_with_the_change_in_detail(
    snap_compare: Snap, meeting: str, size: tuple[int, int]
) -> None:
    """The newest change selected: the decision's text before and after it."""
    assert snap_compare(app(meeting), terminal_size=size, run_before=keys("enter", "h"))


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog(snap_compare: Snap, meeting: str, size: tuple[int, int]) -> None:
    """Every field and both buttons in view, also at 80×24."""
    assert snap_compare(app(meeting), terminal_size=size, run_before=keys("enter", "x"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Snap, meeting: str, size: tuple[int, int]) -> None:
    """From the meeting screen: no column cut, each key once."""
    assert snap_compare(app(meeting), terminal_size=size, run_before=keys("enter", "question_mark"))


@pytest.mark.parametrize("size", SIZES)
def test_search(snap_compare: Snap, meeting: str, size: tuple[int, int]) -> None:
    """The hits wrap in their columns; the snippet keeps the most room. (Enter takes the
    focus to the hits: a focused field's cursor blinks, which a picture cannot hold.)"""
    pressed = keys("slash", *"budget", "enter")
    assert snap_compare(app(meeting), terminal_size=size, run_before=pressed)


@pytest.mark.parametrize("size", SIZES)
def test_live_view(snap_compare: Snap, meeting: str, size: tuple[int, int]) -> None:
    """The meeting under way in the live view: the agenda, the item's recommendation and
    sections, the large decision. (Escape leaves the decision for the agenda: a focused
    field's cursor blinks, which a picture cannot hold.)"""
    pressed = keys("enter", "down", "l", "escape")
    assert snap_compare(app(meeting), terminal_size=size, run_before=pressed)


LONG_NAME = "Marie-Louise Østergaard-Christiansen"


@pytest.fixture
def recorded(meeting: str) -> str:
    """The meeting with the forum's members and their parties (one with a long name, who
    is not at the meeting), and on Budgetopfølgning a vote with names, a protocol remark
    and an absence with its reason."""
    with opened(meeting) as minutes:
        for name, party in (
            ("Anne Holm", "A"),
            ("Bo Lind", "V"),
            ("Cecilie Ravn", "F"),
            (LONG_NAME, "C"),
        ):
            minutes.set_forum_member(
                ACTOR, FORUM, Member(name=name, party=party, substitutes=("Søren Krog",))
            )
        minutes.record_votes(
            MEETING_ID,
            ACTOR,
            "2",
            [
                Vote(option="for", count=2, who=("Anne Holm", "Cecilie Ravn")),
                Vote(option="against", count=1, who=("Bo Lind",)),
            ],
        )
        minutes.add_statement(
            MEETING_ID,
            ACTOR,
            "2",
            "Bo Lind",
            "Bo Lind ønsker sin afvigende mening ført til protokols, da mindreforbruget "
            "burde gå til vejene.",
        )
        minutes.record_member_absence(MEETING_ID, ACTOR, "2", LONG_NAME, "inhabil")
    return meeting


def steady(*pressed: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """As keys(), then the cursors stop blinking (a picture holds one state)."""
    run = keys(*pressed)

    async def then(pilot: Pilot[None]) -> None:
        await run(pilot)
        for field in pilot.app.screen.query("Input, TextArea"):
            field.cursor_blink = False  # type: ignore[attr-defined]
        await settle(pilot)

    return then


@pytest.mark.parametrize("size", SIZES)
def test_live_view_with_a_vote_a_remark_and_an_absence(
    snap_compare: Snap, recorded: str, size: tuple[int, int]
) -> None:
    """What was recorded on the item is under the decision, wrapped at words."""
    pressed = keys("enter", "down", "l", "escape")
    assert snap_compare(app(recorded), terminal_size=size, run_before=pressed)


@pytest.mark.parametrize("size", SIZES)
def test_vote_dialog_with_a_long_name(
    snap_compare: Snap, recorded: str, size: tuple[int, int]
) -> None:
    """For: the long name taken; Imod: "b" typed, the matches under the field."""
    pressed = steady("enter", "down", "l", "ctrl+t", "ctrl+a", "m", "enter", "alt+i", "ctrl+a", "b")
    assert snap_compare(app(recorded), terminal_size=size, run_before=pressed)


@pytest.mark.parametrize("size", SIZES)
def test_remark_dialog_with_a_long_name(
    snap_compare: Snap, recorded: str, size: tuple[int, int]
) -> None:
    pressed = steady("enter", "down", "l", "ctrl+r", "m", "enter", "alt+y", "m")
    assert snap_compare(app(recorded), terminal_size=size, run_before=pressed)


@pytest.mark.parametrize("size", SIZES)
def test_absence_dialog_with_a_long_name(
    snap_compare: Snap, recorded: str, size: tuple[int, int]
) -> None:
    """The long name taken, the reason by its letter, a substitute being typed."""
    pressed = steady("enter", "down", "l", "ctrl+f", "m", "enter", "f", "alt+s", "s")
    assert snap_compare(app(recorded), terminal_size=size, run_before=pressed)


@pytest.mark.parametrize("size", SIZES)
def test_help_in_the_live_view(snap_compare: Snap, recorded: str, size: tuple[int, int]) -> None:
    """Two columns, the keys never split; what cannot be done grouped under its reason."""
    pressed = keys("enter", "down", "l", "escape", "f1")
    assert snap_compare(app(recorded), terminal_size=size, run_before=pressed)
