"""A year of one forum, built through the use cases on both stores: ten meetings made
from its template and numbered on through the year, one item postponed twice and finally
decided, one withdrawn; the text export of every meeting reads right."""

from __future__ import annotations

from datetime import date, time
from uuid import UUID

from domain.application import Minutes
from domain.forum.standing import StandingItem
from domain.forum.state import Member
from domain.forum.template import new_meeting, sections_for
from domain.meeting.events.items import ItemCarriedIn, ItemPostponed
from projections.documents.referat import document
from projections.documents.render import text
from projections.readmodels.audit import entries

FORUM = "Teknikudvalget"
SECRETARY = "Karen Dahl"
DATES = [date(2026, month, 10) for month in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11)]
CYCLE = "Cykelsti langs Ringvejen"


def printed(minutes: Minutes, mid: UUID) -> str:
    """The text export with its line breaks and page furniture folded into spaces."""
    return " ".join(text.render(document(minutes.get(mid).state)).split())


def set_up_forum(minutes: Minutes) -> None:
    minutes.change_forum_settings(
        SECRETARY,
        FORUM,
        numbering="year",
        place="Rådhuset, lokale 2",
        start=time(16),
        end=time(18),
        organisation="Solbjerg Kommune",
    )
    minutes.change_roles(SECRETARY, FORUM, SECRETARY, "chair", grant=True)
    minutes.set_forum_member(SECRETARY, FORUM, Member(name="Anne Holm", party="A", role="formand"))
    minutes.set_forum_member(
        SECRETARY,
        FORUM,
        Member(name="Bo Lind", party="V", role="medlem", substitutes=("Dan Berg",)),
    )
    minutes.set_forum_member(
        SECRETARY, FORUM, Member(name="Cecilie Ravn", party="F", role="næstformand")
    )
    minutes.set_forum_sections(SECRETARY, FORUM, ["Sagsfremstilling", "Økonomi"])
    minutes.set_standing_item(
        SECRETARY,
        FORUM,
        "first",
        StandingItem(
            title="Godkendelse af dagsorden",
            kind="beslutning",
            recommendation="at dagsordenen godkendes",
        ),
    )
    minutes.set_standing_item(
        SECRETARY, FORUM, "last", StandingItem(title="Eventuelt", kind="orientering")
    )


def add_before_closing(minutes: Minutes, mid: UUID, title: str) -> UUID:
    """A regular item, placed before the standing closing item (Eventuelt)."""
    last = len(minutes.get(mid).state.active_items()) - 1
    return minutes.add_item(mid, SECRETARY, title, kind="beslutning", position=last)


