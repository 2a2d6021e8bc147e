"""The public site's HTML pages, made with Jinja2 templates (templates/) that escape every
value; the referat itself is laid out by the HTML renderer (render/html.body), which
escapes its texts too. Used by the server (app.py) and the static writer (static.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from importlib.resources import files
from itertools import groupby
from urllib.parse import quote
from uuid import UUID

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from domain.meeting.summary import MeetingSummary
from projections.documents.render import html
from projections.documents.render.bilag import file_facts
from projections.documents.render.layout import title_line
from projections.documents.render.printed_dates import long_date
from projections.files.addresses import file_url
from projections.readmodels.search import Hit
from projections.site.files import public_files
from projections.site.public import Forum, PublicMeeting

ENV = Environment(
    loader=PackageLoader("projections.site", "templates"),
    autoescape=select_autoescape(["html", "atom"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def compile_templates() -> None:
    """Every template compiled now (Jinja2 keeps them), not by its first reader."""
    for name in ENV.list_templates():
        ENV.get_template(name)


@dataclass(frozen=True)
class Site:
    name: str = "Dagsordener og referater"
    served: bool = True  # a server answers: search and OParl (a static copy has neither)


def forum_url(name: str) -> str:
    return f"/forum/{quote(name, safe='')}/"


def meeting_url(meeting_id: UUID) -> str:
    return f"/moede/{meeting_id.hex}/"


def snippet(text: str) -> Markup:
    """The search index marks the matches between » and «: shown as <mark>."""
    escaped = escape(" ".join(text.split()))
    return Markup(escaped.replace("»", "<mark>").replace("«", "</mark>"))


ENV.globals.update(forum_url=forum_url, meeting_url=meeting_url, long_date=long_date)
ENV.globals.update(file_facts=file_facts)
ENV.filters["snippet"] = snippet


def _page(template: str, site: Site, **values: object) -> str:
    return ENV.get_template(template).render(site=site, snippet=snippet, **values)


def index_page(site: Site, forums: list[Forum]) -> str:
    return _page("index.html", site, title="Udvalg og fora", forums=forums)


def forum_page(site: Site, forum: Forum) -> str:
    newest = sorted(forum.meetings, key=lambda m: m.date, reverse=True)
    years: list[tuple[int, list[MeetingSummary]]] = [
        (year, list(found)) for year, found in groupby(newest, key=lambda m: m.date.year)
    ]
    return _page("forum.html", site, title=forum.name, forum=forum, years=years)


def meeting_page(site: Site, meeting: PublicMeeting, *, agenda: bool) -> str:
    """The meeting's agenda, or its referat (given agenda=False, once approved)."""
    doc = meeting.agenda if agenda or meeting.referat is None else meeting.referat
    showing_agenda = doc is meeting.agenda
    body = Markup("\n".join(html.body(doc, agenda=showing_agenda)))
    return _page(
        "meeting.html",
        site,
        title=title_line(doc.meeting, showing_agenda),
        meeting=meeting,
        body=body,
        showing_agenda=showing_agenda,
        bilag=[(file_url(meeting.id, f.sha256), f) for f in public_files(meeting)],
    )


def search_page(site: Site, query: str, hits: list[tuple[Hit, int]]) -> str:
    """Hits with the index of their item in the meeting's page (for its anchor)."""
    found = [(hit, f"{meeting_url(hit.meeting_id)}#punkt-{index + 1}") for hit, index in hits]
    return _page("search.html", site, title="Søg", query=query, hits=found)


def error_page(site: Site, title: str, message: str) -> str:
    return _page("error.html", site, title=title, message=message)


def stylesheet() -> bytes:
    return files("projections.site").joinpath("assets/site.css").read_bytes()
