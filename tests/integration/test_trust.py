"""Trust in the store, the quick cases: the chain key, checkpoints and the Kontrolsum,
a store behind its checkpoint, read models that repair themselves, saves that wait for a
busy store. (Every alteration at once: test_tamper_matrix, slow.)"""

from __future__ import annotations

import base64
import contextlib
import io
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from uuid import UUID

import psycopg
import pytest
from eventsourcing.persistence import OperationalError

from chefforum_tui.cli import main
from domain.application import Minutes
from domain.errors import StoreBusy
from domain.meeting.aggregate import Meeting
from projections.documents.referat import digest
from projections.readmodels.runner import ReadModels
from projections.store.chain import PLAIN, Chain, ChainKeyError, StoreInfo, decide_chain
from projections.store.checkpoints import FILE_NAME, Checkpoint, CheckpointLog
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting

KEY = base64.b64encode(b"k" * 32).decode()
OTHER_KEY = base64.b64encode(b"o" * 32).decode()


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def checkpoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "checkpoints.txt"
    monkeypatch.setenv("CHEFFORUM_CHECKPOINTS", str(path))
    monkeypatch.setenv("CHEFFORUM_ACTOR", SECRETARY)
    return path


def approved(store: str) -> UUID:
    minutes = open_minutes(store)
    try:
        mid, _ = full_meeting(minutes)
        minutes.sign_minutes(mid, SECRETARY, "Anne Holm", digest)
    finally:
        minutes.close()
    return mid


# -- the chain key -----------------------------------------------------------------------


