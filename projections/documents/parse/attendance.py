"""Who attended, as a referat's header says it: a participant from an attendance or role
field (with party letters, role words and the reason for an absence), and the sentences
that say who substituted for whom or who was absent."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.meeting.state import ROLE_LABELS, Attendance, Role
from projections.documents import interchange as ix
from projections.documents.parse import header_labels
from projections.documents.parse.conventions import Recognisers
from projections.documents.parse.people import (
    NOBODY,
    REASON_AFTER,
    REASONS,
    looks_like_name,
    name_and_parens,
)
from projections.documents.parse.report import ImportReport, fail
from projections.documents.parse.tokens import Reader
from projections.documents.render import phrases

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
_NAMES = re.compile(r"\s*(?:,|\bog\b|&)\s*")


class Participants:
    """The participants a header names, in the order they are named."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.report: ImportReport = reader.report
        self.people: list[ix.Participant] = []
        self.listed: set[str] = set()  # named in an attendance field

    def find(self, name: str) -> ix.Participant | None:
        return next((p for p in self.people if p.name == name), None)

    def add(self, key: str, entry: str, number: int) -> None:
        """A participant as an attendance or role field (key) names them."""
        role: Role | None = header_labels.ROLE_LABELS.get(key)
        attendance: Attendance = header_labels.ATTENDANCE_LABELS.get(key, "present")
        entry = entry.strip().rstrip(".")
        if entry.casefold() in NOBODY:
            self.report.note(number, number, "felt", f"{key}: {entry}")
            return
        title_word: str | None = None
        prefix = header_labels.ROLE_FORMS.read(entry)
        if (prefix and len(prefix["name"].split()) >= 2) or (prefix and "(" in prefix["name"]):
            assert prefix is not None
            word = " ".join(prefix["word"].casefold().split())
            prefix_role, title_word = header_labels.ROLE_PREFIXES.get(word, ("member", None))
            if role is None or role == "guest":
                role = prefix_role if prefix_role != "member" else role
            entry = prefix["name"].strip()
        reason: str | None = None
        if attendance != "present" and (said := REASON_AFTER.match(entry)):
            entry, reason = said["who"], said["reason"].strip()  # "Ib Holm (O) - sygdom"
        name, parens = name_and_parens(entry)
        if not looks_like_name(name):  # "Indholdsfortegnelse Side", "Afbud fra ..."
            raise fail(number, f"'{name}' ligner ikke et navn; beholdt som bemærkning")
        party = next((p for p in parens if header_labels.PARTY.match(p)), None)
        others = [p for p in parens if p != party]
        if attendance != "present" and reason is None:  # "Ib Holm (ferie)"
            reason = next((p for p in others if p.casefold() in REASONS), None)
            others = [p for p in others if p != reason]
        for group in list(others):  # "Lone Krag (A) (formand)"
            group_role, group_title = header_labels.ROLE_PREFIXES.get(
                group.casefold(), (None, None)
            )
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
        person = self.find(name)
        if person is None:
            person = ix.Participant(name=name, attendance=attendance)
            self.people.append(person)
            self.reader.where[f"meeting.participants[{len(self.people) - 1}]"] = number
        elif (
            key in header_labels.ATTENDANCE_LABELS
            and name in self.listed
            and person.attendance == "present"
            and attendance != "present"
        ):
            # "Deltagere:" lists every member, "Fraværende:"/"Afbud:" then says who was not.
            person.attendance = attendance
        elif key in header_labels.ATTENDANCE_LABELS and name in self.listed:
            raise fail(number, f"{name} står to gange blandt deltagerne")
        elif key in header_labels.ATTENDANCE_LABELS:  # named in a role's field first ("Mødeleder")
            person.attendance = attendance
        if key in header_labels.ATTENDANCE_LABELS:
            self.listed.add(name)
        if role is not None and role != "member":
            if person.role != "member" and person.role != role:
                raise fail(number, f"{name} har to roller")
            person.role = role
            person.substitute_for = substitute_for
        person.party = party or person.party
        if title and (key in header_labels.ATTENDANCE_LABELS or title_word):
            person.title = title
        if reason is not None:
            person.absence_reason = reason
        what = [f"{phrases.ATTENDANCE_FIELDS[person.attendance]}"]
        if person.role != "member":
            what.append(f"rolle {ROLE_LABELS[person.role]}")
        if party:
            what.append(f"parti {party}")
        self.report.note(number, number, "deltager", f"{name} ({', '.join(what)})")

    def named(self, text: str, number: int) -> list[tuple[str, str | None]]:
        """The people a sentence names: (name, party)."""
        out = []
        for entry in _NAMES.split(text.strip().rstrip(".")):
            if entry.strip():
                name, parens = name_and_parens(entry.strip())
                party = next((p for p in parens if header_labels.PARTY.match(p)), None)
                out.append((name, party))
        return out

    def said(self, text: str, number: int) -> bool:
        """A sentence that says who substituted for whom or who was absent, read."""
        said = SENTENCES.read(text)
        if said is None:
            return False
        if isinstance(said, Substitution):
            (who, party), (absent, absent_party) = (
                self.named(said.who, number)[0],
                self.named(said.absent, number)[0],
            )
            person = self.find(who) or ix.Participant(name=who)
            if person not in self.people:
                self.people.append(person)
            person.role, person.substitute_for = "substitute", absent
            person.party = party or person.party
            replaced = self.find(absent)
            if replaced is None:
                self.people.append(
                    ix.Participant(name=absent, party=absent_party, attendance="excused")
                )
            self.report.note(number, number, "deltager", f"{who} stedfortræder for {absent}")
            return True
        for name, party in self.named(said.names, number):
            known = self.find(name)
            if known is None:
                self.people.append(
                    ix.Participant(name=name, party=party, attendance=said.attendance)
                )
            else:
                known.attendance = said.attendance
            self.report.note(number, number, "deltager", f"{name} ({said.attendance})")
        return True


# -- the sentences of a header that say who attended, tried in order (conventions.Recognisers)


@dataclass(frozen=True)
class Substitution:
    who: str  # the substitute, as the sentence names them
    absent: str  # the one they stood in for


@dataclass(frozen=True)
class Gone:
    attendance: Attendance
    names: str  # one or more, as the sentence lists them


def substitute_sentence(text: str) -> Substitution | None:
    """ "Ib Holm (V) var indkaldt som stedfortræder for Eva Lund (V)."."""
    found = _SUBSTITUTE.match(text)
    return Substitution(found["who"], found["for"]) if found else None


def substitute_for_sentence(text: str) -> Substitution | None:
    """ "Stedfortræder for Eva Lund: Ib Holm."."""
    found = _SUBSTITUTE_FOR.match(text)
    return Substitution(found["who"], found["for"]) if found else None


def absent_sentence(text: str) -> Gone | None:
    """ "Ib Holm og Eva Lund deltog ikke i mødet."."""
    found = _ABSENT.match(text)
    return Gone("absent", found["who"]) if found else None


def excused_sentence(text: str) -> Gone | None:
    """ "Afbud fra Ib Holm.", "Eva Lund havde meldt afbud."."""
    found = _EXCUSED.match(text)
    return Gone("excused", found["a"] or found["b"]) if found else None


SENTENCES: Recognisers[str, Substitution | Gone] = Recognisers(
    (substitute_sentence, substitute_for_sentence, absent_sentence, excused_sentence)
)
