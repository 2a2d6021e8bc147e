"""The referat interchange format, version 1 (shared/spec/referat-json.md), as msgspec structs.

Decoding is strict: unknown keys, wrong types, malformed dates and times and unknown
enum values are refused with the JSON path. Encoding writes keys in the spec's order
with two-space indent, so export -> import -> export is byte for byte the same.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Literal, TypeVar

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from domain.errors import ChefforumError, RuleViolation
from domain.meeting.state import (
    AbsenceReason,
    Attendance,
    DocumentKind,
    ItemKind,
    ItemStatus,
    MeetingKind,
    MotionResult,
    RemarkKind,
    Role,
    VoteOption,
)
from domain.text import (
    COUNT_LIMIT,
    FIRST_NUMBER_LIMIT,
    MINUTES_LIMIT,
    SECTIONS_LIMIT,
    line_endings,
)

T = TypeVar("T")

FORMAT: Literal["chefforum-referat/1"] = "chefforum-referat/1"

Time = Annotated[str, Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
Count = Annotated[int, Meta(ge=0, le=COUNT_LIMIT)]
Minutes = Annotated[int, Meta(ge=0, le=MINUTES_LIMIT)]
FirstNumber = Annotated[int, Meta(ge=1, le=FIRST_NUMBER_LIMIT)]
AwareDateTime = Annotated[datetime, Meta(tz=True)]
Via = Literal["link"]


class _Strict(Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=False):
    pass


class Participant(_Strict, kw_only=True):
    name: str
    title: str | None = None
    party: str | None = None
    role: Role = "member"
    attendance: Attendance = "present"
    substitute_for: str | None = None
    # Additions to version 1 (spec table order): written only when set.
    absence_reason: str | UnsetType | None = UNSET


class Recommendation(_Strict, kw_only=True):
    by: str | None = None
    points: list[str] = msgspec.field(default_factory=list)


class Section(_Strict, kw_only=True):
    heading: str
    text: str
    after_decision: bool | UnsetType = UNSET


class EarlierDecision(_Strict, kw_only=True):
    body: str
    date: date | None = None
    item: str | None = None
    text: str


class Vote(_Strict, kw_only=True):
    option: VoteOption
    count: Count | None = None
    who: list[str] = msgspec.field(default_factory=list)


class Motion(_Strict, kw_only=True):
    text: str
    by: str | None = None
    result: MotionResult | None = None
    votes: list[Vote] = msgspec.field(default_factory=list)


class Decision(_Strict, kw_only=True):
    text: str
    votes: list[Vote] = msgspec.field(default_factory=list)
    motions: list[Motion] | UnsetType = UNSET


class Remark(_Strict, kw_only=True):
    by: str
    text: str
    kind: RemarkKind | UnsetType = UNSET
    recorded_by: str | UnsetType | None = UNSET
    via: Via | UnsetType | None = UNSET


class ItemRef(_Strict, kw_only=True):
    forum: str
    date: date
    number: str


class ItemAbsence(_Strict, kw_only=True):
    name: str
    reason: AbsenceReason | None = None
    substitute: str | None = None


class Attachment(_Strict, kw_only=True):
    name: str
    closed: bool = False
    # Written only where the file itself is kept (spec "Additions"; bundles carry it).
    sha256: str | UnsetType | None = UNSET
    media_type: str | UnsetType | None = UNSET
    size: int | UnsetType | None = UNSET


class Item(_Strict, kw_only=True):
    number: str | None = None
    title: str
    case_number: str | None = None
    kind: ItemKind | None = None
    closed: bool = False
    supplementary: bool = False
    duration_minutes: Minutes | None = None
    recommendation: Recommendation | None = None
    sections: list[Section] = msgspec.field(default_factory=list)
    earlier_decisions: list[EarlierDecision] = msgspec.field(default_factory=list)
    decision: Decision | None = None
    remarks: list[Remark] = msgspec.field(default_factory=list)
    absent: list[ItemAbsence] = msgspec.field(default_factory=list)
    attachments: list[Attachment] = msgspec.field(default_factory=list)
    status: ItemStatus | UnsetType = UNSET
    status_reason: str | UnsetType | None = UNSET
    carried_from: ItemRef | UnsetType | None = UNSET
    carried_to: ItemRef | UnsetType | None = UNSET
    recommendation_at: Annotated[int, Meta(ge=0, le=SECTIONS_LIMIT)] | UnsetType = UNSET


class Approval(_Strict, kw_only=True):
    by: str
    at: AwareDateTime
    reservation: str | None = None
    # Additions to version 1: written only when set (UNSET fields are left out).
    recorded_by: str | UnsetType | None = UNSET
    via: Via | UnsetType | None = UNSET


class Correction(_Strict, kw_only=True):
    by: str
    at: AwareDateTime
    item: str | None = None
    reason: str
    text: str


class Meeting(_Strict, kw_only=True):
    forum: str
    organisation: str | None = None
    date: date
    start: Time | None = None
    end: Time | None = None
    place: str | None = None
    first_number: FirstNumber = 1
    participants: list[Participant] = msgspec.field(default_factory=list)
    items: list[Item] = msgspec.field(default_factory=list)
    approvals: list[Approval] = msgspec.field(default_factory=list)
    corrections: list[Correction] = msgspec.field(default_factory=list)
    kind: MeetingKind | UnsetType = UNSET
    document: DocumentKind | UnsetType = UNSET
    remarks: str | UnsetType | None = UNSET
    time_zone: str | UnsetType = UNSET
    case_label: str | UnsetType | None = UNSET


def given(value: T | UnsetType, default: T) -> T:
    """An addition's value as read, or its default when the document left it out."""
    return default if isinstance(value, UnsetType) else value


