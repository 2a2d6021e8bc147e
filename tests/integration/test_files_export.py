"""Bilag in the exports (issue 25): the referat lists each kept file with its kind, pages
and size; `export --format zip` bundles referat.json with the files and `import` reads
the bundle back to the same meeting with the same files (round trip byte for byte, on
both stores); the public bundle names no closed file; `--med-bilag` appends the PDF Bilag
after the referat under bookmarks; a bundle whose file does not match is refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from uuid import UUID

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from domain.application import Minutes
from projections.documents import bundle
from projections.documents import interchange as ix
from projections.documents.render.export import render_meeting
from projections.files.inspect import inspect
from projections.importing.document import import_document
from projections.store.connect import open_minutes
from projections.tools.verify import verify
from tests.builders import SECRETARY, full_meeting
from tests.files import pdf

LIMIT = 50_000_000


def _with_files(app: Minutes) -> tuple[UUID, dict[str, object]]:
    mid, ids = full_meeting(app)
    plan = inspect(pdf("Regnskab side 1", "Regnskab side 2", "Regnskab side 3"), "r.pdf")
    notes = inspect(b"Noter til budgettet: vejbelysning.\n", "noter.txt")
    secret = inspect(pdf("Vurdering af grunden: 4,2 mio. kr."), "v.pdf")
    internal = inspect(pdf("Intern note om forhandlingen"), "n.pdf")
    app.attach_file(mid, SECRETARY, ids["budget"], "Regnskab 2026", plan)
    app.attach_file(mid, SECRETARY, ids["budget"], "Noter", notes)
    app.attach_file(mid, SECRETARY, ids["budget"], "Forhandlingsnotat", internal, closed=True)
    app.attach_file(mid, SECRETARY, ids["lukket"], "Valuarvurdering", secret)
    return mid, {"plan": plan, "notes": notes, "secret": secret, "internal": internal}


def test_the_referat_lists_each_kept_file_with_kind_pages_and_size(minutes: Minutes) -> None:
    mid, _ = _with_files(minutes)
    text = render_meeting(minutes, mid, "text").decode()
    assert "Regnskab 2026 (PDF, 3 sider, 2 kB)" in text
    assert "Noter (tekst, 1 kB)" in text
    assert "Regnskabsoversigt\n" in text  # a Bilag known by name only, as before
    public = render_meeting(minutes, mid, "markdown", public_view=True).decode()
    assert "Regnskab 2026 (PDF, 3 sider" in public
    assert "Forhandlingsnotat" not in public and "Valuarvurdering" not in public


def test_a_bundle_round_trip_gives_the_same_files_and_json(store: str, tmp_path: Path) -> None:
    app = open_minutes(store)
    try:
        mid, contents = _with_files(app)
        first = render_meeting(app, mid, "zip")
    finally:
        app.close()
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        names = sorted(zf.namelist())
    expected = {c.facts.sha256 for c in contents.values()}  # type: ignore[attr-defined]
    assert names == sorted(["referat.json", *(f"bilag/{sha}" for sha in expected)])

    empty = open_minutes(str(tmp_path / "empty.db"))
    try:
        doc, files = bundle.read(first, LIMIT)
        new_id, recorded = import_document(empty, doc, SECRETARY, files=files)
        assert recorded > 0
        again = render_meeting(empty, new_id, "zip")
        assert again == first
        assert verify(empty)[0] is None
        # Importing the same bundle again records nothing.
        assert import_document(empty, doc, SECRETARY, files=files)[1] == 0
    finally:
        empty.close()


def test_the_public_bundle_holds_no_closed_file(minutes: Minutes) -> None:
    mid, contents = _with_files(minutes)
    public = render_meeting(minutes, mid, "zip", public_view=True)
    with zipfile.ZipFile(io.BytesIO(public)) as zf:
        names = zf.namelist()
        referat = zf.read("referat.json").decode()
    for hidden in ("secret", "internal"):
        sha = contents[hidden].facts.sha256  # type: ignore[attr-defined]
        assert f"bilag/{sha}" not in names and sha not in referat
    assert "Valuarvurdering" not in referat and "Forhandlingsnotat" not in referat
    assert f"bilag/{contents['plan'].facts.sha256}" in names  # type: ignore[attr-defined]


def test_a_bundle_with_a_changed_or_missing_file_is_refused(sqlite_minutes: Minutes) -> None:
    mid, contents = _with_files(sqlite_minutes)
    good = render_meeting(sqlite_minutes, mid, "zip")
    sha = contents["notes"].facts.sha256  # type: ignore[attr-defined]

    def rewritten(change: dict[str, bytes | None]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
            for name in src.namelist():
                data = change.get(name, src.read(name))
                if data is not None:
                    dst.writestr(name, data)
        return out.getvalue()

    member = f"bilag/{sha}"
    with pytest.raises(ix.DocumentError, match="passer ikke med sin størrelse og SHA-256"):
        bundle.read(rewritten({member: b"Noter til budgettet: vejbelysning!\n"}), LIMIT)
    with pytest.raises(ix.DocumentError, match="mangler bilagsfilen"):
        bundle.read(rewritten({member: None}), LIMIT)
    with pytest.raises(ix.DocumentError, match="ikke et gyldigt ZIP"):
        bundle.read(good[:200], LIMIT)


def test_med_bilag_appends_the_pdf_files_with_bookmarks(sqlite_minutes: Minutes) -> None:
    mid, _ = _with_files(sqlite_minutes)
    plain = PdfReader(io.BytesIO(render_meeting(sqlite_minutes, mid, "pdf")))
    both = PdfReader(io.BytesIO(render_meeting(sqlite_minutes, mid, "pdf", with_files=True)))
    # Three pages of the plan, the closed note and the closed item's valuation (internal).
    assert len(both.pages) == len(plain.pages) + 5
    outline = [o for o in both.outline if isinstance(o, Destination)]
    assert outline[-1].title == "Bilag"
    children = both.outline[-1]
    assert isinstance(children, list)
    assert isinstance(children[0], Destination)
    first = children[0].title
    assert first is not None and first.endswith(": Regnskab 2026") and first.startswith("Punkt ")
    assert "Regnskab side 2" in both.pages[len(plain.pages) + 1].extract_text()
    public = PdfReader(
        io.BytesIO(render_meeting(sqlite_minutes, mid, "pdf", public_view=True, with_files=True))
    )
    text = "".join(p.extract_text() for p in public.pages)
    assert "4,2 mio" not in text and "Intern note" not in text


def test_reimporting_the_markdown_export_keeps_the_files(minutes: Minutes) -> None:
    """The facts printed beside a Bilag are read back as no part of its name, so a
    Markdown export imported again changes nothing about the files."""
    from projections.documents.parse.markdown import parse
    from projections.importing.parsed import store_parsed

    mid, _ = _with_files(minutes)
    before = minutes.get(mid).state
    parsed = parse(render_meeting(minutes, mid, "markdown"), closed="open")
    names = [a.name for i in parsed.document.meeting.items for a in i.attachments]
    assert "Regnskab 2026" in names and "Noter" in names, names
    store_parsed(minutes, parsed, SECRETARY)
    after = minutes.get(mid).state
    assert [i.attachments for i in after.items] == [i.attachments for i in before.items]
