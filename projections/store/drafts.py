"""The draft journal: text typed into a field and not yet stored, kept on disk so that a
crash, a killed terminal or a lost SSH connection does not take it along.

One file per meeting, item and field, holding the text, the stored text it was typed
over (the base a later save is checked against) and when it was written. A file is
written whole to a temporary name, synced and renamed (a crash leaves the old draft or
the new one, never half of one) and removed once its text is stored.

Where: beside an SQLite store (`events.db` -> `events.db-drafts/`); for PostgreSQL in
the user's state folder ($XDG_STATE_HOME/chefforum/drafts/<store>), keyed by the
store's location, since the server's disk is not the secretary's; CHEFFORUM_DRAFTS=DIR
for another folder. Nothing here knows of the UI.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

from projections.store.checkpoints import location_name
from projections.store.location import is_postgres, location

DRAFTS_VAR = "CHEFFORUM_DRAFTS"


@dataclass(frozen=True)
class Draft:
    meeting: str  # the meeting's id
    item: str  # the item's id
    field: str  # as domain.meeting.texts names it: "decision", "section:Økonomi", ...
    text: str  # as typed, not yet stored
    base: str  # the stored text the user started from
    written: str  # ISO time with its offset (shown in the meeting's zone)

    @property
    def item_id(self) -> UUID:
        return UUID(self.item)


def drafts_folder(given: str | None) -> Path:
    """CHEFFORUM_DRAFTS, else beside an SQLite store, else in the user's state folder."""
    named = os.environ.get(DRAFTS_VAR, "").strip()
    if named:
        return Path(named)
    where = location(given)
    if not is_postgres(where):
        path = Path(where).resolve()
        return path.with_name(path.name + "-drafts")
    state = os.environ.get("XDG_STATE_HOME", "").strip() or str(Path.home() / ".local/state")
    key = hashlib.sha256(location_name(where).encode()).hexdigest()[:16]
    return Path(state) / "chefforum" / "drafts" / key


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class DraftJournal:
    """The drafts of one store."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, meeting: UUID, item: UUID, field: str) -> Path:
        # A field name may hold any heading: the file is named by a digest of it.
        name = hashlib.sha256(f"{item}/{field}".encode()).hexdigest()[:24]
        return self.folder / str(meeting) / f"{name}.json"

    def write(self, meeting: UUID, item: UUID, field: str, text: str, base: str) -> Draft:
        """Keep a field's unsaved text, on disk (synced) when this returns."""
        draft = Draft(
            str(meeting), str(item), field, text, base, datetime.now(UTC).isoformat("T", "seconds")
        )
        path = self._path(meeting, item, field)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            json.dump(asdict(draft), out, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
        _sync_folder(path.parent)
        return draft

    def read(self, meeting: UUID, item: UUID, field: str) -> Draft | None:
        return self._load(self._path(meeting, item, field))

    def remove(self, meeting: UUID, item: UUID, field: str, text: str | None = None) -> None:
        """Forget a draft once stored; with `text`, only while the draft still holds that
        text (more typed since is kept)."""
        path = self._path(meeting, item, field)
        if text is not None:
            draft = self._load(path)
            if draft is None or draft.text != text:
                return
        try:
            path.unlink()
        except FileNotFoundError:
            return
        _sync_folder(path.parent)

    def drafts(self, meeting: UUID) -> list[Draft]:
        """The meeting's drafts, oldest first."""
        folder = self.folder / str(meeting)
        if not folder.is_dir():
            return []
        found = [self._load(p) for p in sorted(folder.glob("*.json"))]
        return sorted((d for d in found if d is not None), key=lambda d: d.written)

    @staticmethod
    def _load(path: Path) -> Draft | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Draft(**data)
        except (OSError, ValueError, TypeError):
            return None  # none, or not one of ours: nothing to offer
