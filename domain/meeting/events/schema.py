"""The schema of the store: every event type of a meeting, in the order they were made."""

from __future__ import annotations

from domain.meeting.events.base import MeetingEvent
from domain.meeting.events.decisions import (
    DecisionRecorded,
    ItemAbsenceRecorded,
    MotionsRecorded,
    RemarkAdded,
    RemarkWithdrawn,
    VotesRecorded,
)
from domain.meeting.events.files import (
    AttachmentAdded,
    AttachmentAddedByCorrection,
    AttachmentRemoved,
    AttachmentReplaced,
)
from domain.meeting.events.items import (
    ItemAdded,
    ItemCarriedIn,
    ItemFieldsChanged,
    ItemMoved,
    ItemPostponed,
    ItemRetitled,
    ItemWithdrawn,
)
from domain.meeting.events.links import LinkIssued, LinkRevoked, MailSent
from domain.meeting.events.meeting import (
    AgendaPublished,
    CaseLabelSet,
    CorrectionAdded,
    DetailsChanged,
    MeetingEnded,
    MeetingFactsChanged,
    MeetingScheduled,
    MeetingStarted,
    MinutesApproved,
)
from domain.meeting.events.participants import (
    AbsenceReasonRecorded,
    AttendanceRecorded,
    ParticipantAdded,
    ParticipantChanged,
    ParticipantRemoved,
)
from domain.meeting.events.texts import (
    EarlierDecisionRecorded,
    RecommendationDrafted,
    RecommendationPlaced,
    SectionPlacedAfterDecision,
    SectionRemoved,
    SectionWritten,
)

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
