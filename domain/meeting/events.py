# Over 400 lines: one small class per stored event type, the schema of the store, read as one.
"""The events of a meeting: one immutable record per kind of change.

Every event names its actor. Topics are explicit and stable, so renaming a class
never orphans stored events; a changed payload gets a class_version and an upcaster.
Each event's apply() evolves the MeetingState held by the Meeting aggregate.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.domain import Aggregate

from domain.meeting.member_links import MailRecord, MemberLink
from domain.meeting.state import (
    Approval,
    Attachment,
    Attendance,
    Correction,
    Decision,
    DocumentKind,
    EarlierDecision,
    Item,
    ItemAbsence,
    ItemKind,
    ItemLink,
    MeetingKind,
    MeetingState,
    Motion,
    Participant,
    Recommendation,
    Remark,
    Section,
    Vote,
)


def _item(state: MeetingState, item_id: UUID) -> Item:
    return state.item(item_id)


class MeetingEvent(Aggregate.Event):
    """Base of every change to a meeting: who made it (timestamp is inherited)."""

    TOPIC = "chefforum:MeetingEvent"
    actor: str

    def apply(self, aggregate: Any) -> None:
        self.apply_to(aggregate.state)

    def apply_to(self, state: MeetingState) -> None:
        raise NotImplementedError


class MeetingScheduled(Aggregate.Created):
    TOPIC = "chefforum:MeetingScheduled"
    actor: str
    forum: str
    date: date
    organisation: str | None
    start: time | None
    end: time | None
    place: str | None
    first_number: int

    def apply(self, aggregate: Any) -> None:
        aggregate.state = MeetingState(
            forum=self.forum,
            date=self.date,
            organisation=self.organisation,
            start=self.start,
            end=self.end,
            place=self.place,
            first_number=self.first_number,
        )


class DetailsChanged(MeetingEvent):
    TOPIC = "chefforum:DetailsChanged"
    forum: str
    date: date
    organisation: str | None
    start: time | None
    end: time | None
    place: str | None
    first_number: int

    def apply_to(self, state: MeetingState) -> None:
        state.forum = self.forum
        state.date = self.date
        state.organisation = self.organisation
        state.start = self.start
        state.end = self.end
        state.place = self.place
        state.first_number = self.first_number
        state.renumbered()


class ParticipantAdded(MeetingEvent):
    TOPIC = "chefforum:ParticipantAdded"
    participant: Participant

    def apply_to(self, state: MeetingState) -> None:
        state.add_participant(self.participant)


class ParticipantChanged(MeetingEvent):
    TOPIC = "chefforum:ParticipantChanged"
    participant: Participant

    def apply_to(self, state: MeetingState) -> None:
        state.replace_participant(self.participant)


class ParticipantRemoved(MeetingEvent):
    TOPIC = "chefforum:ParticipantRemoved"
    participant_id: UUID

    def apply_to(self, state: MeetingState) -> None:
        state.remove_participant(self.participant_id)


class AttendanceRecorded(MeetingEvent):
    TOPIC = "chefforum:AttendanceRecorded"
    # Version 1 knew no substitutes; stored v1 payloads are upcast on reading.
    class_version = 2
    participant_id: UUID
    attendance: Attendance
    substitute_for: str | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["substitute_for"] = None

    def apply_to(self, state: MeetingState) -> None:
        found = state.find_participant(self.participant_id)
        if found is not None:
            state.replace_participant(
                msgspec.structs.replace(
                    found, attendance=self.attendance, substitute_for=self.substitute_for
                )
            )


class ItemAdded(MeetingEvent):
    TOPIC = "chefforum:ItemAdded"
    item_id: UUID
    title: str
    position: int
    number: str | None
    case_number: str | None
    kind: ItemKind | None
    duration_minutes: int | None
    closed: bool
    supplementary: bool

    def apply_to(self, state: MeetingState) -> None:
        state.insert_item(
            self.position,
            Item(
                id=self.item_id,
                title=self.title,
                number=self.number,
                case_number=self.case_number,
                kind=self.kind,
                duration_minutes=self.duration_minutes,
                closed=self.closed,
                supplementary=self.supplementary,
            ),
        )


class ItemRetitled(MeetingEvent):
    TOPIC = "chefforum:ItemRetitled"
    item_id: UUID
    title: str

    def apply_to(self, state: MeetingState) -> None:
        _item(state, self.item_id).title = self.title


class ItemFieldsChanged(MeetingEvent):
    TOPIC = "chefforum:ItemFieldsChanged"
    item_id: UUID
    number: str | None
    case_number: str | None
    kind: ItemKind | None
    duration_minutes: int | None
    closed: bool
    supplementary: bool

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        renumbered = item.number != self.number
        item.number = self.number
        item.case_number = self.case_number
        item.kind = self.kind
        item.duration_minutes = self.duration_minutes
        item.closed = self.closed
        item.supplementary = self.supplementary
        if renumbered:
            state.number_changed(item)


class ItemMoved(MeetingEvent):
    TOPIC = "chefforum:ItemMoved"
    item_id: UUID
    position: int

    def apply_to(self, state: MeetingState) -> None:
        state.move_item(self.item_id, self.position)


class ItemWithdrawn(MeetingEvent):
    """Version 1 removed the item and renumbered the rest; stored v1 events keep that
    meaning (keep_number False), so signed minutes project as they were signed. From
    version 2 a withdrawal by a user keeps the number: "Punktet blev trukket"."""

    TOPIC = "chefforum:ItemWithdrawn"
    class_version = 2
    item_id: UUID
    reason: str | None
    keep_number: bool

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["keep_number"] = False

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        if self.keep_number:
            item.status = "trukket"
            item.status_reason = self.reason
        else:
            item.withdrawn = True
            item.withdrawn_reason = self.reason
            state.renumbered()


class ItemPostponed(MeetingEvent):
    """Udsat: the item keeps its number here and is carried to a later meeting."""

    TOPIC = "chefforum:ItemPostponed"
    item_id: UUID
    reason: str | None
    carried_to: ItemLink | None

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        item.status = "udsat"
        item.status_reason = self.reason
        item.carried_to = self.carried_to


class ItemCarriedIn(MeetingEvent):
    """The item continues an item postponed at an earlier meeting."""

    TOPIC = "chefforum:ItemCarriedIn"
    item_id: UUID
    carried_from: ItemLink

    def apply_to(self, state: MeetingState) -> None:
        _item(state, self.item_id).carried_from = self.carried_from


class MeetingFactsChanged(MeetingEvent):
    """The kind of meeting and document, remarks to the whole meeting, its time zone."""

    TOPIC = "chefforum:MeetingFactsChanged"
    kind: MeetingKind
    document: DocumentKind
    remarks: str | None
    time_zone: str
    template: tuple[str, ...]

    def apply_to(self, state: MeetingState) -> None:
        state.kind = self.kind
        state.document = self.document
        state.remarks = self.remarks
        state.time_zone = self.time_zone
        state.template = list(self.template)


class AbsenceReasonRecorded(MeetingEvent):
    """Why a participant was excused or absent from the whole meeting (ferie, sygdom)."""

    TOPIC = "chefforum:AbsenceReasonRecorded"
    participant_id: UUID
    reason: str | None

    def apply_to(self, state: MeetingState) -> None:
        found = state.find_participant(self.participant_id)
        if found is not None:
            state.replace_participant(msgspec.structs.replace(found, absence_reason=self.reason))


class MotionsRecorded(MeetingEvent):
    """The votes on an item's motions, in the order they were taken."""

    TOPIC = "chefforum:MotionsRecorded"
    item_id: UUID
    motions: tuple[Motion, ...]

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        current = item.decision or Decision(text="")
        decision = msgspec.structs.replace(current, motions=self.motions)
        item.decision = decision if decision.text or decision.votes or self.motions else None


