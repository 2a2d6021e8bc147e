"""A damaged store, said in one line: which exceptions of eventsourcing and the drivers
mean that the stored data is not as chefforum wrote it, and what to tell the user.

The command line (chefforum_tui/cli) and open_minutes turn these into a StoreDamaged
error (exit 2) naming what is damaged and pointing to `chefforum verify`, never a
traceback. Exceptions that are not about the store (a bug) are left alone.
"""

from __future__ import annotations

import sys

from eventsourcing.domain import EventSourcingError, OriginatorIDError, OriginatorVersionError
from eventsourcing.persistence import (
    IntegrityError,
    MapperDeserialisationError,
    OperationalError,
    PersistenceError,
)
from eventsourcing.utils import TopicError

from domain.errors import ChefforumError, StoreDamaged
from projections.store.sqlite.connection import DRIVER_ERRORS as SQLITE_ERRORS

VERIFY = "kør 'chefforum verify'"
_STORE_EXCEPTIONS: tuple[type[BaseException], ...] = (
    MapperDeserialisationError,
    TopicError,
    OriginatorVersionError,
    OriginatorIDError,
    PersistenceError,
    EventSourcingError,
    *SQLITE_ERRORS,
)
_MEANINGS = (
    ("file is not a database", "er ikke et SQLite-lager, eller dets første side er ødelagt"),
    ("disk image is malformed", "er beskadiget (SQLite: 'database disk image is malformed')"),
    ("no such table", "mangler en tabel ({detail})"),
    ("no such column", "mangler en kolonne ({detail})"),
    ("does not exist", "mangler en del ({detail})"),
    ("could not decode to utf-8", "har en række med ugyldig tekst ({detail})"),
    ("unique constraint", "har to rækker, hvor der kun må være én ({detail})"),
    ("duplicate key", "har to rækker, hvor der kun må være én ({detail})"),
)


def first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0][:200] if text else type(e).__name__


def as_store_error(e: BaseException, where: str) -> ChefforumError | None:
    """The one line for an exception about the store: damaged (StoreDamaged), or busy or
    unreachable (StoreUnavailable); None for an exception that is not about the store."""
    if isinstance(e, ChefforumError):
        return e if isinstance(e, StoreDamaged) else None
    if isinstance(e, OperationalError) and _busy_or_gone(e):
        return StoreUnavailable(f"Lageret {where} svarer ikke: {_short(first_line(e))}")
    if "permission denied" in str(e).lower():  # a PostgreSQL role without the grants
        return StoreUnavailable(
            f"Din databaserolle har ikke adgang til lageret {where} ({_short(first_line(e))}); "
            "en administrator giver adgang med 'chefforum people add ROLLE \"Navn\"'."
        )
    if isinstance(e, _STORE_EXCEPTIONS + _loaded_driver_errors()):
        return describe(e, where)
    return None


def _loaded_driver_errors() -> tuple[type[BaseException], ...]:
    """PostgreSQL's driver errors, once its dialect module is loaded: a process on SQLite
    never imports psycopg (a command loads only what it uses), and then none can arise."""
    postgres = sys.modules.get("projections.store.postgres.connection")
    return tuple(postgres.DRIVER_ERRORS) if postgres is not None else ()


class StoreUnavailable(ChefforumError):
    """The store is locked by another process for too long, or the server is unreachable."""


def _busy_or_gone(e: BaseException) -> bool:
    text = str(e).lower()
    return any(
        words in text
        for words in ("database is locked", "lock timeout", "connection", "could not connect")
    )


def describe(e: BaseException, where: str) -> StoreDamaged:
    """The one line for a damaged store."""
    if isinstance(e, StoreDamaged):
        return e
    detail = first_line(e)
    lowered = detail.lower()
    if isinstance(e, MapperDeserialisationError):
        what = f"har en hændelse, der ikke kan læses ({_short(detail)})"
    elif isinstance(e, TopicError):
        what = f"har en hændelse af en ukendt type ({_short(detail)})"
    elif isinstance(e, OriginatorVersionError | OriginatorIDError):
        what = "har et møde, hvis hændelser ikke følger hinanden (én mangler eller er flyttet)"
    elif isinstance(e, IntegrityError):
        what = f"har rækker, der strider mod lagerets regler ({_short(detail)})"
    else:
        what = next(
            (text.format(detail=_short(detail)) for key, text in _MEANINGS if key in lowered),
            f"kan ikke læses ({type(e).__name__}: {_short(detail)})",
        )
    return StoreDamaged(f"Lageret {where} {what}; {VERIFY}.")


def _short(text: str) -> str:
    return text if len(text) <= 120 else text[:119] + "…"
