"""The referat's title and the header under it: forum, date and time, place, participants
(with party letters and role words), absence and substitute sentences, and free lines,
which are kept as the meeting's remarks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.meeting.state import MEETING_KINDS, ROLE_LABELS, Attendance, Role
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError
from projections.documents.parse import conventions as cv
from projections.documents.parse.dates import (
    bad_date,
    find_clocks,
    find_date,
    find_when,
    without_date,
)
from projections.documents.parse.people import (
    NOBODY,
    REASON_AFTER,
    REASONS,
    looks_like_name,
    name_and_parens,
    people_field,
    split_people,
)
from projections.documents.parse.report import fail
from projections.documents.parse.tokens import Heading, Paragraph, Reader, plain, unwrap
from projections.documents.parse.wrapping import parentheses_joined
from projections.documents.render import layout as lo

_BULLET = re.compile(r"^\s*[-*•·▪–]\s+")  # not "1.": a header line may begin with a date
# The mark of a draft as exported ("*** UDKAST – ikke godkendt ***", a PDF's page header
# "UDKAST"): what the signatures say, not part of the header.
_DRAFT = re.compile(rf"^[\s*]*(?:{lo.DRAFT}|{lo.DRAFT_MARK})[\s*]*$", re.IGNORECASE)
# "**Mødedato** x", "**Mødedato:** x", "Mødedato: x", "Mødedato    x" (pdftotext -layout)
_BOLD_FIELD = re.compile(r"^\*\*(?P<label>[^*]+?)\s*:?\s*\*\*\s*:?\s*(?P<value>.*)$")
_FIELD = re.compile(r"^(?P<label>[A-ZÆØÅa-zæøå][\w æøåÆØÅ./-]{1,40}?)\s*:\s*(?P<value>.*)$")
_WIDE_FIELD = re.compile(r"^(?P<label>[A-ZÆØÅ][\w æøåÆØÅ.]{1,30}?)\s{3,}(?P<value>\S.*)$")
_SUBSTITUTE = re.compile(
    r"^(?P<who>.+?)\s+(?:var\s+|er\s+)?(?:indkaldt|deltog|mødte|deltager|indtrådt)\s+"
    r"(?:som\s+)?(?:stedfortræder|suppleant)\s+for\s+(?P<for>.+?)\.?$",
    re.IGNORECASE,
)
_SUBSTITUTE_FOR = re.compile(
    r"^(?:stedfortræder|suppleant)\s+for\s+(?P<for>.+?)\s*:\s*(?P<who>.+?)\.?$", re.IGNORECASE
)
_ABSENT = re.compile(
    r"^(?P<who>.+?)\s+(?:deltog\s+ikke(?:\s+i\s+mødet)?|var\s+fraværende|var\s+ikke\s+til\s+stede|"
    r"mødte\s+ikke(?:\s+op)?)\.?$",
    re.IGNORECASE,
)
_EXCUSED = re.compile(
    r"^(?:afbud\s+fra\s+(?P<a>.+?)|(?P<b>.+?)\s+(?:havde|har)\s+(?:meldt\s+)?afbud)\.?$",
    re.IGNORECASE,
)
_ENDED = re.compile(r"^mødet\s+(?:blev\s+)?(?:hævet|sluttede|slut|afsluttet)\b", re.IGNORECASE)
_STARTED = re.compile(r"^mødet\s+(?:blev\s+)?(?:startede|begyndte|start|sat)\b", re.IGNORECASE)
_NAMES = re.compile(r"\s*(?:,|\bog\b|&)\s*")
_KIND_WORDS = {lo.MEETING_KIND_LABELS[k].casefold(): k for k in MEETING_KINDS}


@dataclass
class Line:
    number: int
    text: str  # as written, markup and all
    heading: bool
    paragraph: int  # lines of one paragraph share it

    @property
    def plain(self) -> str:
        return plain(self.text)


def ends_header(token: Heading | Paragraph) -> bool:
    """Where the header ends: an item's heading, the contents, a part of the minutes."""
    if not isinstance(token, Heading):
        return False
    key = cv.label_key(token.text)
    return (
        cv.item_heading(token.text) is not None
        or key in cv.TOC_HEADINGS
        or bool(cv.CLOSED_PART.match(key) or cv.OPEN_PART.match(key))
        or (key in cv.SECTION_HEADINGS and key not in cv.FIELDS)
        or key in cv.APPROVAL_HEADINGS
    )