class SectionPlacedAfterDecision(MeetingEvent):
    """A section printed after (or again before) the Beslutning."""

    TOPIC = "chefforum:SectionPlacedAfterDecision"
    item_id: UUID
    heading: str
    after_decision: bool

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        item.sections = [
            msgspec.structs.replace(s, after_decision=self.after_decision)
            if s.heading == self.heading
            else s
            for s in item.sections
        ]


class RecommendationPlaced(MeetingEvent):
    """Where the Indstilling prints among the item's sections: after the first `at`."""

    TOPIC = "chefforum:RecommendationPlaced"
    item_id: UUID
    at: int

    def apply_to(self, state: MeetingState) -> None:
        _item(state, self.item_id).recommendation_at = self.at


class CaseLabelSet(MeetingEvent):
    """The label the minutes print before each case number, or none."""

    TOPIC = "chefforum:CaseLabelSet"
    label: str | None

    def apply_to(self, state: MeetingState) -> None:
        state.case_label = self.label


class RemarkWithdrawn(MeetingEvent):
    """A protocol remark or minority statement taken back before approval."""

    TOPIC = "chefforum:RemarkWithdrawn"
    item_id: UUID
    position: int
    by: str  # whose remark it was: they (or a secretary) may withdraw it

    def apply_to(self, state: MeetingState) -> None:
        del _item(state, self.item_id).remarks[self.position]


