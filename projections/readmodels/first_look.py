"""The meeting list's first page as the stored read model holds it, read before the store
is opened: the TUI shows it while the domain and the store load (some hundreds of
milliseconds), and replaces it with what the opened store says.

Only a first look: the read model may be behind the events, and the store may refuse to
open (damaged, behind its checkpoint, locked). None where there is nothing to look at
without opening the store: a new store, an encrypted one (its read models live in
memory), one whose read model has another schema or no meetings yet, one that cannot be
read at once, or one on PostgreSQL (below)."""

from __future__ import annotations

from domain.errors import ChefforumError
from domain.meeting.summary import MeetingSummary
from projections.readmodels.summaries import summary
from projections.readmodels.view import SCHEMA
from projections.store.location import is_postgres, location, store_env


def first_page(given: str | None, limit: int) -> list[MeetingSummary] | None:
    """The newest `limit` meetings of the store at the given or default location."""
    try:
        where = location(given)
        env = store_env(where)
    except ChefforumError:
        return None  # opening the store says what is wrong, in its own words
    # PostgreSQL takes the store's own path: psycopg's import alone (0.2-0.4 s) stood
    # between the start and a first look, which then came only 0.1 s before the store's
    # own list, and the store opening after it put that list 0.55 s later than before.
    if env["CIPHER_TOPIC"] or is_postgres(where):
        return None
    from projections.store.sqlite.first_look import first_page as sqlite_page

    rows = sqlite_page(env["SQLITE_DBNAME"], SCHEMA, limit)
    if not rows:
        return None  # an empty read model may only be behind: "no meetings yet" is no look
    try:
        return [summary(row) for row in rows]
    except (KeyError, TypeError, ValueError):
        return None  # a damaged row: the opened store's list reads it and says so
