"""The site's OParl 1.1 interface, crawled as a client would from /oparl/v1: every object
it serves passes the OParl project's own JSON schemas (tests/oparl_schema), every id
serves that very object, and the lists page as the specification says."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from jsonschema import Draft7Validator, FormatChecker, ValidationError, validators

from domain.application import Minutes
from projections.documents.referat import digest
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting
from tests.site_server import serving

SCHEMAS = Path(__file__).resolve().parents[1] / "oparl_schema"
TYPE = re.compile(r"^https://schema\.oparl\.org/1\.1/(\w+)$")
# OParl's date-time: yyyy-mm-ddThh:mm:ss±hh:mm (or Z); its date: yyyy-mm-dd.
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$")
FORMATS = FormatChecker()


def _url(value: object) -> bool:
    parts = urlsplit(str(value))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _date_time(value: object) -> bool:
    return bool(DATE_TIME.match(str(value))) and datetime.fromisoformat(str(value)) is not None


def _date(value: object) -> bool:
    return len(str(value)) == 10 and date.fromisoformat(str(value)) is not None


# Registered by call, not as decorators: jsonschema ships no types, and mypy --strict
# refuses an untyped decorator.
FORMATS.checks("url")(_url)
FORMATS.checks("date-time")(_date_time)
FORMATS.checks("date")(_date)


def _schema(name: str) -> dict[str, Any]:
    return dict(json.loads((SCHEMAS / f"{name}.json").read_text()))


def _embedded(validator: Any, name: str, instance: object, schema: dict[str, Any]) -> Any:
    """OParl's own keyword: "schema": "File.json" names the schema of an embedded object."""
    if isinstance(instance, dict) and name.endswith(".json"):
        yield from OParlValidator(
            _schema(name[: -len(".json")]), format_checker=FORMATS
        ).iter_errors(instance)


OParlValidator = validators.extend(Draft7Validator, {"schema": _embedded})


def check(obj: dict[str, Any]) -> str:
    """Validate against the schema its type names; returns the type."""
    match = TYPE.match(obj["type"])
    assert match, obj["type"]
    kind = match.group(1)
    errors = list(OParlValidator(_schema(kind), format_checker=FORMATS).iter_errors(obj))
    assert not errors, [f"{kind} {list(e.path)}: {e.message}" for e in errors]
    return kind


@pytest.fixture
def served(store: str) -> Iterator[tuple[Minutes, httpx.Client]]:
    app = open_minutes(store)
    mid, _ = full_meeting(app)
    app.sign_minutes(mid, SECRETARY, "Anne Holm", digest)
    draft = app.schedule(SECRETARY, "Økonomiudvalget", date(2026, 10, 7))
    app.add_item(draft, SECRETARY, "Kladde: må ikke ses")
    for day in (3, 10, 17):  # a second forum with several meetings, for the pages
        other = app.schedule(SECRETARY, "Børne- og Skoleudvalget", date(2026, 11, day))
        app.add_item(other, SECRETARY, "Skoleåret", case_number=f"17.01.00-A00-{day}-26")
        app.publish_agenda(other, SECRETARY)
    with serving(store) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield app, client
    app.close()


def _list(client: httpx.Client, url: str) -> list[dict[str, Any]]:
    """Every object of an external list, page by page along the next links."""
    found: list[dict[str, Any]] = []
    pages = 0
    while url:
        page = client.get(url).json()
        assert set(page) == {"data", "pagination", "links"}, page
        found += page["data"]
        pages += 1
        assert page["pagination"]["currentPage"] == pages
        url = page["links"].get("next", "")
    return found


def test_every_object_passes_the_oparl_schemas_and_its_id_serves_it(
    served: tuple[Minutes, httpx.Client],
) -> None:
    _, client = served
    seen: dict[str, int] = {}
    queue = [client.get("/oparl/v1").json()]
    done: set[str] = set()
    while queue:
        obj = queue.pop()
        if obj["id"] in done:
            continue
        done.add(obj["id"])
        kind = check(obj)
        seen[kind] = seen.get(kind, 0) + 1
        response = client.get(obj["id"])
        assert response.status_code == 200, obj["id"]
        assert response.headers["access-control-allow-origin"] == "*"
        if kind != "System":
            assert response.json() == obj, obj["id"]  # one canonical object per URL
        for key, value in obj.items():
            if key in ("id", "web", "accessUrl", "downloadUrl", "website", "product"):
                continue
            urls = value if isinstance(value, list) else [value]
            for each in urls:
                if isinstance(each, dict):
                    queue.append(each)
                elif isinstance(each, str) and each.startswith(str(client.base_url)):
                    target = client.get(each).json()
                    queue += target.get("data", [target])
    assert seen == {
        "System": 1,
        "Body": 1,
        "Organization": 2,
        "Meeting": 4,
        "Location": 1,
        "AgendaItem": 3 + 3,
        "Person": 4,
        "Paper": 2 + 3,
        "File": 4 + 1,
    }, seen
    assert (
        "Kladde" not in json.dumps(seen)
        and "Salg af grund" in client.get("/oparl/v1/body/1/meeting").text
    )


