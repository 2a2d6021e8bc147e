"""A meeting built command by command, touching every kind of event (own fixture text)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from functools import partial
from typing import Any, TypeVar
from uuid import UUID

from domain.application import Minutes
from domain.forum.events import ForumEvent, ForumFounded
from domain.meeting.aggregate import Meeting
from domain.meeting.events.base import MeetingEvent
from domain.meeting.events.meeting import MeetingScheduled
from domain.meeting.state import Item, Vote

SECRETARY = "Karen Dahl"

T = TypeVar("T")


def full_meeting(app: Minutes, actor: str = SECRETARY) -> tuple[UUID, dict[str, UUID]]:
    """Schedule and run a meeting through its whole life (not yet approved)."""
    mid = app.schedule(
        actor,
        "Økonomiudvalget",
        date(2026, 9, 2),
        start=time(16),
        place="Byrådssalen",
        organisation="Solbjerg Kommune",
        first_number=159,
    )
    # The founding secretary also chairs here, so she may end the meeting and record signatures.
    app.change_roles(actor, "Økonomiudvalget", actor, "chair", grant=True)
    ids: dict[str, UUID] = {}

    def step(command: Callable[[Meeting], T]) -> T:  # one save per command, as the UI does
        return app.change(mid, command)

    step(lambda m: m.change_details(actor, place="Udvalgsværelse 2", end=time(18)))
    ids["chair"] = step(lambda m: m.add_participant(actor, "Anne Holm", party="A", role="chair"))
    ids["bo"] = step(lambda m: m.add_participant(actor, "Bo Lind", party="V"))
    ids["cille"] = step(lambda m: m.add_participant(actor, "Cecilie Ravn", party="F"))
    ids["sub"] = step(lambda m: m.add_participant(actor, "Dan Berg", party="V", role="substitute"))
    ids["tmp"] = step(lambda m: m.add_participant(actor, "Midlertidig Person"))
    step(
        lambda m: m.change_participant(
            actor, ids["cille"], name="Cecilie Ravn", title="Næstformand", party="F", role="member"
        )
    )
    step(lambda m: m.remove_participant(actor, ids["tmp"]))
    step(lambda m: m.record_attendance(actor, ids["bo"], "excused"))
    step(lambda m: m.record_attendance(actor, ids["sub"], "present", substitute_for="Bo Lind"))
    ids["budget"] = step(
        lambda m: m.add_item(
            actor,
            "Budgetopfølgning",
            case_number="00.30.00-S00-2-26",
            kind="beslutning",
            duration_minutes=30,
        )
    )
    ids["skole"] = step(lambda m: m.add_item(actor, "Skolestruktur", kind="drøftelse"))
    ids["lukket"] = step(lambda m: m.add_item(actor, "Salg af grund", closed=True))
    ids["trukket"] = step(lambda m: m.add_item(actor, "Udgår"))
    step(lambda m: m.retitle_item(actor, ids["skole"], "Fremtidens skolestruktur"))
    step(lambda m: m.change_item_fields(actor, ids["skole"], case_number="17.00.00-P20-1-26"))
    step(lambda m: m.move_item(actor, ids["skole"], 0))
    step(lambda m: m.withdraw_item(actor, ids["trukket"], "Sagen er ikke klar"))
    step(
        lambda m: m.draft_recommendation(
            actor,
            ids["budget"],
            "Direktionen",
            ["at opfølgningen godkendes", "at mindreforbruget overføres"],
        )
    )
    step(lambda m: m.write_section(actor, ids["budget"], "Resumé", "Forbruget følger budgettet."))
    step(
        lambda m: m.write_section(
            actor, ids["budget"], "Sagens kerne", "Første afsnit.\n\nAndet afsnit."
        )
    )
    step(lambda m: m.write_section(actor, ids["budget"], "Tom", "x"))
    step(lambda m: m.remove_section(actor, ids["budget"], "Tom"))
    step(lambda m: m.add_attachment(actor, ids["budget"], "Regnskabsoversigt"))
    step(lambda m: m.add_attachment(actor, ids["budget"], "Forkert bilag"))
    step(lambda m: m.remove_attachment(actor, ids["budget"], "Forkert bilag"))
    step(lambda m: m.add_attachment(actor, ids["lukket"], "Vurdering", closed=True))
    step(
        lambda m: m.record_earlier_decision(
            actor,
            ids["budget"],
            body="Direktionen",
            date=date(2026, 8, 20),
            item="4",
            text="Anbefales.",
        )
    )
    step(lambda m: m.publish_agenda(actor))
    step(lambda m: m.start(actor, time(16, 5)))
    step(lambda m: m.record_decision(actor, ids["budget"], "Indstillingen blev godkendt."))
    step(
        lambda m: m.record_votes(
            actor,
            ids["budget"],
            [
                Vote(option="for", count=2, who=("A", "F")),
                Vote(option="against", count=1, who=("V",)),
            ],
        )
    )
    step(lambda m: m.record_item_absence(actor, ids["budget"], "Cecilie Ravn", "inhabil"))
    step(
        lambda m: m.add_statement(
            actor,
            ids["budget"],
            "Dan Berg",
            "V ønsker sin afvigende mening ført til protokols.",
            "protokolbemærkning",
            None,
        )
    )
    step(lambda m: m.record_decision(actor, ids["lukket"], "Grunden sælges til højestbydende."))
    step(lambda m: m.end(actor, time(17, 40)))
    return mid, ids


def bulk_meetings(app: Minutes, meetings: int, changes: int, actor: str = SECRETARY) -> int:
    """Meetings with long histories, each saved at once (fast); returns the event count."""
    from domain.meeting.aggregate import Meeting

    total = 0
    for n in range(meetings):
        meeting = Meeting.schedule(
            actor=actor, forum=f"Udvalg {n % 7}", date=date(2026, 1 + n % 12, 1 + n % 28)
        )
        items = [meeting.add_item(actor, f"Sag {k} om behandling af budgettet") for k in range(5)]
        meeting.publish_agenda(actor)
        meeting.start(actor)  # decisions are recorded once the meeting has begun
        for k in range(changes):
            item = items[k % len(items)]
            meeting.write_section(
                actor, item, "Sagsfremstilling", f"Udgave {k}: behandlingen går videre."
            )
            if k % 10 == 0:
                meeting.record_decision(actor, item, f"Beslutning nummer {k}.")
        total += len(meeting.pending_events)
        app.save_meeting(meeting)
    return total


def meeting_events(
    minutes: Minutes, meeting_id: UUID, gt: int | None = None
) -> list[MeetingScheduled | MeetingEvent]:
    """A meeting's stored events (after version gt), typed as a meeting's events: the event
    store declares only eventsourcing's protocol, which has no actor or topic."""
    stored = list(minutes.events.get(meeting_id, gt=gt))
    events = [e for e in stored if isinstance(e, MeetingScheduled | MeetingEvent)]
    assert len(events) == len(stored), "an event of another kind in a meeting's history"
    return events


