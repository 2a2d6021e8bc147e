"""The Meeting aggregate: one meeting of one forum, the commands given as a whole (its
details and facts, its lifecycle, approval and corrections) and, mixed in, its parts:
participants, items, decisions, remarks, Bilag as files and the members' links.

A command checks its rule against the current state (domain.meeting.rules), then
triggers one event; a command that would change nothing triggers none, so that
re-importing a document or re-saving a field leaves no trace.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any, ClassVar
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from eventsourcing.domain import Aggregate

from domain.clock import zone
from domain.errors import EditConflict, InvalidInput, RuleViolation
from domain.meeting import rules
from domain.meeting.decisions import Decisions
from domain.meeting.events import base as base_events
from domain.meeting.events import decisions as decision_events
from domain.meeting.events import files as file_events
from domain.meeting.events import items as item_events
from domain.meeting.events import links as link_events
from domain.meeting.events import meeting as meeting_events
from domain.meeting.events import participants as participant_events
from domain.meeting.events import texts as text_events
from domain.meeting.files import Files
from domain.meeting.items import Items
from domain.meeting.member_part import MemberPart
from domain.meeting.participants import Participants
from domain.meeting.remarks import Remarks
from domain.meeting.state import DOCUMENT_KINDS, MEETING_KINDS, Approval, Correction, MeetingState
from domain.text import FIRST_NUMBER_LIMIT, TEXT_LIMIT, bounded, line, nfc_opt, one_of, required


def expect_unchanged(current: str, base: str | None, what: str, new: str | None = None) -> None:
    """Refuse to write over a text that changed since the editor loaded it (base), unless
    it already says what is being written."""
    if base is not None and current not in (base, new):
        raise EditConflict(what, current)


def _check_times(start: time | None, end: time | None) -> None:
    if start is not None and end is not None and start >= end:
        raise RuleViolation(
            f"Mødet kan ikke slutte ({end:%H:%M}) før det begynder ({start:%H:%M})."
        )


def _check_moment(state: MeetingState, at: datetime, what: str) -> None:
    """A time given for a signature or a correction (an import, paper): not in the future,
    and not before the day of the meeting."""
    if at.tzinfo is None:
        raise RuleViolation(f"{what} mangler en tidszone.")
    if at > datetime.now(UTC):
        raise RuleViolation(
            f"{what} er dateret i fremtiden ({at.astimezone(zone()):%Y-%m-%d %H:%M}); "
            "det kan ikke registreres."
        )
    if at.astimezone(zone()).date() < state.date:
        raise RuleViolation(
            f"{what} er dateret {at.astimezone(zone()):%Y-%m-%d}, før mødet den "
            f"{state.date.isoformat()}; det kan ikke registreres."
        )


class Meeting(Participants, Items, Decisions, Remarks, Files, MemberPart, Aggregate):
    """One meeting of one forum: its agenda, minutes, approvals and corrections."""

    TOPIC = "chefforum:Meeting"
    state: MeetingState

    # The event classes, attached so eventsourcing registers their explicit topics.
    Event = base_events.MeetingEvent
    Scheduled = meeting_events.MeetingScheduled
    DetailsChanged = meeting_events.DetailsChanged
    ParticipantAdded = participant_events.ParticipantAdded
    ParticipantChanged = participant_events.ParticipantChanged
    ParticipantRemoved = participant_events.ParticipantRemoved
    AttendanceRecorded = participant_events.AttendanceRecorded
    ItemAdded = item_events.ItemAdded
    ItemRetitled = item_events.ItemRetitled
    ItemFieldsChanged = item_events.ItemFieldsChanged
    ItemMoved = item_events.ItemMoved
    ItemWithdrawn = item_events.ItemWithdrawn
    RecommendationDrafted = text_events.RecommendationDrafted
    SectionWritten = text_events.SectionWritten
    SectionRemoved = text_events.SectionRemoved
    AttachmentAdded = file_events.AttachmentAdded
    AttachmentRemoved = file_events.AttachmentRemoved
    EarlierDecisionRecorded = text_events.EarlierDecisionRecorded
    AgendaPublished = meeting_events.AgendaPublished
    MeetingStarted = meeting_events.MeetingStarted
    MeetingEnded = meeting_events.MeetingEnded
    DecisionRecorded = decision_events.DecisionRecorded
    VotesRecorded = decision_events.VotesRecorded
    ItemAbsenceRecorded = decision_events.ItemAbsenceRecorded
    RemarkAdded = decision_events.RemarkAdded
    MinutesApproved = meeting_events.MinutesApproved
    CorrectionAdded = meeting_events.CorrectionAdded
    ItemPostponed = item_events.ItemPostponed
    ItemCarriedIn = item_events.ItemCarriedIn
    MeetingFactsChanged = meeting_events.MeetingFactsChanged
    AbsenceReasonRecorded = participant_events.AbsenceReasonRecorded
    MotionsRecorded = decision_events.MotionsRecorded
    RemarkWithdrawn = decision_events.RemarkWithdrawn
    SectionPlacedAfterDecision = text_events.SectionPlacedAfterDecision
    AttachmentReplaced = file_events.AttachmentReplaced
    AttachmentAddedByCorrection = file_events.AttachmentAddedByCorrection
    LinkIssued = link_events.LinkIssued
    LinkRevoked = link_events.LinkRevoked
    MailSent = link_events.MailSent
    RecommendationPlaced = text_events.RecommendationPlaced
    CaseLabelSet = meeting_events.CaseLabelSet

    # Snapshot state is typed so that msgspec restores it exactly.
    snapshot_state_types: ClassVar[dict[str, Any]] = {
        "_created_on": datetime,
        "_modified_on": datetime,
        "state": MeetingState,
    }

    # -- the meeting as a whole -------------------------------------------------

    @classmethod
    def schedule(
        cls,
        *,
        actor: str,
        forum: str,
        date: date,
        organisation: str | None = None,
        start: time | None = None,
        end: time | None = None,
        place: str | None = None,
        first_number: int = 1,
        id: UUID | None = None,
    ) -> Meeting:
        forum = required(forum, "Forum")
        _check_times(start, end)
        cls._check_first_number(first_number)
        # The metaclass derives Meeting.Scheduled (same explicit topic) from the base class.
        return cls._create(
            cls.Scheduled,
            id=id,
            actor=required(actor, "Aktør"),
            forum=forum,
            date=date,
            organisation=nfc_opt(organisation, "Organisationen"),
            start=start,
            end=end,
            place=nfc_opt(place, "Mødestedet"),
            first_number=first_number,
        )

    def __init__(self) -> None:
        """State is set by MeetingScheduled.apply (also when a snapshot is absent)."""

    @staticmethod
    def _check_first_number(first_number: int) -> None:
        bounded(first_number, "Første punktnummer", low=1, high=FIRST_NUMBER_LIMIT)

    def change_details(
        self,
        actor: str,
        *,
        forum: str | None = None,
        date: date | None = None,
        organisation: str | None = None,
        start: time | None = None,
        end: time | None = None,
        place: str | None = None,
        first_number: int | None = None,
        clear: Iterable[str] = (),
    ) -> None:
        """Change the given details; names in `clear` (start, end, place, organisation)
        are emptied."""
        self._check_editable()
        s = self.state
        new: dict[str, Any] = {
            "forum": required(forum, "Forum") if forum is not None else s.forum,
            "date": date or s.date,
            "organisation": (
                nfc_opt(organisation, "Organisationen")
                if organisation is not None
                else s.organisation
            ),
            "start": start if start is not None else s.start,
            "end": end if end is not None else s.end,
            "place": nfc_opt(place, "Mødestedet") if place is not None else s.place,
            "first_number": first_number if first_number is not None else s.first_number,
        }
        for name in clear:
            if name not in ("start", "end", "place", "organisation"):
                raise RuleViolation(f"'{name}' kan ikke tømmes.")
            new[name] = None
        _check_times(new["start"], new["end"])
        self._check_first_number(new["first_number"])
        if any(getattr(s, key) != value for key, value in new.items()):
            self.trigger_event(meeting_events.DetailsChanged, actor=actor, **new)

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
        one_of(new_kind, MEETING_KINDS, "mødetype")
        one_of(new_document, DOCUMENT_KINDS, "dokumenttype")
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
                meeting_events.MeetingFactsChanged,
                actor=actor,
                kind=new_kind,
                document=new_document,
                remarks=new_remarks,
                time_zone=new_zone,
                template=new_template,
            )

    def set_case_label(self, actor: str, label: str | None) -> None:
        """The label printed before each item's case number ("Sagsnr."), or none."""
        self._check_editable()
        label = nfc_opt(label, "Sagsnummerets etiket")
        if label != self.state.case_label:
            self.trigger_event(meeting_events.CaseLabelSet, actor=actor, label=label)

    # -- the lifecycle ------------------------------------------------------------------

    def publish_agenda(self, actor: str) -> None:
        rules.refuse(rules.publishable(self.state))
        self.trigger_event(meeting_events.AgendaPublished, actor=actor)

    def start(self, actor: str, at: time | None = None) -> None:
        rules.refuse(rules.startable(self.state))
        _check_times(at, self.state.end)
        self.trigger_event(meeting_events.MeetingStarted, actor=actor, start=at)

    def end(self, actor: str, at: time | None = None) -> None:
        rules.refuse(rules.in_session(self.state))
        _check_times(self.state.start, at)
        self.trigger_event(meeting_events.MeetingEnded, actor=actor, end=at)

    # -- approval and corrections -------------------------------------------------------

    def approve(
        self,
        actor: str,
        by: str,
        reservation: str | None = None,
        at: datetime | None = None,
        digest: str | None = None,
        transcribed: bool = False,
        recorded_by: str | None = None,
        via: str | None = None,
    ) -> None:
        """One member signs the minutes (whose digest the caller computed); the first
        sign-off locks them. A signature recorded by someone else (the chair or a
        secretary, from paper) says who recorded it; a transcribed one (an import) keeps
        whom its source named."""
        rules.refuse(rules.signable(self.state))
        signer = self.participant(by)
        rules.refuse(rules.signing_refusal(self.state, signer))
        if transcribed:
            # Brought in from another record: who brought it in answers for it.
            recorded_by = nfc_opt(recorded_by, "Hvem underskriften er registreret af") or actor
        else:
            recorded_by = actor if actor != signer.name else None
        if at is not None:
            _check_moment(self.state, at, "Underskriften")
        approval = Approval(
            by=signer.name,
            at=at or datetime.now(UTC),
            reservation=nfc_opt(reservation, "Forbeholdet", multiline=True),
            recorded_by=recorded_by,
            via=via,
        )
        self.trigger_event(
            meeting_events.MinutesApproved,
            actor=actor,
            approval=approval,
            digest=digest,
            transcribed=transcribed,
        )

    def add_correction(
        self,
        actor: str,
        *,
        reason: str,
        text: str,
        item_id: UUID | None = None,
        by: str | None = None,
        at: datetime | None = None,
    ) -> None:
        """Add a correction to approved minutes; the approved content stays as it was."""
        rules.refuse(rules.correctable(self.state))
        if item_id is not None:
            self._active_item(item_id)
        if at is not None:
            _check_moment(self.state, at, "Rettelsen")
        correction = Correction(
            by=required(by if by is not None else actor, "Hvem rettelsen er fra"),
            at=at or datetime.now(UTC),
            item_id=item_id,
            reason=required(reason, "Begrundelsen for rettelsen", multiline=True),
            text=required(text, "Rettelsens tekst", multiline=True),
        )
        self.trigger_event(meeting_events.CorrectionAdded, actor=actor, correction=correction)

    def collect_events(self) -> Sequence[Any]:
        """The pending events, taken at once: the library pops them one by one from the
        front of the list, which costs the square of an import's thousands of events."""
        collected, self._pending_events = self._pending_events, []
        return collected

    def trigger_event(self, event_class: Any, **kwargs: Any) -> None:
        kwargs["actor"] = required(kwargs["actor"], "Aktør")
        super().trigger_event(event_class, **kwargs)

    def _check_held(self, what: str) -> None:
        rules.refuse(rules.held(self.state, what))

    def _check_editable(self) -> None:
        rules.refuse(rules.editable(self.state))
