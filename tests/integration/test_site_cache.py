"""The public site answers a reader who has a page already with 304 (ETag, Last-Modified),
makes a meeting's page once per version for every server process (projections/site/
rendered.py), and serves from several worker processes: a real `chefforum serve` on
127.0.0.1 while this test writes to the same store, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date, time
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import pytest

from domain.application import Minutes
from projections.store.connect import open_minutes
from tests.site_server import serving

ACTOR = "Karen Dahl"


@pytest.fixture
def app(store: str) -> Iterator[Minutes]:
    minutes = open_minutes(store)
    yield minutes
    minutes.close()


def _published(app: Minutes, title: str, day: int = 4) -> uuid.UUID:
    mid = app.schedule(ACTOR, "Teknik- og Miljøudvalget", date(2031, 3, day), start=time(17))
    item = app.add_item(mid, ACTOR, title)
    app.write_section(mid, ACTOR, item, "Sagsfremstilling", "Stien anlægges i etaper.")
    app.publish_agenda(mid, ACTOR)
    return mid


def test_a_page_the_reader_has_is_304_until_the_meeting_changes(app: Minutes, store: str) -> None:
    mid = _published(app, "Ny cykelsti langs åen")
    page = f"/moede/{mid.hex}/"
    with serving(store) as base, httpx.Client(base_url=base, timeout=30) as site:
        first = site.get(page)
        assert first.status_code == 200 and "Ny cykelsti langs åen" in first.text
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert first.headers["cache-control"] == "no-cache"  # asked again every time
        assert (
            abs(parsedate_to_datetime(modified).timestamp() - app.get(mid).modified_on.timestamp())
            < 1
        )  # Last-Modified is the meeting's last change

        again = site.get(page, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert site.get(page, headers={"If-Modified-Since": modified}).status_code == 304

        item = app.get(mid).state.active_items()[0].id
        app.write_section(mid, ACTOR, item, "Økonomi", "Prisen er 4 mio. kr.")
        changed = site.get(page, headers={"If-None-Match": etag})
        assert changed.status_code == 200 and "Prisen er 4 mio. kr." in changed.text
        assert changed.headers["etag"] != etag

        search = site.get("/soeg/?q=cykelsti")
        assert search.status_code == 200
        tag = search.headers["etag"]
        assert site.get("/soeg/?q=cykelsti", headers={"If-None-Match": tag}).status_code == 304
        _published(app, "Cykelsti ved skolen", day=11)  # any change moves the search's tag
        fresh = site.get("/soeg/?q=cykelsti", headers={"If-None-Match": tag})
        assert fresh.status_code == 200 and "Cykelsti ved skolen" in fresh.text

        css = site.get("/site.css")
        assert (
            site.get("/site.css", headers={"If-None-Match": css.headers["etag"]}).status_code == 304
        )


def test_a_page_is_made_once_per_version_for_every_server(app: Minutes, store: str) -> None:
    """A second server (a restart, or another worker) reads the page the first made: the
    made file is not written again, and both answer the same ETag."""
    mid = _published(app, "Ny cykelsti langs åen")
    page = f"/moede/{mid.hex}/"
    with serving(store) as base:
        first = httpx.get(base + page)
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "chefforum" / "site"
    (made,) = [p for p in cache.rglob(f"{mid.hex}/*.side.html")]
    written = made.stat().st_mtime_ns, made.stat().st_ino
    with serving(store) as base:
        second = httpx.get(base + page)
    assert second.text == first.text and second.headers["etag"] == first.headers["etag"]
    assert (made.stat().st_mtime_ns, made.stat().st_ino) == written


def test_several_workers_serve_and_see_a_publication_without_a_restart(
    app: Minutes, store: str
) -> None:
    with serving(store, "--workers", "2") as base, httpx.Client(base_url=base) as site:
        assert site.get("/").status_code == 200
        mid = _published(app, "Ny cykelsti langs åen")
        # Each new connection may land on either worker: every one sees the meeting.
        for _ in range(8):
            with httpx.Client(base_url=base, timeout=30) as reader:
                response = reader.get(f"/moede/{mid.hex}/")
                assert response.status_code == 200 and "Ny cykelsti" in response.text
