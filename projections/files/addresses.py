"""Where the public site serves a Bilag (projections/site/files.py): the one address that
the site's pages, OParl and the members' mails all link to."""

from __future__ import annotations

from uuid import UUID


def file_url(meeting_id: UUID, sha256: str) -> str:
    return f"/moede/{meeting_id.hex}/bilag/{sha256}"
