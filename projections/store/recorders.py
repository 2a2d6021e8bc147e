"""The store's recorder by its dialect: SQLite's or PostgreSQL's (whose module is imported
only when a store on PostgreSQL is opened), and what only PostgreSQL has: the database
role signed in, the people table, and the check of the actor an encrypted event declares."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, TypeGuard

import msgspec
from eventsourcing.persistence import StoredEvent

from domain.application import Minutes
from projections.store.location import StoreError
from projections.store.sqlite.recorder import ChainedSQLiteRecorder

if TYPE_CHECKING:
    from projections.store.postgres.recorder import ChainedPostgresRecorder

ChainedRecorder: TypeAlias = "ChainedSQLiteRecorder | ChainedPostgresRecorder"


def postgres_dialect() -> Any:
    """The PostgreSQL dialect module, imported when a store on PostgreSQL is opened: a
    command on SQLite never loads psycopg (tests/processes/test_lazy_imports.py)."""
    import projections.store.postgres

    return projections.store.postgres


def on_postgres(recorder: object) -> TypeGuard[ChainedPostgresRecorder]:
    """Whether the recorder is PostgreSQL's; without the module loaded none can be."""
    module = sys.modules.get("projections.store.postgres")
    return module is not None and isinstance(recorder, module.ChainedPostgresRecorder)


def check_declared_actor(minutes: Minutes, recorder: ChainedPostgresRecorder) -> None:
    """An encrypted PostgreSQL store: the server cannot read the actor an event declares,
    so the client checks it against the role's display name before saving."""
    cipher = minutes.mapper.cipher
    if cipher is None:
        return
    role, shown, enforced = recorder.signed_in()
    if not enforced:
        return

    def check(events: Sequence[StoredEvent]) -> None:
        for event in events:
            try:
                declared = msgspec.json.decode(cipher.decrypt(event.state)).get("actor")
            except (ValueError, msgspec.DecodeError, AttributeError):
                continue
            if shown is None:
                raise postgres_dialect().IdentityRefused(
                    f"databaserollen {role} står ikke i chefforum_people og må ikke skrive; "
                    "en administrator tilføjer den med 'chefforum people add'."
                )
            if declared is not None and declared != shown:
                raise postgres_dialect().IdentityRefused(
                    f'du er logget ind som {role} ({shown}), men skriver som "{declared}"; '
                    f'angiv --actor "{shown}" eller ingen --actor.'
                )

    recorder.declared_check = check


def signed_in_name(minutes: Minutes) -> str | None:
    """On PostgreSQL with identities enforced, the display name of the database role this
    process is logged in as (the actor it must write as); else None."""
    recorder = minutes.recorder
    if not on_postgres(recorder):
        return None
    _role, shown, enforced = recorder.signed_in()
    return shown if enforced else None


def chained(minutes: Minutes) -> ChainedRecorder:
    recorder = minutes.recorder
    if not (isinstance(recorder, ChainedSQLiteRecorder) or on_postgres(recorder)):
        raise StoreError(f"ukendt lager ({type(recorder).__name__})")
    return recorder


def postgres_people(minutes: Minutes) -> ChainedPostgresRecorder:
    """The recorder that keeps the people table; StoreError on SQLite, which has none."""
    recorder = minutes.recorder
    if not on_postgres(recorder):
        raise StoreError(
            "personer og databaseroller findes kun på PostgreSQL; på SQLite er du den, "
            "--actor (eller CHEFFORUM_ACTOR, eller login-navnet) siger."
        )
    return recorder
