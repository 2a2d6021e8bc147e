"""What a screen offers is exactly what the command allows, and a refusal says the same.

For every action of domain.meeting.actions, in every state of a meeting (an empty draft,
a draft, the agenda published, the meeting started, ended, signed) and for every kind of
user (a secretary, the chair, a member, someone with no part in the forum), on each of
the items (one open, one withdrawn, one postponed): the UI's reason (unavailable(),
None when it offers the action) is compared with what the use case does when called on
the meeting as the form would call it (None when it goes through, else its refusal).

The commands run on a copy of the meeting, checked as a save would check them and not
saved (Minutes.unit_of_work with dry_run), so one meeting per state serves them all; the
two use cases that save by themselves (postponing, the forum's roles) run on a meeting of
their own when they are expected to go through.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, time
from typing import Any
from uuid import UUID

import pytest

from domain.application import Minutes
from domain.cases.files import FileContent
from domain.errors import ChefforumError
from domain.forum.state import Member
from domain.meeting.actions import ACTIONS, ITEM_RULES, clause, unavailable
from domain.meeting.files import FileFacts
from domain.meeting.rules import signers
from domain.meeting.state import MeetingState, Motion, Vote

FORUM = "Økonomiudvalget"
SECRETARY, CHAIR, MEMBER, NOBODY = "Karen Dahl", "Per Krog", "Anne Holm", "Ole Gæst"
USERS = {"secretary": SECRETARY, "chair": CHAIR, "member": MEMBER, "none": NOBODY}
STATES = ("empty draft", "draft", "published", "started", "ended", "signed")
ITEMS = ("Budget", "Skoler", "Veje")  # open, withdrawn (trukket), postponed (udsat)
FILE = FileContent(FileFacts(sha256="0" * 64, size=4, media_type="application/pdf"), b"%PDF")


@dataclass
class World:
    minutes: Minutes
    meeting: UUID
    items: dict[str, UUID]
    bo: UUID  # a participant to edit

    @property
    def state(self) -> MeetingState:
        return self.minutes.get(self.meeting).state


def build(state: str) -> World:
    """A meeting of a forum with a secretary, a chair and a member, in `state`."""
    minutes = Minutes()
    mid = minutes.schedule(SECRETARY, FORUM, date(2026, 9, 2), start=time(16))
    later = minutes.schedule(SECRETARY, FORUM, date(2026, 10, 7))
    minutes.change_roles(SECRETARY, FORUM, CHAIR, "chair", grant=True)
    minutes.set_forum_member(SECRETARY, FORUM, Member(name=MEMBER))
    minutes.add_participant(mid, SECRETARY, CHAIR, role="chair")
    minutes.add_participant(mid, SECRETARY, MEMBER)
    bo = minutes.add_participant(mid, SECRETARY, "Bo Lind")
    items: dict[str, UUID] = {}
    if state != "empty draft":
        for title in ITEMS:
            items[title] = minutes.add_item(mid, SECRETARY, title)
            minutes.add_attachment(mid, SECRETARY, items[title], "Bilag A")
        minutes.withdraw_item(mid, SECRETARY, items["Skoler"], "Sagen er ikke klar")
        minutes.postpone_item(mid, SECRETARY, items["Veje"], "Mangler høringssvar", to=later)
    steps: list[Callable[[], None]] = [
        lambda: minutes.publish_agenda(mid, SECRETARY),
        lambda: minutes.start_meeting(mid, SECRETARY),
        lambda: minutes.end_meeting(mid, SECRETARY),
        lambda: minutes.sign_minutes(mid, MEMBER, MEMBER, digest),
    ]
    for step in steps[: max(0, STATES.index(state) - 1)]:
        step()
    return World(minutes, mid, items, bo)


def digest(state: MeetingState) -> str:
    return "referat"


Call = Callable[[World, str, UUID], Any]


def _sign(w: World, actor: str, item: UUID) -> None:
    """As the form offers: the user signs for themselves, else for the first waiting."""
    waiting = [p.name for p in signers(w.state)]
    by = actor if actor in waiting or not waiting else waiting[0]
    w.minutes.sign_minutes(w.meeting, actor, by, digest)


def _move(w: World, actor: str, item: UUID) -> None:
    offset = w.state.active_offset(item)
    w.minutes.move_item(w.meeting, actor, item, 1 if offset == 0 else 0)


def _attach(w: World, actor: str, item: UUID) -> None:
    """As the form does: to approved minutes by a correction."""
    if w.state.status == "approved":
        w.minutes.add_file_by_correction(w.meeting, actor, item, "Plan", FILE, reason="Manglede")
    else:
        w.minutes.attach_file(w.meeting, actor, item, "Plan", FILE)


def _remark(w: World, actor: str, item: UUID) -> None:
    """A secretary writes a member's remark; anyone else their own."""
    by = MEMBER if actor == SECRETARY else actor
    w.minutes.add_statement(w.meeting, actor, item, by, "Jeg er imod.")