def forum_events(minutes: Minutes, forum_id: UUID) -> list[ForumFounded | ForumEvent]:
    """A forum's stored events, typed as a forum's events (see meeting_events)."""
    stored = list(minutes.events.get(forum_id))
    events = [e for e in stored if isinstance(e, ForumFounded | ForumEvent)]
    assert len(events) == len(stored), "an event of another kind in a forum's history"
    return events


def decision_text(item: Item) -> str:
    """The text of the item's recorded decision (the test fails if none is recorded)."""
    assert item.decision is not None, f"no decision on '{item.title}'"
    return item.decision.text


def held_meeting(minutes: Minutes, forum: str, on: date, items: list[dict[str, Any]]) -> None:
    """A meeting with these items, held: its decisions are recorded once it has begun."""
    mid = minutes.schedule(SECRETARY, forum, on)
    decisions = []
    for spec in items:
        iid = minutes.change(
            mid,
            partial(
                Meeting.add_item,
                actor=SECRETARY,
                title=spec["title"],
                closed=spec.get("closed", False),
            ),
        )
        for heading, text in spec.get("sections", {}).items():
            minutes.change(
                mid,
                partial(
                    Meeting.write_section, actor=SECRETARY, item_id=iid, heading=heading, text=text
                ),
            )
        if "decision" in spec:
            decisions.append((iid, spec["decision"]))
        if "points" in spec:
            minutes.change(
                mid,
                partial(
                    Meeting.draft_recommendation,
                    actor=SECRETARY,
                    item_id=iid,
                    by="Direktionen",
                    points=spec["points"],
                ),
            )
    minutes.publish_agenda(mid, SECRETARY)
    minutes.start_meeting(mid, SECRETARY)
    for iid, text in decisions:
        minutes.change(
            mid, partial(Meeting.record_decision, actor=SECRETARY, item_id=iid, text=text)
        )
