"""What the PostgreSQL server itself enforces against a writer's own SQL (issue 21): real
roles on the real server, each doing with plain SQL what the client would never do. The
store's events, snapshots and read models are only ever changed the ways the minutes
allow, whatever the bytes a role sends, and no lock or statement waits without end."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest

from projections.readmodels.runner import ReadModels
from projections.store.connect import open_minutes
from projections.store.postgres.connection import STORE_SETUP
from projections.store.postgres.identity import IdentityRefused
from projections.store.recorders import postgres_people
from tests.builders import SECRETARY, full_meeting
from tests.conftest import PG_SERVER

ANNE = "Anne Holm"


def schema_of(store: str) -> str:
    return parse_qs(urlparse(store).query)["schema"][0]


def as_role(store: str, role: str) -> str:
    url = urlparse(store)
    return url._replace(netloc=f"{role}@{url.hostname}:{url.port or 5432}").geturl()


def connect_as(role: str) -> psycopg.Connection[tuple[object, ...]]:
    url = urlparse(PG_SERVER)
    dsn = url._replace(netloc=f"{role}@{url.hostname}:{url.port or 5432}").geturl()
    return psycopg.connect(dsn, autocommit=True)


@pytest.fixture
def roles(pg_store: str) -> Iterator[dict[str, str]]:
    names = {k: f"t_{k}_{uuid.uuid4().hex[:8]}" for k in ("anne", "stranger")}
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        for role in names.values():
            conn.execute(f'CREATE ROLE "{role}" LOGIN')
    yield names
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        for role in names.values():
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')


@pytest.fixture
def approved(
    pg_store: str, roles: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A meeting through its whole life and signed (by the superuser, before names are
    enforced); then the role 'anne' writes as Anne Holm, the meeting's chair."""
    monkeypatch.setenv("CHEFFORUM_CHECKPOINTS", str(tmp_path / "checkpoints.txt"))
    admin = open_minutes(pg_store)
    try:
        mid, _ids = full_meeting(admin)
        admin.change(mid, lambda m: m.approve(SECRETARY, ANNE))
        admin.change_roles(SECRETARY, "Økonomiudvalget", ANNE, "chair", grant=True)
        postgres_people(admin).add_person(roles["anne"], ANNE)
    finally:
        admin.close()
    return str(mid)


def last_event(store: str, mid: str) -> tuple[int, bytes]:
    with psycopg.connect(PG_SERVER) as conn:
        row = conn.execute(
            f'SELECT originator_version, state FROM "{schema_of(store)}".chefforum_events '
            "WHERE originator_id = %s ORDER BY originator_version DESC LIMIT 1",
            (uuid.UUID(mid),),
        ).fetchone()
    assert row is not None
    return int(row[0]), bytes(row[1])


def insert(
    conn: psycopg.Connection[tuple[object, ...]],
    store: str,
    mid: str,
    topic: str,
    version: int,
    state: bytes,
) -> None:
    conn.execute(
        f'INSERT INTO "{schema_of(store)}".chefforum_events '
        "(originator_id, originator_version, topic, state) VALUES (%s, %s, %s, %s)",
        (uuid.UUID(mid), version, topic, state),
    )


def decision(actor: str, text: str = "Forfalsket beslutning.") -> str:
    item = str(uuid.uuid4())
    return (
        f'{{"actor": "{actor}", "item_id": "{item}", "text": "{text}", '
        '"timestamp": "2026-09-02T15:00:00+00:00"}'
    )


def test_a_writers_sql_cannot_forge_an_actor_break_the_json_or_change_approved_minutes(
    pg_store: str, roles: dict[str, str], approved: str
) -> None:
    version, _state = last_event(pg_store, approved)
    with connect_as(roles["anne"]) as conn:
        forged = {
            # Past the old check, which looked only at a '{' in the first byte.
            "a leading space": b" " + decision("Bo Lind").encode(),
            "an escaped name": decision("\\u0042o Lind").encode(),
            "not JSON": b"\x00\x01 garbage",
            "a NUL escape": decision(ANNE, "a\\u0000b").encode(),
            "a lone surrogate": decision(ANNE, "a\\udc00b").encode(),
            "not UTF-8": decision(ANNE, "a\xffb").encode("latin-1"),
        }
        for what, state in forged.items():
            with pytest.raises(psycopg.Error, match="chefforum: "):
                insert(conn, pg_store, approved, "chefforum:DecisionRecorded", version + 1, state)
            assert last_event(pg_store, approved)[0] == version, what
        # Well-formed and in her own name, a decision after approval is still refused.
        with pytest.raises(psycopg.errors.CheckViolation, match="referatet er godkendt"):
            insert(
                conn,
                pg_store,
                approved,
                "chefforum:DecisionRecorded",
                version + 1,
                decision(ANNE).encode(),
            )
    # The store is not bricked: Anne's own correction through the client is stored.
    anne = open_minutes(as_role(pg_store, roles["anne"]))
    try:
        anne.change(
            uuid.UUID(approved),
            lambda m: m.add_correction(ANNE, reason="Stavefejl", text="Rettet."),
        )
        meeting = anne.get(uuid.UUID(approved))
        assert meeting.state.corrections[-1].text == "Rettet."
    finally:
        anne.close()


