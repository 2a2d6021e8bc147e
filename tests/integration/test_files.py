"""Bilag as files in the store (issue 25), on SQLite and PostgreSQL: attach, replace and
remove are events naming the file's SHA-256; the bytes are written in the same
transaction, once per content; verify finds a changed byte and a missing file; an
encrypted store holds no plaintext of a file; what is refused leaves the store as it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from uuid import UUID

import psycopg
import pytest

from domain.application import Minutes
from domain.errors import InvalidInput, RuleViolation
from domain.meeting.events.files import AttachmentAddedByCorrection, AttachmentReplaced
from projections.files.inspect import inspect
from projections.files.stored import read_file
from projections.store.cipher import new_key
from projections.store.connect import open_minutes
from projections.tools.verify import verify
from tests.builders import SECRETARY, full_meeting
from tests.conftest import PG_SERVER
from tests.files import ELF, pdf, pdf_with_javascript

CHEFFORUM = str(Path(sys.executable).parent / "chefforum")


def _files(app: Minutes) -> list[tuple[str, int, bytes]]:
    return app.recorder.file_rows("", 1000)  # type: ignore[attr-defined, no-any-return]


def _approved(app: Minutes) -> tuple[UUID, dict[str, UUID]]:
    mid, ids = full_meeting(app)
    app.change(mid, lambda m: m.approve(SECRETARY, "Anne Holm"))
    return mid, ids


def test_attach_replace_remove_are_events_and_the_file_is_stored_once(minutes: Minutes) -> None:
    mid, ids = full_meeting(minutes)
    plan = inspect(pdf("Belysningsplan for Havnevej", "Bilag side 2"), "plan.pdf")
    minutes.attach_file(mid, SECRETARY, ids["budget"], "Belysningsplan", plan)
    # The same bytes under another name, on another item: one file in the store.
    minutes.attach_file(mid, SECRETARY, ids["skole"], "Samme plan", plan)
    item = minutes.get(mid).item(ids["budget"])
    kept = next(a for a in item.attachments if a.name == "Belysningsplan")
    assert (kept.sha256, kept.media_type, kept.size, kept.pages) == (
        hashlib.sha256(plan.data).hexdigest(),
        "application/pdf",
        len(plan.data),
        2,
    )
    assert [sha for sha, _, _ in _files(minutes)] == [plan.facts.sha256]
    stored = read_file(minutes, plan.facts.sha256)
    assert stored is not None and stored.data == plan.data

    second = inspect(b"Revideret plan\n", "plan.txt")
    minutes.replace_file(mid, SECRETARY, ids["budget"], "Belysningsplan", second)
    minutes.replace_file(mid, SECRETARY, ids["budget"], "Belysningsplan", second)  # no change
    after = minutes.get(mid).item(ids["budget"]).attachments
    assert [(a.name, a.media_type) for a in after] == [
        ("Regnskabsoversigt", None),
        ("Belysningsplan", "text/plain"),
    ]
    replaced = [e for e in minutes.events.get(mid) if isinstance(e, AttachmentReplaced)]
    assert len(replaced) == 1 and replaced[0].actor == SECRETARY
    minutes.remove_attachment(mid, SECRETARY, ids["budget"], "Belysningsplan")
    assert [a.name for a in minutes.get(mid).item(ids["budget"]).attachments] == [
        "Regnskabsoversigt"
    ]
    # Files of earlier versions stay: the history still names them.
    assert {sha for sha, _, _ in _files(minutes)} == {plan.facts.sha256, second.facts.sha256}
    problem, summary = verify(minutes)
    assert problem is None, summary
    assert "2 bilagsfiler stemmer" in summary


def test_an_approved_referat_gets_files_only_by_a_correction(minutes: Minutes) -> None:
    mid, ids = _approved(minutes)
    content = inspect(pdf("Eftersendt bilag"), "efter.pdf")
    with pytest.raises(RuleViolation, match="kun tilføjes med en rettelse"):
        minutes.attach_file(mid, SECRETARY, ids["budget"], "Eftersendt", content)
    with pytest.raises(RuleViolation, match="godkendt"):
        minutes.replace_file(mid, SECRETARY, ids["budget"], "Regnskabsoversigt", content)
    with pytest.raises(RuleViolation, match="godkendt"):
        minutes.remove_attachment(mid, SECRETARY, ids["budget"], "Regnskabsoversigt")
    assert _files(minutes) == []  # nothing refused reached the store
    minutes.add_file_by_correction(
        mid, SECRETARY, ids["budget"], "Eftersendt", content, reason="Manglede ved udsendelsen"
    )
    state = minutes.get(mid).state
    assert state.corrections[-1].text == "Bilag tilføjet: Eftersendt."
    assert state.corrections[-1].reason == "Manglede ved udsendelsen"
    assert any(isinstance(e, AttachmentAddedByCorrection) for e in minutes.events.get(mid))
    assert verify(minutes)[0] is None  # the signed digest still holds


def _tamper(store: str, sha: str) -> None:
    """Flip one byte of a stored file behind the program's back."""
    if store.startswith("postgresql://"):
        schema = parse_qs(urlparse(store).query)["schema"][0]
        with psycopg.connect(PG_SERVER, autocommit=True) as conn:
            # The files are append-only for every role; the superuser steps around it.
            conn.execute("SET session_replication_role = replica")
            conn.execute(
                f'UPDATE "{schema}".chefforum_files SET data = '
                "overlay(data placing '\\x58'::bytea from 200 for 1) WHERE sha256 = %s",
                (sha,),
            )
        return
    with sqlite3.connect(store) as conn:
        (data,) = conn.execute(
            "SELECT data FROM chefforum_files WHERE sha256 = ?", (sha,)
        ).fetchone()
        changed = data[:199] + bytes([data[199] ^ 1]) + data[200:]
        conn.execute("UPDATE chefforum_files SET data = ? WHERE sha256 = ?", (changed, sha))