def test_a_store_written_with_a_chain_key_is_verified_with_it(
    store: str, checkpoints: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHEFFORUM_CHAIN_KEY", KEY)
    approved(store)
    code, out, _ = cli("--db", store, "verify")
    assert code == 0 and "HMAC-SHA256 med kædenøglen" in out

    monkeypatch.delenv("CHEFFORUM_CHAIN_KEY")
    code, out, err = cli("--db", store, "verify")
    assert code == 2 and err.count("\n") == 1 and "sæt CHEFFORUM_CHAIN_KEY" in err
    code, _, err = cli("--db", store, "meetings")  # nor is it written to without the key
    assert code == 2 and "kædenøgle" in err

    monkeypatch.setenv("CHEFFORUM_CHAIN_KEY", OTHER_KEY)
    code, _, err = cli("--db", store, "verify")
    assert code == 2 and "ikke den, lageret blev skrevet med" in err


def test_the_chain_key_is_derived_from_the_cipher_key_when_only_that_is_set(
    tmp_path: Path, checkpoints: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHEFFORUM_CIPHER_KEY", KEY)
    db = str(tmp_path / "events.db")
    approved(db)
    code, out, _ = cli("--db", db, "verify")
    assert code == 0 and "HMAC-SHA256" in out


def test_stores_chained_before_keys_existed() -> None:
    """A store with events but no identity row was chained plain: a key derived from the
    cipher key falls back to plain, a chain key given as such is refused."""
    derived = Chain(b"d" * 32, derived=True)
    assert decide_chain(derived, None, has_events=True).mode == PLAIN
    with pytest.raises(ChainKeyError, match="uden kædenøgle"):
        decide_chain(Chain(b"g" * 32), StoreInfo("x", PLAIN, None), has_events=True)
    assert decide_chain(Chain(b"g" * 32), None, has_events=False).key == b"g" * 32


# -- checkpoints and the Kontrolsum --------------------------------------------------------


def test_approval_and_publication_write_checkpoints_and_the_referat_prints_one(
    store: str, checkpoints: Path, tmp_path: Path
) -> None:
    mid = approved(store)
    written = CheckpointLog(checkpoints, store).read()
    assert [c.event for c in written] == ["AgendaPublished", "MinutesApproved"]
    assert all(c.meeting == mid.hex and c.chain == "sha256" for c in written)
    printed = written[-1].printed
    for fmt in ("text", "markdown", "html"):
        out = tmp_path / f"referat.{fmt}"
        assert cli("--db", store, "export", mid.hex[:8], "--format", fmt, "-o", str(out))[0] == 0
        assert f"Kontrolsum: {printed}" in out.read_text(encoding="utf-8")
    agenda = tmp_path / "agenda.md"
    cli("--db", store, "export", mid.hex[:8], "--agenda", "--format", "markdown", "-o", str(agenda))
    assert "Kontrolsum" not in agenda.read_text(encoding="utf-8")

    code, said, _ = cli("--db", store, "verify", "--checkpoint", printed)
    assert code == 0 and "kontrolpunkter holder" in said
    wrong = f"{written[-1].position}:{'0' * 16}"
    code, _, err = cli("--db", store, "verify", "--checkpoint", wrong)
    assert code == 1 and "hashkæden her er ikke den" in err
    ahead = f"{written[-1].position + 5}:{written[-1].head[:16]}"
    code, _, err = cli("--db", store, "verify", "--checkpoint", ahead)
    assert code == 1 and "de nyeste hændelser er tabt" in err
    code, _, err = cli("--db", store, "verify", "--checkpoint", str(tmp_path / "none.txt"))
    assert code == 2 and err.count("\n") == 1


def test_a_referat_with_its_kontrolsum_imports_into_another_store(
    tmp_path: Path, checkpoints: Path
) -> None:
    first = str(tmp_path / "first.db")
    mid = approved(first)
    exported = tmp_path / "referat.md"
    cli("--db", first, "export", mid.hex[:8], "--format", "markdown", "-o", str(exported))
    assert "Kontrolsum: " in exported.read_text(encoding="utf-8")
    code, out, err = cli("--db", str(tmp_path / "second.db"), "import", str(exported))
    assert code == 0, err
    assert "hændelser registreret" in out


def test_a_store_behind_its_checkpoint_does_not_open(tmp_path: Path) -> None:
    """Deleted newest events (or a lost write-ahead log): every command says so in one
    line; verify names what is missing."""
    db = tmp_path / "events.db"
    mid = approved_beside(db)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "DELETE FROM stored_events WHERE rowid = (SELECT max(rowid) FROM stored_events)"
        )
        conn.execute(
            "DELETE FROM chefforum_chain WHERE notification_id = "
            "(SELECT max(notification_id) FROM chefforum_chain)"
        )
    for argv in (["meetings"], ["export", mid.hex[:8]], ["log", mid.hex[:8]]):
        code, _, err = cli("--db", str(db), *argv)
        assert code == 2 and err.count("\n") == 1, err
        assert "de nyeste hændelser mangler" in err and "chefforum verify" in err
    code, _, err = cli("--db", str(db), "verify")
    assert code == 1 and "mangler" in err


def approved_beside(db: Path) -> UUID:
    """Approved minutes in a store whose checkpoints are the default file beside it."""
    with _env(CHEFFORUM_ACTOR=SECRETARY):
        mid = approved(str(db))
    assert (db.parent / FILE_NAME).exists()
    return mid


@contextlib.contextmanager
def _env(**values: str) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("CHEFFORUM_CHECKPOINTS", raising=False)
        for k, v in values.items():
            mp.setenv(k, v)
        yield


def test_checkpoint_lines_round_trip() -> None:
    checkpoint = Checkpoint(12, "ab" * 32, chain="sha256", store="s", meeting="m", where="/a b/x")
    assert Checkpoint.parse(checkpoint.line()) == Checkpoint(
        12, "ab" * 32, "sha256", "s", checkpoint.line().split()[0], "m", None, "/a b/x"
    )
    assert Checkpoint.parse("nonsense") is None
    assert Checkpoint.parse_printed("12:abababab") == Checkpoint(12, "abababab")
    assert Checkpoint.parse_printed("12:abc") is None


# -- read models -------------------------------------------------------------------------


def tracking(store: str, sqlite_sql: str, pg_sql: str) -> None:
    if store.startswith("postgresql"):
        schema = parse_qs(urlparse(store).query)["schema"][0]
        with psycopg.connect(store.split("?")[0], autocommit=True) as conn:
            conn.execute(f'SET search_path TO "{schema}"')
            conn.execute(pg_sql)
    else:
        with closing(sqlite3.connect(store)) as db, db:
            db.execute(sqlite_sql)


@pytest.mark.parametrize(
    ("sqlite_sql", "pg_sql"),
    [
        ("UPDATE tracking SET notification_id = 0", "UPDATE rm_tracking SET notification_id = 0"),
        (
            "UPDATE tracking SET notification_id = 999999",
            "UPDATE rm_tracking SET notification_id = 999999",
        ),
        ("DELETE FROM tracking", "DELETE FROM rm_tracking"),
        ("DELETE FROM rm_audit WHERE position > 5", "DELETE FROM rm_audit WHERE position > 5"),
    ],
    ids=["reset", "ahead", "gone", "rows-missing"],
)
def test_read_models_that_disagree_with_the_events_rebuild_themselves(
    store: str, checkpoints: Path, sqlite_sql: str, pg_sql: str
) -> None:
    mid = approved(store)
    minutes = open_minutes(store)
    try:
        expected = [e.description for e in ReadModels.of(minutes).audit(mid)]
    finally:
        minutes.close()
    tracking(store, sqlite_sql, pg_sql)
    minutes = open_minutes(store)
    try:
        models = ReadModels.of(minutes)
        assert [e.description for e in models.audit(mid)] == expected
        assert [s.id for s in models.meetings()] == [mid]
        assert models.search("budgetopfølgning")
        assert models.position() == minutes.recorder.max_notification_id()
    finally:
        minutes.close()


def test_opening_counts_the_rows_of_one_meeting_and_rebuild_restores_the_rest(
    store: str, checkpoints: Path
) -> None:
    """Opening a store checks the rows of the meeting last changed only (a row per event
    would grow with the archive); rows taken from another meeting by hand come back with
    'chefforum rebuild'."""
    from datetime import date

    mid = approved(store)
    minutes = open_minutes(store)
    try:
        later = minutes.schedule(SECRETARY, "Chefforum", date(2026, 10, 7))
        expected = [e.description for e in ReadModels.of(minutes).audit(mid)]
    finally:
        minutes.close()
    delete = f"DELETE FROM rm_audit WHERE meeting_id = '{mid.hex}' AND position > 5"
    tracking(store, delete, delete)
    minutes = open_minutes(store)
    try:  # the meeting last changed is whole: opening does not look further
        models = ReadModels.of(minutes)
        assert len(models.audit(mid)) == 5 < len(expected)
        assert len(models.audit(later)) == 1
    finally:
        minutes.close()
    code, _, _ = cli("--db", store, "rebuild")
    assert code == 0
    minutes = open_minutes(store)
    try:
        assert [e.description for e in ReadModels.of(minutes).audit(mid)] == expected
    finally:
        minutes.close()


# -- saves under contention ----------------------------------------------------------------


def test_a_save_refused_by_a_busy_store_is_tried_again(
    sqlite_minutes: Minutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    mid = sqlite_minutes.schedule(SECRETARY, "Chefforum", date(2026, 5, 20))
    real = Minutes.save
    refusals = iter([OperationalError("database is locked")] * 3)

    def busy(self: Minutes, *objs: object, **kwargs: object) -> object:
        failure = next(refusals, None)
        if failure is not None:
            raise failure
        return real(self, *objs, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Minutes, "save", busy)
    sqlite_minutes.change(mid, lambda m: m.add_item(SECRETARY, "Punkt"))
    assert [i.title for i in sqlite_minutes.get(mid).state.items] == ["Punkt"]

    monkeypatch.setattr("domain.application.SAVE_DEADLINE", 0.0)
    refusals = iter([OperationalError("database is locked")])
    with pytest.raises(StoreBusy):
        sqlite_minutes.change(mid, lambda m: m.add_item(SECRETARY, "Endnu et"))


def test_a_snapshot_that_cannot_be_written_does_not_fail_a_saved_change(
    sqlite_minutes: Minutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    mid = sqlite_minutes.schedule(SECRETARY, "Chefforum", date(2026, 5, 20))

    def locked(*args: object, **kwargs: object) -> None:
        raise OperationalError("database is locked")

    assert sqlite_minutes.snapshots is not None
    monkeypatch.setattr(sqlite_minutes.snapshots.recorder, "insert_events", locked)
    for n in range(50):  # the 50th event would be snapshotted
        sqlite_minutes.change(mid, partial(Meeting.add_item, actor=SECRETARY, title=f"Punkt {n}"))
    sqlite_minutes.flush_snapshots()  # written after the save: refused there, not here
    assert sqlite_minutes.get(mid).version == 51
    monkeypatch.undo()
    assert list(sqlite_minutes.snapshots.get(mid)) == []