class RecommendationDrafted(MeetingEvent):
    TOPIC = "chefforum:RecommendationDrafted"
    item_id: UUID
    recommendation: Recommendation | None

    def apply_to(self, state: MeetingState) -> None:
        _item(state, self.item_id).recommendation = self.recommendation


class SectionWritten(MeetingEvent):
    """A section's text written; a new heading is inserted at `position`."""

    TOPIC = "chefforum:SectionWritten"
    item_id: UUID
    heading: str
    text: str
    position: int

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        section = Section(heading=self.heading, text=self.text)
        for index, existing in enumerate(item.sections):
            if existing.heading == self.heading:
                item.sections[index] = msgspec.structs.replace(existing, text=self.text)
                return
        item.sections.insert(self.position, section)


class SectionRemoved(MeetingEvent):
    TOPIC = "chefforum:SectionRemoved"
    item_id: UUID
    heading: str

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        item.sections = [s for s in item.sections if s.heading != self.heading]


class AttachmentAdded(MeetingEvent):
    TOPIC = "chefforum:AttachmentAdded"
    item_id: UUID
    attachment: Attachment

    def apply_to(self, state: MeetingState) -> None:
        _item(state, self.item_id).attachments.append(self.attachment)


class AttachmentRemoved(MeetingEvent):
    TOPIC = "chefforum:AttachmentRemoved"
    item_id: UUID
    name: str

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        item.attachments = [a for a in item.attachments if a.name != self.name]


class AttachmentReplaced(MeetingEvent):
    """A Bilag's file replaced by another under the same name, in its place on the item
    (domain/meeting/files.py); the name may change with it."""

    TOPIC = "chefforum:AttachmentReplaced"
    item_id: UUID
    name: str
    attachment: Attachment

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        item.attachments = [self.attachment if a.name == self.name else a for a in item.attachments]


class AttachmentAddedByCorrection(MeetingEvent):
    """A Bilag added to approved minutes: only ever added, by a correction with a reason."""

    TOPIC = "chefforum:AttachmentAddedByCorrection"
    item_id: UUID
    attachment: Attachment
    correction: Correction

    def apply_to(self, state: MeetingState) -> None:
        _item(state, self.item_id).attachments.append(self.attachment)
        state.corrections.append(self.correction)


class EarlierDecisionRecorded(MeetingEvent):
    TOPIC = "chefforum:EarlierDecisionRecorded"
    item_id: UUID
    earlier: EarlierDecision

    def apply_to(self, state: MeetingState) -> None:
        _item(state, self.item_id).earlier_decisions.append(self.earlier)


class AgendaPublished(MeetingEvent):
    TOPIC = "chefforum:AgendaPublished"

    def apply_to(self, state: MeetingState) -> None:
        state.status = "published"


class MeetingStarted(MeetingEvent):
    TOPIC = "chefforum:MeetingStarted"
    start: time | None

    def apply_to(self, state: MeetingState) -> None:
        state.status = "started"
        if self.start is not None:
            state.start = self.start


class MeetingEnded(MeetingEvent):
    TOPIC = "chefforum:MeetingEnded"
    end: time | None

    def apply_to(self, state: MeetingState) -> None:
        state.status = "ended"
        if self.end is not None:
            state.end = self.end


