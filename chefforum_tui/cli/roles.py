"""Commands on a forum's roles: grant, revoke, and list who has which."""

from __future__ import annotations

import argparse

from chefforum_tui.cli.output import say
from domain.application import Minutes
from domain.errors import NotFound
from domain.forum.state import FORUM_ROLES


def cmd_grant(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    """grant and revoke: change the role, then show the forum's roles as they now are."""
    app.change_roles(actor, args.forum, args.person, args.role, grant=args.command == "grant")
    cmd_roles(app, args, actor)


def cmd_roles(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    forum = app.forum(args.forum)
    if forum is None:
        raise NotFound(f"Forummet '{args.forum}' findes ikke.")
    for person, roles in sorted(forum.state.roles.items()):
        say(f"{person}: {', '.join(FORUM_ROLES[r] for r in roles)}")
