"""Value types held by a meeting and carried by its events.

They are msgspec structs so that events and snapshots serialise and deserialise
exactly (dates, times, UUIDs and nested values included).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal
from uuid import UUID

import msgspec

from domain.meeting.member_links import MailRecord, MemberLink
from domain.meeting.status import Status

Role = Literal["member", "chair", "secretary", "guest", "substitute"]
Attendance = Literal["present", "excused", "absent"]
ItemKind = Literal["orientering", "drøftelse", "beslutning"]
VoteOption = Literal["for", "against", "abstain", "blank"]
AbsenceReason = Literal["afbud", "fraværende", "inhabil"]
# What real minutes record beyond the first version (issue 13).
MeetingKind = Literal["ordinært", "ekstraordinært", "tillæg"]
DocumentKind = Literal["referat", "beslutningsprotokol"]
ItemStatus = Literal["behandlet", "udsat", "trukket"]
RemarkKind = Literal["protokolbemærkning", "mindretalsudtalelse"]
MotionResult = Literal["vedtaget", "forkastet"]
MEETING_KINDS: tuple[MeetingKind, ...] = ("ordinært", "ekstraordinært", "tillæg")
DOCUMENT_KINDS: tuple[DocumentKind, ...] = ("referat", "beslutningsprotokol")
REMARK_KINDS: tuple[RemarkKind, ...] = ("protokolbemærkning", "mindretalsudtalelse")
MOTION_RESULTS: tuple[MotionResult, ...] = ("vedtaget", "forkastet")

ROLES: tuple[Role, ...] = ("member", "chair", "secretary", "guest", "substitute")
ATTENDANCES: tuple[Attendance, ...] = ("present", "excused", "absent")
ITEM_KINDS: tuple[ItemKind, ...] = ("orientering", "drøftelse", "beslutning")
VOTE_OPTIONS: tuple[VoteOption, ...] = ("for", "against", "abstain", "blank")
ABSENCE_REASONS: tuple[AbsenceReason, ...] = ("afbud", "fraværende", "inhabil")

ATTENDANCE_LABELS: dict[Attendance, str] = {
    "present": "til stede",
    "excused": "afbud",
    "absent": "fraværende",
}
ROLE_LABELS: dict[Role, str] = {
    "member": "medlem",
    "chair": "formand",
    "secretary": "sekretær",
    "guest": "gæst",
    "substitute": "stedfortræder",
}
VOTE_LABELS: dict[VoteOption, str] = {
    "for": "For",
    "against": "Imod",
    "abstain": "Undlod at stemme",
    "blank": "Blank",
}


def printed_number(number: str | None, first_number: int, offset: int) -> str:
    """The number printed before the item at `offset` among the active items: its own
    number, or counted from the meeting's first number."""
    return number or str(first_number + offset)


class Participant(msgspec.Struct, kw_only=True, frozen=True):
    id: UUID
    name: str
    title: str | None = None
    party: str | None = None
    role: Role = "member"
    attendance: Attendance = "present"
    substitute_for: str | None = None
    # For attendance excused or absent: "ferie", "sygdom", ... (AbsenceReasonRecorded).
    absence_reason: str | None = None
    # Where the member's mail goes (chefforum send); None: the forum member's address.
    email: str | None = None


class Recommendation(msgspec.Struct, kw_only=True, frozen=True):
    by: str | None
    points: tuple[str, ...]


class Section(msgspec.Struct, kw_only=True, frozen=True):
    heading: str
    text: str
    # Printed after the Beslutning, as some bodies do (SectionPlacedAfterDecision).
    after_decision: bool = False


class EarlierDecision(msgspec.Struct, kw_only=True, frozen=True):
    body: str
    date: date | None
    item: str | None
    text: str


class Vote(msgspec.Struct, kw_only=True, frozen=True):
    option: VoteOption
    count: int | None
    who: tuple[str, ...]


class Motion(msgspec.Struct, kw_only=True, frozen=True):
    """What was put to the vote: an amendment or the proposal itself, with its result."""

    text: str
    by: str | None = None
    result: MotionResult | None = None
    votes: tuple[Vote, ...] = ()


class Decision(msgspec.Struct, kw_only=True, frozen=True):
    text: str
    votes: tuple[Vote, ...] = ()
    # Votes on motions, in the order they were taken (MotionsRecorded).
    motions: tuple[Motion, ...] = ()


class Remark(msgspec.Struct, kw_only=True, frozen=True):
    by: str
    text: str
    kind: RemarkKind = "protokolbemærkning"
    # The secretary who entered it on the member's behalf.
    recorded_by: str | None = None
    # "link": entered by the member through their personal link (domain.meeting.member_links).
    via: str | None = None