def test_verify_finds_a_changed_byte_of_a_file(store: str) -> None:
    app = open_minutes(store)
    try:
        mid, ids = full_meeting(app)
        content = inspect(pdf("Tal der ikke må ændres: 1.234.567 kr."), "tal.pdf")
        app.attach_file(mid, SECRETARY, ids["budget"], "Tal", content)
        assert verify(app)[0] is None
    finally:
        app.close()
    _tamper(store, content.facts.sha256)
    app = open_minutes(store, create=False)
    try:
        problem, summary = verify(app)
    finally:
        app.close()
    assert problem is not None
    assert f"bilagsfilen {content.facts.sha256[:16]} er ændret" in summary


def test_a_refused_file_leaves_the_store_as_it_was(minutes: Minutes) -> None:
    mid, ids = full_meeting(minutes)
    version = minutes.get(mid).version
    with pytest.raises(InvalidInput, match="JavaScript"):
        minutes.attach_file(
            mid, SECRETARY, ids["budget"], "Skjult", inspect(pdf_with_javascript(), "s.pdf")
        )
    with pytest.raises(InvalidInput, match="Linux-program"):
        inspect(ELF, "program")
    # A name already used: refused by the rule, the file not written.
    content = inspect(pdf("Ny regnskabsoversigt"), "r.pdf")
    with pytest.raises(RuleViolation, match="allerede på punktet"):
        minutes.attach_file(mid, SECRETARY, ids["budget"], "Regnskabsoversigt", content)
    assert minutes.get(mid).version == version
    assert _files(minutes) == []


def test_the_media_type_comes_from_the_content_not_the_name() -> None:
    assert inspect(pdf("x"), "regneark.xlsx").facts.media_type == "application/pdf"
    assert inspect("Blåbærgrød\n".encode(), "noter.pdf").facts.media_type == "text/plain"
    assert inspect(b"\x89PNG\r\n\x1a\n" + bytes(20), "kort.txt").facts.media_type == "image/png"


def test_an_encrypted_store_holds_no_plaintext_of_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHEFFORUM_CIPHER_KEY", new_key())
    db = tmp_path / "events.db"
    marker = f"FORTROLIGT-TAL-{os.urandom(6).hex()}"
    app = open_minutes(str(db))
    try:
        mid, ids = full_meeting(app)
        text = inspect(f"Købesum {marker}\n".encode(), "pris.txt")
        document = inspect(pdf(f"Vurdering {marker}"), "vurdering.pdf")
        app.attach_file(mid, SECRETARY, ids["lukket"], "Pris", text, closed=True)
        app.attach_file(mid, SECRETARY, ids["lukket"], "Vurdering af grund", document)
        found = read_file(app, document.facts.sha256)
        assert found is not None and found.data == document.data
        assert verify(app)[0] is None
    finally:
        app.close()
    on_disk = b"".join(p.read_bytes() for p in tmp_path.glob("events.db*"))
    assert marker.encode() not in on_disk
    assert document.data[:400] not in on_disk


