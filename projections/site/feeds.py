"""Feeds: an Atom feed of newly published agendas and approved minutes, and an iCalendar
feed (the icalendar package) of a forum's coming meetings."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from domain.clock import now_in
from projections.documents.render.printed_dates import long_date
from projections.site.pages import ENV, Site, meeting_url
from projections.site.public import Forum, PublicSite

ENTRIES = 50
# A meeting with a start but no end is put in calendars as this long.
ASSUMED_LENGTH = timedelta(hours=2)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def atom(public: PublicSite, site: Site, base: str, only: Collection[UUID] | None = None) -> str:
    """The newest publications; `only`: of these meetings (a static copy's)."""
    entries = []
    publications = [p for p in public.publications() if only is None or p[2].id in only]
    publications = publications[:ENTRIES]
    for at, kind, summary in publications:
        what = "Dagsorden" if kind == "dagsorden" else "Referat"
        url = base + meeting_url(summary.id) + (f"{kind}/")
        entries.append(
            {
                "title": f"{what}: {summary.forum} {long_date(summary.date)}",
                "id": f"{url}#{kind}",
                "url": url,
                "pdf": base + meeting_url(summary.id) + f"{kind}.pdf",
                "updated": _stamp(at),
                "summary": f"{what} for mødet i {summary.forum} {long_date(summary.date)}.",
            }
        )
    updated = _stamp(publications[0][0]) if publications else "1970-01-01T00:00:00Z"
    return ENV.get_template("feed.atom").render(
        site=site, base=base, entries=entries, updated=updated
    )


def calendar(public: PublicSite, site: Site, forum: Forum, base: str) -> bytes:
    """The forum's published meetings from today on (today in each meeting's zone)."""
    cal = Calendar()
    cal.add("prodid", "-//chefforum//offentlig kalender//DA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{forum.name}: møder")
    # A day's margin: each meeting's own zone decides below.
    for meeting in public.coming(forum, now_in().date() - timedelta(days=1)):
        state = meeting.state
        where = ZoneInfo(state.time_zone)
        if state.date < now_in(state.time_zone).date():
            continue
        event = Event()
        event.add("uid", f"{meeting.id}@chefforum")
        event.add("summary", f"{forum.name}: møde")
        if state.start is not None:
            start = datetime.combine(state.date, state.start, tzinfo=where)
            end = (
                datetime.combine(state.date, state.end, tzinfo=where)
                if state.end is not None and state.end > state.start
                else start + ASSUMED_LENGTH
            )
            event.add("dtstart", start)
            event.add("dtend", end)
        else:
            event.add("dtstart", state.date)
        if state.place:
            event.add("location", state.place)
        url = base + meeting_url(meeting.id)
        event.add("url", url)
        titles = [item.title for item in meeting.agenda.meeting.items]
        event.add("description", "Dagsorden:\n" + "\n".join(titles) + f"\n\n{url}")
        event.add("dtstamp", meeting.changed_at)
        cal.add_component(event)
    cal.add_missing_timezones()
    ical: bytes = cal.to_ical()  # icalendar declares no return type
    return ical