def test_a_writer_reads_but_cannot_write_snapshots_or_read_models(
    pg_store: str, roles: dict[str, str], approved: str
) -> None:
    s = schema_of(pg_store)
    with connect_as(roles["anne"]) as conn:
        for statement in (
            f"UPDATE \"{s}\".rm_meetings SET status = 'approved'",
            f"UPDATE \"{s}\".rm_audit SET actor = 'Bo Lind'",
            f'DELETE FROM "{s}".rm_search',
            f'UPDATE "{s}".rm_tracking SET notification_id = 0',
            f'INSERT INTO "{s}".chefforum_snapshots SELECT * FROM "{s}".chefforum_snapshots',
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        conn.execute(f'SELECT count(*) FROM "{s}".rm_meetings').fetchone()  # reading is allowed
    # Her own process derives its read models from the events, and writes as before.
    anne = open_minutes(as_role(pg_store, roles["anne"]))
    try:
        assert isinstance(anne.read_models, ReadModels)
        [row] = anne.read_models.meetings()
        assert (row.id, row.status) == (uuid.UUID(approved), "approved")
        anne.change(
            uuid.UUID(approved),
            lambda m: m.add_correction(ANNE, reason="Tilføjelse", text="Mere."),
        )
        assert anne.read_models.audit(uuid.UUID(approved))[-1].actor == ANNE
    finally:
        anne.close()


def test_a_login_without_a_name_writes_under_its_role_name_only(
    pg_store: str, roles: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While chefforum_people is empty the owner writes as it declares; a role granted
    access by hand writes under its own role name, never as anyone else."""
    monkeypatch.setenv("CHEFFORUM_CHECKPOINTS", str(tmp_path / "checkpoints.txt"))
    admin = open_minutes(pg_store)
    try:
        mid = admin.schedule(ANNE, "Chefforum", date(2026, 5, 20))
        admin.change_roles(ANNE, "Chefforum", roles["stranger"], "secretary", grant=True)
        people = postgres_people(admin)
        people.add_person(roles["stranger"], "Fremmed")  # the grants, then no name
        people.remove_person(roles["stranger"])
        s = schema_of(pg_store)
        with psycopg.connect(PG_SERVER, autocommit=True) as conn:  # granted by hand
            conn.execute(f'GRANT USAGE ON SCHEMA "{s}" TO "{roles["stranger"]}"')
            conn.execute(
                f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA "{s}" '
                f'TO "{roles["stranger"]}"'
            )
            conn.execute(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{s}" TO "{roles["stranger"]}"')
    finally:
        admin.close()
    stranger = open_minutes(as_role(pg_store, roles["stranger"]))
    try:
        with pytest.raises(IdentityRefused, match=f'skriver som "{ANNE}"'):
            stranger.change(mid, lambda m: m.add_item(ANNE, "Under falsk navn"))
        stranger.change(mid, lambda m: m.add_item(roles["stranger"], "Under eget navn"))
        assert [i.title for i in stranger.get(mid).state.items] == ["Under eget navn"]
    finally:
        stranger.close()


def test_every_connection_has_deadlines_and_a_locked_table_is_one_line(
    pg_store: str, roles: dict[str, str], approved: str, tmp_path: Path
) -> None:
    anne = open_minutes(as_role(pg_store, roles["anne"]))
    try:
        with anne.recorder.datastore.get_connection() as conn:  # type: ignore[attr-defined]
            found = conn.execute(
                "SELECT current_setting('lock_timeout') AS l, "
                "current_setting('statement_timeout') AS s"
            ).fetchone()
        assert found == {"l": "2s", "s": "2min"}
    finally:
        anne.close()
    # Anne (UPDATE on the events, for eventsourcing's LOCK TABLE) holds the table.
    s = schema_of(pg_store)
    with connect_as(roles["anne"]) as conn:
        conn.autocommit = False
        conn.execute(f'LOCK TABLE "{s}".chefforum_events IN ACCESS EXCLUSIVE MODE')
        began = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "chefforum_tui.cli", "--db", pg_store, "meetings"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "CHEFFORUM_CHECKPOINTS": str(tmp_path / "checkpoints.txt")},
        )
        took = time.monotonic() - began
        conn.rollback()
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert took < 40, took


def test_an_older_store_is_upgraded_and_its_writers_lose_the_read_models(
    pg_store: str, roles: dict[str, str], approved: str
) -> None:
    """A store set up by the version before: its people could write the read models and
    snapshots. The owner's next open makes the grants anew."""
    s = schema_of(pg_store)
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        conn.execute(f'UPDATE "{s}".chefforum_store SET setup = 1')
        conn.execute(
            f'GRANT INSERT, UPDATE ON "{s}".rm_meetings, "{s}".chefforum_snapshots '
            f'TO "{roles["anne"]}"'
        )
    open_minutes(pg_store).close()
    with connect_as(roles["anne"]) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f"UPDATE \"{s}\".rm_meetings SET status = 'approved'")
    with psycopg.connect(PG_SERVER) as conn:
        assert conn.execute(f'SELECT setup FROM "{s}".chefforum_store').fetchone() == (STORE_SETUP,)