# Each action's use case, called as its form calls it (item: the selected item's id).
CALLS: dict[str, Call] = {
    "add_item": lambda w, a, i: w.minutes.add_item(w.meeting, a, "Nyt punkt"),
    "details": lambda w, a, i: w.minutes.change_details(w.meeting, a, place="Mødelokale 3"),
    "add_participant": lambda w, a, i: w.minutes.add_participant(w.meeting, a, "Eva Ny"),
    "edit_participant": lambda w, a, i: w.minutes.edit_participant(
        w.meeting,
        a,
        w.bo,
        name="Bo Lind",
        title="Næstformand",
        party=None,
        role="member",
        attendance="present",
    ),
    "publish": lambda w, a, i: w.minutes.publish_agenda(w.meeting, a),
    "start": lambda w, a, i: w.minutes.start_meeting(w.meeting, a),
    "end": lambda w, a, i: w.minutes.end_meeting(w.meeting, a),
    "live": lambda w, a, i: w.minutes.record_decision(w.meeting, a, i, "Godkendt."),
    "approve": _sign,
    "correction": lambda w, a, i: w.minutes.add_correction(
        w.meeting, a, reason="Stavefejl", text="Rettet."
    ),
    "roles": lambda w, a, i: w.minutes.change_roles(a, FORUM, "Bo Lind", "chair", grant=True),
    "send_mail": lambda w, a, i: w.minutes.record_mail(
        w.meeting, a, "dagsorden", MEMBER, "anne@example.dk", True
    ),
    "edit_item": lambda w, a, i: w.minutes.retitle_item(w.meeting, a, i, "Ny titel"),
    "move_item": _move,
    "absence": lambda w, a, i: w.minutes.record_member_absence(
        w.meeting, a, i, "Bo Lind", "inhabil"
    ),
    "earlier_decision": lambda w, a, i: w.minutes.record_earlier_decision(
        w.meeting, a, i, body="Byrådet", text="Vedtaget."
    ),
    "add_attachment": lambda w, a, i: w.minutes.add_attachment(w.meeting, a, i, "Nyt bilag"),
    "remove_attachment": lambda w, a, i: w.minutes.remove_attachment(w.meeting, a, i, "Bilag A"),
    "withdraw_item": lambda w, a, i: w.minutes.withdraw_item(w.meeting, a, i, "Udgår"),
    "postpone_item": lambda w, a, i: w.minutes.postpone_item(w.meeting, a, i, "Mangler svar"),
    "votes": lambda w, a, i: w.minutes.record_votes(
        w.meeting, a, i, [Vote(option="for", count=3, who=())]
    ),
    "motion": lambda w, a, i: w.minutes.record_motions(
        w.meeting,
        a,
        i,
        [Motion(text="Ændringsforslag", votes=(Vote(option="for", count=2, who=()),))],
        True,
    ),
    "remark": _remark,
    "attach_file": _attach,
}
# These save by themselves, not through the meeting's unit of work.
SAVED_BY_ITSELF = ("postpone_item", "roles")


def attempt(w: World, action: str, actor: str, item: UUID) -> str | None:
    """What the command says: None when it goes through, else its refusal."""
    try:
        if action in SAVED_BY_ITSELF:
            CALLS[action](w, actor, item)
        else:
            with w.minutes.unit_of_work(w.minutes.get(w.meeting), dry_run=True):
                CALLS[action](w, actor, item)
    except ChefforumError as e:
        return str(e)
    return None


@pytest.fixture(scope="module")
def worlds() -> Iterator[dict[str, World]]:
    built = {state: build(state) for state in STATES}
    yield built
    for world in built.values():
        world.minutes.close()


def test_every_action_has_its_use_case_here() -> None:
    assert set(CALLS) == set(ACTIONS)


@pytest.mark.parametrize("role", USERS)
@pytest.mark.parametrize("state", STATES)
def test_what_the_screen_offers_is_what_the_command_allows(
    worlds: dict[str, World], state: str, role: str
) -> None:
    world, actor = worlds[state], USERS[role]
    forum = world.minutes.forum(FORUM)
    assert forum is not None
    roles = forum.roles_of(actor)
    differ: list[str] = []
    for action in ACTIONS:
        on_items = ITEMS if action in ITEM_RULES else ITEMS[:1]
        for title in on_items if world.items else ("",):
            meeting = world.state
            item = meeting.find_item(world.items.get(title))
            offered = unavailable(action, meeting, roles, actor, item)
            if item is None and action in ITEM_RULES:
                # No item to select: not offered, and the command has none to name.
                assert offered is not None, action
                continue
            item_id = item.id if item is not None else world.items.get("Budget", world.meeting)
            fresh = action in SAVED_BY_ITSELF and offered is None
            target = build(state) if fresh else world
            said = attempt(target, action, actor, target.items.get(title, item_id))
            if fresh:
                target.minutes.close()
            if action == "live":
                # The live view is offered while the meeting is held; its decisions may
                # also be written after it ended (in the meeting screen).
                if offered is None and said is not None:
                    differ.append(f"live on {title}: offered, but the decision is refused: {said}")
                continue
            if offered != said:
                differ.append(f"{action} on {title or '-'}: screen {offered!r}, command {said!r}")
    assert not differ, "\n".join(differ)


@pytest.mark.parametrize("state", STATES)
def test_every_reason_reads_after_a_colon(worlds: dict[str, World], state: str) -> None:
    meeting = worlds[state].state
    for actor in USERS.values():
        for action in ACTIONS:
            reason = unavailable(action, meeting, (), actor)
            if reason is not None:
                assert reason.endswith(".") and reason[0].isupper(), reason
                assert clause(reason)[0].islower() and not clause(reason).endswith(".")