def _header_lines(reader: Reader) -> list[Line]:
    lines: list[Line] = []
    while (token := reader.peek()) is not None and not ends_header(token):
        reader.advance()
        if isinstance(token, Heading):
            lines.append(Line(token.line, token.text, True, token.line))
        else:
            lines.extend(
                Line(token.line + i, part, False, token.line)
                for i, text in enumerate(parentheses_joined(token.lines, _starts_field))
                for part in _columns(text)
            )
    return lines


_LABELS = sorted({*cv.FIELDS, *cv.ATTENDANCE_LABELS, *cv.ROLE_LABELS}, key=len, reverse=True)
# Where a second field starts on the same line ("Mødedato: 24.02.2022  Mødested: Salen",
# two columns of a PDF's header): before a known label and its colon.
_NEXT_FIELD = re.compile(
    r"\s+(?=(?:\*\*)?(?:" + "|".join(re.escape(k) for k in _LABELS) + r")\s*:)",
    re.IGNORECASE,
)


def _columns(text: str) -> list[str]:
    """A header line cut where a second field starts on it, or a row of a list of names
    set in columns ("Arne Holm   Bo Lind", as a PDF's table gives it)."""
    if not _field_like(text):
        names = text.split("   ")
        if (
            len(names) > 1
            and not _starts_field(text)
            and all(looks_like_name(name_and_parens(n.strip())[0]) for n in names)
        ):
            return [n.strip() for n in names]
        return [text]
    colon = text.index(":") + 1  # a label of several words ("Dato og tid:") is not cut
    parts = [
        text[:colon] + p if i == 0 else p for i, p in enumerate(_NEXT_FIELD.split(text[colon:]))
    ]
    return [p for p in parts if p.strip()] or [text]


def _starts_field(text: str) -> bool:
    """A header field begins on this line: "Label: value" or, in a PDF, "Label   value"."""
    wide = re.split(r"\s{3,}", text.strip(), maxsplit=1)
    return _field_like(text) or (len(wide) == 2 and cv.label_key(wide[0]) in _LABELS)


def _field_like(text: str) -> bool:
    head = text.lstrip("* ").split(":", 1)[0]
    return ":" in text and cv.label_key(head) in _LABELS


@dataclass
class Title:
    forum: str
    day: date | None
    document: str  # "referat", "beslutningsprotokol", "dagsorden"
    lines: list[int]


_ADJECTIVE = re.compile(
    r"^(?:åben|åbent|offentlig|offentligt|endelig|endeligt|godkendt|foreløbig|foreløbigt)"
    r"\s+(?=referat|beslutningsprotokol|dagsorden)",
    re.IGNORECASE,
)


def _title_of(text: str) -> tuple[str, str] | None:
    """(document word, the rest) of a title line ("Åbent referat" as "Referat")."""
    text = _ADJECTIVE.sub("", text.strip())
    match = cv.TITLE.match(text)
    if match:
        return match["word"].casefold(), match["rest"]
    after = cv.TITLE_AFTER.match(text)
    if after and len(after["rest"]) < 80:
        return after["word"].casefold(), f"{after['rest']} {after['tail']}".strip()
    return None


_FORUM_WORD = re.compile(r"udvalg|råd|bestyrelse|nævn|forum|komit|repræsentantskab", re.I)
_ORGANISATION = re.compile(r"^\S.{0,40}\b(?:Kommune|Region)$")


