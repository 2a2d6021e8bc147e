"""Bilag as files (domain/cases/files.py) in SQLite: kept by their SHA-256, written in the
events' transaction; `data` and `text` as the application hands them (encrypted or not)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.sqlite import SQLiteDatastore

FILES_TABLE = "chefforum_files"


class SQLiteFiles:
    datastore: SQLiteDatastore

    @staticmethod
    def files_create_statement() -> str:
        return (
            f"CREATE TABLE IF NOT EXISTS {FILES_TABLE} (sha256 TEXT PRIMARY KEY, "
            "size INTEGER NOT NULL, media_type TEXT NOT NULL, data BLOB NOT NULL, "
            "text BLOB NOT NULL)"
        )

    @staticmethod
    def insert_files(c: Any, files: Sequence[Any]) -> None:
        """The same file attached twice is kept once (its hash is its key)."""
        c.executemany(
            f"INSERT OR IGNORE INTO {FILES_TABLE} VALUES (?, ?, ?, ?, ?)",
            [(f.sha256, f.size, f.media_type, f.data, f.text) for f in files],
        )

    def read_file(self, sha256: str) -> tuple[int, str, bytes] | None:
        """(size, media type, data as stored) of a file, or None."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT size, media_type, data FROM {FILES_TABLE} WHERE sha256 = ?", (sha256,)
            )
            row = c.fetchone()
            return (int(row["size"]), str(row["media_type"]), bytes(row["data"])) if row else None

    def file_text(self, sha256: str) -> bytes | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT text FROM {FILES_TABLE} WHERE sha256 = ?", (sha256,))
            row = c.fetchone()
            return bytes(row["text"]) if row else None

    def file_rows(self, after: str, limit: int) -> list[tuple[str, int, bytes]]:
        """(hash, size, data as stored) of the files after a hash, in hash order: verify
        reads them a few at a time."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT CAST(sha256 AS TEXT) AS sha256, size, data FROM {FILES_TABLE} "
                "WHERE sha256 > ? ORDER BY sha256 LIMIT ?",
                (after, limit),
            )
            return [(str(r["sha256"]), r["size"], bytes(r["data"])) for r in c.fetchall()]

    def files_size(self) -> int:
        """The bytes the files take as stored (the benchmark's figure)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT coalesce(sum(length(data)), 0) AS n FROM {FILES_TABLE}")
            return int(c.fetchone()["n"])
