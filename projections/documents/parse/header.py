"""The header under the referat's title: forum, date and time, place, participants,
absence and substitute sentences, and free lines, which are kept as the meeting's
remarks. The lines and fields are in header_fields.py, the title in title.py, the
participants in attendance.py."""

from __future__ import annotations

import re

from domain.meeting.state import MEETING_KINDS
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError
from projections.documents.parse import header_labels
from projections.documents.parse.attendance import Participants
from projections.documents.parse.dates import find_clocks, find_date, find_when, without_date
from projections.documents.parse.header_fields import Line, field, header_lines
from projections.documents.parse.people import name_and_parens, people_field, split_people
from projections.documents.parse.report import fail
from projections.documents.parse.title import Title, read_title
from projections.documents.parse.tokens import Reader
from projections.documents.render import phrases

_BULLET = re.compile(r"^\s*[-*•·▪–]\s+")  # not "1.": a header line may begin with a date
# The mark of a draft as exported ("*** UDKAST – ikke godkendt ***", a PDF's page header
# "UDKAST"): what the signatures say, not part of the header.
_DRAFT = re.compile(rf"^[\s*]*(?:{phrases.DRAFT}|{phrases.DRAFT_MARK})[\s*]*$", re.IGNORECASE)
_ENDED = re.compile(r"^mødet\s+(?:blev\s+)?(?:hævet|sluttede|slut|afsluttet)\b", re.IGNORECASE)
_STARTED = re.compile(r"^mødet\s+(?:blev\s+)?(?:startede|begyndte|start|sat)\b", re.IGNORECASE)
_KIND_WORDS = {phrases.MEETING_KIND_LABELS[k].casefold(): k for k in MEETING_KINDS}
_ORGANISATION = re.compile(r"^\S.{0,40}\b(?:Kommune|Region)$")


def read_header(reader: Reader) -> tuple[ix.Meeting, str]:
    """The meeting as the title and header describe it (no items yet), and the title's
    document word ("referat", "beslutningsprotokol", "dagsorden")."""
    lines = header_lines(reader)
    report = reader.report
    title = read_title(lines, reader)
    report.note(
        title.lines[0], title.lines[-1], "titel", f"{title.document}, forum '{title.forum}'"
    )
    reader.where["meeting"] = title.lines[0]
    header = _Header(reader, title)
    header.read(lines)
    return header.meeting(), title.document


