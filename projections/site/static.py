"""`chefforum site OUTDIR`: the public site as files, for a municipality that publishes
through its own web server. The same pages as the server's (pages.py, feeds.py), laid out
so that each URL is a file or a folder's index.html; without search (no server to ask)
and without the OParl interface (its lists take parameters a folder of files cannot).
"""

from __future__ import annotations

from pathlib import Path

from projections.documents.render import pdf
from projections.files.stored import read_file
from projections.site import feeds, files, pages
from projections.site.pages import Site
from projections.site.public import PublicSite

UNSAFE = ("/", "\\", "\x00")


def write_site(public: PublicSite, site: Site, out: Path, base: str) -> tuple[int, list[str]]:
    """Write every page; returns (files written, forums left out: names that cannot be a
    folder's name)."""
    written = 0
    skipped: list[str] = []

    def put(path: str, data: str | bytes) -> None:
        nonlocal written
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        written += 1

    forums = []
    for forum in public.forums():
        if forum.name in (".", "..") or any(c in forum.name for c in UNSAFE):
            skipped.append(forum.name)
        else:
            forums.append(forum)
    shown = {summary.id for forum in forums for summary in forum.meetings}
    put("index.html", pages.index_page(site, forums))
    put("site.css", pages.stylesheet())
    put("feed.atom", feeds.atom(public, site, base, only=shown))
    for forum in forums:
        folder = f"forum/{forum.name}"
        put(f"{folder}/index.html", pages.forum_page(site, forum))
        put(f"{folder}/kalender.ics", feeds.calendar(public, site, forum, base))
        for summary in forum.meetings:
            meeting = public.public(summary)
            folder = f"moede/{meeting.id.hex}"
            put(f"{folder}/index.html", pages.meeting_page(site, meeting, agenda=False))
            put(f"{folder}/dagsorden/index.html", pages.meeting_page(site, meeting, agenda=True))
            put(f"{folder}/dagsorden.pdf", pdf.render(meeting.agenda, agenda=True))
            if meeting.referat is not None:
                put(f"{folder}/referat/index.html", pages.meeting_page(site, meeting, agenda=False))
                put(f"{folder}/referat.pdf", pdf.render(meeting.referat, agenda=False))
            for kept in files.public_files(meeting):  # the public Bilag, at their addresses
                found = read_file(public.minutes, kept.sha256)
                if found is not None:
                    put(f"{folder}/bilag/{kept.sha256}", found.data)
    return written, skipped
