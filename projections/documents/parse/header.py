"""The referat's title and the fields under it: forum, date, time, place and participants."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from projections.documents import interchange as ix
from projections.documents.parse.dates import CLOCK, DAY, clock, day_of
from projections.documents.parse.tokens import Heading, Reader, fail, unwrap
from projections.documents.render import layout as lo

_TITLE = re.compile(r"^(REFERAT|DAGSORDEN)\b\s*(?P<rest>.*)$", re.IGNORECASE)
_TITLE_DATE = re.compile(r"^(?P<forum>.*?)\s*\bd\.\s*(?P<date>\d{1,2}-\d{1,2}-\d{4})$")
_FIELD = re.compile(r"^\*\*(?P<label>[^*]+?)\s*:?\s*\*\*\s*:?\s*(?P<value>.*)$")
_WHEN = re.compile(
    rf"^(?:[a-zæøå]+\s+)?(?:d\.\s*)?{DAY}"
    rf"(?:,?\s*kl\.\s*(?P<start>{CLOCK}))?"
    rf"(?:\s*[-–]\s*(?P<end>{CLOCK})|,?\s*slut\s+kl\.\s*(?P<end_only>{CLOCK}))?$",
    re.IGNORECASE,
)

FieldValue = Callable[[str], tuple[str | None, int]]


def read_title(reader: Reader) -> tuple[str, date | None, int]:
    """'# REFERAT Forum d. 20-05-2026': the forum, the date if given, and the line."""
    first = reader.peek()
    if first is None:
        raise fail(1, "filen er tom; forventede et referat")
    title_text = unwrap(first.text if isinstance(first, Heading) else first.lines[0])
    match = _TITLE.match(title_text)
    if not match:
        raise fail(
            first.line,
            "ikke et referat: forventede en titel som '# REFERAT Forum d. 20-05-2026'"
            " eller '# DAGSORDEN ...'",
        )
    reader.advance()
    reader.where["meeting"] = first.line
    forum, day = match.group("rest").strip(), None
    dated = _TITLE_DATE.match(forum)
    if dated:
        forum = dated.group("forum").strip()
        try:
            d, m, y = (int(x) for x in dated.group("date").split("-"))
            day = date(y, m, d)
        except ValueError:
            raise fail(first.line, f"'{dated.group('date')}' er ikke en gyldig dato") from None
    if not forum:
        raise fail(first.line, "titlen nævner ikke forummet")
    return forum, day, first.line


def _fields(reader: Reader) -> dict[str, tuple[str, int]]:
    """The header's '**Label** value' fields by label (casefolded), with their lines."""
    fields: dict[str, tuple[str, int]] = {}
    for paragraph in reader.paragraphs():
        label = ""
        for offset, line in enumerate(paragraph.lines):
            match = _FIELD.match(line)
            if match:
                label = unwrap(match.group("label")).casefold()
                if label in fields:
                    raise fail(paragraph.line + offset, f"feltet '{label}' står to gange")
                fields[label] = (match.group("value").strip(), paragraph.line + offset)
            elif label:  # a long value wrapped onto the next line
                value, where = fields[label]
                fields[label] = (f"{value} {line.strip()}", where)
            else:
                raise fail(
                    paragraph.line + offset,
                    "forventede et felt som '**Mødested** Rådhuset' i mødets hoved",
                )
    known = {
        lo.F_ORGANISATION,
        lo.F_DATE,
        lo.F_PLACE,
        *lo.ATTENDANCE_FIELDS.values(),
        *lo.ROLE_FIELDS.values(),
        lo.F_PARTIES,
    }
    for label, (_value, at) in fields.items():
        if label not in {k.casefold() for k in known}:
            raise fail(at, f"ukendt felt '{label}' i mødets hoved")
    return fields


def read_header(reader: Reader, forum: str, day: date | None, title_line: int) -> ix.Meeting:
    """The meeting as the fields under the title describe it (no items yet)."""
    fields = _fields(reader)

    def field_value(label: str) -> tuple[str | None, int]:
        text, at = fields.get(label.casefold(), ("", title_line))
        return text or None, at

    start = end = None
    when, when_line = field_value(lo.F_DATE)
    if when:
        match = _WHEN.match(when)
        if not match:
            raise fail(
                when_line,
                "forventede en mødedato som 'Onsdag d. 20. maj 2026 kl. 09:00'",
            )
        held = day_of(match, when_line)
        if day is not None and held != day:
            raise fail(when_line, "mødedatoen passer ikke med datoen i titlen")
        day = held
        start = clock(match.group("start"), when_line)
        end = clock(match.group("end") or match.group("end_only"), when_line)
        reader.where["meeting"] = when_line
    if day is None:
        raise fail(
            title_line, "referatet har ingen mødedato (titlen: 'REFERAT Forum d. 20-05-2026')"
        )
    return ix.Meeting(
        forum=forum,
        organisation=field_value(lo.F_ORGANISATION)[0],
        date=day,
        start=start,
        end=end,
        place=field_value(lo.F_PLACE)[0],
        participants=_participants(reader, field_value),
    )


def _participants(reader: Reader, get: FieldValue) -> list[ix.Participant]:
    people: list[ix.Participant] = []
    lines: list[int] = []

    def find(name: str) -> int | None:
        return next((i for i, p in enumerate(people) if p.name == name), None)

    for attendance, label in lo.ATTENDANCE_FIELDS.items():
        text, line = get(label)
        for entry in _split_people(text, line) if text else []:
            name, title = _name_and_paren(entry)
            if find(name) is not None:
                raise fail(line, f"{name} står to gange blandt deltagerne")
            people.append(ix.Participant(name=name, title=title, attendance=attendance))
            lines.append(line)
    for role, label in lo.ROLE_FIELDS.items():
        text, line = get(label)
        for entry in _split_people(text, line) if text else []:
            name, paren = _name_and_paren(entry)
            substitute_for = None
            if role == "substitute" and paren and paren.startswith("for "):
                substitute_for = paren[4:].strip()
            elif paren:
                name = entry  # the parenthesis is part of the name
            index = find(name)
            if index is None:  # named only here, as a referent often is
                people.append(ix.Participant(name=name))
                lines.append(line)
                index = len(people) - 1
            elif people[index].role != "member":
                raise fail(line, f"{name} har to roller")
            people[index].role = role
            people[index].substitute_for = substitute_for
    text, line = get(lo.F_PARTIES)
    for entry in _split_people(text, line) if text else []:
        name, party = _name_and_paren(entry)
        index = find(name)
        if index is None or party is None:
            raise fail(line, f"'{entry}' er ikke en deltager med parti som 'Navn (A)'")
        people[index].party = party
    for index, line in enumerate(lines):
        reader.where[f"meeting.participants[{index}]"] = line
    return people


def _split_people(value: str, line: int) -> list[str]:
    """Split "A (Direktør By, Kultur), B" at the commas outside parentheses."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in value:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise fail(line, "en ')' uden '(' i listen over deltagere")
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    if depth:
        raise fail(line, "en '(' uden ')' i listen over deltagere")
    parts.append(current.strip())
    if any(not part for part in parts):
        raise fail(line, "et tomt navn i listen over deltagere")
    return parts


def _name_and_paren(entry: str) -> tuple[str, str | None]:
    """'Name (everything inside)' -> ('Name', 'everything inside')."""
    if entry.endswith(")") and " (" in entry:
        name, _, rest = entry.partition(" (")
        return name.strip(), rest[:-1].strip() or None
    return entry, None