def _read_title(lines: list[Line], reader: Reader) -> Title:
    if not lines:
        next_token = reader.peek()
        raise fail(next_token.line if next_token else 1, "filen er tom; forventede et referat")
    for index, line in enumerate(lines[:15]):
        if index and _field(line) is not None:
            break
        found = _title_of(unwrap(line.plain))
        if found is None:
            continue
        word, rest = found
        day_found = find_date(rest)
        if (bad := bad_date(rest)) is not None:
            raise fail(line.number, f"'{bad}' er ikke en gyldig dato")
        forum = (without_date(rest) if day_found else rest).strip()
        forum = re.sub(r"\s+(?:d\.|den)$", "", forum).strip(" ,–-")
        used = [index]
        if not forum:  # "Byrådet" / "Referat", or "Referat" / "Byrådet"
            near = [i for i in (index - 1, index + 1) if 0 <= i < len(lines)]
            near.sort(key=lambda i: not _FORUM_WORD.search(lines[i].plain))
            for other in near:
                candidate = lines[other]
                if _field(candidate) is not None or len(candidate.plain) >= 80:
                    continue
                forum = without_date(unwrap(candidate.plain)).strip(" ,–-")
                if forum:
                    day_found = day_found or find_date(candidate.plain)
                    used.append(other)
                    break
        if forum.isupper():
            forum = forum.capitalize()
        taken = [lines[i] for i in sorted(used)]
        for i in sorted(used, reverse=True):
            del lines[i]
        document = cv.TITLE_WORDS.get(word, "referat")
        return Title(
            forum, day_found.day if day_found else None, document, [x.number for x in taken]
        )
    first = lines[0]
    raise fail(
        first.number,
        "ikke et referat: forventede en titel som '# REFERAT Forum d. 20-05-2026'"
        " eller '# DAGSORDEN ...'",
    )


def _field(line: Line) -> tuple[str, str] | None:
    """(label key, value) of a header field line in any of its usual forms, else None."""
    text = line.text.strip()
    if line.heading:
        key = cv.label_key(text)
        return (key, "") if _known(key) else None
    match = _BOLD_FIELD.match(text)
    if match:
        return cv.label_key(match["label"]), match["value"].strip()
    bare = plain(text)
    for pattern in (_FIELD, _WIDE_FIELD):
        match = pattern.match(bare)
        if match and _known(cv.label_key(match["label"])):
            return cv.label_key(match["label"]), match["value"].strip()
    return None


def _known(key: str) -> bool:
    return key in cv.FIELDS or key in cv.ATTENDANCE_LABELS or key in cv.ROLE_LABELS


