"""Where the events live: an SQLite file (default events.db) or a PostgreSQL URL."""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, TypeGuard
from urllib.parse import ParseResult, parse_qs, unquote, urlparse
from uuid import UUID, uuid4

import msgspec
from eventsourcing.persistence import StoredEvent

from domain.application import Minutes, replay
from domain.errors import ChefforumError, StoreDamaged
from domain.meeting.events.meeting import MinutesApproved
from projections.config import (
    MAX_PATH,
    ConfigError,
    check_settings,
    checked_path,
    regular_file,
)
from projections.readmodels.runner import ReadModels
from projections.readmodels.view import ReadModelView
from projections.store.chain import Chain, StoreInfo, decide_chain
from projections.store.checkpoints import Checkpoint, CheckpointLog, default_path
from projections.store.cipher import check_key, cipher_env
from projections.store.damage import StoreUnavailable, as_store_error, first_line
from projections.store.sealed import check_sealed
from projections.store.sqlite.readmodels import SQLiteReadModelView, memory_datastore
from projections.store.sqlite.recorder import ChainedSQLiteRecorder

if TYPE_CHECKING:
    from projections.store.postgres.recorder import ChainedPostgresRecorder

ChainedRecorder: TypeAlias = "ChainedSQLiteRecorder | ChainedPostgresRecorder"


def _postgres() -> Any:
    """The PostgreSQL dialect module, imported when a store on PostgreSQL is opened: a
    command on SQLite never loads psycopg (tests/processes/test_lazy_imports.py)."""
    import projections.store.postgres

    return projections.store.postgres


def _on_postgres(recorder: object) -> TypeGuard[ChainedPostgresRecorder]:
    """Whether the recorder is PostgreSQL's; without the module loaded none can be."""
    module = sys.modules.get("projections.store.postgres")
    return module is not None and isinstance(recorder, module.ChainedPostgresRecorder)


APPROVED_TOPIC = MinutesApproved.TOPIC

DEFAULT_DB = "events.db"


class StoreError(ChefforumError):
    """The store could not be opened."""


def location(given: str | None = None) -> str:
    """--db, else CHEFFORUM_DB, else events.db in the working directory."""
    return given or os.environ.get("CHEFFORUM_DB") or DEFAULT_DB


def _postgres_port(url: ParseResult) -> str:
    try:
        port = url.port
    except ValueError:  # not a number, or out of range
        port = -1
    if port is not None and not 1 <= port <= 65535:
        raise ConfigError(
            "Porten i PostgreSQL-adressen (--db eller CHEFFORUM_DB) skal være et tal fra 1 "
            "til 65535."
        )
    return str(port or 5432)


def is_postgres(where: str) -> bool:
    return where.startswith(("postgresql://", "postgres://"))


def store_env(where: str) -> dict[str, str]:
    """eventsourcing's environment for a store location."""
    if not is_postgres(where):
        path = checked_path(where, "Lagerets sti (--db eller CHEFFORUM_DB)")
        if path.is_dir():
            raise StoreError(f"{where} er en mappe, ikke en databasefil.")
        if not path.parent.exists():
            raise StoreError(f"Mappen {path.parent} findes ikke.")
        regular_file(path, "Lageret (--db eller CHEFFORUM_DB)")  # not a device or a FIFO
        return {
            # WAL journal, and each commit synced to disk (see DurableSQLiteFactory).
            "PERSISTENCE_MODULE": "projections.store.sqlite.connection:DurableSQLiteFactory",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": "10",
            "APPLICATION_RECORDER_TOPIC": "projections.store.sqlite.recorder:ChainedSQLiteRecorder",
            **cipher_env(),
        }
    if len(where) > MAX_PATH:
        raise ConfigError("PostgreSQL-adressen (--db eller CHEFFORUM_DB) er for lang.")
    url = urlparse(where)
    query = parse_qs(url.query)
    env = {
        "PERSISTENCE_MODULE": "projections.store.postgres.connection:DeadlinePostgresFactory",
        "POSTGRES_DBNAME": unquote(url.path.lstrip("/")) or "postgres",
        "POSTGRES_HOST": url.hostname or "127.0.0.1",
        "POSTGRES_PORT": _postgres_port(url),
        "POSTGRES_USER": unquote(url.username or "") or os.environ.get("USER", "postgres"),
        "POSTGRES_PASSWORD": unquote(url.password or ""),
        "POSTGRES_CONNECT_TIMEOUT": "5",
        "POSTGRES_LOCK_TIMEOUT": "10",
        "APPLICATION_RECORDER_TOPIC": "projections.store.postgres.recorder:ChainedPostgresRecorder",
        **cipher_env(),
    }
    if "schema" in query:
        env["POSTGRES_SCHEMA"] = query["schema"][0]
    return env


