"""Public Bilag over HTTP from a running `chefforum serve` (issue 25), on both stores: the
bytes at a stable address with Content-Type, Content-Disposition, an ETag from the hash
(304 on a match) and byte ranges; a closed Bilag, and any Bilag of a closed item, is 404
like an address that never existed and named nowhere public; OParl File objects pass the
official schema and their downloadUrl returns the bytes whose sha512Checksum they state."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.application import Minutes
from domain.cases.files import FileContent
from projections.documents.referat import digest
from projections.files.inspect import inspect
from projections.site.pages import Site
from projections.site.public import PublicSite
from projections.site.static import write_site
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting
from tests.files import pdf
from tests.integration.test_site_oparl import check
from tests.site_server import serving

Files = dict[str, FileContent]


@pytest.fixture
def served(store: str) -> Iterator[tuple[httpx.Client, str, Files]]:
    app: Minutes = open_minutes(store)
    mid, ids = full_meeting(app)
    files = {
        "plan": inspect(pdf("Belysningsplan for Havnevej " * 40, "Side to"), "plan.pdf"),
        "notes": inspect("Høringssvar fra grundejerforeningen.\n".encode(), "svar.txt"),
        "closed": inspect(pdf("Forhandlingsoplæg: 3,1 mio. kr."), "oplæg.pdf"),
        "item_closed": inspect(pdf("Valuarens vurdering af grunden"), "vurdering.pdf"),
    }
    app.attach_file(mid, SECRETARY, ids["budget"], "Belysningsplan/udkast", files["plan"])
    app.attach_file(mid, SECRETARY, ids["budget"], "Høringssvar", files["notes"])
    app.attach_file(mid, SECRETARY, ids["budget"], "Forhandlingsoplæg", files["closed"], True)
    app.attach_file(mid, SECRETARY, ids["lukket"], "Valuarvurdering", files["item_closed"])
    app.sign_minutes(mid, SECRETARY, "Anne Holm", digest)
    app.close()
    with serving(store) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client, f"/moede/{mid.hex}/", files


def _sha(files: Files, key: str) -> str:
    return files[key].facts.sha256


def test_a_public_file_is_served_with_its_headers_and_ranges(
    served: tuple[httpx.Client, str, Files],
) -> None:
    client, meeting, files = served
    url = f"{meeting}bilag/{_sha(files, 'plan')}"
    got = client.get(url)
    assert got.status_code == 200
    assert got.content == files["plan"].data
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["etag"] == f'"{_sha(files, "plan")}"'
    assert got.headers["accept-ranges"] == "bytes"
    # The name's slash cannot make a folder of the file name.
    disposition = got.headers["content-disposition"]
    assert disposition.startswith('inline; filename="Belysningsplan udkast.pdf"')
    download = client.get(url, params={"download": "1"})
    assert download.headers["content-disposition"].startswith("attachment;")
    assert client.get(url, headers={"If-None-Match": got.headers["etag"]}).status_code == 304

    size = len(files["plan"].data)
    part = client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.content == files["plan"].data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{size}"
    tail = client.get(url, headers={"Range": "bytes=-10"})
    assert (tail.status_code, tail.content) == (206, files["plan"].data[-10:])
    beyond = client.get(url, headers={"Range": f"bytes={size + 10}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{size}"
    stale = client.get(url, headers={"Range": "bytes=0-9", "If-Range": '"other"'})
    assert stale.status_code == 200 and stale.content == files["plan"].data

    text = client.get(f"{meeting}bilag/{_sha(files, 'notes')}")
    assert text.headers["content-type"] == "text/plain; charset=utf-8"
    assert text.text == "Høringssvar fra grundejerforeningen.\n"
    assert "filename*=UTF-8''H%C3%B8ringssvar.txt" in text.headers["content-disposition"]


def test_closed_files_are_404_as_if_they_did_not_exist(
    served: tuple[httpx.Client, str, Files],
) -> None:
    client, meeting, files = served
    never = client.get(f"{meeting}bilag/{'0' * 64}")
    assert never.status_code == 404
    for key in ("closed", "item_closed"):
        got = client.get(f"{meeting}bilag/{_sha(files, key)}")
        assert (got.status_code, got.text) == (404, never.text)
        assert client.head(f"{meeting}bilag/{_sha(files, key)}").status_code == 404
    page = client.get(meeting).text
    assert "Belysningsplan/udkast" in page and "Høringssvar" in page
    everything_public = page + client.get(meeting + "referat/").text
    everything_public += client.get("/oparl/v1/body/1/meeting").text
    everything_public += client.get("/feed.atom").text
    for key, name in (("closed", "Forhandlingsoplæg"), ("item_closed", "Valuarvurdering")):
        assert name not in everything_public
        assert _sha(files, key) not in everything_public


def _files_in(obj: Any) -> Iterator[dict[str, Any]]:
    if isinstance(obj, dict):
        if obj.get("type", "").endswith("/File") and "/bilag/" in obj.get("accessUrl", ""):
            yield obj
        for value in obj.values():
            yield from _files_in(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _files_in(value)


def test_oparl_file_objects_validate_and_their_bytes_match_the_checksum(
    served: tuple[httpx.Client, str, Files],
) -> None:
    client, _, files = served
    listed = client.get("/oparl/v1/body/1/meeting").json()
    found = list(_files_in(listed))
    assert sorted(f["name"] for f in found) == ["Belysningsplan/udkast", "Høringssvar"]
    for obj in found:
        assert check(obj) == "File"
        own = client.get(obj["id"])
        assert own.status_code == 200 and own.json() == obj
        got = client.get(obj["downloadUrl"])
        assert got.status_code == 200
        assert got.headers["content-disposition"].startswith("attachment;")
        assert hashlib.sha512(got.content).hexdigest() == obj["sha512Checksum"]
        assert len(got.content) == obj["size"]
        assert got.headers["content-type"].split(";")[0] == obj["mimeType"]
        assert obj["fileName"] in ("Belysningsplan udkast.pdf", "Høringssvar.txt")
    oparl_meeting = client.get(found[0]["meeting"][0]).json()
    closed_id = found[0]["id"].rsplit("/", 1)[0] + "/" + _sha(files, "closed")
    assert client.get(closed_id).status_code == 404
    assert "Forhandlingsoplæg" not in json.dumps(oparl_meeting, ensure_ascii=False)


def test_the_static_site_writes_the_public_files_only(
    sqlite_minutes: Minutes, tmp_path: Path
) -> None:
    mid, ids = full_meeting(sqlite_minutes)
    shown = inspect(pdf("Offentligt bilag"), "o.pdf")
    hidden = inspect(pdf("Lukket bilag"), "l.pdf")
    sqlite_minutes.attach_file(mid, SECRETARY, ids["budget"], "Offentligt", shown)
    sqlite_minutes.attach_file(mid, SECRETARY, ids["budget"], "Lukket", hidden, closed=True)
    out = tmp_path / "site"
    write_site(PublicSite(sqlite_minutes), Site(), out, "http://localhost")
    folder = out / "moede" / mid.hex / "bilag"
    assert [p.name for p in folder.iterdir()] == [shown.facts.sha256]
    assert (folder / shown.facts.sha256).read_bytes() == shown.data
    written = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert hidden.facts.sha256.encode() not in written and b"Lukket bilag" not in written
