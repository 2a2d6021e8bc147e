"""The token of the member's link a save acts on, set by the site around a member's
action (projections/site/member.py) and handed to PostgreSQL with the save, whose server
checks it for the site's own role (projections/store/postgres/site_role.py)."""

from __future__ import annotations

from contextvars import ContextVar

LINK_TOKEN: ContextVar[str | None] = ContextVar("chefforum_link_token", default=None)