def _read_models(minutes: Minutes, where: str) -> ReadModels:
    """The store's one ReadModels, its tables made or migrated."""
    recorder = minutes.recorder
    view: ReadModelView
    if minutes.mapper.cipher is not None:
        # An encrypted store keeps its read models out of the store, where they would
        # hold the minutes in clear: in this process's memory, filled on first use.
        view = SQLiteReadModelView(memory_datastore(), application_name=minutes.name)
    elif _on_postgres(recorder) and not recorder.keeps_read_models():
        # A writer may not write the stored read models (no writer can forge what the
        # owner's list and site show): its own are derived in memory from the events.
        view = SQLiteReadModelView(memory_datastore(), application_name=minutes.name)
    elif _on_postgres(recorder):
        view = _postgres().PostgresReadModelView(recorder.datastore, application_name=minutes.name)
    elif isinstance(recorder, ChainedSQLiteRecorder):
        view = SQLiteReadModelView(recorder.datastore, application_name=minutes.name)
    else:
        raise StoreError(f"{where}: ukendt lager ({type(recorder).__name__})")
    view.create()
    return ReadModels(minutes, view)


def stored_read_models(minutes: Minutes) -> ReadModelView | None:
    """The read models as stored (for verify to compare with a replay), touching nothing;
    None where the store keeps none (encrypted: they are in memory)."""
    recorder = minutes.recorder
    if minutes.mapper.cipher is not None:
        return None
    if _on_postgres(recorder):
        return _postgres().PostgresReadModelView(  # type: ignore[no-any-return]
            recorder.datastore, application_name=minutes.name
        )
    if isinstance(recorder, ChainedSQLiteRecorder):
        return SQLiteReadModelView(recorder.datastore, application_name=minutes.name)
    return None


