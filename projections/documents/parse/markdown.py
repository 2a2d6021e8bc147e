"""Read a referat in Markdown (published referater, and our own export) into a Document.

Real files are irregular: heading levels vary from item to item, headings are wrapped in
bold, "indstiller," may end in a hard line break with the first point on the next line,
a table of contents repeats the titles. So a heading is known by its wording, never by
its level, and the contents are skipped. Refusals name the line ("linje 12: ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import cast
from uuid import UUID

from domain.application import Minutes
from domain.meeting.state import VOTE_LABELS, AbsenceReason, ItemKind, VoteOption
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError
from projections.documents.referat import CLOSED_MARK, LOCAL
from projections.documents.render import layout as lo
from projections.importing import import_document

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_UNESCAPE = re.compile(r"^(\s*)\\([#\\])")
_TITLE = re.compile(r"^(REFERAT|DAGSORDEN)\b\s*(?P<rest>.*)$", re.IGNORECASE)
_TITLE_DATE = re.compile(r"^(?P<forum>.*?)\s*\bd\.\s*(?P<date>\d{1,2}-\d{1,2}-\d{4})$")
_FIELD = re.compile(r"^\*\*(?P<label>[^*]+?)\s*:?\s*\*\*\s*:?\s*(?P<value>.*)$")
_CLOCK = r"\d{1,2}[:.]\d{2}"
_DAY = r"(?P<day>\d{1,2})\.\s*(?P<month>[a-zæøå]+)\s+(?P<year>\d{4})"
_WHEN = re.compile(
    rf"^(?:[a-zæøå]+\s+)?(?:d\.\s*)?{_DAY}"
    rf"(?:,?\s*kl\.\s*(?P<start>{_CLOCK}))?"
    rf"(?:\s*[-–]\s*(?P<end>{_CLOCK})|,?\s*slut\s+kl\.\s*(?P<end_only>{_CLOCK}))?$",
    re.IGNORECASE,
)
_MOMENT = re.compile(rf"^{_DAY} kl\. (?P<clock>\d{{1,2}}:\d{{2}}(?::\d{{2}})?)$", re.IGNORECASE)
_ITEM = re.compile(r"^Punkt\s+(?P<number>[^\s:]+)\s*:\s*(?P<title>.*)$", re.IGNORECASE)
_ITALIC = re.compile(r"^(?:\*(?!\*)(?P<a>.+)\*|_(?!_)(?P<b>.+)_)$")
_DURATION = re.compile(r"^\((\d+)\s*min\.?\)$")
_POINT = re.compile(r"^\s*(?:\d+[.)]|-)\s+(.*)$")
_RECOMMENDS = re.compile(r"^(?P<by>.+?)\s+indstiller\s*,$")
_VOTE = re.compile(r"^(?P<label>" + "|".join(VOTE_LABELS.values()) + r"):(?:\s+(?P<rest>.*))?$")
_COUNT = re.compile(r"^(?P<count>\d+)(?:\s+\((?P<who>.*)\))?$")
_REMARK = re.compile(rf"^{lo.REMARK}(?P<by>.+?):\s+(?P<text>.+)$", re.DOTALL)
_ABSENCE = re.compile(
    rf"^{lo.ABSENCE}(?P<name>.+?)(?:\s+\((?P<reason>afbud|fraværende|inhabil)\))?"
    rf"(?:{lo.SUBSTITUTE}(?P<substitute>.+))?$"
)
_EARLIER = re.compile(
    rf"^(?P<body>.+?)(?:,\s+{_DAY})?(?:,\s+punkt\s+(?P<item>[^:]+?))?:\s+(?P<text>.+)$",
    re.DOTALL,
)
# The name ends at the first " d. " (as a lazy match would, but without trying every later
# one: that took seconds on a long line of "d."s).
_SIGNER = r"(?P<by>(?:(?! d\. ).)+) d\. "
_APPROVAL = re.compile(
    rf"^{lo.APPROVED_BY}{_SIGNER}(?P<when>.+? kl\. [\d:]+)"
    rf"(?:{lo.RESERVATION}(?P<reservation>.+))?$",
    re.DOTALL,
)
_CORRECTED = re.compile(rf"^{lo.CORRECTED_BY}{_SIGNER}(?P<when>.+? kl\. [\d:]+)$")
_OPTIONS: dict[str, VoteOption] = {label: option for option, label in VOTE_LABELS.items()}
_KINDS: dict[str, ItemKind] = {label.casefold(): kind for kind, label in lo.KIND_LABELS.items()}
_ENDINGS = {lo.H_APPROVALS.casefold(), lo.H_CORRECTIONS.casefold(), lo.H_TOC.casefold()}


@dataclass
class Heading:
    line: int
    level: int
    text: str


@dataclass
class Paragraph:
    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


Token = Heading | Paragraph


@dataclass(frozen=True)
class Parsed:
    """The document read, and the line each part of it was read from (by JSON path)."""

    document: ix.Document
    lines: dict[str, int] = field(default_factory=dict)


def _fail(line: int, message: str) -> DocumentError:
    return DocumentError(f"linje {line}: {message}")


def _unwrap(text: str) -> str:
    """Heading text without the bold or italic markers around it."""
    text = text.strip()
    for marker in ("**", "__", "*", "_"):
        if len(text) > 2 * len(marker) and text.startswith(marker) and text.endswith(marker):
            return text[len(marker) : -len(marker)].strip()
    return text


def _italic(paragraph: Paragraph) -> str | None:
    match = _ITALIC.match(paragraph.text) if len(paragraph.lines) == 1 else None
    return (match.group("a") or match.group("b")).strip() if match else None


def tokens(text: str) -> list[Token]:
    """Headings and paragraphs (lines without trailing spaces, escapes taken away)."""
    out: list[Token] = []
    paragraph: Paragraph | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        heading = _HEADING.match(line)
        if heading or not line.strip():
            paragraph = None
            if heading:
                out.append(Heading(number, len(heading.group(1)), _unwrap(heading.group(2))))
            continue
        if paragraph is None:
            paragraph = Paragraph(number, [])
            out.append(paragraph)
        paragraph.lines.append(_UNESCAPE.sub(r"\1\2", line))
    return out


def _date(match: re.Match[str], line: int) -> date:
    month = match.group("month").casefold()
    if month not in lo.MONTHS:
        raise _fail(line, f"ukendt måned '{match.group('month')}'")
    try:
        return date(int(match.group("year")), lo.MONTHS.index(month) + 1, int(match.group("day")))
    except ValueError:
        raise _fail(line, f"'{match.group(0)}' er ikke en gyldig dato") from None


def _clock(text: str | None, line: int) -> str | None:
    if text is None:
        return None
    hours, minutes = (int(part) for part in re.split(r"[:.]", text))
    if hours > 23 or minutes > 59:
        raise _fail(line, f"'{text}' er ikke et klokkeslæt")
    return f"{hours:02d}:{minutes:02d}"


def _moment(text: str, line: int) -> datetime:
    match = _MOMENT.match(text)
    if not match:
        raise _fail(line, f"forventede et tidspunkt som '11. marts 2026 kl. 09:05', fik '{text}'")
    day = _date(match, line)
    parts = [int(p) for p in match.group("clock").split(":")]
    hours, minutes, seconds = (*parts, 0)[:3]
    if hours > 23 or minutes > 59 or seconds > 59:
        raise _fail(line, f"'{match.group('clock')}' er ikke et klokkeslæt")
    return datetime(day.year, day.month, day.day, hours, minutes, seconds, tzinfo=LOCAL)


def _split_people(value: str, line: int) -> list[str]:
    """Split "A (Direktør By, Kultur), B" at the commas outside parentheses."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in value:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise _fail(line, "en ')' uden '(' i listen over deltagere")
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    if depth:
        raise _fail(line, "en '(' uden ')' i listen over deltagere")
    parts.append(current.strip())
    if any(not part for part in parts):
        raise _fail(line, "et tomt navn i listen over deltagere")
    return parts


