"""Tamper evidence: rows edited, deleted, inserted or reordered behind the program's back
are found by verify, which names the event; an untouched store verifies."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest

from domain.application import Minutes
from domain.meeting.events.meeting import MinutesApproved
from projections.documents.referat import digest
from projections.store.connect import open_minutes
from projections.tools.verify import verify
from tests.builders import SECRETARY, full_meeting


def execute(store: str, sql_sqlite: str, sql_pg: str, params: tuple[object, ...] = ()) -> None:
    """Run SQL straight against the store, as someone with access to the database could."""
    if store.startswith("postgresql"):
        url = urlparse(store)
        schema = parse_qs(url.query)["schema"][0]
        with psycopg.connect(store.split("?")[0], autocommit=True) as conn:
            conn.execute(f'SET search_path TO "{schema}"')
            # As the store's owner or a superuser could: past the append-only triggers.
            conn.execute("SET session_replication_role = replica")
            conn.execute(sql_pg, params)
    else:
        with closing(sqlite3.connect(store)) as db, db:
            db.execute(sql_sqlite, params)


def position_of(minutes: Minutes, kind: str) -> tuple[int, int]:
    """(notification id, meeting version) of the first event of that kind."""
    for n in minutes.recorder.select_notifications(start=1, limit=10_000):
        if n.topic == f"chefforum:{kind}":
            return n.id, n.originator_version
    raise AssertionError(kind)


@pytest.fixture
def signed(minutes: Minutes) -> Minutes:
    mid, _ = full_meeting(minutes)
    minutes.sign_minutes(mid, SECRETARY, "Anne Holm", digest)
    problem, summary = verify(minutes)
    assert problem is None, summary
    assert summary.startswith("OK")
    return minutes


def reopen_and_verify(store: str) -> str:
    minutes = open_minutes(store)
    try:
        problem, summary = verify(minutes)
    finally:
        minutes.close()
    assert problem is not None, "tampering went unnoticed"
    return summary


def test_an_altered_event_is_named(signed: Minutes, store: str) -> None:
    nid, version = position_of(signed, "DecisionRecorded")
    execute(
        store,
        "UPDATE stored_events SET state = CAST(replace(CAST(state AS TEXT), 'godkendt', "
        "'forkastet') AS BLOB) WHERE rowid = ?",
        "UPDATE chefforum_events SET state = convert_to(replace(convert_from(state, 'UTF8'), "
        "'godkendt', 'forkastet'), 'UTF8') WHERE notification_id = %s",
        (nid,),
    )
    summary = reopen_and_verify(store)
    assert f"hændelse nr. {nid}," in summary
    assert f"position {version}" in summary
    assert "ændret" in summary


def test_a_removed_event_is_named(signed: Minutes, store: str) -> None:
    nid, version = position_of(signed, "RemarkAdded")
    execute(
        store,
        "DELETE FROM stored_events WHERE rowid = ?",
        "DELETE FROM chefforum_events WHERE notification_id = %s",
        (nid,),
    )
    summary = reopen_and_verify(store)
    assert f"hændelse nr. {nid}," in summary
    assert f"position {version}" in summary
    assert "fjernet" in summary


def test_an_inserted_event_is_named(signed: Minutes, store: str) -> None:
    nid, _version = position_of(signed, "RemarkAdded")
    last = signed.recorder.max_notification_id()
    assert last is not None
    execute(
        store,
        "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
        "SELECT originator_id, 999, topic, state FROM stored_events WHERE rowid = ?",
        "INSERT INTO chefforum_events (originator_id, originator_version, topic, state) "
        "SELECT originator_id, 999, topic, state FROM chefforum_events WHERE notification_id = %s",
        (nid,),
    )
    summary = reopen_and_verify(store)
    assert f"hændelse nr. {last + 1}," in summary
    assert "position 999" in summary
    assert "indsat" in summary


def test_reordered_events_are_named(signed: Minutes, store: str) -> None:
    first, v1 = position_of(signed, "VotesRecorded")
    _second, v2 = position_of(signed, "ItemAbsenceRecorded")
    for frm, to in ((v1, -1), (v2, v1), (-1, v2)):
        execute(
            store,
            "UPDATE stored_events SET originator_version = ? WHERE originator_version = ?",
            "UPDATE chefforum_events SET originator_version = %s WHERE originator_version = %s",
            (to, frm),
        )
    summary = reopen_and_verify(store)
    assert f"hændelse nr. {first}," in summary
    assert "flyttet" in summary


def test_an_edited_chain_is_noticed(signed: Minutes, store: str) -> None:
    execute(
        store,
        "UPDATE chefforum_chain SET link = 'x' WHERE notification_id = 3",
        "UPDATE chefforum_chain SET link = 'x' WHERE notification_id = 3",
    )
    assert "hashkæden selv er ændret" in reopen_and_verify(store)


def test_a_signature_whose_text_no_longer_projects_the_same(
    signed: Minutes, store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without a checkpoint (which would show the rewritten chain: test_tamper_matrix).
    monkeypatch.setenv("CHEFFORUM_CHECKPOINTS", str(tmp_path / "elsewhere.txt"))
    mid = signed.meeting_ids()[0]
    approval = next(e for e in signed.events.get(mid) if isinstance(e, MinutesApproved))
    # Rewrite the digest together with the chain, so only the signature check can tell.
    execute(
        store,
        "UPDATE stored_events SET state = CAST(replace(CAST(state AS TEXT), ?, ?) AS BLOB) "
        "WHERE originator_version = ?",
        "UPDATE chefforum_events SET state = convert_to(replace(convert_from(state, 'UTF8'), "
        "%s, %s), 'UTF8') WHERE originator_version = %s",
        (approval.digest, "0" * 64, approval.originator_version),
    )
    execute(store, "DELETE FROM chefforum_chain", "DELETE FROM chefforum_chain")
    minutes = open_minutes(store)
    from projections.store.chain import GENESIS, next_link

    link = GENESIS
    rows = []
    for n in minutes.recorder.stored_rows(1, 10_000):  # type: ignore[attr-defined]
        link = next_link(link, n.hash)
        rows.append((n.notification_id, n.originator_id, n.originator_version, n.hash, link))
    minutes.close()
    for row in rows:
        execute(
            store,
            "INSERT INTO chefforum_chain VALUES (?, ?, ?, ?, ?)",
            "INSERT INTO chefforum_chain VALUES (%s, %s, %s, %s, %s)",
            row,
        )
    summary = reopen_and_verify(store)
    assert "Anne Holm underskrev" in summary
    assert f"position {approval.originator_version}" in summary


def test_a_checkpoint_file_of_another_store_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store put in another's place (or its identity changed) finds only the other's
    checkpoints in the file beside it: verify names that, rather than passing."""
    from chefforum_tui.cli import main
    from tests.tamper.store import build, environment

    first = build(str(tmp_path / "events.db"), tmp_path / "checkpoints.txt", "sqlite")
    (tmp_path / "other").mkdir()
    other = build(str(tmp_path / "other" / "events.db"), tmp_path / "other" / "c.txt", "sqlite")
    for path in tmp_path.glob("events.db*"):
        path.unlink()  # another store in its place, the checkpoint file left beside it
    shutil.copy2(other.where, first.where)
    capsys.readouterr()
    with environment(first.env):
        assert main(["--db", first.where, "verify"]) == 1
    said = capsys.readouterr().err
    assert "har kontrolpunkter skrevet her for et andet lager" in said
    assert "flyt filen væk" in said
