"""Opening the store where the events live (projections/store/location.py says where),
with its read models attached."""

from __future__ import annotations

import gc
import threading
from contextlib import nullcontext
from pathlib import Path

from domain.application import Minutes
from domain.errors import ChefforumError, StoreDamaged
from projections.config import check_settings
from projections.readmodels.runner import ReadModels
from projections.readmodels.view import ReadModelView
from projections.store.checkpoint_guard import open_chain
from projections.store.cipher import check_key
from projections.store.damage import StoreUnavailable, as_store_error, first_line
from projections.store.location import StoreError, is_postgres, location, store_env
from projections.store.recorders import check_declared_actor, on_postgres, postgres_dialect
from projections.store.sqlite.readmodels import SQLiteReadModelView, memory_datastore
from projections.store.sqlite.recorder import ChainedSQLiteRecorder


def _read_models(minutes: Minutes, where: str) -> ReadModels:
    """The store's one ReadModels, its tables made or migrated."""
    recorder = minutes.recorder
    view: ReadModelView
    if minutes.mapper.cipher is not None:
        # An encrypted store keeps its read models out of the store, where they would
        # hold the minutes in clear: in this process's memory, filled on first use.
        view = SQLiteReadModelView(memory_datastore(), application_name=minutes.name)
    elif on_postgres(recorder) and not recorder.keeps_read_models():
        # A writer may not write the stored read models (no writer can forge what the
        # owner's list and site show): its own are derived in memory from the events.
        view = SQLiteReadModelView(memory_datastore(), application_name=minutes.name)
    elif on_postgres(recorder):
        view = postgres_dialect().PostgresReadModelView(
            recorder.datastore, application_name=minutes.name
        )
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
    if on_postgres(recorder):
        return postgres_dialect().PostgresReadModelView(  # type: ignore[no-any-return]
            recorder.datastore, application_name=minutes.name
        )
    if isinstance(recorder, ChainedSQLiteRecorder):
        return SQLiteReadModelView(recorder.datastore, application_name=minutes.name)
    return None


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
        setup = postgres_dialect().setup_lock(env, create=create) if is_postgres(where) else None
        with setup or nullcontext(False) as ready:
            if ready:
                env["CREATE_TABLE"] = "false"
            minutes = Minutes(env=env)
            if not create:
                return minutes
            try:
                check_key(minutes, where)  # before anything reads an event or writes a table
                open_chain(minutes, where)
                minutes.read_models = _read_models(minutes, where)
                recorder = minutes.recorder
                if on_postgres(recorder):
                    if not ready:
                        recorder.mark_set_up()
                    check_declared_actor(minutes, recorder)
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
