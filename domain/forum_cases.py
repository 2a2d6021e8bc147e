"""Use cases of a forum that runs all year, and of what real minutes record (issue 13):
the forum's members, template, standing items and settings; a meeting's kind and remarks;
postponing an item to a later meeting (both saved in one transaction); withdrawing that
keeps the number; votes on motions (with warnings to confirm); dissent.

Mixed into Minutes (domain.application) beside MeetingUseCases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from domain import permissions
from domain.errors import NotFound, RuleViolation
from domain.forum.aggregate import Forum
from domain.forum.standing import StandingItem
from domain.forum.state import ForumSettings, Member
from domain.meeting.aggregate import Meeting
from domain.meeting.outcomes import motion_warnings
from domain.meeting.state import ItemLink, Motion

if TYPE_CHECKING:
    from domain.application import MeetingSummary

T = TypeVar("T")
ItemRef = UUID | str


def _item_id(meeting: Meeting, ref: ItemRef) -> UUID:
    return ref if isinstance(ref, UUID) else meeting.item_by_number(ref).id


class ForumUseCases:
    """Provided by Minutes: get, change, forum, summaries, _save."""

    if TYPE_CHECKING:

        def get(self, meeting_id: UUID, version: int | None = None) -> Meeting: ...
        def change(self, meeting_id: UUID, command: Callable[[Meeting], T]) -> T: ...
        def forum(self, name: str) -> Forum | None: ...
        def summaries(self) -> list[MeetingSummary]: ...
        def _save(self, *aggregates: Any) -> None: ...

    # -- the forum -------------------------------------------------------------------

    def change_forum(self, actor: str, name: str, command: Callable[[Forum], None]) -> Forum:
        """Run a command on the forum and save it; a forum that has not met yet is founded
        by this change, with the actor as its secretary."""
        forum = self.forum(name)
        if forum is None:
            forum = Forum.found(name, actor)
        command(forum)
        self._save(forum)
        return forum

    def set_forum_member(self, actor: str, forum: str, member: Member) -> None:
        self.change_forum(actor, forum, lambda f: f.set_member(actor, member))

    def remove_forum_member(self, actor: str, forum: str, name: str) -> None:
        self.change_forum(actor, forum, lambda f: f.remove_member(actor, name))

    def set_forum_sections(self, actor: str, forum: str, sections: Sequence[str]) -> None:
        self.change_forum(actor, forum, lambda f: f.set_sections(actor, tuple(sections)))

    def set_standing_item(
        self, actor: str, forum: str, place: str, item: StandingItem | None
    ) -> None:
        self.change_forum(actor, forum, lambda f: f.set_standing(actor, place, item))

    def change_forum_settings(self, actor: str, forum: str, **changes: Any) -> None:
        """Any of organisation, place, start, end, time_zone, document, numbering."""

        def command(f: Forum) -> None:
            unknown = set(changes) - set(ForumSettings.__struct_fields__)
            if unknown:
                raise RuleViolation(f"Ukendt indstilling: {', '.join(sorted(unknown))}.")
            current = {k: getattr(f.state.settings, k) for k in ForumSettings.__struct_fields__}
            f.change_settings(actor, ForumSettings(**{**current, **changes}))

        self.change_forum(actor, forum, command)

    def forum_members(self, forum: str) -> tuple[str, ...]:
        """The names of the forum's members and their standing substitutes."""
        found = self.forum(forum)
        if found is None:
            return ()
        return tuple(name for m in found.state.members for name in (m.name, *m.substitutes))

    # -- the meeting as a whole --------------------------------------------------------

    def set_meeting_facts(self, meeting_id: UUID, actor: str, **facts: Any) -> None:
        """Kind (ordinært, ekstraordinært, tillæg), document, remarks, time_zone;
        clear_remarks empties the remarks."""
        self.change(meeting_id, lambda m: m.set_facts(actor, **facts))

    def record_absence_reason(
        self, meeting_id: UUID, actor: str, participant: UUID | str, reason: str | None
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.record_absence_reason(actor, m.participant(participant).id, reason),
        )

    def record_member_absence(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        name: str,
        reason: str | None = None,
        substitute: str | None = None,
        transcribed: bool = False,
    ) -> None:
        """An absence from one item, also of a forum member who is not a participant (and,
        transcribed from a document, of anyone the document names)."""
        known = self.forum_members(self.get(meeting_id).state.forum)
        if transcribed:
            known = (*known, name)
        self.change(
            meeting_id,
            lambda m: m.record_item_absence(
                actor, _item_id(m, item), name, reason, substitute, known=known
            ),
        )

    # -- postponed and withdrawn items ---------------------------------------------------

    def withdraw_keeping_number(
        self, meeting_id: UUID, actor: str, item: ItemRef, reason: str | None = None
    ) -> None:
        """Trukket: the item keeps its number and is printed as withdrawn with the reason."""
        self.change(
            meeting_id,
            lambda m: m.withdraw_item(actor, _item_id(m, item), reason, keep_number=True),
        )

    def before_closing(self, meeting: Meeting) -> int | None:
        """Where a new item goes: before the standing closing item when the agenda ends
        with it (the forum's, or where it has chosen none, an "eventuelt"), else last."""
        forum = self.forum(meeting.state.forum)
        active = meeting.state.active_items()
        if not active:
            return None
        last = active[-1].title
        if forum is not None and "last" in forum.state.standing_set:
            closing = forum.state.standing_last
            is_closing = closing is not None and last == closing.title
        else:
            is_closing = "eventuelt" in last.casefold()
        return len(active) - 1 if is_closing else None

    def add_agenda_item(self, meeting_id: UUID, actor: str, title: str, **details: Any) -> UUID:
        """Add an item as a secretary does: before the standing closing item."""
        return self.change(
            meeting_id,
            lambda m: m.add_item(actor, title, position=self.before_closing(m), **details),
        )

    def next_meeting(self, meeting_id: UUID) -> UUID:
        """The forum's next meeting after this one that is not yet approved."""
        state = self.get(meeting_id).state
        later = [
            s
            for s in self.summaries()
            if s.forum.casefold() == state.forum.casefold()
            and s.date > state.date
            and s.status != "approved"
        ]
        if not later:
            raise NotFound(
                f"{state.forum} har intet senere møde at udsætte punktet til; opret det først "
                "(chefforum new) eller angiv mødet."
            )
        return min(later, key=lambda s: s.date).id

    def postpone_item(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        reason: str | None = None,
        to: UUID | None = None,
    ) -> tuple[UUID, UUID]:
        """Udsat: the item stays in this meeting under its number, and a copy of it with
        its content goes on the agenda of the forum's next meeting (or `to`), before a
        standing last item, linked both ways. Both meetings are saved in one transaction.
        Returns the ids of the later meeting and of the new item."""
        source = self.get(meeting_id)
        target_id = to if to is not None else self.next_meeting(meeting_id)
        if target_id == meeting_id:
            raise RuleViolation("Et punkt kan ikke udsættes til samme møde.")
        target = self.get(target_id)
        if target.state.date <= source.state.date:
            raise RuleViolation("Et punkt udsættes til et senere møde.")
        item_id = _item_id(source, item)
        original = source.item(item_id)
        number = source.state.item_numbers()[item_id]
        position = self.before_closing(target)
        new_id = target.add_item(
            actor,
            original.title,
            position=position,
            case_number=original.case_number,
            kind=original.kind,
            duration_minutes=original.duration_minutes,
            closed=original.closed,
        )
        if original.recommendation:
            target.draft_recommendation(
                actor, new_id, original.recommendation.by, original.recommendation.points
            )
        for section in original.sections:
            target.write_section(actor, new_id, section.heading, section.text)
        for earlier in original.earlier_decisions:
            target.record_earlier_decision(
                actor,
                new_id,
                body=earlier.body,
                text=earlier.text,
                date=earlier.date,
                item=earlier.item,
            )
        for attachment in original.attachments:
            target.carry_attachment(actor, new_id, attachment)  # its file too, if kept
        target.carry_in(
            actor,
            new_id,
            ItemLink(
                forum=source.state.forum,
                date=source.state.date,
                number=number,
                meeting_id=source.id,
                item_id=item_id,
            ),
        )
        source.postpone(
            actor,
            item_id,
            reason,
            ItemLink(
                forum=target.state.forum,
                date=target.state.date,
                number=target.state.item_numbers()[new_id],
                meeting_id=target.id,
                item_id=new_id,
            ),
        )
        self._save_both(source, target)
        return target.id, new_id

    def _save_both(self, *meetings: Meeting) -> None:
        for meeting in meetings:
            forum = self.forum(meeting.state.forum)
            if forum is None:
                raise RuleViolation(f"Forummet '{meeting.state.forum}' findes ikke.")
            permissions.check(forum, list(meeting.pending_events))
        self._save(*meetings)

    # -- votes and dissent ---------------------------------------------------------------

    def record_motions(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        motions: Sequence[Motion],
        confirm: bool = False,
    ) -> list[str]:
        """Record the votes on an item's motions. The counts are checked against the
        members present: what does not add up is returned as warnings, and nothing is
        recorded unless `confirm` (the caller asks the user and calls again)."""
        meeting = self.get(meeting_id)
        item_id = _item_id(meeting, item)
        warnings = motion_warnings(meeting.state, meeting.item(item_id), motions)
        if warnings and not confirm:
            return warnings
        self.change(meeting_id, lambda m: m.record_motions(actor, item_id, motions))
        return warnings

    def add_statement(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        by: str,
        text: str,
        kind: str = "protokolbemærkning",
        transcribed: bool = False,
        recorded_by: str | None = None,
        via: str | None = None,
    ) -> None:
        """A protokolbemærkning or mindretalsudtalelse of a member or party group, entered
        by themselves or by a secretary on their behalf (the minutes then say so);
        transcribed from a document, it keeps whom the document names as recorder."""
        if not transcribed:
            recorded_by = actor if actor != by else None
            self._check_speaker(meeting_id, by)
        self.change(
            meeting_id,
            lambda m: m.add_statement(actor, _item_id(m, item), by, text, kind, recorded_by, via),
        )

    def _check_speaker(self, meeting_id: UUID, by: str) -> None:
        """Dissent is a participant's, a forum member's, or a party group's of either."""
        state = self.get(meeting_id).state
        forum = self.forum(state.forum)
        members = forum.state.members if forum is not None else []
        known = {p.name for p in state.participants} | {m.name for m in members}
        parties = {p.party for p in state.participants if p.party} | {
            m.party for m in members if m.party
        }
        if by.strip() not in known | parties:
            raise RuleViolation(
                f"{by} er hverken deltager i mødet, medlem af {state.forum} eller en partigruppe."
            )

    def mark_postponed(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        reason: str | None,
        carried_to: ItemLink | None,
    ) -> None:
        """Udsat, as a document brought in says, without carrying the item anywhere."""
        self.change(meeting_id, lambda m: m.postpone(actor, _item_id(m, item), reason, carried_to))

    def link_carried_from(
        self, meeting_id: UUID, actor: str, item: ItemRef, carried_from: ItemLink
    ) -> None:
        self.change(meeting_id, lambda m: m.carry_in(actor, _item_id(m, item), carried_from))

    def place_section_after_decision(
        self, meeting_id: UUID, actor: str, item: ItemRef, heading: str, after: bool
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.place_section_after_decision(actor, _item_id(m, item), heading, after),
        )

    def place_recommendation(self, meeting_id: UUID, actor: str, item: ItemRef, at: int) -> None:
        self.change(meeting_id, lambda m: m.place_recommendation(actor, _item_id(m, item), at))

    def set_case_label(self, meeting_id: UUID, actor: str, label: str | None) -> None:
        self.change(meeting_id, lambda m: m.set_case_label(actor, label))

    def withdraw_statement(
        self, meeting_id: UUID, actor: str, item: ItemRef, by: str, text: str | None = None
    ) -> None:
        """Take back a member's (last, or the one with `text`) remark before approval."""

        def command(m: Meeting) -> None:
            item_id = _item_id(m, item)
            remarks = m.item(item_id).remarks
            matches = [
                i for i, r in enumerate(remarks) if r.by == by and (text is None or r.text == text)
            ]
            if not matches:
                raise NotFound(f"{by} har ingen bemærkning på punktet.")
            m.withdraw_remark(actor, item_id, matches[-1])

        self.change(meeting_id, command)