class DecisionRecorded(MeetingEvent):
    TOPIC = "chefforum:DecisionRecorded"
    item_id: UUID
    text: str

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        current = item.decision or Decision(text="")
        decision = msgspec.structs.replace(current, text=self.text)
        item.decision = decision if self.text or decision.votes or decision.motions else None


class VotesRecorded(MeetingEvent):
    TOPIC = "chefforum:VotesRecorded"
    item_id: UUID
    votes: tuple[Vote, ...]

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        current = item.decision or Decision(text="")
        decision = msgspec.structs.replace(current, votes=self.votes)
        item.decision = decision if decision.text or self.votes or decision.motions else None


class ItemAbsenceRecorded(MeetingEvent):
    TOPIC = "chefforum:ItemAbsenceRecorded"
    item_id: UUID
    absence: ItemAbsence

    def apply_to(self, state: MeetingState) -> None:
        item = _item(state, self.item_id)
        item.absent = [a for a in item.absent if a.name != self.absence.name]
        item.absent.append(self.absence)


class RemarkAdded(MeetingEvent):
    """A protocol remark, such as a member's dissent (mindretalsudtalelse)."""

    TOPIC = "chefforum:RemarkAdded"
    item_id: UUID
    remark: Remark

    def apply_to(self, state: MeetingState) -> None:
        _item(state, self.item_id).remarks.append(self.remark)


class MinutesApproved(MeetingEvent):
    """One member's sign-off; the first one locks the minutes.

    `digest` is the SHA-256 of the referat that was signed, so `verify` can show that
    today's projection of that version still gives the same text.
    """

    TOPIC = "chefforum:MinutesApproved"
    # Version 2 tells a signature transcribed from an earlier record (an import of
    # approved minutes, which a secretary may do) from one given in this system.
    class_version = 2
    approval: Approval
    digest: str | None
    transcribed: bool

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["transcribed"] = False

    def apply_to(self, state: MeetingState) -> None:
        state.status = "approved"
        state.approvals.append(self.approval)


class CorrectionAdded(MeetingEvent):
    TOPIC = "chefforum:CorrectionAdded"
    correction: Correction

    def apply_to(self, state: MeetingState) -> None:
        state.corrections.append(self.correction)


class LinkIssued(MeetingEvent):
    """A member's personal link to this meeting (domain.meeting.member_links)."""

    TOPIC = "chefforum:LinkIssued"
    link: MemberLink

    def apply_to(self, state: MeetingState) -> None:
        state.links.append(self.link)


class LinkRevoked(MeetingEvent):
    TOPIC = "chefforum:LinkRevoked"
    link_id: UUID

    def apply_to(self, state: MeetingState) -> None:
        state.links = [
            msgspec.structs.replace(link, revoked=self.timestamp)
            if link.id == self.link_id
            else link
            for link in state.links
        ]


class MailSent(MeetingEvent):
    """A mail to a member (agenda, draft, minutes, reminder): delivered or not."""

    TOPIC = "chefforum:MailSent"
    mail: MailRecord

    def apply_to(self, state: MeetingState) -> None:
        state.mails.append(self.mail)


ALL_EVENTS: tuple[type[MeetingScheduled] | type[MeetingEvent], ...] = (
    MeetingScheduled,
    DetailsChanged,
    ParticipantAdded,
    ParticipantChanged,
    ParticipantRemoved,
    AttendanceRecorded,
    ItemAdded,
    ItemRetitled,
    ItemFieldsChanged,
    ItemMoved,
    ItemWithdrawn,
    RecommendationDrafted,
    SectionWritten,
    SectionRemoved,
    AttachmentAdded,
    AttachmentRemoved,
    EarlierDecisionRecorded,
    AgendaPublished,
    MeetingStarted,
    MeetingEnded,
    DecisionRecorded,
    VotesRecorded,
    ItemAbsenceRecorded,
    RemarkAdded,
    MinutesApproved,
    CorrectionAdded,
    ItemPostponed,
    ItemCarriedIn,
    MeetingFactsChanged,
    AbsenceReasonRecorded,
    MotionsRecorded,
    RemarkWithdrawn,
    SectionPlacedAfterDecision,
    AttachmentReplaced,
    AttachmentAddedByCorrection,
    LinkIssued,
    LinkRevoked,
    MailSent,
    RecommendationPlaced,
    CaseLabelSet,
)
