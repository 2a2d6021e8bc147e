"""On PostgreSQL, who wrote an event is the database login, recorded by the server: two
roles made here each write as themselves and are recorded as themselves; one that claims
the other's name is refused and nothing is stored; so is a role without a name, and the
superuser that set the store up, once names are enforced."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest

from domain.application import Minutes
from projections.store.connect import open_minutes
from projections.store.damage import StoreUnavailable
from projections.store.postgres.identity import IdentityRefused
from projections.store.recorders import postgres_people, signed_in_name
from projections.tools.verify import verify
from tests.conftest import PG_SERVER

ANNE, BO = "Anne Holm", "Bo Lind"


@pytest.fixture
def roles(pg_store: str) -> Iterator[dict[str, str]]:
    """Three login roles of their own (trust authentication, as on the test server)."""
    names = {k: f"t_{k}_{uuid.uuid4().hex[:8]}" for k in ("anne", "bo", "nobody")}
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        for role in names.values():
            conn.execute(f'CREATE ROLE "{role}" LOGIN')
    yield names
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        for role in names.values():
            conn.execute(f'DROP OWNED BY "{role}"')  # the grants on the test schema
            conn.execute(f'DROP ROLE "{role}"')


def as_role(store: str, role: str) -> str:
    url = urlparse(store)
    return url._replace(netloc=f"{role}@{url.hostname}:{url.port or 5432}").geturl()


def db_users(store: str) -> list[str | None]:
    schema = parse_qs(urlparse(store).query)["schema"][0]
    with psycopg.connect(PG_SERVER) as conn:
        rows = conn.execute(
            f'SELECT db_user FROM "{schema}".chefforum_events ORDER BY notification_id'
        ).fetchall()
    return [row[0] for row in rows]


@pytest.fixture
def meeting(
    pg_store: str, roles: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The store set up by the superuser (no names yet: anyone writes as they say), a
    meeting with Anne and Bo as secretaries, and the two roles given their names."""
    monkeypatch.setenv("CHEFFORUM_CHECKPOINTS", str(tmp_path / "checkpoints.txt"))
    admin = open_minutes(pg_store)
    try:
        mid = admin.schedule(ANNE, "Chefforum", date(2026, 5, 20))
        admin.change_roles(ANNE, "Chefforum", BO, "secretary", grant=True)
        assert signed_in_name(admin) is None  # not enforced: the table is empty
        people = postgres_people(admin)
        people.add_person(roles["anne"], ANNE)
        people.add_person(roles["bo"], BO)
        people.add_person(roles["nobody"], "Nemo")  # granted what writing takes, then
        assert people.remove_person(roles["nobody"])  # no name and no grants: no access
        assert people.people() == sorted([(roles["anne"], ANNE), (roles["bo"], BO)])
    finally:
        admin.close()
    return str(mid)


def change(store: str, role: str, mid: str, actor: str, title: str) -> None:
    minutes = open_minutes(as_role(store, role))
    try:
        minutes.change(uuid.UUID(mid), lambda m: m.add_item(actor, title))
    finally:
        minutes.close()


def version(minutes: Minutes, mid: str) -> int:
    return minutes.get(uuid.UUID(mid)).version


def test_each_role_writes_as_itself_and_is_recorded_as_itself(
    pg_store: str, roles: dict[str, str], meeting: str
) -> None:
    before = len(db_users(pg_store))
    change(pg_store, roles["anne"], meeting, ANNE, "Annes punkt")
    change(pg_store, roles["bo"], meeting, BO, "Bos punkt")
    assert db_users(pg_store)[before:] == [roles["anne"], roles["bo"]]
    assert set(db_users(pg_store)[:before]) == {"postgres"}

    anne = open_minutes(as_role(pg_store, roles["anne"]))
    try:
        assert signed_in_name(anne) == ANNE  # the actor a command takes without --actor
        titles = [i.title for i in anne.get(uuid.UUID(meeting)).state.items]
        assert titles == ["Annes punkt", "Bos punkt"]
        problem, summary = verify(anne)  # the chain covers who wrote each event
        assert problem is None, summary
    finally:
        anne.close()


def test_claiming_another_name_is_refused_and_nothing_is_stored(
    pg_store: str, roles: dict[str, str], meeting: str
) -> None:
    admin = open_minutes(pg_store)
    try:
        before, events = version(admin, meeting), len(db_users(pg_store))
        with pytest.raises(IdentityRefused, match=f"logget ind som {roles['anne']} \\({ANNE}\\)"):
            change(pg_store, roles["anne"], meeting, BO, "Under falsk navn")
        with pytest.raises(StoreUnavailable, match="har ikke adgang"):
            change(pg_store, roles["nobody"], meeting, ANNE, "Uden adgang")
        # The superuser that set the store up has no name either, once names are enforced.
        with pytest.raises(IdentityRefused, match="står ikke i chefforum_people"):
            admin.change(uuid.UUID(meeting), lambda m: m.add_item(ANNE, "Som administrator"))
        assert version(admin, meeting) == before
        assert len(db_users(pg_store)) == events
    finally:
        admin.close()


def test_the_names_are_the_administrators_and_the_events_cannot_be_edited(
    pg_store: str, roles: dict[str, str], meeting: str
) -> None:
    change(pg_store, roles["anne"], meeting, ANNE, "Annes punkt")
    schema = parse_qs(urlparse(pg_store).query)["schema"][0]
    with psycopg.connect(as_role(pg_store, roles["anne"]).split("?")[0], autocommit=True) as conn:
        for statement in (
            f"UPDATE \"{schema}\".chefforum_people SET display_name = 'Bo Lind'",
            f'UPDATE "{schema}".chefforum_events SET topic = topic',
            f'DELETE FROM "{schema}".chefforum_chain',
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    # A superuser past the triggers can alter who wrote an event; verify sees it.
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute(
            f"UPDATE \"{schema}\".chefforum_events SET db_user = '{roles['bo']}' "
            f"WHERE db_user = '{roles['anne']}'"
        )
    admin = open_minutes(pg_store, create=False)
    try:
        problem, summary = verify(admin)
        assert problem is not None and "ændret" in summary, summary
    finally:
        admin.close()