def _name_and_paren(entry: str) -> tuple[str, str | None]:
    """'Name (everything inside)' -> ('Name', 'everything inside')."""
    if entry.endswith(")") and " (" in entry:
        name, _, rest = entry.partition(" (")
        return name.strip(), rest[:-1].strip() or None
    return entry, None


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokens(text)
        self.last_line = text.rstrip().count("\n") + 1
        self.pos = 0
        self.where: dict[str, int] = {}

    # -- walking the tokens -------------------------------------------------------------

    def _peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _paragraphs(self) -> list[Paragraph]:
        """The paragraphs up to the next heading."""
        out: list[Paragraph] = []
        while isinstance(token := self._peek(), Paragraph):
            out.append(token)
            self.pos += 1
        return out

    @staticmethod
    def _ends_items(token: Token) -> bool:
        return isinstance(token, Heading) and (
            bool(_ITEM.match(token.text))
            or (token.level <= 2 and token.text.casefold() in _ENDINGS)
        )

    # -- the document -------------------------------------------------------------------

    def parse(self) -> ix.Document:
        first = self._peek()
        if first is None:
            raise _fail(1, "filen er tom; forventede et referat")
        title_text = _unwrap(first.text if isinstance(first, Heading) else first.lines[0])
        title = _TITLE.match(title_text)
        if not title:
            raise _fail(
                first.line,
                "ikke et referat: forventede en titel som '# REFERAT Forum d. 20-05-2026'"
                " eller '# DAGSORDEN ...'",
            )
        self.pos += 1
        self.where["meeting"] = first.line
        forum, day = title.group("rest").strip(), None
        dated = _TITLE_DATE.match(forum)
        if dated:
            forum = dated.group("forum").strip()
            try:
                d, m, y = (int(x) for x in dated.group("date").split("-"))
                day = date(y, m, d)
            except ValueError:
                raise _fail(first.line, f"'{dated.group('date')}' er ikke en gyldig dato") from None
        if not forum:
            raise _fail(first.line, "titlen nævner ikke forummet")
        meeting = self._header(forum, day, first.line)
        items: list[ix.Item] = []
        printed: list[str] = []
        while (token := self._peek()) is not None:
            self.pos += 1
            if isinstance(token, Paragraph):
                raise _fail(token.line, "tekst uden for et punkt")
            key = token.text.casefold()
            if key == lo.H_TOC.casefold():
                self._paragraphs()  # the contents repeat the titles; their pages are ours
            elif match := _ITEM.match(token.text):
                printed.append(match.group("number"))
                items.append(self._item(token, match, len(items)))
            elif key == lo.H_APPROVALS.casefold() and token.level <= 2:
                meeting.approvals.extend(self._approvals(len(meeting.approvals)))
            elif key == lo.H_CORRECTIONS.casefold() and token.level <= 2:
                meeting.corrections.extend(self._corrections(len(meeting.corrections)))
            else:
                raise _fail(token.line, f"uventet overskrift '{token.text}' før første punkt")
        if not items:
            raise _fail(
                self.last_line,
                "ingen punkter fundet (forventede en overskrift som '## Punkt 1: …')",
            )
        meeting.first_number, numbers = _numbering(printed)
        for item, number in zip(items, numbers, strict=True):
            item.number = number
        meeting.items = items
        return ix.Document(format=ix.FORMAT, meeting=meeting)

    # -- the header ---------------------------------------------------------------------

    def _header(self, forum: str, day: date | None, title_line: int) -> ix.Meeting:
        fields: dict[str, tuple[str, int]] = {}
        for paragraph in self._paragraphs():
            label = ""
            for offset, line in enumerate(paragraph.lines):
                match = _FIELD.match(line)
                if match:
                    label = _unwrap(match.group("label")).casefold()
                    if label in fields:
                        raise _fail(paragraph.line + offset, f"feltet '{label}' står to gange")
                    fields[label] = (match.group("value").strip(), paragraph.line + offset)
                elif label:  # a long value wrapped onto the next line
                    value, where = fields[label]
                    fields[label] = (f"{value} {line.strip()}", where)
                else:
                    raise _fail(
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
                raise _fail(at, f"ukendt felt '{label}' i mødets hoved")

        def field_value(label: str) -> tuple[str | None, int]:
            text, at = fields.get(label.casefold(), ("", title_line))
            return text or None, at

        start = end = None
        when, when_line = field_value(lo.F_DATE)
        if when:
            match = _WHEN.match(when)
            if not match:
                raise _fail(
                    when_line,
                    "forventede en mødedato som 'Onsdag d. 20. maj 2026 kl. 09:00'",
                )
            held = _date(match, when_line)
            if day is not None and held != day:
                raise _fail(when_line, "mødedatoen passer ikke med datoen i titlen")
            day = held
            start = _clock(match.group("start"), when_line)
            end = _clock(match.group("end") or match.group("end_only"), when_line)
            self.where["meeting"] = when_line
        if day is None:
            raise _fail(
                title_line, "referatet har ingen mødedato (titlen: 'REFERAT Forum d. 20-05-2026')"
            )
        return ix.Meeting(
            forum=forum,
            organisation=field_value(lo.F_ORGANISATION)[0],
            date=day,
            start=start,
            end=end,
            place=field_value(lo.F_PLACE)[0],
            participants=self._participants(field_value),
        )

    def _participants(self, get: Callable[[str], tuple[str | None, int]]) -> list[ix.Participant]:
        people: list[ix.Participant] = []
        lines: list[int] = []

        def find(name: str) -> int | None:
            return next((i for i, p in enumerate(people) if p.name == name), None)

        for attendance, label in lo.ATTENDANCE_FIELDS.items():
            text, line = get(label)
            for entry in _split_people(text, line) if text else []:
                name, title = _name_and_paren(entry)
                if find(name) is not None:
                    raise _fail(line, f"{name} står to gange blandt deltagerne")
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
                    raise _fail(line, f"{name} har to roller")
                people[index].role = role
                people[index].substitute_for = substitute_for
        text, line = get(lo.F_PARTIES)
        for entry in _split_people(text, line) if text else []:
            name, party = _name_and_paren(entry)
            index = find(name)
            if index is None or party is None:
                raise _fail(line, f"'{entry}' er ikke en deltager med parti som 'Navn (A)'")
            people[index].party = party
        for index, line in enumerate(lines):
            self.where[f"meeting.participants[{index}]"] = line
        return people

    # -- items --------------------------------------------------------------------------

    def _item(self, heading: Heading, match: re.Match[str], index: int) -> ix.Item:
        path = f"meeting.items[{index}]"
        self.where[path] = heading.line
        title = match.group("title").strip()
        closed = title.endswith(CLOSED_MARK)
        if closed:
            title = title[: -len(CLOSED_MARK)].strip()
        if not title:
            raise _fail(heading.line, "punktet har ingen titel")
        item = ix.Item(title=title, closed=closed)
        self._preamble(item, heading)
        decided = False
        while (token := self._peek()) is not None and not self._ends_items(token):
            assert isinstance(token, Heading)  # paragraphs were taken by the one before
            self.pos += 1
            paragraphs = self._paragraphs()
            key = token.text.casefold()
            if key == lo.H_RECOMMENDATION.casefold() and item.recommendation is None:
                item.recommendation = _recommendation(paragraphs)
                if item.recommendation is not None:
                    self.where[f"{path}.recommendation"] = token.line
                    continue
            if key == lo.H_DECISION.casefold() and not decided:
                decided = True
                self.where[f"{path}.decision"] = token.line
                self._decision(item, paragraphs, f"{path}")
                continue
            if key == lo.H_ATTACHMENTS.casefold():
                # An empty Bilag heading has nothing to keep: it is not exported again.
                self.where[f"{path}.attachments"] = token.line
                item.attachments.extend(_attachments(paragraphs))
                continue
            if key == lo.H_EARLIER.casefold() and (earlier := self._earlier(paragraphs)):
                self.where[f"{path}.earlier_decisions"] = token.line
                item.earlier_decisions.extend(earlier)
                continue
            self._section(item, token, paragraphs, path)
        return item

    def _preamble(self, item: ix.Item, heading: Heading) -> None:
        """Case number, kind and time set aside, between the item's heading and its first."""
        for paragraph in self._paragraphs():
            note = _italic(paragraph)
            duration = _DURATION.match(note) if note else None
            if duration and item.duration_minutes is None:
                item.duration_minutes = int(duration.group(1))
            elif note and self._meta(item, note):
                pass
            elif note is None and item.case_number is None and len(paragraph.lines) == 1:
                item.case_number = paragraph.text.strip()
            else:
                raise _fail(
                    paragraph.line,
                    f"uventet tekst under '{heading.text}' (forventede journalnummer"
                    " og en overskrift som '### Indstilling')",
                )

    @staticmethod
    def _meta(item: ix.Item, note: str) -> bool:
        words = [w.strip().casefold() for w in note.split(",")]
        if not all(w in _KINDS or w == lo.SUPPLEMENTARY for w in words):
            return False
        for word in words:
            if word == lo.SUPPLEMENTARY:
                item.supplementary = True
            else:
                item.kind = _KINDS[word]
        return True

    def _section(
        self, item: ix.Item, heading: Heading, paragraphs: list[Paragraph], path: str
    ) -> None:
        if any(s.heading == heading.text for s in item.sections):
            raise _fail(heading.line, f"afsnittet '{heading.text}' står to gange i punktet")
        if not heading.text:
            raise _fail(heading.line, "en overskrift uden tekst")
        if heading.text.casefold() == lo.H_CASE.casefold() and paragraphs:
            note = _italic(paragraphs[0])
            duration = _DURATION.match(note) if note else None
            if duration and item.duration_minutes is None:
                item.duration_minutes = int(duration.group(1))
                paragraphs = paragraphs[1:]
        self.where[f"{path}.sections[{len(item.sections)}]"] = heading.line
        text = "\n\n".join(p.text for p in paragraphs)
        item.sections.append(ix.Section(heading=heading.text, text=text))

    def _decision(self, item: ix.Item, paragraphs: list[Paragraph], path: str) -> None:
        """Decision text, then the votes, protocol remarks and absences after it."""
        split = len(paragraphs)
        while split and _is_extra(paragraphs[split - 1]):
            split -= 1
        text = "\n\n".join(p.text for p in paragraphs[:split])
        votes: list[ix.Vote] = []
        for paragraph in paragraphs[split:]:
            remark = _REMARK.match(paragraph.text)
            if remark:
                self.where[f"{path}.remarks[{len(item.remarks)}]"] = paragraph.line
                item.remarks.append(ix.Remark(by=remark["by"].strip(), text=remark["text"]))
                continue
            for offset, line in enumerate(paragraph.lines):
                vote = _VOTE.match(line)
                if vote:
                    votes.append(_vote(vote))
                    continue
                absence = _ABSENCE.match(line)
                assert absence is not None  # _is_extra checked every line
                self.where[f"{path}.absent[{len(item.absent)}]"] = paragraph.line + offset
                item.absent.append(
                    ix.ItemAbsence(
                        name=absence["name"].strip(),
                        reason=cast(AbsenceReason | None, absence["reason"]),
                        substitute=absence["substitute"],
                    )
                )
        if text or votes:
            item.decision = ix.Decision(text=text, votes=votes)

    def _earlier(self, paragraphs: list[Paragraph]) -> list[ix.EarlierDecision] | None:
        out: list[ix.EarlierDecision] = []
        for paragraph in paragraphs:
            match = _EARLIER.match(paragraph.text)
            if not match:
                return None  # not in our wording: kept as a section of that name
            out.append(
                ix.EarlierDecision(
                    body=match["body"].strip(),
                    date=_date(match, paragraph.line) if match["day"] else None,
                    item=match["item"],
                    text=match["text"],
                )
            )
        return out or None

    # -- after the items ----------------------------------------------------------------

    def _approvals(self, first: int) -> list[ix.Approval]:
        out: list[ix.Approval] = []
        for paragraph in self._paragraphs():
            match = _APPROVAL.match(paragraph.text)
            if not match:
                raise _fail(
                    paragraph.line,
                    "forventede en underskrift som 'Godkendt af Navn d. 11. marts 2026 kl. 09:05'",
                )
            self.where[f"meeting.approvals[{first + len(out)}]"] = paragraph.line
            out.append(
                ix.Approval(
                    by=match["by"].strip(),
                    at=_moment(match["when"], paragraph.line),
                    reservation=match["reservation"],
                )
            )
        return out

    def _corrections(self, first: int) -> list[ix.Correction]:
        out: list[ix.Correction] = []
        if stray := self._paragraphs():
            raise _fail(stray[0].line, "forventede en overskrift som '### Rettelse af punkt 2'")
        while (token := self._peek()) is not None and not self._ends_items(token):
            assert isinstance(token, Heading)
            self.pos += 1
            if token.text == lo.CORRECTION_OF_ALL:
                item = None
            elif token.text.startswith(lo.CORRECTION_OF_ITEM):
                item = token.text[len(lo.CORRECTION_OF_ITEM) :].strip()
            else:
                raise _fail(token.line, f"uventet overskrift '{token.text}' blandt rettelserne")
            paragraphs = self._paragraphs()
            by = _CORRECTED.match(paragraphs[0].text) if paragraphs else None
            reason = paragraphs[1].text if len(paragraphs) > 1 else ""
            if not by or not reason.startswith(lo.REASON) or len(paragraphs) < 3:
                raise _fail(
                    token.line,
                    "en rettelse skal have 'Rettet af Navn d. …', 'Begrundelse: …' og en tekst",
                )
            self.where[f"meeting.corrections[{first + len(out)}]"] = token.line
            out.append(
                ix.Correction(
                    by=by["by"].strip(),
                    at=_moment(by["when"], paragraphs[0].line),
                    item=item,
                    reason=reason[len(lo.REASON) :].strip(),
                    text="\n\n".join(p.text for p in paragraphs[2:]),
                )
            )
        return out


def _is_extra(paragraph: Paragraph) -> bool:
    """A vote, protocol remark or absence line written under the decision."""
    if _REMARK.match(paragraph.text):
        return True
    return all(_VOTE.match(line) or _ABSENCE.match(line) for line in paragraph.lines)


def _vote(match: re.Match[str]) -> ix.Vote:
    option = _OPTIONS[match["label"]]
    rest = (match["rest"] or "").strip()
    counted = _COUNT.match(rest)
    if counted:
        who = counted["who"]
        return ix.Vote(
            option=option,
            count=int(counted["count"]),
            who=[w.strip() for w in who.split(",")] if who else [],
        )
    return ix.Vote(
        option=option,
        count=None,
        who=[w.strip() for w in rest.split(",")] if rest else [],
    )


def _recommendation(paragraphs: list[Paragraph]) -> ix.Recommendation | None:
    """'X indstiller,' and the numbered 'at ...' points; None when worded otherwise."""
    lines = [line for p in paragraphs for line in p.lines]
    if not lines:
        return None
    first = lines[0].strip()
    by = _RECOMMENDS.match(first)
    if not by and first != lo.NOBODY_RECOMMENDS:
        return None
    points: list[str] = []
    for line in lines[1:]:
        point = _POINT.match(line)
        if point:
            points.append(point.group(1).strip())
        elif points:  # a point wrapped onto the next line
            points[-1] += "\n" + line.strip()
        else:
            return None
    return ix.Recommendation(by=by["by"].strip() if by else None, points=points)


def _attachments(paragraphs: list[Paragraph]) -> list[ix.Attachment]:
    out: list[ix.Attachment] = []
    for line in (line.strip() for p in paragraphs for line in p.lines):
        name = line[2:].strip() if line.startswith("- ") else line
        closed = name.endswith(lo.CLOSED_ATTACHMENT)
        if closed:
            name = name[: -len(lo.CLOSED_ATTACHMENT)].strip()
        out.append(ix.Attachment(name=name, closed=closed))
    return out


def _numbering(printed: list[str]) -> tuple[int, list[str | None]]:
    """first_number and the numbers to keep: only those not counted from first_number."""
    first = next((int(n) - i for i, n in enumerate(printed) if n.isdigit() and int(n) - i >= 1), 1)
    return first, [None if n == str(first + i) else n for i, n in enumerate(printed)]


def _text(data: bytes | str) -> str:
    if isinstance(data, str):
        text = data
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            raise _fail(line, "filen er ikke UTF-8") from None
    return lo.nfc(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))


def parse(data: bytes | str) -> Parsed:
    """Read Markdown into a Document, or raise DocumentError naming the line."""
    parser = _Parser(_text(data))
    document = parser.parse()
    return Parsed(document, parser.where)


def decode(data: bytes | str) -> ix.Document:
    return parse(data).document


def locate(error: DocumentError, where: dict[str, int]) -> DocumentError:
    """Turn the JSON path of a refusal into the line of the Markdown it was read from."""
    path, _, message = str(error).partition(": ")
    known = [k for k in where if path == k or path.startswith((f"{k}.", f"{k}["))]
    if not known:
        return error
    return DocumentError(f"linje {where[max(known, key=len)]}: {message}")


def import_markdown(app: Minutes, data: bytes | str, actor: str) -> tuple[UUID, int, ix.Document]:
    """Import a Markdown referat like a JSON one: one save, only differences recorded."""
    parsed = parse(data)
    try:
        meeting_id, recorded = import_document(app, parsed.document, actor)
    except DocumentError as e:
        raise locate(e, parsed.lines) from None
    return meeting_id, recorded, parsed.document
