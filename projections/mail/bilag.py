"""The Bilag that go with a member's mail: every kept file of an item the member may read,
carried in the mail while the files together stay under a limit
(CHEFFORUM_MAIL_BILAG_MB, default 10 MB: what mail servers commonly take, with room for
the PDF), the rest named in the text with their address on the public site where they
are public. A closed Bilag, or one of a closed item, goes only to a member entitled to
the item's content (mail/compose.py), never by a public link."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from domain.application import Minutes
from domain.errors import InvalidInput
from projections.documents import interchange as ix
from projections.documents.render.bilag import file_facts
from projections.files.addresses import file_url
from projections.files.stored import read_file

LIMIT_VAR = "CHEFFORUM_MAIL_BILAG_MB"
DEFAULT_LIMIT_MB = 10


@dataclass(frozen=True)
class MailFile:
    item: str  # "Punkt 3" or the item's title where it has no number
    name: str
    facts: str  # "PDF, 3 sider, 2 kB"
    media_type: str
    data: bytes | None  # None: left out of the mail (over the limit)
    url: str | None  # the public address of a file left out, where it is public

    @property
    def file_name(self) -> str:
        extension = mimetypes.guess_extension(self.media_type) or ""
        return self.name if self.name.lower().endswith(extension) else self.name + extension


def limit_bytes(env: Mapping[str, str]) -> int:
    raw = env.get(LIMIT_VAR, "").strip()
    if not raw:
        return DEFAULT_LIMIT_MB * 1_000_000
    try:
        mb = float(raw.replace(",", "."))
    except ValueError:
        mb = -1.0
    if not 0 <= mb <= 1_000:
        raise InvalidInput(f"{LIMIT_VAR} skal være et antal MB mellem 0 og 1000, ikke '{raw}'.")
    return int(mb * 1_000_000)


def mail_files(
    minutes: Minutes,
    meeting_id: UUID,
    doc: ix.Document,
    entitled: bool,
    site: str | None,
    limit: int,
) -> list[MailFile]:
    """The member's Bilag in `doc` (their own view: items hidden from them have none;
    closed Bilag only for a member `entitled` to closed content), in printed order; files
    carried until `limit` bytes together."""
    found: list[MailFile] = []
    left = limit
    for item in doc.meeting.items:
        where = f"Punkt {item.number}" if item.number else item.title
        for a in item.attachments:
            sha = ix.given(a.sha256, None)
            if sha is None:
                continue  # a Bilag known by name only
            if a.closed and not entitled:
                continue
            stored = read_file(minutes, sha)
            if stored is None:
                continue  # verify names a missing file; the mail goes without it
            public = not item.closed and not a.closed
            carried = stored.size <= left
            left -= stored.size if carried else 0
            url = None
            if not carried and public and site:
                url = site.rstrip("/") + file_url(meeting_id, sha)
            found.append(
                MailFile(
                    where,
                    a.name,
                    file_facts(a),
                    stored.media_type,
                    stored.data if carried else None,
                    url,
                )
            )
    return found


def bilag_lines(files: list[MailFile]) -> list[str]:
    """The mail text's list of the Bilag: which are attached, where the rest are."""
    if not files:
        return []
    lines = ["", "Bilag:"]
    for f in files:
        facts = f" ({f.facts})" if f.facts else ""
        if f.data is not None:
            how = "vedhæftet"
        elif f.url is not None:
            how = f"for stor til mailen, hentes på {f.url}"
        else:
            how = "for stor til mailen, fås hos sekretariatet"
        lines.append(f"- {f.item}: {f.name}{facts}, {how}")
    return lines