def test_a_year_of_one_forum(minutes: Minutes) -> None:
    set_up_forum(minutes)
    meetings = [new_meeting(minutes, SECRETARY, FORUM, DATES[0])]
    cycle: UUID = add_before_closing(minutes, meetings[0], CYCLE)
    minutes.write_section(meetings[0], SECRETARY, cycle, "Sagsfremstilling", "Høringen er i gang.")
    carried: dict[int, UUID] = {0: cycle}
    for index in range(len(DATES)):
        mid = meetings[index]
        add_before_closing(minutes, mid, f"Sag {index + 1}.1")
        if index == 3:
            add_before_closing(minutes, mid, "Sag 4.2")
        if index + 1 < len(DATES):  # the next meeting is planned once this agenda is set
            meetings.append(new_meeting(minutes, SECRETARY, FORUM, DATES[index + 1]))
        minutes.publish_agenda(mid, SECRETARY)
        minutes.start_meeting(mid, SECRETARY)
        if index in (0, 1):
            _target, carried[index + 1] = minutes.postpone_item(
                mid, SECRETARY, carried[index], "Afventer høringssvar"
            )
        if index == 2:
            minutes.record_decision(mid, SECRETARY, carried[2], "Anlægget blev godkendt.")
        if index == 3:
            minutes.withdraw_item(mid, SECRETARY, "15", "Sagen er ikke færdigbehandlet")
        minutes.end_meeting(mid, SECRETARY)

    states = [minutes.get(mid).state for mid in meetings]
    # Numbered on through the year: each meeting starts one past the last number before.
    assert [s.first_number for s in states] == [1, 5, 9, 13, 17, 20, 23, 26, 29, 32]
    # Every meeting from the template: members as participants, standing items, settings.
    for state in states:
        assert [p.name for p in state.participants] == ["Anne Holm", "Bo Lind", "Cecilie Ravn"]
        assert [p.role for p in state.participants] == ["chair", "member", "member"]
        assert state.items[0].title == "Godkendelse af dagsorden"
        assert state.items[0].recommendation is not None
        assert state.items[0].recommendation.points == ("at dagsordenen godkendes",)
        assert state.items[-1].title == "Eventuelt"
        assert (state.place, state.start, state.end) == ("Rådhuset, lokale 2", time(16), time(18))

    january, february, march, april, may = (printed(minutes, mid) for mid in meetings[:5])
    assert "REFERAT Teknikudvalget d. 10-01-2026" in january
    assert f"Punkt 2: {CYCLE}" in january
    assert "Beslutning ---------- Udsat: Afventer høringssvar" in january
    assert "Punktet er flyttet til Teknikudvalget d. 10. februar 2026, punkt 6." in january
    assert "Punkt 4: Eventuelt" in january

    assert f"Punkt 6: {CYCLE}" in february
    assert "Udsat fra Teknikudvalget d. 10. januar 2026, punkt 2" in february
    assert "Høringen er i gang." in february  # the content came along
    assert "Punktet er flyttet til Teknikudvalget d. 10. marts 2026, punkt 10." in february
    assert "Punkt 7: Sag 2.1" in february and "Punkt 8: Eventuelt" in february

    assert f"Punkt 10: {CYCLE}" in march
    assert "Udsat fra Teknikudvalget d. 10. februar 2026, punkt 6" in march
    assert "Anlægget blev godkendt." in march
    assert "Udsat:" not in march

    assert "Punkt 15: Sag 4.2" in april
    assert "Punktet blev trukket: Sagen er ikke færdigbehandlet" in april
    assert "Punkt 16: Eventuelt" in april  # not renumbered
    assert "Punkt 17: Godkendelse af dagsorden" in may
    assert "Punkt 34: Eventuelt" in printed(minutes, meetings[-1])

    # The history of both meetings shows the move, linked both ways.
    first = [type(e) for e in minutes.events.get(meetings[0])]
    second = list(minutes.events.get(meetings[1]))
    assert ItemPostponed in first
    carried_in = next(e for e in second if isinstance(e, ItemCarriedIn))
    assert carried_in.carried_from.meeting_id == meetings[0]
    assert carried_in.carried_from.item_id == cycle
    assert states[0].items[1].carried_to is not None
    assert states[0].items[1].carried_to.item_id == carried[1]
    history = [e.description for e in entries(minutes.events.get(meetings[0]))]
    assert f"{SECRETARY} udsatte Punkt 2 til {FORUM} 10-02-2026, punkt 6" in history
    history = [e.description for e in entries(minutes.events.get(meetings[1]))]
    assert f"{SECRETARY} førte Punkt 6 videre fra {FORUM} 10-01-2026, punkt 2" in history
    history = [e.description for e in entries(minutes.events.get(meetings[3]))]
    assert f"{SECRETARY} trak Punkt 15 (nummeret beholdes)" in history


def test_changing_the_template_changes_only_meetings_made_afterwards(minutes: Minutes) -> None:
    set_up_forum(minutes)
    before = new_meeting(minutes, SECRETARY, FORUM, DATES[0])
    minutes.set_standing_item(
        SECRETARY, FORUM, "last", StandingItem(title="Meddelelser og eventuelt")
    )
    minutes.remove_forum_member(SECRETARY, FORUM, "Cecilie Ravn")
    minutes.set_forum_sections(SECRETARY, FORUM, ["Resumé", "Indstilling og økonomi"])
    after = new_meeting(minutes, SECRETARY, FORUM, DATES[1])
    old, new = minutes.get(before).state, minutes.get(after).state
    assert old.items[-1].title == "Eventuelt"
    assert len(old.participants) == 3
    assert new.items[-1].title == "Meddelelser og eventuelt"
    assert [p.name for p in new.participants] == ["Anne Holm", "Bo Lind"]
    assert sections_for(minutes, old) == ("Sagsfremstilling", "Økonomi")
    assert sections_for(minutes, new) == ("Resumé", "Indstilling og økonomi")
    # Numbering: the later meeting goes on from the earlier one's last number.
    assert new.first_number == 3