class ItemLink(msgspec.Struct, kw_only=True, frozen=True):
    """An item of another meeting, as printed (forum, date, number) and by id."""

    forum: str
    date: date
    number: str
    meeting_id: UUID | None = None
    item_id: UUID | None = None


class ItemAbsence(msgspec.Struct, kw_only=True, frozen=True):
    name: str
    reason: AbsenceReason | None
    substitute: str | None


class Attachment(msgspec.Struct, kw_only=True, frozen=True):
    name: str
    closed: bool = False
    # The file itself, when the store keeps it (domain/meeting/files.py): its SHA-256 as
    # hex (in the event, so in the chain), the media type sniffed from its content, its
    # length in bytes and, for a PDF, its pages. A Bilag known only by name has none.
    sha256: str | None = None
    media_type: str | None = None
    size: int | None = None
    pages: int | None = None


class Item(msgspec.Struct, kw_only=True):
    id: UUID
    title: str
    number: str | None = None
    case_number: str | None = None
    kind: ItemKind | None = None
    closed: bool = False
    supplementary: bool = False
    duration_minutes: int | None = None
    recommendation: Recommendation | None = None
    sections: list[Section] = msgspec.field(default_factory=list)
    earlier_decisions: list[EarlierDecision] = msgspec.field(default_factory=list)
    decision: Decision | None = None
    remarks: list[Remark] = msgspec.field(default_factory=list)
    absent: list[ItemAbsence] = msgspec.field(default_factory=list)
    attachments: list[Attachment] = msgspec.field(default_factory=list)
    # Removed from the agenda and renumbered (ItemWithdrawn v1, and an import's removal).
    withdrawn: bool = False
    withdrawn_reason: str | None = None
    # Postponed (udsat) or withdrawn (trukket) items keep their number and are printed so.
    status: ItemStatus = "behandlet"
    status_reason: str | None = None
    carried_from: ItemLink | None = None
    carried_to: ItemLink | None = None
    # How many sections print before the Indstilling (RecommendationPlaced); 0: first.
    recommendation_at: int = 0


class Approval(msgspec.Struct, kw_only=True, frozen=True):
    by: str
    at: datetime
    reservation: str | None = None
    # Who recorded a signature given outside the system (on paper), when not the signer.
    recorded_by: str | None = None
    # "link": given by the member through their personal link.
    via: str | None = None


class Correction(msgspec.Struct, kw_only=True, frozen=True):
    by: str
    at: datetime
    item_id: UUID | None
    reason: str
    text: str


