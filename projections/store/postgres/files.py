"""Bilag as files (domain/cases/files.py) in PostgreSQL: kept by their SHA-256 in bytea,
written in the events' transaction; append-only like the events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg.sql import SQL, Composed, Identifier

FILES_TABLE = "chefforum_files"
_FILES_STATEMENTS = (
    "CREATE TABLE IF NOT EXISTS {files} (sha256 text PRIMARY KEY, size bigint NOT NULL, "
    "media_type text NOT NULL, data bytea NOT NULL, text bytea NOT NULL)",
    # Already compressed (PDF, images) or small: stored as given, out of line.
    "ALTER TABLE {files} ALTER COLUMN data SET STORAGE EXTERNAL",
    "CREATE OR REPLACE TRIGGER chefforum_append_only BEFORE UPDATE OR DELETE "
    "ON {files} FOR EACH ROW EXECUTE FUNCTION {s}.chefforum_append_only()",
)


class PostgresFiles:
    datastore: Any
    _s: Identifier

    @property
    def files_table(self) -> Composed:
        return SQL("{}.{}").format(self._s, Identifier(FILES_TABLE))

    def files_statements(self) -> list[Composed]:
        return [SQL(t).format(files=self.files_table, s=self._s) for t in _FILES_STATEMENTS]

    def insert_files(self, curs: Any, files: Sequence[Any]) -> None:
        """The same file attached twice is kept once (its hash is its key)."""
        if files:
            curs.executemany(
                SQL("INSERT INTO {} VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING").format(
                    self.files_table
                ),
                [(f.sha256, f.size, f.media_type, f.data, f.text) for f in files],
            )

    def _file_query(self, statement: str, params: Sequence[Any]) -> list[Any]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(SQL(statement).format(files=self.files_table), params)
            return list(curs.fetchall())

    def read_file(self, sha256: str) -> tuple[int, str, bytes] | None:
        """(size, media type, data as stored) of a file, or None."""
        rows = self._file_query(
            "SELECT size, media_type, data FROM {files} WHERE sha256 = %s", (sha256,)
        )
        if not rows:
            return None
        return int(rows[0]["size"]), rows[0]["media_type"], bytes(rows[0]["data"])

    def file_text(self, sha256: str) -> bytes | None:
        rows = self._file_query("SELECT text FROM {files} WHERE sha256 = %s", (sha256,))
        return bytes(rows[0]["text"]) if rows else None

    def file_rows(self, after: str, limit: int) -> list[tuple[str, int, bytes]]:
        """(hash, size, data as stored) of the files after a hash, in hash order."""
        rows = self._file_query(
            "SELECT sha256, size, data FROM {files} WHERE sha256 > %s "
            'ORDER BY sha256 COLLATE "C" LIMIT %s',
            (after, limit),
        )
        return [(r["sha256"], int(r["size"]), bytes(r["data"])) for r in rows]

    def files_size(self) -> int:
        """The bytes the files take in the server (the benchmark's figure)."""
        rows = self._file_query("SELECT pg_total_relation_size('{files}'::regclass) AS n", ())
        return int(rows[0]["n"])