def unless(value: T, default: T) -> T | UnsetType:
    """An addition's value to write: UNSET (left out) when it is the default."""
    return UNSET if value == default else value


class Document(_Strict, kw_only=True):
    format: Literal["chefforum-referat/1"]
    meeting: Meeting


class DocumentError(ChefforumError):
    """A document was refused as bad input; the message names where (JSON path or line)."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class DocumentRefused(RuleViolation):
    """A document was refused by a rule of the minutes (a signature by someone absent,
    a remark taken back); the message names where (JSON path or line)."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


MESSAGE_LIMIT = 400


def one_line(text: str) -> str:
    """A message that quotes the input: its line breaks and control characters shown as
    escapes (so the message stays one line), and cut when very long."""
    shown = "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
        else ch
        for ch in text
    )
    return shown if len(shown) <= MESSAGE_LIMIT else shown[: MESSAGE_LIMIT - 1] + "…"


_TYPE_NAMES = {
    "str": "tekst",
    "int": "heltal",
    "bool": "sand/falsk",
    "null": "null",
    "array": "liste",
    "object": "objekt",
    "float": "decimaltal",
    "date": "dato",
    "datetime": "dato og tid",
}


def _danish(message: str) -> str:
    def names(match: re.Match[str]) -> str:
        return " eller ".join(_TYPE_NAMES.get(t, t) for t in match.group(1).split(" | "))

    message = re.sub(
        r"Expected `([^`]*)`, got `([^`]*)`",
        lambda m: f"forventede {names(m)}, fik {_TYPE_NAMES.get(m.group(2), m.group(2))}",
        message,
    )
    message = re.sub(r"Object contains unknown field `([^`]*)`", r"ukendt nøgle '\1'", message)
    message = re.sub(r"Object missing required field `([^`]*)`", r"mangler nøglen '\1'", message)
    message = re.sub(r"Invalid enum value '([^']*)'", r"ukendt værdi '\1'", message)
    message = message.replace(
        "Invalid RFC3339 encoded datetime", "forventede dato og tid med tidszone"
    )
    message = message.replace("Invalid RFC3339 encoded date", "forventede en dato som 2026-05-20")
    message = message.replace(
        "Expected `datetime` with a timezone component", "forventede dato og tid med tidszone"
    )
    message = re.sub(
        r"Expected `str` matching regex .*", "forventede et klokkeslæt som 09:00", message
    )
    message = re.sub(r"Expected `int` >= (\d+)", r"forventede et heltal på mindst \1", message)
    message = re.sub(r"Expected `int` <= (\d+)", r"forventede et heltal på højst \1", message)
    return message


def _position(data: bytes, message: str) -> str:
    match = re.search(r"\(byte (\d+)\)", message)
    return _line_and_column(data, int(match.group(1)) if match else len(data))


def _line_and_column(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"linje {line}, kolonne {column}"


def _too_deep(data: bytes, limit: int = 64) -> int:
    """Where brackets first nest deeper than any referat does (strings skipped)."""
    depth, in_string, escaped = 0, False, False
    for offset, byte in enumerate(data):
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # the closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in b"[{":
            depth += 1
            if depth > limit:
                return offset
        elif byte in b"]}":
            depth -= 1
    return 0


def decode(data: bytes) -> Document:
    """Decode and validate an interchange document, or raise DocumentError with its path."""
    try:
        data.decode("utf-8")  # msgspec's own complaint names no usable position
    except UnicodeDecodeError as e:
        raise DocumentError(f"{_line_and_column(data, e.start)}: filen er ikke UTF-8") from None
    try:
        raw = msgspec.json.decode(data)
    except msgspec.DecodeError as e:
        reason = "filen slutter midt i JSON" if "truncated" in str(e) else "ugyldig JSON"
        raise DocumentError(f"{_position(data, str(e))}: {reason}") from None
    except RecursionError:
        where = _line_and_column(data, _too_deep(data))
        raise DocumentError(f"{where}: JSON'en er indlejret for dybt") from None
    try:
        return msgspec.convert(raw, Document)
    except msgspec.ValidationError as e:
        text = str(e)
        message, _, path = text.partition(" - at `$")
        path = path.rstrip("`").lstrip(".")
        where = path or "dokumentet"
        raise DocumentError(f"{where}: {_danish(message)}") from None


def _lf(value: object) -> object:
    if isinstance(value, str):
        return line_endings(value)
    if isinstance(value, list):
        return [_lf(v) for v in value]
    if isinstance(value, dict):
        return {k: _lf(v) for k, v in value.items()}
    return value


def with_lf(document: Document) -> tuple[Document, bool]:
    """The document with CR LF and lone CR in its texts as LF, and whether any were."""
    raw = msgspec.to_builtins(document)
    fixed = _lf(raw)
    if fixed == raw:
        return document, False
    return msgspec.convert(fixed, Document), True


def encode(document: Document) -> bytes:
    """The document as the spec's JSON: keys in spec order, two-space indent, UTF-8."""
    return msgspec.json.format(msgspec.json.encode(document), indent=2) + b"\n"
