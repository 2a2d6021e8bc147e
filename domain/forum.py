"""The Forum aggregate: who holds which role in a body that meets.

Secretaries write the agenda and the minutes; the chair ends the meeting and may record
signatures; members sign for themselves. The first person to schedule a meeting of a
forum founds it as its secretary, and secretaries grant and revoke roles.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID, uuid5

import msgspec
from eventsourcing.domain import Aggregate

from domain.errors import RuleViolation
from domain.text import line, nfc, required

ForumRole = Literal["secretary", "chair"]
FORUM_ROLES: dict[str, str] = {"secretary": "sekretær", "chair": "formand"}
FORUM_NAMESPACE = UUID("3f0d2c61-7a55-4d0e-9f1b-2c1b6f0e8a47")


def forum_id(name: str) -> UUID:
    """A forum is named by its name; the id follows from it, in any letter case."""
    return uuid5(FORUM_NAMESPACE, nfc(name).strip().casefold())


class ForumState(msgspec.Struct, kw_only=True):
    name: str
    roles: dict[str, list[str]] = msgspec.field(default_factory=dict)  # person -> roles

    def holders(self, role: str) -> list[str]:
        return [person for person, roles in self.roles.items() if role in roles]


class ForumEvent(Aggregate.Event):
    TOPIC = "chefforum:ForumEvent"
    actor: str

    def apply(self, aggregate: Any) -> None:
        self.apply_to(aggregate.state)

    def apply_to(self, state: ForumState) -> None:
        raise NotImplementedError


class ForumFounded(Aggregate.Created):
    TOPIC = "chefforum:ForumFounded"
    actor: str
    name: str

    def apply(self, aggregate: Any) -> None:
        aggregate.state = ForumState(name=self.name, roles={self.actor: ["secretary"]})


class RoleGranted(ForumEvent):
    TOPIC = "chefforum:RoleGranted"
    person: str
    role: ForumRole

    def apply_to(self, state: ForumState) -> None:
        state.roles.setdefault(self.person, []).append(self.role)


class RoleRevoked(ForumEvent):
    TOPIC = "chefforum:RoleRevoked"
    person: str
    role: ForumRole

    def apply_to(self, state: ForumState) -> None:
        held = [r for r in state.roles.get(self.person, []) if r != self.role]
        if held:
            state.roles[self.person] = held
        else:
            state.roles.pop(self.person, None)


FORUM_EVENTS = (ForumFounded, RoleGranted, RoleRevoked)


class Forum(Aggregate):
    TOPIC = "chefforum:Forum"
    state: ForumState
    Event = ForumEvent
    Founded = ForumFounded
    RoleGranted = RoleGranted
    RoleRevoked = RoleRevoked

    def __init__(self) -> None:
        """State is set by ForumFounded.apply."""

    @classmethod
    def found(cls, name: str, actor: str) -> Forum:
        name = required(name, "Forum")
        return cls._create(
            cls.Founded, id=forum_id(name), actor=required(actor, "Aktør"), name=name
        )

    def has(self, person: str, role: str) -> bool:
        return role in self.state.roles.get(nfc(person).strip(), [])

    def grant(self, actor: str, person: str, role: str) -> None:
        self._require_secretary(actor)
        person = required(person, "Navnet")
        if role not in FORUM_ROLES:
            raise RuleViolation(f"Ukendt rolle '{role}'; brug en af: {', '.join(FORUM_ROLES)}.")
        if not self.has(person, role):
            self.trigger_event(self.RoleGranted, actor=actor, person=person, role=role)

    def revoke(self, actor: str, person: str, role: str) -> None:
        self._require_secretary(actor)
        person = line(person, "Navnet")
        if not self.has(person, role):
            raise RuleViolation(
                f"{person} er ikke {FORUM_ROLES.get(role, role)} i {self.state.name}."
            )
        if role == "secretary" and self.state.holders("secretary") == [person]:
            raise RuleViolation(f"{self.state.name} skal have mindst én sekretær.")
        self.trigger_event(self.RoleRevoked, actor=actor, person=person, role=role)

    def _require_secretary(self, actor: str) -> None:
        if not self.has(actor, "secretary"):
            raise RuleViolation(
                f"Kun sekretærer i {self.state.name} kan tildele roller; {actor} er ikke sekretær."
            )