def test_an_encrypted_postgres_store_holds_no_plaintext_of_a_file(
    pg_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same on PostgreSQL: no table of the store's schema holds the file's words,
    neither in the file's bytes nor in its extracted text for search."""
    monkeypatch.setenv("CHEFFORUM_CIPHER_KEY", new_key())
    marker = f"FORTROLIGT-TAL-{os.urandom(6).hex()}"
    app = open_minutes(pg_store)
    try:
        mid, ids = full_meeting(app)
        text = inspect(f"Købesum {marker}\n".encode(), "pris.txt")
        app.attach_file(mid, SECRETARY, ids["lukket"], "Pris", text, closed=True)
        found = read_file(app, text.facts.sha256)
        assert found is not None and found.data == text.data
    finally:
        app.close()
    schema = parse_qs(urlparse(pg_store).query)["schema"][0]
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        tables = [
            str(row[0])
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                (schema,),
            )
        ]
        assert "chefforum_files" in tables
        for table in tables:
            rows = conn.execute(f'SELECT * FROM "{schema}"."{table}"').fetchall()
            held = b"".join(
                bytes(v) if isinstance(v, bytes | memoryview) else str(v).encode()
                for row in rows
                for v in row
            )
            assert marker.encode() not in held, table


def _cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHEFFORUM, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "CHEFFORUM_ACTOR": SECRETARY, **env},
        timeout=120,
    )


def _counts(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        events = conn.execute("SELECT count(*) FROM stored_events").fetchone()[0]
        files = conn.execute("SELECT count(*) FROM chefforum_files").fetchone()[0]
    return events, files


def test_a_60_mb_file_is_refused_in_one_line_and_the_store_is_unchanged(tmp_path: Path) -> None:
    assert _cli("demo", cwd=tmp_path).returncode == 0
    big = tmp_path / "Kommuneplan.pdf"
    with big.open("wb") as f:  # 60 MB, sparse: refused before it is read
        f.truncate(60_000_000)
    before = _counts(tmp_path / "events.db")
    done = _cli("attach", "Chefforum/2026-06-17", "1", str(big), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "chefforum: fejl: Kommuneplan.pdf fylder 60,0 MB; et bilag må højst fylde 50,0 MB "
        "(CHEFFORUM_BILAG_MAX_MB)."
    ]
    assert "Traceback" not in done.stderr
    assert _counts(tmp_path / "events.db") == before
    # The limit is a setting.
    small = tmp_path / "referat.pdf"
    small.write_bytes(pdf("Lille", padding=1_500_000))
    done = _cli(
        "attach",
        "Chefforum/2026-06-17",
        "1",
        str(small),
        cwd=tmp_path,
        CHEFFORUM_BILAG_MAX_MB="1",
    )
    assert done.returncode == 2 and "højst fylde 1,0 MB" in done.stderr
    done = _cli(
        "attach", "Chefforum/2026-06-17", "1", str(small), "--name", "Bilag A", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "Bilaget 'Bilag A' (application/pdf, 1 side, 1,5 MB) er gemt" in done.stdout
    assert _cli("verify", cwd=tmp_path).returncode == 0


def test_a_pdf_that_only_mentions_javascript_in_its_pages_is_accepted() -> None:
    """Words and compressed bytes inside a stream are no action: only the document's
    dictionaries are judged (random image data holds "/JS" now and then)."""
    content = inspect(pdf("Vejledning: knappen /JavaScript og /JS /Launch er slået fra."), "v.pdf")
    assert content.facts.media_type == "application/pdf"
    assert "/JavaScript" in content.text


def test_a_postponed_item_carries_its_files_on(minutes: Minutes) -> None:
    mid, ids = full_meeting(minutes)
    content = inspect(pdf("Skoledistrikter, kort"), "kort.pdf")
    minutes.attach_file(mid, SECRETARY, ids["skole"], "Kort", content)
    later = minutes.schedule(SECRETARY, "Økonomiudvalget", date(2026, 10, 7))
    minutes.postpone_item(mid, SECRETARY, ids["skole"], "Mangler høring", to=later)
    carried = [i for i in minutes.get(later).state.items if i.title == "Fremtidens skolestruktur"]
    assert [(a.name, a.sha256) for a in carried[0].attachments] == [("Kort", content.facts.sha256)]
    assert verify(minutes)[0] is None
