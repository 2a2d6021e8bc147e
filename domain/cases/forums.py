"""Use cases of a forum that runs all year: who holds its roles, and what its new meetings
start from (members, section template, standing items, settings)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from domain.cases.base import UseCases
from domain.errors import NotFound, RuleViolation
from domain.forum.aggregate import Forum
from domain.forum.standing import StandingItem
from domain.forum.state import ForumSettings, Member


class ForumCases(UseCases):
    def change_forum(self, actor: str, name: str, command: Callable[[Forum], None]) -> Forum:
        """Run a command on the forum and save it; a forum that has not met yet is founded
        by this change, with the actor as its secretary."""
        forum = self.forum(name)
        if forum is None:
            forum = Forum.found(name, actor)
        command(forum)
        self._save(forum)
        return forum

    def change_roles(self, actor: str, forum: str, person: str, role: str, grant: bool) -> None:
        """A secretary grants or revokes a forum role."""
        found = self.forum(forum)
        if found is None:
            raise NotFound(f"Forummet '{forum}' findes ikke; det oprettes med sit første møde.")
        if grant:
            found.grant(actor, person, role)
        else:
            found.revoke(actor, person, role)
        self._save(found)

    def set_forum_member(self, actor: str, forum: str, member: Member) -> None:
        self.change_forum(actor, forum, lambda f: f.set_member(actor, member))

    def remove_forum_member(self, actor: str, forum: str, name: str) -> None:
        self.change_forum(actor, forum, lambda f: f.remove_member(actor, name))

    def set_forum_sections(self, actor: str, forum: str, sections: Sequence[str]) -> None:
        self.change_forum(actor, forum, lambda f: f.set_sections(actor, tuple(sections)))

    def set_standing_item(
        self, actor: str, forum: str, place: str, item: StandingItem | None
    ) -> None:
        self.change_forum(actor, forum, lambda f: f.set_standing(actor, place, item))

    def change_forum_settings(self, actor: str, forum: str, **changes: Any) -> None:
        """Any of organisation, place, start, end, time_zone, document, numbering."""

        def command(f: Forum) -> None:
            unknown = set(changes) - set(ForumSettings.__struct_fields__)
            if unknown:
                raise RuleViolation(f"Ukendt indstilling: {', '.join(sorted(unknown))}.")
            current = {k: getattr(f.state.settings, k) for k in ForumSettings.__struct_fields__}
            f.change_settings(actor, ForumSettings(**{**current, **changes}))

        self.change_forum(actor, forum, command)

    def forum_members(self, forum: str) -> tuple[str, ...]:
        """The names of the forum's members and their standing substitutes."""
        found = self.forum(forum)
        return found.member_names() if found is not None else ()
