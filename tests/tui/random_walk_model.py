"""What the random walk did, so that every stored event can be traced to it: the texts it
typed (as the store keeps them) and the choices it made; and the fields it types in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from domain.text import nfc

# The editor's text fields the walk types in, and the key that goes to each.
GOTO = {
    "title": "alt+t",
    "case_number": "alt+j",
    "duration_minutes": "alt+m",
    "rec_by": "alt+i",
    "rec_points": "alt+a",
    "section-0": "alt+1",
    "section-1": "alt+2",
    "decision": "f2",
}
WORDS = ("at", "sagen", "godkendes", "økonomi", "Ærø", "budget", "forslag", "Å", "drøftes", "nej")


def canon(field_name: str, raw: str) -> str:
    """A text as the store keeps it (domain.meeting.texts.field_texts of the stored item)."""
    text = nfc(raw)
    if field_name == "duration_minutes":
        return str(int(text)) if text.strip() else ""
    if field_name == "rec_points":
        return "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text.strip()


class WalkFailure(AssertionError):
    pass


@dataclass
class Model:
    """What the walk did, so that every stored event can be traced to it."""

    produced: dict[tuple[UUID, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    intended: dict[tuple[UUID, str], str] = field(default_factory=dict)
    choices: dict[tuple[UUID, str], set[object]] = field(default_factory=lambda: defaultdict(set))
    chosen: dict[tuple[UUID, str], object] = field(default_factory=dict)
    votes: set[tuple[UUID, int]] = field(default_factory=set)
    remarks: set[tuple[UUID, str, str]] = field(default_factory=set)

    def typed(self, item_id: UUID, field_name: str, raw: str) -> None:
        self.produced[(item_id, field_name)].add(canon(field_name, raw))
        self.intended[(item_id, field_name)] = raw

    def chose(self, item_id: UUID, name: str, value: object) -> None:
        self.choices[(item_id, name)].add(value)
        self.chosen[(item_id, name)] = value