def test_a_closed_item_is_not_public_and_its_decision_is_left_out(
    served: tuple[Minutes, httpx.Client],
) -> None:
    _, client = served
    everything = client.get("/oparl/v1/body/1/meeting").text
    assert "Kladde" not in everything and "højestbydende" not in everything
    meeting = next(
        m
        for m in json.loads(everything)["data"]
        if "agendaItem" in m and m["name"].startswith("Økonomi")
    )
    closed = next(i for i in meeting["agendaItem"] if i["name"] == "Salg af grund")
    assert closed["public"] is False and "resolutionText" not in closed
    budget = next(i for i in meeting["agendaItem"] if i["name"] == "Budgetopfølgning")
    assert budget["resolutionText"] == "Indstillingen blev godkendt."
    assert meeting["resultsProtocol"]["accessUrl"].endswith("/referat.pdf")
    pdf = client.get(meeting["resultsProtocol"]["downloadUrl"])
    assert pdf.headers["content-disposition"].startswith("attachment; filename=")
    assert pdf.content.startswith(b"%PDF")


def test_lists_page_with_their_filters_kept(served: tuple[Minutes, httpx.Client]) -> None:
    _, client = served
    first = client.get("/oparl/v1/body/1/meeting?limit=1&omit_internal=true").json()
    assert first["pagination"] == {
        "totalElements": 4,
        "elementsPerPage": 1,
        "currentPage": 1,
        "totalPages": 4,
    }
    links = first["links"]
    assert "prev" not in links and links["next"].endswith("?limit=1&omit_internal=true&page=2")
    assert links["last"].endswith("page=4") and "agendaItem" not in first["data"][0]
    every = _list(client, links["first"])
    assert len(every) == 4 and len({m["id"] for m in every}) == 4
    last = client.get(links["last"]).json()
    assert "next" not in last["links"] and last["links"]["prev"].endswith("page=3")
    assert client.get("/oparl/v1/body/1/meeting?limit=1&page=5").status_code == 404
    created = every[-1]["created"]
    since = client.get("/oparl/v1/body/1/meeting", params={"created_since": created}).json()
    assert {m["id"] for m in since["data"]} <= {m["id"] for m in every}
    assert every[-1]["id"] in {m["id"] for m in since["data"]}
    assert all(m["created"] >= created for m in since["data"])
    future = client.get(
        "/oparl/v1/body/1/meeting", params={"modified_since": "2099-01-01T00:00:00+01:00"}
    )
    assert future.json()["data"] == []
    lists = [
        "/oparl/v1/body",
        *(f"/oparl/v1/body/1/{k}" for k in ("organization", "person", "paper")),
    ]
    for path in lists:  # every external list takes every filter
        whole = client.get(path).json()["data"]
        assert whole
        for name in ("created_since", "modified_since"):
            kept = client.get(path, params={name: "2000-01-01T00:00:00+01:00"}).json()["data"]
            assert kept == whole, (path, name)
        none = client.get(path, params={"created_until": "2000-01-01T00:00:00+01:00"})
        assert none.json()["data"] == [], path
    bad = client.get("/oparl/v1/body/1/meeting", params={"created_since": "i går"})
    assert bad.status_code == 400 and bad.json()["type"] == "https://schema.oparl.org/1.1/Error"


def test_the_schemas_refuse_what_oparl_forbids() -> None:
    """The validation can fail: a wrong type, a missing accessUrl, a bad date-time."""
    with pytest.raises(AssertionError):
        check(
            {
                "id": "http://x.dk/oparl/v1/m/1",
                "type": "https://schema.oparl.org/1.1/Meeting",
                "start": "2026-05-01 10:00",
            }
        )
    with pytest.raises(AssertionError):
        check({"id": "http://x.dk/f", "type": "https://schema.oparl.org/1.1/File"})
    with pytest.raises(AssertionError):
        check(
            {
                "id": "http://x.dk/m",
                "type": "https://schema.oparl.org/1.1/Meeting",
                "invitation": {"id": "http://x.dk/f", "type": "https://schema.oparl.org/1.1/File"},
            }
        )
    with pytest.raises(ValidationError):
        OParlValidator(_schema("System"), format_checker=FORMATS).validate({"id": "nope"})