def own_files(given: str | None) -> list[Path]:
    """The files a store keeps at its location: an SQLite file with its write-ahead log,
    shared memory and journal, and its checkpoint file (for an export, which must not
    write over any of them)."""
    where = location(given)
    found = [default_path(where)]
    if not is_postgres(where):
        found += [Path(where + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    return found


def is_own_file(given: str | None, path: Path) -> bool:
    """Whether path is (or links to) one of the store's own files."""
    target = path.resolve()
    for own in own_files(given):
        if own.resolve() == target:
            return True
        try:
            if own.exists() and path.exists() and own.samefile(path):
                return True
        except OSError:
            continue
    return False


_settled = threading.Event()


def _settle_heap() -> None:
    """What the process holds when it first opens a store (its modules and classes, some
    50,000 objects) is moved out of the cyclic garbage collector's way: a full collection
    walked all of it again, 15-45 ms inside one save in a few hundred (gc.freeze). Once
    per process, and without a collection first (as long as one, in every command's
    start): what garbage there is then stays, once."""
    if _settled.is_set():
        return
    _settled.set()
    gc.freeze()


def open_minutes(given: str | None = None, *, create: bool = True) -> Minutes:
    """Open (creating on first use) the store at the given or default location, with its
    read models attached (ReadModels.of(minutes)), its chain decided and its latest
    checkpoint checked (a store behind its checkpoint does not open: one line).

    create=False (for verify) opens the store as it is: nothing is created or written,
    no read models, no checks; the caller reads what is there."""
    _settle_heap()
    check_settings()
    where = location(given)
    env = store_env(where)
    if not create:
        env["CREATE_TABLE"] = "false"
        if not is_postgres(where) and not Path(where).exists():
            raise StoreError(f"{where} findes ikke.")
    try:
        # PostgreSQL: one process at a time makes the tables (see postgres/connection.py);
        # a store set up already opens without creating (a role that may not create can).
        setup = _postgres().setup_lock(env, create=create) if is_postgres(where) else None
        with setup or nullcontext(False) as ready:
            if ready:
                env["CREATE_TABLE"] = "false"
            minutes = Minutes(env=env)
            if not create:
                return minutes
            try:
                check_key(minutes, where)  # before anything reads an event or writes a table
                _open_chain(minutes, where)
                minutes.read_models = _read_models(minutes, where)
                recorder = minutes.recorder
                if _on_postgres(recorder):
                    if not ready:
                        recorder.mark_set_up()
                    _check_declared_actor(minutes, recorder)
            except BaseException:
                minutes.close()
                raise
        return minutes
    except ChefforumError:
        raise
    except Exception as e:  # the drivers raise many kinds; the user needs one line
        found = as_store_error(e, where)
        if found is not None and not isinstance(found, StoreUnavailable | StoreDamaged):
            found = None
        if found is not None:
            raise found from e
        raise StoreError(f"Kan ikke åbne {where}: {first_line(e)}") from e


def _open_chain(minutes: Minutes, where: str) -> None:
    """Decide the chain this process writes with (chain.decide_chain), give the store an
    identity if it has none, attach its checkpoint file, and check the latest checkpoint."""
    recorder = chained(minutes)
    chain = Chain.from_env()
    found, has_events = recorder.store_row()
    _guard(recorder, where, found, has_events)
    decided = decide_chain(chain, found, has_events)
    if found is None or (
        not has_events and (found.mode, found.key_check) != (decided.mode, decided.key_check())
    ):
        recorder.claim_store(uuid4().hex, decided.mode, decided.key_check())
        found, has_events = recorder.store_row()
        if found is None:
            raise StoreError(f"{where}: lagerets identitet kunne ikke skrives.")
        decided = decide_chain(chain, found, has_events)
    recorder.chain = decided
    recorder.store_id = found.store_id
    recorder.checkpoints = CheckpointLog(default_path(where), where)


def _guard(
    recorder: ChainedRecorder, where: str, found: StoreInfo | None, has_events: bool
) -> None:
    """A store that no longer reaches its latest checkpoint (cut short, a lost write-ahead
    log, deleted newest events, a recomputed chain) is refused with one line. One query;
    the file's tail only, so a long shared file costs nothing."""
    log = CheckpointLog(default_path(where), where)
    mine = log.for_store(
        log.read(tail=True),
        found.store_id if found else None,
        lost_identity=found is None or not has_events,
    )
    if not mine:
        return
    latest = max(mine, key=lambda c: c.position)
    link = recorder.chain_link(latest.position) if has_events else None
    same_chain = latest.chain is None or (found is not None and latest.chain == found.mode)
    if link is not None and link.startswith(latest.head) and same_chain:
        return
    last = (recorder.max_notification_id() or 0) if has_events else 0
    if link is None and last < latest.position:
        what = (
            f"slutter ved hændelse nr. {last}, men kontrolpunktet fra {latest.at} "
            f"({log.path}) er ved nr. {latest.position}: de nyeste hændelser mangler"
        )
    elif link is None:
        what = f"mangler hashkæden ved hændelse nr. {latest.position} (kontrolpunkt {log.path})"
    else:
        what = (
            f"har ikke længere den hashkæde, kontrolpunktet fra {latest.at} ({log.path}) "
            f"skrev ved hændelse nr. {latest.position}"
        )
    raise StoreDamaged(
        f"Lageret {where} {what}; kør 'chefforum verify'. (Er lageret lagt tilbage fra "
        "en sikkerhedskopi med vilje, så flyt kontrolpunktfilen væk.)"
    )


def _check_declared_actor(minutes: Minutes, recorder: ChainedPostgresRecorder) -> None:
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
                raise _postgres().IdentityRefused(
                    f"databaserollen {role} står ikke i chefforum_people og må ikke skrive; "
                    "en administrator tilføjer den med 'chefforum people add'."
                )
            if declared is not None and declared != shown:
                raise _postgres().IdentityRefused(
                    f'du er logget ind som {role} ({shown}), men skriver som "{declared}"; '
                    f'angiv --actor "{shown}" eller ingen --actor.'
                )

    recorder.declared_check = check


def signed_in_name(minutes: Minutes) -> str | None:
    """On PostgreSQL with identities enforced, the display name of the database role this
    process is logged in as (the actor it must write as); else None."""
    recorder = minutes.recorder
    if not _on_postgres(recorder):
        return None
    _role, shown, enforced = recorder.signed_in()
    return shown if enforced else None


def chained(minutes: Minutes) -> ChainedRecorder:
    recorder = minutes.recorder
    if not (isinstance(recorder, ChainedSQLiteRecorder) or _on_postgres(recorder)):
        raise StoreError(f"ukendt lager ({type(recorder).__name__})")
    return recorder


def check_meeting_sealed(minutes: Minutes, meeting_id: UUID, version: int) -> None:
    """StoreDamaged unless the meeting's events up to `version` are those the hash chain
    sealed (projections/store/sealed.py): asked before a referat is exported or published."""
    recorder = chained(minutes)
    check_sealed(recorder.sealed_rows(meeting_id, version), recorder.chain, recorder.store_id)
    _check_snapshot(minutes, meeting_id, version)


def _check_snapshot(minutes: Minutes, meeting_id: UUID, version: int) -> None:
    """The snapshot a load starts from is no part of the chain: it must be what the
    sealed events make, or the meeting is not printed from it (a forged but readable
    snapshot was exported and published as the minutes)."""
    if minutes.snapshots is None:
        return
    found = list(minutes.snapshots.get(meeting_id, desc=True, lte=version, limit=1))
    if not found:
        return
    at = found[0].originator_version
    snapshot: Any = found[0]
    replayed = replay(None, minutes.events.get(meeting_id, lte=at))
    if snapshot.state.get("state") != replayed.state:
        raise StoreDamaged(
            f"mødets snapshot ved hændelse {at} svarer ikke til hændelserne: lageret er "
            "ændret uden om programmet, og intet er udskrevet. Kør 'chefforum verify'."
        )


def approval_checkpoint(minutes: Minutes, meeting_id: UUID, version: int) -> Checkpoint | None:
    """The checkpoint at the meeting's last approval up to `version` (what its referat
    prints as Kontrolsum), read from the store's chain; None before any approval."""
    recorder = chained(minutes)
    position = recorder.last_of(meeting_id, version, APPROVED_TOPIC)
    link = recorder.chain_link(position) if position is not None else None
    if position is None or link is None:
        return None
    return Checkpoint(position=position, head=link)


def postgres_people(minutes: Minutes) -> ChainedPostgresRecorder:
    """The recorder that keeps the people table; StoreError on SQLite, which has none."""
    recorder = minutes.recorder
    if not _on_postgres(recorder):
        raise StoreError(
            "personer og databaseroller findes kun på PostgreSQL; på SQLite er du den, "
            "--actor (eller CHEFFORUM_ACTOR, eller login-navnet) siger."
        )
    return recorder
