"""The Forum's events: each applies itself to the forum's state (domain.forum.state)."""

from __future__ import annotations

from typing import Any, Literal

from eventsourcing.domain import Aggregate

from domain.forum.standing import StandingItem
from domain.forum.state import ForumRole, ForumSettings, ForumState, Member


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


class MemberSet(ForumEvent):
    """A member added, or changed when one of that name is already there."""

    TOPIC = "chefforum:MemberSet"
    member: Member

    def apply_to(self, state: ForumState) -> None:
        for index, existing in enumerate(state.members):
            if existing.name == self.member.name:
                state.members[index] = self.member
                return
        state.members.append(self.member)


class MemberRemoved(ForumEvent):
    TOPIC = "chefforum:MemberRemoved"
    name: str

    def apply_to(self, state: ForumState) -> None:
        state.members = [m for m in state.members if m.name != self.name]


class TemplateSectionsSet(ForumEvent):
    """The section headings of the forum's items, in order (for meetings made after)."""

    TOPIC = "chefforum:TemplateSectionsSet"
    sections: tuple[str, ...]

    def apply_to(self, state: ForumState) -> None:
        state.sections = list(self.sections)


class StandingItemSet(ForumEvent):
    """The standing first or last item of every meeting (None: no such item)."""

    TOPIC = "chefforum:StandingItemSet"
    place: Literal["first", "last"]
    item: StandingItem | None

    def apply_to(self, state: ForumState) -> None:
        if self.place == "first":
            state.standing_first = self.item
        else:
            state.standing_last = self.item
        if self.place not in state.standing_set:
            state.standing_set.append(self.place)


class SettingsChanged(ForumEvent):
    TOPIC = "chefforum:SettingsChanged"
    settings: ForumSettings

    def apply_to(self, state: ForumState) -> None:
        state.settings = self.settings


FORUM_EVENTS: tuple[type[ForumFounded] | type[ForumEvent], ...] = (
    ForumFounded,
    RoleGranted,
    RoleRevoked,
    MemberSet,
    MemberRemoved,
    TemplateSectionsSet,
    StandingItemSet,
    SettingsChanged,
)
