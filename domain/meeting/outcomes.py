"""What real minutes record beyond the first version: the meeting's kind and remarks,
reasons for absence, postponed and withdrawn items that keep their number, votes on
motions, and dissent (protokolbemærkning, mindretalsudtalelse).

A mixin of the Meeting aggregate (domain.meeting.aggregate), kept apart so the aggregate
stays readable; the rules are checked here, the events are in domain.meeting.events.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.errors import InvalidInput, RuleViolation
from domain.meeting import events
from domain.meeting.state import (
    DOCUMENT_KINDS,
    MEETING_KINDS,
    MOTION_RESULTS,
    REMARK_KINDS,
    VOTE_OPTIONS,
    Item,
    ItemLink,
    MeetingState,
    Motion,
    Participant,
    Remark,
    Vote,
)
from domain.text import SECTIONS_LIMIT, TEXT_LIMIT, line, nfc_opt, required

VOTING_ROLES = ("member", "chair", "substitute")


def voters_present(state: MeetingState, item: Item) -> list[Participant]:
    """The members who could vote on the item: present, and not absent from it."""
    away = {a.name for a in item.absent}
    return [
        p
        for p in state.participants
        if p.role in VOTING_ROLES and p.attendance == "present" and p.name not in away
    ]


def vote_warnings(state: MeetingState, item: Item, votes: Sequence[Vote], what: str) -> list[str]:
    """What does not add up in one vote, checked against the members present: more votes
    than voters, a name that was not there, a count that differs from the names given."""
    present = voters_present(state, item)
    names = {p.name for p in present}
    parties = {p.party for p in present if p.party}
    warnings: list[str] = []
    total = sum(v.count if v.count is not None else len(v.who) for v in votes)
    if present and total > len(present):
        warnings.append(
            f"{what}: {total} stemmer, men kun {len(present)} stemmeberettigede til stede."
        )
    for vote in votes:
        for who in vote.who:
            if who not in names and who not in parties:
                warnings.append(f"{what}: {who} var ikke til stede ved punktet.")
        named = vote.who and all(w in names for w in vote.who)
        if vote.count is not None and named and vote.count != len(vote.who):
            warnings.append(
                f"{what}: {vote.count} stemmer {vote.option}, men {len(vote.who)} navne."
            )
    return warnings


def motion_warnings(state: MeetingState, item: Item, motions: Sequence[Motion]) -> list[str]:
    return [
        warning
        for index, motion in enumerate(motions, 1)
        for warning in vote_warnings(state, item, motion.votes, f"Afstemning {index}")
    ]


def _choice(value: str | None, allowed: Sequence[str], what: str) -> None:
    if value is not None and value not in allowed:
        raise RuleViolation(f"Ukendt {what} '{value}'; brug en af: {', '.join(allowed)}.")


def _cleaned_votes(votes: Sequence[Vote]) -> tuple[Vote, ...]:
    cleaned: list[Vote] = []
    for vote in votes:
        _choice(vote.option, VOTE_OPTIONS, "stemmeafgivelse")
        if vote.count is not None and (isinstance(vote.count, bool) or vote.count < 0):
            raise RuleViolation("Antallet af stemmer skal være et helt tal på 0 eller mere.")
        if any(v.option == vote.option for v in cleaned):
            raise RuleViolation(f"Stemmer '{vote.option}' er angivet to gange.")
        who = tuple(required(w, "Navn eller parti") for w in vote.who)
        cleaned.append(Vote(option=vote.option, count=vote.count, who=who))
    return tuple(cleaned)


def same_place(a: ItemLink, b: ItemLink) -> bool:
    """The same item as printed (forum, date, number), whether or not ids are known."""
    return (a.forum, a.date, a.number) == (b.forum, b.date, b.number)


class Outcomes:
    """Commands of the Meeting aggregate for issue 13's records."""

    if TYPE_CHECKING:
        state: MeetingState

        def trigger_event(self, event_class: Any, **kwargs: Any) -> None: ...
        def _check_editable(self) -> None: ...
        def _check_held(self, what: str) -> None: ...
        def _active_item(self, item_id: UUID) -> Item: ...
        def participant(self, ref: UUID | str) -> Participant: ...
        def item(self, item_id: UUID) -> Item: ...

    def set_facts(
        self,
        actor: str,
        *,
        kind: str | None = None,
        document: str | None = None,
        remarks: str | None = None,
        time_zone: str | None = None,
        clear_remarks: bool = False,
        template: Sequence[str] | None = None,
    ) -> None:
        """The kind of meeting, what its minutes are called, Bemærkninger, its time zone,
        and the section headings of its forum's template when it was made."""
        self._check_editable()
        s = self.state
        new_kind = kind if kind is not None else s.kind
        new_document = document if document is not None else s.document
        new_zone = time_zone if time_zone is not None else s.time_zone
        _choice(new_kind, MEETING_KINDS, "mødetype")
        _choice(new_document, DOCUMENT_KINDS, "dokumenttype")
        try:
            ZoneInfo(new_zone)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long
            shown = new_zone if len(new_zone) <= 60 else new_zone[:59] + "…"
            raise InvalidInput(f"Ukendt tidszone '{shown}'.") from None
        # Remarks are one line, but as long as free text may be: an imported header's
        # lines that fit no field are kept there, however many they are.
        new_remarks = (
            None
            if clear_remarks
            else (line(remarks, "Bemærkningerne", TEXT_LIMIT) or None)
            if remarks is not None
            else s.remarks
        )
        new_template = tuple(template) if template is not None else tuple(s.template)
        new = (new_kind, new_document, new_remarks, new_zone, new_template)
        if new != (s.kind, s.document, s.remarks, s.time_zone, tuple(s.template)):
            self.trigger_event(
                events.MeetingFactsChanged,
                actor=actor,
                kind=new_kind,
                document=new_document,
                remarks=new_remarks,
                time_zone=new_zone,
                template=new_template,
            )

    def record_absence_reason(self, actor: str, participant_id: UUID, reason: str | None) -> None:
        """Why a participant was away from the whole meeting: ferie, sygdom, andet, ..."""
        self._check_editable()
        current = self.participant(participant_id)
        reason = nfc_opt(reason)
        if reason is not None and current.attendance == "present":
            raise RuleViolation(
                f"{current.name} er til stede; en fraværsgrund gælder afbud og fravær."
            )
        if reason != current.absence_reason:
            self.trigger_event(
                events.AbsenceReasonRecorded,
                actor=actor,
                participant_id=participant_id,
                reason=reason,
            )

    def _open_item(self, item_id: UUID) -> Item:
        item = self._active_item(item_id)
        if item.status != "behandlet":
            word = "udsat" if item.status == "udsat" else "trukket"
            raise RuleViolation(f"Punktet '{item.title}' er {word}.")
        return item

    def postpone(
        self, actor: str, item_id: UUID, reason: str | None, carried_to: ItemLink | None
    ) -> None:
        """Udsat: the item keeps its number here with the reason; carried_to names the
        item of the later meeting that continues it."""
        self._check_editable()
        self._open_item(item_id)
        self.trigger_event(
            events.ItemPostponed,
            actor=actor,
            item_id=item_id,
            reason=nfc_opt(reason),
            carried_to=carried_to,
        )

    def carry_in(self, actor: str, item_id: UUID, carried_from: ItemLink) -> None:
        """Link an item to the postponed item of an earlier meeting it continues."""
        self._check_editable()
        current = self._active_item(item_id).carried_from
        if current is not None and same_place(current, carried_from):
            return
        self.trigger_event(
            events.ItemCarriedIn, actor=actor, item_id=item_id, carried_from=carried_from
        )

    def record_motions(self, actor: str, item_id: UUID, motions: Sequence[Motion]) -> None:
        """The votes on motions (an amendment, then the proposal as amended), in order."""
        self._check_editable()
        item = self._active_item(item_id)
        cleaned = []
        for motion in motions:
            _choice(motion.result, MOTION_RESULTS, "resultat")
            cleaned.append(
                Motion(
                    text=required(motion.text, "Forslagets tekst"),
                    by=nfc_opt(motion.by),
                    result=motion.result,
                    votes=_cleaned_votes(motion.votes),
                )
            )
        current = item.decision.motions if item.decision else ()
        if tuple(cleaned) != current:
            self._check_held("Afstemningen")
            self._open_item(item_id)
            self.trigger_event(
                events.MotionsRecorded, actor=actor, item_id=item_id, motions=tuple(cleaned)
            )

    def add_statement(
        self,
        actor: str,
        item_id: UUID,
        by: str,
        text: str,
        kind: str,
        recorded_by: str | None,
        via: str | None = None,
    ) -> None:
        """A member's or party group's protokolbemærkning or mindretalsudtalelse; entered
        by a secretary on their behalf, recorded_by says so (domain.permissions checks
        who may)."""
        self._check_editable()
        self._active_item(item_id)
        _choice(kind, REMARK_KINDS, "bemærkningstype")
        by = required(by, "Hvem bemærkningen er fra")
        remark = Remark(
            by=by,
            text=required(text, "Bemærkningen", multiline=True),
            kind=kind,  # type: ignore[arg-type]
            recorded_by=nfc_opt(recorded_by),
            via=via,
        )
        self.trigger_event(events.RemarkAdded, actor=actor, item_id=item_id, remark=remark)

    def place_section_after_decision(
        self, actor: str, item_id: UUID, heading: str, after_decision: bool
    ) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        section = next((s for s in item.sections if s.heading == heading), None)
        if section is None:
            raise RuleViolation(f"Punktet har intet afsnit '{heading}'.")
        if section.after_decision != after_decision:
            self.trigger_event(
                events.SectionPlacedAfterDecision,
                actor=actor,
                item_id=item_id,
                heading=heading,
                after_decision=after_decision,
            )

    def place_recommendation(self, actor: str, item_id: UUID, at: int) -> None:
        """Print the Indstilling after the item's first `at` sections (0: before them)."""
        self._check_editable()
        item = self._active_item(item_id)
        if not 0 <= at <= SECTIONS_LIMIT:
            raise InvalidInput(f"Indstillingens plads skal være mellem 0 og {SECTIONS_LIMIT}.")
        if item.recommendation_at != at:
            self.trigger_event(events.RecommendationPlaced, actor=actor, item_id=item_id, at=at)

    def set_case_label(self, actor: str, label: str | None) -> None:
        """The label printed before each item's case number ("Sagsnr."), or none."""
        self._check_editable()
        label = nfc_opt(label, "Sagsnummerets etiket")
        if label != self.state.case_label:
            self.trigger_event(events.CaseLabelSet, actor=actor, label=label)

    def withdraw_remark(self, actor: str, item_id: UUID, position: int) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        if not 0 <= position < len(item.remarks):
            raise RuleViolation(f"Punktet har ingen bemærkning nr. {position + 1}.")
        self.trigger_event(
            events.RemarkWithdrawn,
            actor=actor,
            item_id=item_id,
            position=position,
            by=item.remarks[position].by,
        )
