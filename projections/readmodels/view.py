"""What the read models ask of a store dialect: their tables, one position, a batch written
in one transaction with that position, and the queries.

Implemented by SQLiteReadModelView and PostgresReadModelView (projections/store/sqlite/
readmodels.py and postgres/readmodels.py), which hold all of the SQL; the rest of
projections/readmodels speaks none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

# Read models are disposable: a store whose read-model tables have another schema gets
# them anew (see the views' create()). 8: SQLite's texts ranked by their rowid too (the
# rank set in place from schema 7, PostgreSQL's unchanged: see RANKED_SCHEMA).
# 7: SQLite's public texts told by their rowid, public no longer indexed.
# 6: rm_search's public column indexed (searched by MATCH).
# 5: indexes to find a meeting by FORUM/DATE and to page through the list.
# 4: one position (eventsourcing's tracking table)
# instead of four rows in rm_position, and no rm_minutes (nothing read it).
SCHEMA = 8
# Schema 7 had the same tables: a store at 7 keeps its rows and position (SQLite's texts
# get their rank in the rowid), instead of rebuilding on the first open after an upgrade.
RANKED_SCHEMA = 7
# Schema 3 had the same meeting, audit and search tables: a store at 3 keeps them and
# carries its position over, instead of rebuilding on the first open after an upgrade.
CARRIED_SCHEMA = 3

# Search ranks the newest this many matching texts and returns the best of them, so that
# what a user waits for does not grow with the archive: of a query matching more texts,
# the older are not ranked (a forum or a period narrows the query to reach them). On a
# store of a million events, a common word's newest 2,000 texts took FTS5 2.4-3 ms to
# read (newest first) and two common words' 7-15 ms; 500 took 0.7-1.2 and 2-7 ms.
SEARCH_WINDOW = 500

# The fields of an item's texts that are not sections (a section is named by its heading).
TITLE, RECOMMENDATION, DECISION = "Titel", "Indstilling", "Beslutning"
EARLIER, REMARK, ATTACHMENT = "Tidligere beslutning", "Protokolbemærkning", "Bilag"
FILE_TEXT = "Bilag: "  # and the file's name: the text of an attached file

# How a search orders the newest texts matching it (store/search_rank.py, and SQLite's
# rowids): higher first, the newest first within each. A title names the case and a
# decision is what was decided; an attached file's text says least of why the item
# matched. The fields say more of why a meeting's text matters than counts of its words
# do (bm25, ts_rank).
RANKS = ((TITLE, 4), (DECISION, 3), (RECOMMENDATION, 3), (ATTACHMENT, 2))
FILE_TEXT_RANK, OTHER_RANK = 0, 1


def field_rank(field: str) -> int:
    if field.startswith(FILE_TEXT):
        return FILE_TEXT_RANK
    return next((rank for name, rank in RANKS if name == field), OTHER_RANK)


# (meeting id hex, item number, item title, field, public, text)
SearchRow = tuple[str, str, str, str, bool, str]
# (meeting id hex, position, at, actor, kind, description, item id hex, item number,
#  before, after), the columns of rm_audit in order
AuditRow = tuple[Any, ...]


class Stale(Exception):
    """Another process moved the position first; the batch was rolled back."""


@dataclass(frozen=True)
class MeetingRows:
    """What one meeting's state puts in the read models: its line in the meeting list
    and its searchable texts (which replace those it had)."""

    key: str  # the meeting id's hex
    forum: str
    date: str  # ISO
    status: str
    items: int
    version: int
    forum_key: str  # the forum casefolded (SQLite's lower() folds only ASCII)
    search: Sequence[SearchRow]


@dataclass(frozen=True)
class SearchFilter:
    stems: tuple[str, ...]  # the query's words stemmed, each matching the words it begins
    tsquery: str  # the same for PostgreSQL's to_tsquery('danish'), which stems them itself
    forum_key: str | None
    date_from: str | None
    date_to: str | None
    internal: bool
    limit: int


class Row(Protocol):
    """A result row by column name (sqlite3.Row, or psycopg's dict row)."""

    def __getitem__(self, key: str, /) -> Any: ...


class ReadModelView(Protocol):
    # Whether the database does most of a write in its own process (PostgreSQL): a rebuild
    # then writes each batch in a thread while it describes the next. SQLite works in
    # this process, and its binding of each row takes the GIL back from the describing:
    # the two in turn were as fast as the thread (71,720 events: 3.1-3.8 s against
    # 3.4-3.9 s), PostgreSQL's thread was faster (4.0 s against 4.4-4.6 s).
    writes_elsewhere: bool

    def create(self) -> None:
        """Make or migrate the tables to SCHEMA (a no-op, without a write, when current)."""

    def position(self) -> int | None:
        """The last notification applied, 0 for none; None when the position is missing or
        is no position (a damaged tracking row)."""

    def meeting_counts(self, meeting_id: str) -> tuple[int, int]:
        """(the meeting's rows in rm_audit, its version in rm_meetings), through the
        primary keys: equal when no row is missing, as each event is one audit row."""

    def write(
        self,
        start: int,
        end: int,
        audit: Sequence[AuditRow],
        meetings: Sequence[MeetingRows],
        *,
        durable: bool = True,
    ) -> None:
        """In one transaction: move the position from `start` to `end` (compare and set,
        else Stale and nothing written), add the audit rows, replace the meetings' rows.
        Not `durable`: committed without waiting for the disk (a rebuild's batches; the
        database stays consistent, a crash may take the last batches: sync() after)."""

    def sync(self) -> None:
        """Wait until every commit made so far is on disk."""

    def analyze(self) -> None:
        """Renew the planner's statistics of the read models' tables, after many rows
        were written at once (a rebuild, a large import)."""

    def reset(self) -> None:
        """Empty the read models and set the position to 0 (writing the tracking row anew
        if it is gone), in one transaction."""

    def meetings(self) -> list[Row]:
        """rm_meetings by date and forum."""

    def meetings_by_prefix(self, prefix: str, limit: int) -> list[Row]:
        """At most `limit` meetings whose id's hex starts with `prefix`, through the
        primary key (a whole id is its own prefix)."""

    def meeting_on(self, forum_key: str, on: str) -> list[Row]:
        """The meeting of a forum (casefolded) on a day (ISO), through an index."""

    def meetings_page(self, after: tuple[str, str, str] | None, limit: int) -> list[Row]:
        """The meeting list newest first: `limit` rows after the key (date, forum, id)."""

    def audit(self, meeting_key: str | None) -> list[Row]:
        """One meeting's audit rows in order, or every meeting's by time."""

    def search(self, where: SearchFilter) -> list[Row]:
        """Ranked hits: meeting_id, forum, date, item_number, item_title, field, text,
        rank (higher is better)."""
