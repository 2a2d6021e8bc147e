"""The read models (projections/readmodels) in SQLite, beside the events in the store's
file (or in memory): their tables, how they are made and migrated, written in batches,
and queried (FTS5 for search)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any
from uuid import uuid4

from eventsourcing.persistence import OperationalError
from eventsourcing.sqlite import SQLiteCursor, SQLiteDatastore, SQLiteTrackingRecorder

from projections.readmodels.view import (
    CARRIED_SCHEMA,
    RANKED_SCHEMA,
    SCHEMA,
    SEARCH_WINDOW,
    AuditRow,
    MeetingRows,
    Row,
    SearchFilter,
    Stale,
    field_rank,
)
from projections.store.search_rank import rank_of
from projections.store.sqlite.first_look import MEETINGS_PAGE

# SQLite's default: a checkpoint when the log holds this many pages (not during a rebuild).
AUTOCHECKPOINT = 1000
# A meeting owns a range of rowids in rm_search (see _write_meeting).
SEARCH_ROWS_BITS = 20
# Its internal-only texts in the lower half of the range, its public ones in the upper
# half: the public view is filtered on the rowid alone, without reading the row.
_PUBLIC_ROW = 1 << (SEARCH_ROWS_BITS - 1)
# Within each half, a text's rank (view.field_rank, 0-4) in the next three bits,
# and its number among the meeting's texts of that kind and rank below them (room for
# 65,536): a search orders its window by the rowid alone, without reading the rows.
_RANK_SHIFT = 16
# The search index's words: split on what is not a letter or a digit, letters kept.
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"
_TABLES = (
    "CREATE TABLE IF NOT EXISTS rm_meetings (id TEXT PRIMARY KEY, forum TEXT NOT NULL, "
    "date TEXT NOT NULL, status TEXT NOT NULL, items INTEGER NOT NULL, version INTEGER NOT NULL, "
    "forum_key TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rm_audit (meeting_id TEXT NOT NULL, position INTEGER NOT NULL, "
    "at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL, "
    "item_id TEXT, item_number TEXT, before TEXT, after TEXT, "
    "PRIMARY KEY (meeting_id, position))",
    # Finding a meeting by FORUM/DATE, and the list newest first a page at a time.
    "CREATE INDEX IF NOT EXISTS rm_meetings_on ON rm_meetings (forum_key, date)",
    "CREATE INDEX IF NOT EXISTS rm_meetings_list ON rm_meetings (date, forum, id)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS rm_search USING fts5(meeting_id UNINDEXED, "
    "item_number UNINDEXED, item_title UNINDEXED, field UNINDEXED, public UNINDEXED, "
    f"text, {_TOKENIZE})",
)
_MODEL_TABLES = ("rm_meetings", "rm_audit", "rm_search")
# Search: the newest SEARCH_WINDOW matches (rowid order: a meeting's rows follow its row
# in rm_meetings), the best `limit` of them by their rank (store/search_rank.py), read by
# rowid. FTS5 stops after the window. The public view and the rank are read from the
# rowid (see _PUBLIC_ROW), not from the row: reading each window row's field took 3 µs.
_SEARCH = (
    "WITH recent AS (SELECT s.rowid AS id "
    "FROM rm_search s {join} WHERE rm_search MATCH ? {conditions} "
    "ORDER BY s.rowid DESC LIMIT ?), "
    f"best AS (SELECT id, (id >> {_RANK_SHIFT}) & 7 AS score FROM recent "
    "ORDER BY score DESC, id DESC LIMIT ?) "
    "SELECT s.meeting_id, m.forum, m.date, s.item_number, s.item_title, "
    "s.field, s.text, best.score AS rank FROM best JOIN rm_search s ON s.rowid = best.id "
    "JOIN rm_meetings m ON m.id = s.meeting_id ORDER BY best.score DESC, best.id DESC"
)
# A query word matches the indexed words it begins. FTS5 reads a prefix by merging the
# lists of all those words' texts, whole, before it returns the first match (skol*: 57,742
# texts at 1M events, 5-6 ms); the same words given by name are read lazily, newest first,
# so that the window costs the same whatever the store's size (0.2-0.3 ms). Which words
# begin with a prefix comes from the index's own vocabulary (fts5vocab), asked once per
# position of the read models; a prefix that begins more words than this is matched as a
# prefix.
_TERMS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.rm_search_terms USING fts5vocab(main, rm_search, row)",
    "SELECT term FROM temp.rm_search_terms WHERE term >= ? AND term < ? LIMIT ?",
)
NAMED_TERMS = 64
_COUNT_TABLES = (
    "SELECT count(*) FROM sqlite_master WHERE name IN ('rm_meetings', 'rm_audit', 'rm_search')"
)
_OLD_TABLES = ("rm_position", "rm_minutes")  # schema 3


def _quoted(word: str) -> str:
    """An FTS5 string: whatever the word holds, never query syntax."""
    return '"' + word.replace('"', '""') + '"'


def memory_datastore() -> SQLiteDatastore:
    """A database in this process's memory, shared by its pooled connections (and so by
    threads), gone with them: for the read models of an encrypted store."""
    return SQLiteDatastore(f"file:chefforum-readmodels-{uuid4().hex}?mode=memory&cache=shared")


class SQLiteReadModelView(SQLiteTrackingRecorder):
    """The read models' tables, beside the events in the store's file (or in memory).

    The position is eventsourcing's tracking row (table `tracking`, one row for the
    application "chefforum"), written in the same transaction as the rows it covers.
    eventsourcing's own insert_tracking only refuses to move it backwards, which would let
    two overlapping batches of two processes both commit; write() moves it by compare and
    set from the position the batch was read at instead.
    """

    writes_elsewhere = False

    def __init__(self, datastore: SQLiteDatastore, *, application_name: str) -> None:
        super().__init__(datastore)
        self.application_name = application_name
        # The index's words beginning with a query's stem, and the position they were
        # read at (see _TERMS): a search at another position reads them again.
        self._terms: dict[str, tuple[int | None, list[str]]] = {}

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *_TABLES]

    def _current(self) -> bool:
        try:
            with self.datastore.transaction(commit=False) as c:
                c.execute(
                    "SELECT (SELECT version FROM rm_schema) AS version, (SELECT notification_id "
                    "FROM tracking WHERE application_name = ?) AS position, "
                    f"({_COUNT_TABLES}) AS tables",
                    (self.application_name,),
                )
                row = c.fetchone()
        except (OperationalError, sqlite3.OperationalError):  # no such table
            return False
        return bool(
            row["version"] == SCHEMA
            and row["position"] is not None
            and row["tables"] == len(_MODEL_TABLES)
        )

    def create(self) -> None:
        if self._current():
            return
        with self.datastore.transaction(commit=True) as c:
            c.execute("CREATE TABLE IF NOT EXISTS rm_schema (version INTEGER NOT NULL)")
            # A write first takes the database's write lock: creators go one at a time.
            c.execute("UPDATE rm_schema SET version = version")
            c.execute(f"SELECT version, ({_COUNT_TABLES}) AS tables FROM rm_schema")
            found = c.fetchone()
            # A table gone (dropped by hand): all of them anew, from position 0.
            complete = found is not None and found["tables"] == len(_MODEL_TABLES)
            carried = self._drop_old(c, found["version"] if found and complete else None)
            c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tracking'")
            self.tracking_table_exists = c.fetchone() is not None
            if self.tracking_table_exists:
                self.tracking_migration_previous = self._max_tracking_id(
                    self.table_migration_identifier, c
                )
            self._create_table(c)  # eventsourcing's: its tracking table, then _TABLES
            if carried is None:
                c.execute(
                    "INSERT INTO tracking VALUES (?, 0) ON CONFLICT (application_name) DO NOTHING",
                    (self.application_name,),
                )
            else:
                c.execute(
                    "INSERT INTO tracking VALUES (?, ?) ON CONFLICT (application_name) "
                    "DO UPDATE SET notification_id = excluded.notification_id",
                    (self.application_name, carried),
                )
            c.execute("DELETE FROM rm_schema")
            c.execute("INSERT INTO rm_schema VALUES (?)", (SCHEMA,))

    @staticmethod
    def _drop_old(c: SQLiteCursor, version: int | None) -> int | None:
        """Tables of another schema go; returns the position to start from (None: keep)."""
        if version == SCHEMA:
            return None
        if version == RANKED_SCHEMA:  # its public texts told by the rowid already
            c.execute(
                f"UPDATE rm_search SET rowid = rowid | (({rank_of('field')}) << {_RANK_SHIFT})"
            )
            return None
        if version == CARRIED_SCHEMA:
            c.execute("SELECT MIN(position) AS position FROM rm_position")
            carried = int(c.fetchone()["position"] or 0)
            tables: Sequence[str] = _OLD_TABLES
            # Schema 3 numbered a meeting's texts from the start of its range.
            c.execute(
                f"UPDATE rm_search SET rowid = rowid | ({_PUBLIC_ROW} * public) "
                f"| (({rank_of('field')}) << {_RANK_SHIFT})"
            )
        else:
            carried, tables = 0, (*_OLD_TABLES, *_MODEL_TABLES)
        for table in tables:
            c.execute(f"DROP TABLE IF EXISTS {table}")
        return carried

    def position(self) -> int | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT notification_id FROM tracking WHERE application_name = ?",
                (self.application_name,),
            )
            row = c.fetchone()
        value = row["notification_id"] if row else None
        return value if isinstance(value, int) and value >= 0 else None

    def meeting_counts(self, meeting_id: str) -> tuple[int, int]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT (SELECT count(*) FROM rm_audit WHERE meeting_id = ?) AS audit, "
                "(SELECT coalesce(max(version), 0) FROM rm_meetings WHERE id = ?) AS versions",
                (meeting_id, meeting_id),
            )
            row = c.fetchone()
        return int(row["audit"]), int(row["versions"])

    def write(
        self,
        start: int,
        end: int,
        audit: Sequence[AuditRow],
        meetings: Sequence[MeetingRows],
        *,
        durable: bool = True,
    ) -> None:
        with self.datastore.get_connection(commit=True) as conn:
            # NORMAL in WAL mode: the commit is not synced, but the database stays
            # consistent; SQLite allows the change only between transactions. Nor is the
            # log copied into the database after each batch (a checkpoint, synced, that
            # writes the pages a rebuild changes again and again): sync() does it once.
            if not durable:
                conn._sqlite_conn.execute("PRAGMA synchronous=NORMAL")
                conn._sqlite_conn.execute("PRAGMA wal_autocheckpoint=0")
            try:
                with conn.transaction(commit=True) as c:
                    c.execute(
                        "UPDATE tracking SET notification_id = ? WHERE application_name = ? "
                        "AND notification_id = ? RETURNING notification_id",
                        (end, self.application_name, start),
                    )
                    if c.fetchone() is None:
                        raise Stale
                    c.executemany(
                        "INSERT INTO rm_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", audit
                    )
                    for meeting in meetings:
                        self._write_meeting(c, meeting)
            finally:
                if not durable:
                    conn._sqlite_conn.execute("PRAGMA synchronous=FULL")
                    conn._sqlite_conn.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT}")

    def sync(self) -> None:
        # A commit synced to disk (FULL) syncs the write-ahead log up to it: every earlier
        # commit with it; then the log is copied into the database as far as no reader
        # holds it back (the checkpoints the batches left out).
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                "UPDATE tracking SET notification_id = notification_id WHERE application_name = ?",
                (self.application_name,),
            )
        with self.datastore.get_connection(commit=False) as conn:
            conn._sqlite_conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def analyze(self) -> None:
        pass  # the plans of these queries do not depend on statistics (FTS5, primary keys)

    @staticmethod
    def _write_meeting(c: SQLiteCursor, m: MeetingRows) -> None:
        c.execute(
            "INSERT INTO rm_meetings VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "forum = excluded.forum, date = excluded.date, status = excluded.status, "
            "items = excluded.items, version = excluded.version, forum_key = excluded.forum_key",
            (m.key, m.forum, m.date, m.status, m.items, m.version, m.forum_key),
        )
        # FTS5 can only find a row fast by its rowid, so each meeting owns a range of
        # rowids (from its row number in rm_meetings) and is replaced by range.
        c.execute("SELECT rowid FROM rm_meetings WHERE id = ?", (m.key,))
        first = c.fetchone()["rowid"] << SEARCH_ROWS_BITS
        c.execute(
            "DELETE FROM rm_search WHERE rowid >= ? AND rowid < ?",
            (first, first + (1 << SEARCH_ROWS_BITS)),
        )
        numbered: dict[int, int] = {}  # texts so far of each kind and rank
        rows = []
        for row in m.search:
            kind = _PUBLIC_ROW * row[4] + (field_rank(row[3]) << _RANK_SHIFT)
            n = numbered[kind] = numbered.get(kind, -1) + 1
            rows.append((first + kind + n, *row))
        c.executemany(
            "INSERT INTO rm_search (rowid, meeting_id, item_number, item_title, field, public, "
            "text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def reset(self) -> None:
        with self.datastore.get_connection(commit=True) as conn:
            # Python's SQLite is built with secure_delete on: every freed page is zeroed,
            # which made emptying the tables of 71,720 events take 0.4-0.5 s; FAST zeroes
            # only what costs no extra writes (0.05 s). The rows are derived from the
            # events in the same file (or held in memory, for an encrypted store).
            sqlite = conn._sqlite_conn
            previous = int(sqlite.execute("PRAGMA secure_delete").fetchone()[0])
            sqlite.execute("PRAGMA secure_delete=FAST")
            try:
                with conn.transaction(commit=True) as c:
                    c.execute(
                        "INSERT INTO tracking VALUES (?, 0) ON CONFLICT (application_name) "
                        "DO UPDATE SET notification_id = 0",
                        (self.application_name,),
                    )
                    # Dropped and made anew: FTS5 deletes a row by tokenizing its text again.
                    for table in _MODEL_TABLES:
                        c.execute(f"DROP TABLE {table}")
                    for statement in _TABLES:
                        c.execute(statement)
            finally:
                sqlite.execute(f"PRAGMA secure_delete={previous}")

    def _query(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(statement, params)
            return list(c.fetchall())

    def meetings(self) -> list[Row]:
        return self._query("SELECT * FROM rm_meetings ORDER BY date, forum")

    def meetings_by_prefix(self, prefix: str, limit: int) -> list[Row]:
        # A range on the primary key: the ids are lower-case hex, all below "g".
        return self._query(
            "SELECT * FROM rm_meetings WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "g", limit),
        )

    def meeting_on(self, forum_key: str, on: str) -> list[Row]:
        return self._query(
            "SELECT * FROM rm_meetings WHERE forum_key = ? AND date = ? LIMIT 1", (forum_key, on)
        )

    def meetings_page(self, after: tuple[str, str, str] | None, limit: int) -> list[Row]:
        if after is None:
            return self._query(MEETINGS_PAGE.format(where=""), (limit,))
        return self._query(
            MEETINGS_PAGE.format(where="WHERE (date, forum, id) < (?, ?, ?)"), (*after, limit)
        )

    def audit(self, meeting_key: str | None) -> list[Row]:
        if meeting_key is None:
            return self._query("SELECT * FROM rm_audit ORDER BY at, meeting_id, position")
        return self._query(
            "SELECT * FROM rm_audit WHERE meeting_id = ? ORDER BY position", (meeting_key,)
        )

    def search(self, where: SearchFilter) -> list[Row]:
        conditions: list[str] = []
        params: list[Any] = []
        if where.forum_key is not None:
            conditions.append("AND m.forum_key = ?")
            params.append(where.forum_key)
        if where.date_from:
            conditions.append("AND m.date >= ?")
            params.append(where.date_from)
        if where.date_to:
            conditions.append("AND m.date <= ?")
            params.append(where.date_to)
        join = "JOIN rm_meetings m ON m.id = s.meeting_id" if conditions else ""
        if not where.internal:
            conditions.append(f"AND s.rowid & {_PUBLIC_ROW}")
        with self.datastore.transaction(commit=False) as c:
            match = self._match(c, where.stems)
            if match is None:
                return []
            c.execute(
                _SEARCH.format(join=join, conditions=" ".join(conditions)),
                [match, *params, SEARCH_WINDOW, where.limit],
            )
            return list(c.fetchall())

    def _match(self, c: SQLiteCursor, words: Sequence[str]) -> str | None:
        """The FTS5 MATCH of the query's stems, each as the words of the index it begins
        (None: one begins none, so nothing matches). Only the text column is searched: a
        query such as "1" must not match `public`."""
        c.execute(
            "SELECT notification_id FROM tracking WHERE application_name = ?",
            (self.application_name,),
        )
        row = c.fetchone()
        position = row["notification_id"] if row else None
        groups = []
        for stem in words:
            kept = self._terms.get(stem)
            if kept is None or kept[0] != position:
                c.execute(_TERMS[0])
                c.execute(_TERMS[1], (stem, stem + "\U0010ffff", NAMED_TERMS + 1))
                kept = (position, [r["term"] for r in c.fetchall()])
                if len(self._terms) >= 4 * NAMED_TERMS:
                    self._terms.clear()
                self._terms[stem] = kept
            terms = kept[1]
            if not terms:
                return None
            if len(terms) > NAMED_TERMS:
                groups.append(_quoted(stem) + "*")
            else:
                groups.append("(" + " OR ".join(map(_quoted, terms)) + ")")
        return f"text : ({' AND '.join(groups)})"