class _Header:
    def __init__(self, reader: Reader, title: Title) -> None:
        self.reader = reader
        self.report = reader.report
        self.title = title
        self.values: dict[str, tuple[str, int]] = {}
        self.participants = Participants(reader)
        self.remarks: list[str] = []
        self.day = title.day
        self.start: str | None = None
        self.end: str | None = None
        self.kind: str | None = None

    def read(self, lines: list[Line]) -> None:
        # A field whose value goes on below it, in its own paragraph, or (a field with no
        # value, "**Deltagere:**" over a list) in the next one: (key, paragraph, empty).
        label: tuple[str, int, bool] | None = None
        for line in lines:
            if not line.text.strip():
                continue  # a line joined with the one below it (parentheses_joined)
            if _DRAFT.match(line.plain):
                self.report.note(line.number, line.number, "udkast", "mærket som udkast")
                continue
            if label and line.paragraph != label[1]:
                label = (label[0], line.paragraph, False) if label[2] else None
            elif label:
                label = (label[0], label[1], False)  # the list began in this paragraph
            found = field(line)
            if found is not None:
                key, value = found
                label = (key, line.paragraph, not value) if not value or people_field(key) else None
                self._kept(key, value, line)
                if not value:
                    self.report.note(line.number, line.number, "felt", f"{key} (værdien følger)")
                continue
            text = _BULLET.sub("", line.plain).strip()
            if _ORGANISATION.match(text) and header_labels.F_ORGANISATION not in self.values:
                self.values[header_labels.F_ORGANISATION] = (text, line.number)
                self.report.note(line.number, line.number, "felt", f"organisation: {text}")
                continue
            if label and text and not line.heading and people_field(label[0]):
                if self._sentence(text, line.number):
                    continue
                self._kept(label[0], text, line, more=True)
                continue
            if label and label[0] in header_labels.FIELDS and text and not line.heading:
                label_key, label = label[0], None
                if not self._sentence(text, line.number):  # a sentence is read as one
                    self._kept(label_key, text, line, more=True)
                continue
            label = None
            if not self._sentence(text, line.number):
                self.remarks.append(text)
                self.report.unplaced(
                    line.number,
                    line.number,
                    "mødets bemærkninger",
                    f"forventede et felt som '**Mødested** Rådhuset' i mødets hoved, fik '{text}'",
                )

    # -- fields ------------------------------------------------------------------------------

    def _kept(self, key: str, value: str, line: Line, more: bool = False) -> None:
        """A field read; one that cannot be read as its label says (a date that is no
        date, an unclosed parenthesis, a name given twice) is kept as a remark, or
        refused when strict."""
        try:
            self._value(key, value, line.number, line.text, more)
        except DocumentError as refused:
            if self.report.strict:
                raise
            self.remarks.append(_BULLET.sub("", line.plain).strip())
            self.report.unplaced(line.number, line.number, "mødets bemærkninger", str(refused))

    def _value(self, key: str, value: str, number: int, raw: str, more: bool = False) -> None:
        report = self.report
        if key in header_labels.ATTENDANCE_LABELS or key in header_labels.ROLE_LABELS:
            for entry in split_people(value, number):
                self.participants.add(key, entry, number)
            return
        if not value:
            return
        meaning = header_labels.FIELDS.get(key, None)
        if meaning == header_labels.F_WHEN or meaning in (
            header_labels.F_START,
            header_labels.F_END,
        ):
            self._when(meaning, value, number)
        elif meaning == header_labels.F_REMARKS:
            self.remarks.append(value)
            report.note(number, number, "felt", f"mødets bemærkninger: {value}")
        elif meaning == header_labels.F_KIND and value.casefold() in _KIND_WORDS:
            self.kind = _KIND_WORDS[value.casefold()]
            report.note(number, number, "felt", f"mødetype: {value}")
        elif meaning == header_labels.F_PARTIES:
            self._parties(value, number)
        elif meaning is not None and not (more and meaning in (header_labels.F_FORUM,)):
            if meaning in self.values and not more:
                raise fail(number, f"feltet '{key}' står to gange")
            old = self.values.get(meaning)
            self.values[meaning] = (f"{old[0]} {value}" if old else value, number)
            report.note(number, number, "felt", f"{_DANISH.get(meaning, meaning)}: {value}")
        else:
            self.remarks.append(f"{key.capitalize()}: {value}")
            report.unplaced(
                number, number, "mødets bemærkninger", f"ukendt felt '{key}' i mødets hoved"
            )

    def _when(self, meaning: str, value: str, number: int) -> None:
        when = find_when(value)
        clocks = find_clocks(without_date(value)) if when.day else find_clocks(value)
        if meaning == header_labels.F_START and clocks:
            self.start = clocks[0]
        elif meaning == header_labels.F_END and clocks:
            self.end = clocks[0]
        elif when.day is None and not clocks:
            raise fail(number, "forventede en mødedato som 'Onsdag d. 20. maj 2026 kl. 09:00'")
        else:
            if when.day is not None:
                if self.title.day is not None and when.day != self.title.day:
                    raise fail(number, "mødedatoen passer ikke med datoen i titlen")
                self.day = when.day
            self.start = when.start or self.start
            self.end = when.end or self.end
        self.reader.where["meeting"] = number
        self.report.note(
            number,
            number,
            "felt",
            f"mødedato {self.day.isoformat() if self.day else '?'}"
            f" start {self.start or '-'} slut {self.end or '-'}",
        )

    def _parties(self, value: str, number: int) -> None:
        for entry in split_people(value, number):
            name, parens = name_and_parens(entry)
            person = self.participants.find(name)
            if person is None or not parens:
                raise fail(number, f"'{entry}' er ikke en deltager med parti som 'Navn (A)'")
            person.party = parens[-1]
        self.report.note(number, number, "felt", "partier")

    # -- sentences ---------------------------------------------------------------------------

    def _sentence(self, text: str, number: int) -> bool:
        """A sentence of the header that says who substituted for whom, who was absent,
        or when the meeting began or ended."""
        if not text:
            return True
        found = find_date(text)
        if found and self.day is None and _only_when(text):
            self._when(
                header_labels.F_WHEN, text, number
            )  # "14. februar 2022 kl. 16:00" on its own
            return True
        if self.participants.said(text, number):
            return True
        clocks = find_clocks(text)
        if clocks and (_ENDED.match(text) or _STARTED.match(text)):
            if _ENDED.match(text):
                self.end = clocks[0]
            else:
                self.start = clocks[0]
            self.report.note(
                number,
                number,
                "felt",
                f"mødet {'slut' if _ENDED.match(text) else 'start'} {clocks[0]}",
            )
            return True
        return False

    def meeting(self) -> ix.Meeting:
        if self.day is None:
            raise fail(
                self.title.lines[0],
                "referatet har ingen mødedato (titlen: 'REFERAT Forum d. 20-05-2026')",
            )
        forum = self.values.get(header_labels.F_FORUM, (self.title.forum, 0))[0]
        if not forum:  # "# Referat" with no "Udvalg:" field either
            raise fail(self.title.lines[0], "titlen nævner ikke forummet")
        order = {"present": 0, "excused": 1, "absent": 2}
        meeting = ix.Meeting(
            forum=forum if self.title.forum.casefold() in ("", "referat") else self.title.forum,
            organisation=self.values.get(header_labels.F_ORGANISATION, (None, 0))[0],
            date=self.day,
            start=self.start,
            end=self.end,
            place=self.values.get(header_labels.F_PLACE, (None, 0))[0],
            participants=sorted(self.participants.people, key=lambda p: order[p.attendance]),
        )
        if self.kind:
            meeting.kind = self.kind  # type: ignore[assignment]
        if self.remarks:
            meeting.remarks = one_line(self.remarks)
        if self.title.document == "beslutningsprotokol":
            meeting.document = "beslutningsprotokol"
        return meeting


# The report names a field's meaning in Danish.
_DANISH = {
    header_labels.F_FORUM: "forum",
    header_labels.F_PLACE: "mødested",
    header_labels.F_ORGANISATION: "organisation",
}

_WHEN_WORDS = re.compile(
    r"^(?:(?:man|tirs|ons|tors|fre|lør|søn)dag|den|d\.|kl\.?|fra|til|og|[-–,.:]|\d{1,2}[:.]\d{2}|"
    r"\d{1,2})$",
    re.IGNORECASE,
)


def _only_when(text: str) -> bool:
    """A line that holds a date and times and nothing else."""
    rest = without_date(text)
    return all(_WHEN_WORDS.match(word) for word in rest.replace(",", " , ").split())


def one_line(remarks: list[str]) -> str:
    """The meeting's remarks are one line: its lines joined by "; " (nothing left out)."""
    return "; ".join(" ".join(r.split()) for r in remarks if r.strip())
