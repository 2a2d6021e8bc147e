"""The public site as a reader gets it: a real `chefforum serve` on 127.0.0.1, asked over
HTTP (httpx) while another process (this test) writes to the same store, on SQLite and on
PostgreSQL."""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, time

import httpx
import pytest
from pypdf import PdfReader

from domain.application import Minutes
from projections.documents.referat import digest
from projections.readmodels.runner import ReadModels
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting
from tests.site_server import Elements, serving

ACTOR = "Karen Dahl"
SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def app(store: str) -> Iterator[Minutes]:
    minutes = open_minutes(store)
    yield minutes
    minutes.close()


@pytest.fixture
def site(store: str, app: Minutes) -> Iterator[httpx.Client]:
    with serving(store) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def _page(client: httpx.Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.text


def _hits(client: httpx.Client, query: str) -> str:
    """The list of hits on the search page (the query itself stands in the form)."""
    page = _page(client, f"/soeg/?q={query}")
    return page.split('<ol class="hits">')[1].split("</ol>")[0] if "hits" in page else ""


def _draft(app: Minutes) -> uuid.UUID:
    mid = app.schedule(ACTOR, "Teknik- og Miljøudvalget", date(2031, 3, 4), start=time(17))
    item = app.add_item(mid, ACTOR, "Ny cykelsti langs åen")
    app.write_section(mid, ACTOR, item, "Sagsfremstilling", "Stien anlægges i etaper.")
    return mid


def test_a_draft_is_invisible_and_publishing_shows_it_without_a_restart(
    app: Minutes, site: httpx.Client
) -> None:
    mid = _draft(app)
    page = f"/moede/{mid.hex}/"
    assert "Teknik- og Miljøudvalget" not in _page(site, "/")
    assert site.get(page).status_code == 404
    assert site.get(f"/moede/{mid.hex}/dagsorden.pdf").status_code == 404
    assert "cykelsti" not in _hits(site, "cykelsti")
    assert "Ingen fund" in _page(site, "/soeg/?q=cykelsti")
    assert site.get("/oparl/v1/body/1/meeting").json()["data"] == []
    assert site.get(f"/oparl/v1/meeting/{mid.hex}").status_code == 404

    assert site.get(page).headers["cache-control"] == "no-cache"  # nobody keeps a page
    app.publish_agenda(mid, ACTOR)  # another process; the server runs on

    assert "Teknik- og Miljøudvalget" in _page(site, "/")
    shown = _page(site, page)
    assert "Ny cykelsti langs åen" in shown and "Stien anlægges i etaper." in shown
    assert "Ny cykelsti" in _hits(site, "cykelstier")  # Danish stemming
    # The same search as before the change: answers are kept per position, never past it.
    assert "Ny cykelsti" in _hits(site, "cykelsti")
    meetings = site.get("/oparl/v1/body/1/meeting").json()["data"]
    assert [m["id"].rsplit("/", 1)[1] for m in meetings] == [mid.hex]
    feed = ET.fromstring(site.get("/feed.atom").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == ["Dagsorden: Teknik- og Miljøudvalget 4. marts 2031"]
    past = app.schedule(ACTOR, "Teknik- og Miljøudvalget", date(2020, 3, 4), start=time(17))
    app.add_item(past, ACTOR, "Vejbelysning")
    app.publish_agenda(past, ACTOR)
    calendar = _page(site, "/forum/Teknik-%20og%20Milj%C3%B8udvalget/kalender.ics")
    assert "DTSTART;TZID=Europe/Copenhagen:20310304T170000" in calendar
    assert calendar.count("BEGIN:VEVENT") == 1  # coming meetings only
    years = Elements(_page(site, "/forum/Teknik-%20og%20Milj%C3%B8udvalget/")).named("h2")
    assert [y["id"] for y in years] == ["aar-2031", "aar-2020"]  # by year, newest first
    pdf = site.get(f"/moede/{mid.hex}/dagsorden.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Ny cykelsti langs åen" in text
    assert site.get(f"/moede/{mid.hex}/referat/").status_code == 404  # not approved


def test_a_closed_item_shows_only_its_title_and_decisions_wait_for_approval(
    app: Minutes, site: httpx.Client
) -> None:
    mid, _ids = full_meeting(app)  # held: decisions recorded, not approved
    page = f"/moede/{mid.hex}/"
    agenda = _page(site, page)
    assert "Salg af grund" in agenda
    assert "Indstillingen blev godkendt." not in agenda  # a decision before approval
    assert "Indstillingen" not in _hits(site, "indstillingen+godkendt")
    assert "afvigende" not in _hits(site, "afvigende")

    app.sign_minutes(mid, SECRETARY, "Anne Holm", digest)

    referat = _page(site, page)
    assert "Indstillingen blev godkendt." in referat
    assert "Salg af grund" in referat
    for secret in ("højestbydende", "Vurdering"):
        assert secret not in referat
        assert secret not in _hits(site, f"{secret}")
        assert secret not in site.get(f"/oparl/v1/meeting/{mid.hex}").text
        pdf = site.get(f"/moede/{mid.hex}/referat.pdf").content
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert "Salg af grund" in text and secret not in text
    assert "Grunden" not in _hits(site, "grunden")
    assert "Salg af grund" in _hits(site, "salg")  # a closed item's title is public


def test_a_crafted_title_cannot_inject_markup(app: Minutes, site: httpx.Client) -> None:
    mid = app.schedule(ACTOR, f"Udvalg {SCRIPT}", date(2031, 5, 6))
    item = app.add_item(mid, ACTOR, f"Punkt {IMG}")
    app.write_section(mid, ACTOR, item, f"Overskrift {SCRIPT}", f"Tekst {IMG} og {SCRIPT}")
    app.publish_agenda(mid, ACTOR)
    forum = _page(site, "/")
    link = next(a["href"] for a in Elements(forum).named("a") if "forum/Udvalg" in str(a["href"]))
    for path in ("/", str(link), f"/moede/{mid.hex}/", "/soeg/?q=tekst"):
        page = Elements(_page(site, path))
        assert page.named("script") == [] and page.named("img") == [], path
        assert page.handlers() == [], path
        text = "".join(page.text)
        assert SCRIPT in text or IMG in text, path  # shown as text
    ET.fromstring(site.get("/feed.atom").content)  # still well-formed XML
    api = site.get(f"/oparl/v1/meeting/{mid.hex}").json()
    assert api["agendaItem"][0]["name"] == f"Punkt {IMG}"  # JSON keeps the text as it is


def test_unknown_paths_are_404(app: Minutes, site: httpx.Client) -> None:
    mid = _draft(app)
    for path in (
        "/nowhere",
        "/moede/",
        f"/moede/{mid.hex}/",  # a draft
        f"/moede/{uuid.uuid4().hex}/",
        "/moede/not-an-id/",
        f"/moede/{mid.hex}/andet.pdf",
        "/forum/Ukendt/",
        "/forum/",
        "/forum/Ukendt",
        "/oparl/v1/meeting/" + uuid.uuid4().hex,
        "/oparl/v1/nowhere",
        "/oparl/v1/person/ukendt",
    ):
        response = site.get(path)
        assert response.status_code == 404, path
        assert "Traceback" not in response.text
    error = site.get("/oparl/v1/nowhere").json()
    assert error["type"] == "https://schema.oparl.org/1.1/Error"


def test_nothing_accepts_a_write(app: Minutes, site: httpx.Client) -> None:
    mid = _draft(app)
    app.publish_agenda(mid, ACTOR)
    before = app.recorder.max_notification_id()
    rows = len(ReadModels.of(app).audit(mid))
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in ("/", f"/moede/{mid.hex}/", "/soeg/?q=sti", "/oparl/v1", "/nowhere"):
            response = site.request(method, path, content=b"title=x")
            assert response.status_code == 405, (method, path)
            assert response.headers["allow"] == "GET, HEAD"
    assert site.head(f"/moede/{mid.hex}/").status_code == 200
    assert app.recorder.max_notification_id() == before
    assert len(ReadModels.of(app).audit(mid)) == rows
