"""The search order (readmodels/view.RANKS) in SQL, for a dialect that orders by field names.

Not bm25 (FTS5) or ts_rank (PostgreSQL), which the stores used before: each counts every
text in the store matching each word of the query (the words' weights), then scores each
text of the window from its words' positions and its length. On a store of a million
events that was 7-24 ms a query on SQLite (about 4 µs per text ranked, and 5-8 ms to count
a common word's 28,000-57,000 texts): 50 readers searching at once on two cores waited
0.4 s at the 99th percentile. A field's rank costs SQLite nothing (it is in the rowid,
sqlite/readmodels.py) and PostgreSQL the field of each text of the window.
"""

from __future__ import annotations

from projections.readmodels.view import FILE_TEXT, FILE_TEXT_RANK, OTHER_RANK, RANKS


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def rank_of(column: str) -> str:
    """A CASE expression: the rank of the field named in `column` (field_rank in SQL)."""
    named = " ".join(f"WHEN {column} = {_literal(name)} THEN {rank}" for name, rank in RANKS)
    file_text = f"substr({column}, 1, {len(FILE_TEXT)}) = {_literal(FILE_TEXT)}"
    return f"CASE WHEN {file_text} THEN {FILE_TEXT_RANK} {named} ELSE {OTHER_RANK} END"