class MeetingState(msgspec.Struct, kw_only=True, dict=True):
    """Everything recorded about one meeting: what the referat is projected from.

    Items and participants are found by id through indexes kept beside the fields (in
    the instance's __dict__, which msgspec neither serialises nor compares), so a
    meeting's cost stays linear in its size; the snapshot format is that of the fields.
    Events change items and participants through the methods below, which keep the
    indexes; an index that no longer matches its list (a state built otherwise) is
    rebuilt when next used.
    """

    forum: str
    date: date
    organisation: str | None = None
    start: time | None = None
    end: time | None = None
    place: str | None = None
    first_number: int = 1
    status: Status = "draft"
    participants: list[Participant] = msgspec.field(default_factory=list)
    items: list[Item] = msgspec.field(default_factory=list)
    approvals: list[Approval] = msgspec.field(default_factory=list)
    corrections: list[Correction] = msgspec.field(default_factory=list)
    kind: MeetingKind = "ordinært"
    document: DocumentKind = "referat"
    remarks: str | None = None
    time_zone: str = "Europe/Copenhagen"
    # The forum's section headings when the meeting was made (not in the interchange).
    template: list[str] = msgspec.field(default_factory=list)
    # The members' personal links and the mails sent (not in the interchange or referat).
    links: list[MemberLink] = msgspec.field(default_factory=list)
    mails: list[MailRecord] = msgspec.field(default_factory=list)
    # The label printed before case numbers ("Sagsnr.", "Sagsid."); None: the number alone.
    case_label: str | None = None

    # -- items ----------------------------------------------------------------------

    # The indexes are keyed by the UUIDs' integers: hashed and compared in C, where a
    # UUID's __hash__ and __eq__ are Python calls (a rebuild looks items up per event).

    def _items_by_id(self) -> dict[int, Item]:
        index: dict[int, Item] | None = self.__dict__.get("_items")
        if index is None or len(index) != len(self.items):
            index = {item.id.int: item for item in self.items}
            self.__dict__["_items"] = index
        return index

    def find_item(self, item_id: UUID | None) -> Item | None:
        """The item with this id (withdrawn or not), or None."""
        return self._items_by_id().get(item_id.int) if item_id is not None else None

    def item(self, item_id: UUID) -> Item:
        """The item with this id; KeyError when the meeting has none."""
        return self._items_by_id()[item_id.int]

    def insert_item(self, position: int, item: Item) -> None:
        index = self._items_by_id()
        numbers: _Numbers | None = self.__dict__.get("_printed")
        appended = position >= len(self.items)
        self.items.insert(position, item)
        index[item.id.int] = item
        if numbers is not None and appended and not item.withdrawn:
            numbers.add(item.id, printed_number(item.number, self.first_number, numbers.count))
            numbers.items = len(self.items)
        else:
            self.renumbered()

    def move_item(self, item_id: UUID, position: int) -> None:
        item = self.item(item_id)
        # By identity: equal items (same fields) are still different items.
        at = next(n for n, other in enumerate(self.items) if other is item)
        del self.items[at]
        self.items.insert(position, item)
        self.renumbered()

    def renumbered(self) -> None:
        """Forget the printed numbers: an item was moved, withdrawn, renumbered, or the
        first number changed."""
        self.__dict__.pop("_printed", None)

    def _numbers(self) -> _Numbers:
        numbers: _Numbers | None = self.__dict__.get("_printed")
        if numbers is None or numbers.items != len(self.items):
            numbers = _Numbers(len(self.items))
            for item in self.items:
                if not item.withdrawn:
                    numbers.add(
                        item.id, printed_number(item.number, self.first_number, numbers.count)
                    )
            self.__dict__["_printed"] = numbers
        return numbers

    def active_items(self) -> list[Item]:
        """Items on the agenda, in order (withdrawn items left out)."""
        return [item for item in self.items if not item.withdrawn]

    def item_numbers(self) -> dict[UUID, str]:
        """The printed number of every active item, explicit or counted from first_number."""
        return {UUID(int=key): printed for key, printed in self._numbers().by_id.items()}

    def active_offset(self, item_id: UUID) -> int | None:
        """The item's place among the active items (None: withdrawn or no such item)."""
        return self._numbers().offsets.get(item_id.int)

    def active_count(self) -> int:
        return self._numbers().count

    def number_changed(self, item: Item) -> None:
        """The item's own number was set or cleared: only its printed number changes."""
        numbers: _Numbers | None = self.__dict__.get("_printed")
        offset = numbers.offsets.get(item.id.int) if numbers is not None else None
        if numbers is None or offset is None:
            self.renumbered()
            return
        numbers.set(item.id, printed_number(item.number, self.first_number, offset))

    def number_of(self, item_id: UUID | None) -> str | None:
        """The printed number of one active item (None: withdrawn or no such item)."""
        return self._numbers().by_id.get(item_id.int) if item_id is not None else None

    def items_numbered(self, printed: str) -> set[UUID]:
        """The active items printed with this number (more than one only by mistake)."""
        return self._numbers().by_number.get(printed, set())

    # -- participants -----------------------------------------------------------------

    def _participant_positions(self) -> dict[int, int]:
        index: dict[int, int] | None = self.__dict__.get("_participants")
        if index is None or len(index) != len(self.participants):
            index = {p.id.int: n for n, p in enumerate(self.participants)}
            self.__dict__["_participants"] = index
        return index

    def find_participant(self, participant_id: UUID) -> Participant | None:
        at = self._participant_positions().get(participant_id.int)
        return self.participants[at] if at is not None else None

    def add_participant(self, participant: Participant) -> None:
        index = self._participant_positions()
        self.participants.append(participant)
        index[participant.id.int] = len(self.participants) - 1

    def replace_participant(self, participant: Participant) -> None:
        """The participant with the same id, changed (none: nothing happens)."""
        at = self._participant_positions().get(participant.id.int)
        if at is not None:
            self.participants[at] = participant

    def remove_participant(self, participant_id: UUID) -> None:
        self.participants = [p for p in self.participants if p.id != participant_id]
        self.__dict__.pop("_participants", None)


class _Numbers:
    """The printed numbers of the active items, both ways, as of `items` list entries."""

    __slots__ = ("by_id", "by_number", "count", "items", "offsets")

    def __init__(self, items: int) -> None:
        self.items = items  # len(state.items) these were counted from
        self.count = 0  # active items
        self.by_id: dict[int, str] = {}  # by the id's integer
        self.offsets: dict[int, int] = {}  # place among the active items
        self.by_number: dict[str, set[UUID]] = {}

    def add(self, item_id: UUID, printed: str) -> None:
        self.by_id[item_id.int] = printed
        self.offsets[item_id.int] = self.count
        self.by_number.setdefault(printed, set()).add(item_id)
        self.count += 1

    def set(self, item_id: UUID, printed: str) -> None:
        old = self.by_id[item_id.int]
        self.by_number[old].discard(item_id)
        if not self.by_number[old]:
            del self.by_number[old]
        self.by_id[item_id.int] = printed
        self.by_number.setdefault(printed, set()).add(item_id)
