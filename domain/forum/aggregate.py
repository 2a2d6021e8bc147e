"""The Forum aggregate: a body that meets all year, and who holds which role in it.

Secretaries write the agenda and the minutes; the chair ends the meeting and may record
signatures; members sign for themselves. The first person to schedule a meeting of a
forum founds it as its secretary, and secretaries grant and revoke roles. The forum also
keeps what each new meeting starts from (domain.forum.state, domain.forum.standing): its
members, its section template, its standing items and its settings; only its secretaries
change them.
"""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import RuleViolation
from domain.forum import events
from domain.forum.standing import StandingItem
from domain.forum.state import FORUM_ROLES, ForumSettings, ForumState, Member
from domain.meeting.rules import not_secretary
from domain.text import line, nfc, required

FORUM_NAMESPACE = UUID("3f0d2c61-7a55-4d0e-9f1b-2c1b6f0e8a47")


def forum_id(name: str) -> UUID:
    """A forum is named by its name; the id follows from it, in any letter case."""
    return uuid5(FORUM_NAMESPACE, nfc(name).strip().casefold())


class Forum(Aggregate):
    TOPIC = "chefforum:Forum"
    state: ForumState
    # The event classes, attached so eventsourcing registers their explicit topics.
    Event = events.ForumEvent
    Founded = events.ForumFounded
    RoleGranted = events.RoleGranted
    RoleRevoked = events.RoleRevoked
    MemberSet = events.MemberSet
    MemberRemoved = events.MemberRemoved
    TemplateSectionsSet = events.TemplateSectionsSet
    StandingItemSet = events.StandingItemSet
    SettingsChanged = events.SettingsChanged

    def __init__(self) -> None:
        """State is set by ForumFounded.apply."""

    @classmethod
    def found(cls, name: str, actor: str) -> Forum:
        name = required(name, "Forum")
        return cls._create(
            cls.Founded, id=forum_id(name), actor=required(actor, "Aktør"), name=name
        )

    def roles_of(self, person: str) -> tuple[str, ...]:
        """The person's roles in the forum, and "member" when they are one of its members
        (the rules of domain.meeting.rules take these)."""
        person = nfc(person).strip()
        held = tuple(self.state.roles.get(person, ()))
        return (*held, "member") if self.member(person) is not None else held

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

    # -- what each new meeting starts from ---------------------------------------------

    def set_member(self, actor: str, member: Member) -> None:
        self._require_secretary(actor, "ændre forummets medlemmer")
        member = member.cleaned()
        current = next((m for m in self.state.members if m.name == member.name), None)
        if current != member:
            self.trigger_event(self.MemberSet, actor=actor, member=member)

    def remove_member(self, actor: str, name: str) -> None:
        self._require_secretary(actor, "ændre forummets medlemmer")
        name = nfc(name).strip()
        if all(m.name != name for m in self.state.members):
            raise RuleViolation(f"{name} er ikke medlem af {self.state.name}.")
        self.trigger_event(self.MemberRemoved, actor=actor, name=name)

    def set_sections(self, actor: str, sections: list[str] | tuple[str, ...]) -> None:
        self._require_secretary(actor, "ændre forummets skabelon")
        cleaned = tuple(required(h, "En overskrift") for h in sections)
        if len(set(cleaned)) != len(cleaned):
            raise RuleViolation("En overskrift står to gange i skabelonen.")
        if list(cleaned) != self.state.sections:
            self.trigger_event(self.TemplateSectionsSet, actor=actor, sections=cleaned)

    def set_standing(self, actor: str, place: str, item: StandingItem | None) -> None:
        self._require_secretary(actor, "ændre forummets faste punkter")
        if place not in ("first", "last"):
            raise RuleViolation("Et fast punkt står først (first) eller sidst (last).")
        item = item.cleaned() if item is not None else None
        current = self.state.standing_first if place == "first" else self.state.standing_last
        if item != current or place not in self.state.standing_set:
            self.trigger_event(self.StandingItemSet, actor=actor, place=place, item=item)

    def change_settings(self, actor: str, settings: ForumSettings) -> None:
        self._require_secretary(actor, "ændre forummets indstillinger")
        settings = settings.cleaned()
        if settings != self.state.settings:
            self.trigger_event(self.SettingsChanged, actor=actor, settings=settings)

    def member(self, name: str) -> Member | None:
        name = nfc(name).strip()
        return next((m for m in self.state.members if m.name == name), None)

    def member_names(self) -> tuple[str, ...]:
        """The names of the forum's members and their standing substitutes."""
        return tuple(name for m in self.state.members for name in (m.name, *m.substitutes))

    def _require_secretary(self, actor: str, what: str = "tildele roller") -> None:
        if not self.has(actor, "secretary"):
            raise RuleViolation(not_secretary(self.state.name, actor, what))