def read_header(reader: Reader) -> tuple[ix.Meeting, str]:
    """The meeting as the title and header describe it (no items yet), and the title's
    document word ("referat", "beslutningsprotokol", "dagsorden")."""
    lines = _header_lines(reader)
    report = reader.report
    title = _read_title(lines, reader)
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
        self.people: list[ix.Participant] = []
        self.listed: set[str] = set()  # named in an attendance field
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
            field = _field(line)
            if field is not None:
                key, value = field
                label = (key, line.paragraph, not value) if not value or people_field(key) else None
                self._kept(key, value, line)
                if not value:
                    self.report.note(line.number, line.number, "felt", f"{key} (værdien følger)")
                continue
            text = _BULLET.sub("", line.plain).strip()
            if _ORGANISATION.match(text) and cv.F_ORGANISATION not in self.values:
                self.values[cv.F_ORGANISATION] = (text, line.number)
                self.report.note(line.number, line.number, "felt", f"organisation: {text}")
                continue
            if label and text and not line.heading and people_field(label[0]):
                if self._sentence(text, line.number):
                    continue
                self._kept(label[0], text, line, more=True)
                continue
            if label and label[0] in cv.FIELDS and text and not line.heading:
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
        if key in cv.ATTENDANCE_LABELS or key in cv.ROLE_LABELS:
            for entry in split_people(value, number):
                self._person(key, entry, number)
            return
        if not value:
            return
        meaning = cv.FIELDS.get(key, None)
        if meaning == cv.F_WHEN or meaning in (cv.F_START, cv.F_END):
            self._when(meaning, value, number)
        elif meaning == cv.F_REMARKS:
            self.remarks.append(value)
            report.note(number, number, "felt", f"mødets bemærkninger: {value}")
        elif meaning == cv.F_KIND and value.casefold() in _KIND_WORDS:
            self.kind = _KIND_WORDS[value.casefold()]
            report.note(number, number, "felt", f"mødetype: {value}")
        elif meaning == cv.F_PARTIES:
            self._parties(value, number)
        elif meaning is not None and not (more and meaning in (cv.F_FORUM,)):
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
        if meaning == cv.F_START and clocks:
            self.start = clocks[0]
        elif meaning == cv.F_END and clocks:
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
            person = self._find(name)
            if person is None or not parens:
                raise fail(number, f"'{entry}' er ikke en deltager med parti som 'Navn (A)'")
            person.party = parens[-1]
        self.report.note(number, number, "felt", "partier")

    # -- people ------------------------------------------------------------------------------

    def _find(self, name: str) -> ix.Participant | None:
        return next((p for p in self.people if p.name == name), None)

    def _person(self, key: str, entry: str, number: int) -> None:
        role: Role | None = cv.ROLE_LABELS.get(key)
        attendance: Attendance = cv.ATTENDANCE_LABELS.get(key, "present")
        entry = entry.strip().rstrip(".")
        if entry.casefold() in NOBODY:
            self.report.note(number, number, "felt", f"{key}: {entry}")
            return
        title_word: str | None = None
        prefix = cv.ROLE_PREFIX.match(entry) or cv.ROLE_SUFFIX.match(entry)
        if (prefix and len(prefix["name"].split()) >= 2) or (prefix and "(" in prefix["name"]):
            assert prefix is not None
            word = " ".join(prefix["word"].casefold().split())
            prefix_role, title_word = cv.ROLE_PREFIXES.get(word, ("member", None))
            if role is None or role == "guest":
                role = prefix_role if prefix_role != "member" else role
            entry = prefix["name"].strip()
        reason: str | None = None
        if attendance != "present" and (said := REASON_AFTER.match(entry)):
            entry, reason = said["who"], said["reason"].strip()  # "Ib Holm (O) - sygdom"
        name, parens = name_and_parens(entry)
        if not looks_like_name(name):  # "Indholdsfortegnelse Side", "Afbud fra ..."
            raise fail(number, f"'{name}' ligner ikke et navn; beholdt som bemærkning")
        party = next((p for p in parens if cv.PARTY.match(p)), None)
        others = [p for p in parens if p != party]
        if attendance != "present" and reason is None:  # "Ib Holm (ferie)"
            reason = next((p for p in others if p.casefold() in REASONS), None)
            others = [p for p in others if p != reason]
        for group in list(others):  # "Lone Krag (A) (formand)"
            group_role, group_title = cv.ROLE_PREFIXES.get(group.casefold(), (None, None))
            if group_role is None:
                continue
            others.remove(group)
            if group_role != "member" and role in (None, "guest"):
                role = group_role
            title_word = title_word or group_title
        substitute_for = None
        if role == "substitute" and others and others[-1].casefold().startswith("for "):
            substitute_for = others.pop()[4:].strip()
        title = ", ".join(others) or title_word
        if title_word and others:
            title = f"{title_word}, {', '.join(others)}"
        person = self._find(name)
        if person is None:
            person = ix.Participant(name=name, attendance=attendance)
            self.people.append(person)
            self.reader.where[f"meeting.participants[{len(self.people) - 1}]"] = number
        elif (
            key in cv.ATTENDANCE_LABELS
            and name in self.listed
            and person.attendance == "present"
            and attendance != "present"
        ):
            # "Deltagere:" lists every member, "Fraværende:"/"Afbud:" then says who was not.
            person.attendance = attendance
        elif key in cv.ATTENDANCE_LABELS and name in self.listed:
            raise fail(number, f"{name} står to gange blandt deltagerne")
        elif key in cv.ATTENDANCE_LABELS:  # named in a role's field first ("Mødeleder")
            person.attendance = attendance
        if key in cv.ATTENDANCE_LABELS:
            self.listed.add(name)
        if role is not None and role != "member":
            if person.role != "member" and person.role != role:
                raise fail(number, f"{name} har to roller")
            person.role = role
            person.substitute_for = substitute_for
        person.party = party or person.party
        if title and (key in cv.ATTENDANCE_LABELS or title_word):
            person.title = title
        if reason is not None:
            person.absence_reason = reason
        what = [f"{lo.ATTENDANCE_FIELDS[person.attendance]}"]
        if person.role != "member":
            what.append(f"rolle {ROLE_LABELS[person.role]}")
        if party:
            what.append(f"parti {party}")
        self.report.note(number, number, "deltager", f"{name} ({', '.join(what)})")

    def _named(self, text: str, number: int) -> list[tuple[str, str | None]]:
        """The people a sentence names: (name, party)."""
        out = []
        for entry in _NAMES.split(text.strip().rstrip(".")):
            if entry.strip():
                name, parens = name_and_parens(entry.strip())
                party = next((p for p in parens if cv.PARTY.match(p)), None)
                out.append((name, party))
        return out

    def _sentence(self, text: str, number: int) -> bool:
        """A sentence of the header that says who substituted for whom, who was absent,
        or when the meeting began or ended."""
        if not text:
            return True
        found = find_date(text)
        if found and self.day is None and _only_when(text):
            self._when(cv.F_WHEN, text, number)  # "14. februar 2022 kl. 16:00" on its own
            return True
        sub = _SUBSTITUTE.match(text) or _SUBSTITUTE_FOR.match(text)
        if sub:
            (who, party), (absent, absent_party) = (
                self._named(sub["who"], number)[0],
                self._named(sub["for"], number)[0],
            )
            person = self._find(who) or ix.Participant(name=who)
            if person not in self.people:
                self.people.append(person)
            person.role, person.substitute_for = "substitute", absent
            person.party = party or person.party
            replaced = self._find(absent)
            if replaced is None:
                self.people.append(
                    ix.Participant(name=absent, party=absent_party, attendance="excused")
                )
            self.report.note(number, number, "deltager", f"{who} stedfortræder for {absent}")
            return True
        gone = _ABSENT.match(text) or _EXCUSED.match(text)
        if gone:
            attendance: Attendance = "absent" if gone.re is _ABSENT else "excused"
            names = gone.groupdict().get("who") or gone.groupdict().get("a") or gone["b"]
            for name, party in self._named(names, number):
                known = self._find(name)
                if known is None:
                    self.people.append(
                        ix.Participant(name=name, party=party, attendance=attendance)
                    )
                else:
                    known.attendance = attendance
                self.report.note(number, number, "deltager", f"{name} ({attendance})")
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
        forum = self.values.get(cv.F_FORUM, (self.title.forum, 0))[0]
        if not forum:  # "# Referat" with no "Udvalg:" field either
            raise fail(self.title.lines[0], "titlen nævner ikke forummet")
        order = {"present": 0, "excused": 1, "absent": 2}
        meeting = ix.Meeting(
            forum=forum if self.title.forum.casefold() in ("", "referat") else self.title.forum,
            organisation=self.values.get(cv.F_ORGANISATION, (None, 0))[0],
            date=self.day,
            start=self.start,
            end=self.end,
            place=self.values.get(cv.F_PLACE, (None, 0))[0],
            participants=sorted(self.people, key=lambda p: order[p.attendance]),
        )
        if self.kind:
            meeting.kind = self.kind  # type: ignore[assignment]
        if self.remarks:
            meeting.remarks = one_line(self.remarks)
        if self.title.document == "beslutningsprotokol":
            meeting.document = "beslutningsprotokol"
        return meeting


# The report names a field's meaning in Danish.
_DANISH = {cv.F_FORUM: "forum", cv.F_PLACE: "mødested", cv.F_ORGANISATION: "organisation"}

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
