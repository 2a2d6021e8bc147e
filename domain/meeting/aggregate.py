# Over 400 lines: one aggregate with one method per command and its rule, kept together.
"""The Meeting aggregate: the commands a secretary gives, and the rules they obey.

A command checks its rule against the current state, then triggers one event; a
command that would change nothing triggers none, so that re-importing a document or
re-saving a field leaves no trace.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any, ClassVar
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from domain.clock import zone
from domain.errors import EditConflict, NotFound, RuleViolation
from domain.meeting import events
from domain.meeting.files import Files
from domain.meeting.member_links import email_address
from domain.meeting.member_part import MemberPart
from domain.meeting.outcomes import Outcomes
from domain.meeting.state import (
    ABSENCE_REASONS,
    ATTENDANCES,
    ITEM_KINDS,
    ROLES,
    VOTE_OPTIONS,
    Approval,
    Attachment,
    Correction,
    EarlierDecision,
    Item,
    ItemAbsence,
    MeetingState,
    Participant,
    Recommendation,
    Vote,
)
from domain.text import (
    COUNT_LIMIT,
    FIRST_NUMBER_LIMIT,
    MINUTES_LIMIT,
    bounded,
    free_text,
    line,
    nfc_opt,
    required,
)

SIGNING_ROLES = ("member", "chair", "substitute")


def expect_unchanged(current: str, base: str | None, what: str, new: str | None = None) -> None:
    """Refuse to write over a text that changed since the editor loaded it (base), unless
    it already says what is being written."""
    if base is not None and current not in (base, new):
        raise EditConflict(what, current)


def signing_refusal(state: MeetingState, signer: Participant) -> str | None:
    """Why this participant may not sign the referat now, or None when they may."""
    if signer.role not in SIGNING_ROLES:
        return f"{signer.name} er ikke medlem og kan ikke underskrive referatet."
    if signer.attendance != "present":
        return f"{signer.name} var ikke til stede og kan ikke underskrive referatet."
    if any(a.by == signer.name for a in state.approvals):
        return f"{signer.name} har allerede underskrevet referatet."
    return None


def signers(state: MeetingState) -> list[Participant]:
    """Who may still sign the referat: the members present who have not yet signed."""
    return [p for p in state.participants if signing_refusal(state, p) is None]


def _check_times(start: time | None, end: time | None) -> None:
    if start is not None and end is not None and start >= end:
        raise RuleViolation(
            f"Mødet kan ikke slutte ({end:%H:%M}) før det begynder ({start:%H:%M})."
        )


def _check_choice(value: str | None, allowed: Sequence[str], what: str) -> None:
    if value is not None and value not in allowed:
        raise RuleViolation(f"Ukendt {what} '{value}'; brug en af: {', '.join(allowed)}.")


def _check_count(value: int | None, what: str, limit: int) -> None:
    bounded(value, what, high=limit)


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


class Meeting(Files, Outcomes, MemberPart, Aggregate):
    """One meeting of one forum: its agenda, minutes, approvals and corrections."""

    TOPIC = "chefforum:Meeting"
    state: MeetingState

    # The event classes, attached so eventsourcing registers their explicit topics.
    Event = events.MeetingEvent
    Scheduled = events.MeetingScheduled
    DetailsChanged = events.DetailsChanged
    ParticipantAdded = events.ParticipantAdded
    ParticipantChanged = events.ParticipantChanged
    ParticipantRemoved = events.ParticipantRemoved
    AttendanceRecorded = events.AttendanceRecorded
    ItemAdded = events.ItemAdded
    ItemRetitled = events.ItemRetitled
    ItemFieldsChanged = events.ItemFieldsChanged
    ItemMoved = events.ItemMoved
    ItemWithdrawn = events.ItemWithdrawn
    RecommendationDrafted = events.RecommendationDrafted
    SectionWritten = events.SectionWritten
    SectionRemoved = events.SectionRemoved
    AttachmentAdded = events.AttachmentAdded
    AttachmentRemoved = events.AttachmentRemoved
    EarlierDecisionRecorded = events.EarlierDecisionRecorded
    AgendaPublished = events.AgendaPublished
    MeetingStarted = events.MeetingStarted
    MeetingEnded = events.MeetingEnded
    DecisionRecorded = events.DecisionRecorded
    VotesRecorded = events.VotesRecorded
    ItemAbsenceRecorded = events.ItemAbsenceRecorded
    RemarkAdded = events.RemarkAdded
    MinutesApproved = events.MinutesApproved
    CorrectionAdded = events.CorrectionAdded
    ItemPostponed = events.ItemPostponed
    ItemCarriedIn = events.ItemCarriedIn
    MeetingFactsChanged = events.MeetingFactsChanged
    AbsenceReasonRecorded = events.AbsenceReasonRecorded
    MotionsRecorded = events.MotionsRecorded
    RemarkWithdrawn = events.RemarkWithdrawn
    SectionPlacedAfterDecision = events.SectionPlacedAfterDecision
    AttachmentReplaced = events.AttachmentReplaced
    AttachmentAddedByCorrection = events.AttachmentAddedByCorrection
    LinkIssued = events.LinkIssued
    LinkRevoked = events.LinkRevoked
    MailSent = events.MailSent
    RecommendationPlaced = events.RecommendationPlaced
    CaseLabelSet = events.CaseLabelSet

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
            self.trigger_event(events.DetailsChanged, actor=actor, **new)

    # -- participants -------------------------------------------------------------

    def participant(self, ref: UUID | str) -> Participant:
        """A participant by id or by name."""
        if isinstance(ref, UUID):
            found = self.state.find_participant(ref)
            if found is not None:
                return found
        else:
            name = line(ref, "Deltagerens navn")
            for p in self.state.participants:
                if p.name == name:
                    return p
        raise NotFound(f"Deltageren '{ref}' findes ikke på mødet.")

    def add_participant(
        self,
        actor: str,
        name: str,
        *,
        title: str | None = None,
        party: str | None = None,
        role: str = "member",
        attendance: str = "present",
        substitute_for: str | None = None,
        email: str | None = None,
    ) -> UUID:
        self._check_editable()
        name = required(name, "Deltagerens navn")
        if any(p.name == name for p in self.state.participants):
            raise RuleViolation(f"{name} er allerede deltager i mødet.")
        _check_choice(role, ROLES, "rolle")
        _check_choice(attendance, ATTENDANCES, "fremmøde")
        participant = Participant(
            id=uuid4(),
            name=name,
            title=nfc_opt(title, "Deltagerens titel"),
            party=nfc_opt(party, "Deltagerens parti"),
            role=role,  # type: ignore[arg-type]
            attendance=attendance,  # type: ignore[arg-type]
            substitute_for=nfc_opt(substitute_for, "Hvem stedfortræderen er for"),
            email=email_address(email),
        )
        self.trigger_event(events.ParticipantAdded, actor=actor, participant=participant)
        return participant.id

    def change_participant(
        self,
        actor: str,
        participant_id: UUID,
        *,
        name: str,
        title: str | None,
        party: str | None,
        role: str,
    ) -> None:
        self._check_editable()
        current = self.participant(participant_id)
        name = required(name, "Deltagerens navn")
        if any(p.name == name and p.id != participant_id for p in self.state.participants):
            raise RuleViolation(f"{name} er allerede deltager i mødet.")
        _check_choice(role, ROLES, "rolle")
        changed = Participant(
            id=current.id,
            name=name,
            title=nfc_opt(title, "Deltagerens titel"),
            party=nfc_opt(party, "Deltagerens parti"),
            role=role,  # type: ignore[arg-type]
            attendance=current.attendance,
            substitute_for=current.substitute_for,
            email=current.email,
        )
        if changed != current:
            self.trigger_event(events.ParticipantChanged, actor=actor, participant=changed)

    def remove_participant(self, actor: str, participant_id: UUID) -> None:
        self._check_editable()
        self.participant(participant_id)
        self.trigger_event(events.ParticipantRemoved, actor=actor, participant_id=participant_id)

    def record_attendance(
        self,
        actor: str,
        participant_id: UUID,
        attendance: str,
        substitute_for: str | None = None,
    ) -> None:
        self._check_editable()
        current = self.participant(participant_id)
        _check_choice(attendance, ATTENDANCES, "fremmøde")
        substitute_for = nfc_opt(substitute_for, "Hvem stedfortræderen er for")
        if substitute_for == current.name:
            raise RuleViolation("En deltager kan ikke være stedfortræder for sig selv.")
        if (current.attendance, current.substitute_for) != (attendance, substitute_for):
            self.trigger_event(
                events.AttendanceRecorded,
                actor=actor,
                participant_id=participant_id,
                attendance=attendance,
                substitute_for=substitute_for,
            )

    # -- agenda items ---------------------------------------------------------------

    def item(self, item_id: UUID) -> Item:
        found = self.state.find_item(item_id)
        if found is None:
            raise NotFound("Punktet findes ikke på mødet.")
        return found

    def item_by_number(self, number: str) -> Item:
        found = self.state.items_numbered(number.strip())
        if not found:
            raise NotFound(f"Punkt {number} findes ikke på mødet.")
        # Two items printed alike (a mistake): the first on the agenda, as before.
        first = found if len(found) == 1 else [i.id for i in self.state.items if i.id in found]
        return self.item(next(iter(first)))

    def _active_item(self, item_id: UUID) -> Item:
        item = self.item(item_id)
        if item.withdrawn:
            raise RuleViolation(
                f"Punktet '{item.title}' er trukket; der kan ikke noteres mere på det."
            )
        return item

    def _check_number(self, number: str | None, item_id: UUID | None) -> None:
        if number is None:
            return
        if self.state.items_numbered(number) - {item_id}:
            raise RuleViolation(f"Punktnummer {number} er allerede brugt på mødet.")

    def add_item(
        self,
        actor: str,
        title: str,
        *,
        position: int | None = None,
        number: str | None = None,
        case_number: str | None = None,
        kind: str | None = None,
        duration_minutes: int | None = None,
        closed: bool = False,
        supplementary: bool | None = None,
    ) -> UUID:
        """Add an item at `position` among the active items (default: last).

        An item added after the agenda was published is supplementary unless told otherwise.
        """
        self._check_editable()
        title = required(title, "Punktets titel")
        number = nfc_opt(number, "Punktnummeret")
        self._check_number(number, None)
        _check_choice(kind, ITEM_KINDS, "punkttype")
        _check_count(duration_minutes, "Tidsforbruget", MINUTES_LIMIT)
        if supplementary is None:
            supplementary = self.state.status != "draft"
        item_id = uuid4()
        self.trigger_event(
            events.ItemAdded,
            actor=actor,
            item_id=item_id,
            title=title,
            position=self._list_index(position),
            number=number,
            case_number=nfc_opt(case_number, "Journalnummeret"),
            kind=kind,
            duration_minutes=duration_minutes,
            closed=closed,
            supplementary=supplementary,
        )
        return item_id

    def _list_index(self, position: int | None, moving: UUID | None = None) -> int:
        """Translate a position among active items into an index of state.items."""
        if position is None and moving is None:
            return len(self.state.items)  # last: no need to look at the others
        items = [i for i in self.state.items if i.id != moving]
        active = [index for index, i in enumerate(items) if not i.withdrawn]
        if position is None or position >= len(active):
            return len(items)
        if position < 0:
            raise RuleViolation("Placeringen skal være 0 eller mere.")
        return active[position]

    def retitle_item(self, actor: str, item_id: UUID, title: str) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        title = required(title, "Punktets titel")
        if title != item.title:
            self.trigger_event(events.ItemRetitled, actor=actor, item_id=item_id, title=title)

    def change_item_fields(self, actor: str, item_id: UUID, **changes: Any) -> None:
        """Change any of number, case_number, kind, duration_minutes, closed, supplementary."""
        self._check_editable()
        item = self._active_item(item_id)
        fields = ("number", "case_number", "kind", "duration_minutes", "closed", "supplementary")
        unknown = set(changes) - set(fields)
        if unknown:
            raise RuleViolation(f"Ukendt felt: {', '.join(sorted(unknown))}.")
        new = {name: getattr(item, name) for name in fields}
        new.update(changes)
        new["number"] = nfc_opt(new["number"], "Punktnummeret")
        new["case_number"] = nfc_opt(new["case_number"], "Journalnummeret")
        self._check_number(new["number"], item_id)
        _check_choice(new["kind"], ITEM_KINDS, "punkttype")
        _check_count(new["duration_minutes"], "Tidsforbruget", MINUTES_LIMIT)
        if any(getattr(item, name) != value for name, value in new.items()):
            self.trigger_event(events.ItemFieldsChanged, actor=actor, item_id=item_id, **new)

    def move_item(self, actor: str, item_id: UUID, position: int) -> None:
        self._check_editable()
        self._active_item(item_id)
        # Already at that place on the agenda (as an import's ordering mostly finds):
        # nothing to do, and no pass over the items.
        if position >= 0 and self.state.active_offset(item_id) == min(
            position, self.state.active_count() - 1
        ):
            return
        index = self._list_index(position, moving=item_id)
        moved = [i for i in self.state.items if i.id != item_id]
        moved.insert(index, self.item(item_id))
        # Only a move that changes the agenda's order (not a place among withdrawn items).
        if [i.id for i in moved if not i.withdrawn] != [i.id for i in self.state.active_items()]:
            self.trigger_event(events.ItemMoved, actor=actor, item_id=item_id, position=index)

    def withdraw_item(
        self, actor: str, item_id: UUID, reason: str | None = None, keep_number: bool = False
    ) -> None:
        """Withdraw an item: with keep_number it stays under its number, printed as
        withdrawn (trukket); without, it is removed and the items after it renumbered."""
        self._check_editable()
        item = self._active_item(item_id)
        if keep_number and item.status == "trukket":
            raise RuleViolation(f"Punktet '{item.title}' er allerede trukket.")
        reason = nfc_opt(reason, "Begrundelsen", multiline=True)
        self.trigger_event(
            events.ItemWithdrawn,
            actor=actor,
            item_id=item_id,
            reason=reason,
            keep_number=keep_number,
        )

    def draft_recommendation(
        self, actor: str, item_id: UUID, by: str | None, points: Sequence[str]
    ) -> None:
        """Write the Indstilling: who recommends and the "at ..." points (none: removed)."""
        self._check_editable()
        item = self._active_item(item_id)
        cleaned = tuple(required(p, "Et indstillingspunkt", multiline=True) for p in points)
        by = nfc_opt(by, "Hvem der indstiller")
        recommendation = Recommendation(by=by, points=cleaned) if cleaned or by else None
        if recommendation != item.recommendation:
            self.trigger_event(
                events.RecommendationDrafted,
                actor=actor,
                item_id=item_id,
                recommendation=recommendation,
            )

    def write_section(
        self,
        actor: str,
        item_id: UUID,
        heading: str,
        text: str,
        position: int | None = None,
    ) -> None:
        """Write a section's text; a new heading is added at `position` (default: last)."""
        self._check_editable()
        item = self._active_item(item_id)
        heading = required(heading, "Afsnittets overskrift")
        text = free_text(text, f"Afsnittet '{heading}'")
        for existing in item.sections:
            if existing.heading == heading and existing.text == text:
                return
        if position is None or not 0 <= position <= len(item.sections):
            position = len(item.sections)
        self.trigger_event(
            events.SectionWritten,
            actor=actor,
            item_id=item_id,
            heading=heading,
            text=text,
            position=position,
        )

    def remove_section(self, actor: str, item_id: UUID, heading: str) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        heading = line(heading, "Afsnittets overskrift")
        if not any(s.heading == heading for s in item.sections):
            raise NotFound(f"Punktet har intet afsnit '{heading}'.")
        self.trigger_event(events.SectionRemoved, actor=actor, item_id=item_id, heading=heading)

    def add_attachment(self, actor: str, item_id: UUID, name: str, closed: bool = False) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        name = required(name, "Bilagets navn")
        if any(a.name == name for a in item.attachments):
            raise RuleViolation(f"Bilaget '{name}' er allerede på punktet.")
        self.trigger_event(
            events.AttachmentAdded,
            actor=actor,
            item_id=item_id,
            attachment=Attachment(name=name, closed=closed),
        )

    def remove_attachment(self, actor: str, item_id: UUID, name: str) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        name = line(name, "Bilagets navn")
        if not any(a.name == name for a in item.attachments):
            raise NotFound(f"Punktet har intet bilag '{name}'.")
        self.trigger_event(events.AttachmentRemoved, actor=actor, item_id=item_id, name=name)

    def record_earlier_decision(
        self,
        actor: str,
        item_id: UUID,
        *,
        body: str,
        text: str,
        date: date | None = None,
        item: str | None = None,
    ) -> None:
        """Record what another body decided on this case before (tidligere beslutning)."""
        self._check_editable()
        self._active_item(item_id)
        earlier = EarlierDecision(
            body=required(body, "Det besluttende organ"),
            date=date,
            item=nfc_opt(item, "Punktnummeret i den tidligere beslutning"),
            text=required(text, "Den tidligere beslutning", multiline=True),
        )
        self.trigger_event(
            events.EarlierDecisionRecorded, actor=actor, item_id=item_id, earlier=earlier
        )

    # -- the lifecycle ------------------------------------------------------------------

    def publish_agenda(self, actor: str) -> None:
        self._check_editable()
        if self.state.status != "draft":
            raise RuleViolation("Dagsordenen er allerede udsendt.")
        if not self.state.active_items():
            raise RuleViolation("Dagsordenen har ingen punkter.")
        self.trigger_event(events.AgendaPublished, actor=actor)

    def start(self, actor: str, at: time | None = None) -> None:
        self._check_editable()
        if self.state.status == "draft":
            raise RuleViolation(
                "Dagsordenen er ikke udsendt; udsend den først (chefforum publish MØDE, "
                "eller p i mødet), så kan mødet begynde."
            )
        if self.state.status != "published":
            raise RuleViolation("Mødet er allerede begyndt.")
        _check_times(at, self.state.end)
        self.trigger_event(events.MeetingStarted, actor=actor, start=at)

    def end(self, actor: str, at: time | None = None) -> None:
        self._check_editable()
        if self.state.status != "started":
            raise RuleViolation("Mødet kan kun afsluttes, når det er i gang.")
        _check_times(self.state.start, at)
        self.trigger_event(events.MeetingEnded, actor=actor, end=at)

    # -- what the meeting decided ------------------------------------------------------

    def record_decision(self, actor: str, item_id: UUID, text: str) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        text = free_text(text, "Beslutningen")
        if (item.decision.text if item.decision else "") != text:
            self._check_held("Beslutningen")
            self.trigger_event(events.DecisionRecorded, actor=actor, item_id=item_id, text=text)

    def record_votes(self, actor: str, item_id: UUID, votes: Sequence[Vote]) -> None:
        """Record the vote on an item: one line per option (for, against, abstain, blank)."""
        self._check_editable()
        item = self._active_item(item_id)
        cleaned: list[Vote] = []
        for vote in votes:
            _check_choice(vote.option, VOTE_OPTIONS, "stemmeafgivelse")
            _check_count(vote.count, "Antallet af stemmer", COUNT_LIMIT)
            if any(v.option == vote.option for v in cleaned):
                raise RuleViolation(f"Stemmer '{vote.option}' er angivet to gange.")
            who = tuple(required(w, "Navn eller parti") for w in vote.who)
            cleaned.append(Vote(option=vote.option, count=vote.count, who=who))
        current = item.decision.votes if item.decision else ()
        if tuple(cleaned) != current:
            self._check_held("Afstemningen")
            self.trigger_event(
                events.VotesRecorded, actor=actor, item_id=item_id, votes=tuple(cleaned)
            )

    def record_item_absence(
        self,
        actor: str,
        item_id: UUID,
        name: str,
        reason: str | None = None,
        substitute: str | None = None,
        known: Collection[str] = (),
    ) -> None:
        """Record that a participant did not take part in one item (afbud, fraværende,
        inhabil); `known` names others who may be absent without being participants (the
        forum's members)."""
        self._check_editable()
        item = self._active_item(item_id)
        outside = line(name, "Navnet")
        name = outside if outside in known else self.participant(name).name
        _check_choice(reason, ABSENCE_REASONS, "fraværsgrund")
        absence = ItemAbsence(
            name=name,
            reason=reason,  # type: ignore[arg-type]
            substitute=nfc_opt(substitute, "Stedfortræderen"),
        )
        if absence.substitute == name:
            raise RuleViolation("En deltager kan ikke være stedfortræder for sig selv.")
        if absence not in item.absent:
            self.trigger_event(
                events.ItemAbsenceRecorded, actor=actor, item_id=item_id, absence=absence
            )

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
        if self.state.status not in ("ended", "approved"):
            raise RuleViolation("Referatet kan først godkendes, når mødet er afsluttet.")
        signer = self.participant(by)
        refusal = signing_refusal(self.state, signer)
        if refusal is not None:
            raise RuleViolation(refusal)
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
            events.MinutesApproved,
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
        if self.state.status != "approved":
            raise RuleViolation(
                "Rettelser tilføjes først, når referatet er godkendt; ret teksten direkte."
            )
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
        self.trigger_event(events.CorrectionAdded, actor=actor, correction=correction)

    def collect_events(self) -> Sequence[Any]:
        """The pending events, taken at once: the library pops them one by one from the
        front of the list, which costs the square of an import's thousands of events."""
        collected, self._pending_events = self._pending_events, []
        return collected

    def trigger_event(self, event_class: Any, **kwargs: Any) -> None:
        kwargs["actor"] = required(kwargs["actor"], "Aktør")
        super().trigger_event(event_class, **kwargs)

    def _check_held(self, what: str) -> None:
        """Decisions and votes are recorded once the meeting has begun."""
        if self.state.status not in ("started", "ended"):
            raise RuleViolation(
                f"{what} kan først skrives, når mødet er begyndt; udsend dagsordenen og start "
                "mødet først (chefforum publish MØDE, chefforum start MØDE)."
            )

    def _check_editable(self) -> None:
        if self.state.status == "approved":
            raise RuleViolation(
                "Referatet er godkendt og kan ikke ændres; tilføj en rettelse med en begrundelse."
            )
