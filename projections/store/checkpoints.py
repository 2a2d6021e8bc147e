"""Checkpoints: the chain's head at a moment, written OUTSIDE the store.

On every approval of minutes and every publication of an agenda the recorder appends one
line to a local file (default: chefforum-checkpoints.txt beside an SQLite store; for
PostgreSQL ~/.local/state/chefforum/chefforum-checkpoints.txt; CHEFFORUM_CHECKPOINTS=PATH
for another). A line says which store (its identity, and where it was), the position
(notification id) and the chain's link there, and the kind of chain:

    2026-05-20T10:15:03Z position=131 head=9f86…(64 hex) chain=hmac-sha256 store=…
        meeting=… event=MinutesApproved where=/srv/referater/events.db

The exported referat of approved minutes prints the same as "Kontrolsum: 131:9f86d081…".
`chefforum verify` (checkpoints from that file, or --checkpoint FILE|POSITION:HEAD) then
proves the store still holds every event up to each checkpoint, unaltered: a store cut
short, a lost or cut write-ahead log, deleted newest events, or a chain recomputed
without the key no longer reach the head that was written down.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from domain.errors import ChefforumError
from projections.config import checked_path, read_limited, regular_file

CHECKPOINTS_VAR = "CHEFFORUM_CHECKPOINTS"
FILE_NAME = "chefforum-checkpoints.txt"
CHECKPOINT_TOPICS = frozenset({"chefforum:MinutesApproved", "chefforum:AgendaPublished"})
PRINTED_HEAD = 16  # hex digits of the head in a printed Kontrolsum
MIN_HEAD = 8
TAIL_BYTES = 64 * 1024  # what a command reads of the file when it opens the store
_ARG = re.compile(r"^\s*(\d+)\s*:\s*([0-9a-fA-F]+)\s*$")


class CheckpointError(ChefforumError):
    """A checkpoint given on the command line could not be read."""


class CheckpointWarning(UserWarning):
    """A checkpoint could not be written (the change itself is saved)."""


@dataclass(frozen=True)
class Checkpoint:
    position: int
    head: str  # the link at `position`: 64 hex digits, or a prefix when printed
    chain: str | None = None
    store: str | None = None
    at: str | None = None
    meeting: str | None = None
    event: str | None = None
    where: str | None = None

    @property
    def printed(self) -> str:
        """As the referat prints it: position and the start of the head."""
        return f"{self.position}:{self.head[:PRINTED_HEAD]}"

    def line(self) -> str:
        fields = {
            "position": str(self.position),
            "head": self.head,
            "chain": self.chain,
            "store": self.store,
            "meeting": self.meeting,
            "event": self.event,
            "where": self.where,  # last: the rest of the line
        }
        shown = " ".join(f"{k}={v}" for k, v in fields.items() if v is not None)
        return f"{self.at or now()} {shown}"

    @staticmethod
    def parse(line: str) -> Checkpoint | None:
        """A line of the file, or None when it is not one."""
        at, _, rest = line.strip().partition(" ")
        where = None
        if " where=" in f" {rest}":
            rest, _, where = f" {rest}".partition(" where=")
        fields = dict(part.partition("=")[::2] for part in rest.split())
        try:
            position = int(fields["position"])
            head = fields["head"].lower()
        except (KeyError, ValueError):
            return None
        if position < 1 or len(head) < MIN_HEAD or not _is_hex(head):
            return None
        return Checkpoint(
            position=position,
            head=head,
            chain=fields.get("chain"),
            store=fields.get("store"),
            at=at,
            meeting=fields.get("meeting"),
            event=fields.get("event"),
            where=where.strip() if where else None,
        )

    @staticmethod
    def parse_printed(text: str) -> Checkpoint | None:
        """POSITION:HEAD as a referat prints it (Kontrolsum), or None."""
        match = _ARG.match(text)
        if not match or len(match[2]) < MIN_HEAD:
            return None
        return Checkpoint(position=int(match[1]), head=match[2].lower())


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdef" for c in text)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def location_name(where: str) -> str:
    """The store's location as checkpoints name it: an absolute path, or a PostgreSQL
    URL without user or password."""
    if not where.startswith(("postgresql://", "postgres://")):
        return str(Path(where).resolve())
    url = urlparse(where)
    schema = next(
        (unquote(p[7:]) for p in url.query.split("&") if p.startswith("schema=")), "public"
    )
    host = url.hostname or "127.0.0.1"
    return f"postgresql://{host}:{url.port or 5432}/{unquote(url.path.lstrip('/'))}?schema={schema}"


def default_path(where: str) -> Path:
    """CHEFFORUM_CHECKPOINTS, else beside an SQLite file, else in the user's state folder."""
    given = os.environ.get(CHECKPOINTS_VAR, "").strip()
    if given:
        return checked_path(given, CHECKPOINTS_VAR)
    if not where.startswith(("postgresql://", "postgres://")):
        return Path(where).resolve().parent / FILE_NAME
    state = os.environ.get("XDG_STATE_HOME", "").strip() or str(Path.home() / ".local/state")
    return Path(state) / "chefforum" / FILE_NAME


class CheckpointLog:
    """The append-only file of one store's checkpoints (it may hold other stores' too)."""

    def __init__(self, path: Path, where: str) -> None:
        self.path = path
        self.where = location_name(where)
        # The file beside an SQLite store moves with it (a copied or restored folder):
        # there a checkpoint names this store by the file's name as well as its path.
        self.beside = not where.startswith(("postgresql://", "postgres://")) and (
            path.resolve().parent == Path(self.where).parent
        )

    def append(self, checkpoint: Checkpoint) -> None:
        """Add a line and sync it to disk; a failure is a warning, since the change it
        follows is already saved."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # O_NONBLOCK: a FIFO without a reader is an error (a warning), not a wait.
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK
            fd = os.open(self.path, flags, 0o644)
            try:
                os.write(fd, (checkpoint.line() + "\n").encode())
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as e:
            warnings.warn(
                CheckpointWarning(
                    f"kontrolpunktet {checkpoint.printed} kunne ikke skrives til "
                    f"{self.path}: {e.strerror}"
                ),
                stacklevel=2,
            )

    def read(self, *, tail: bool = False) -> list[Checkpoint]:
        """The checkpoints in the file (with tail, those in its last TAIL_BYTES), skipping
        lines that are none; no file: none."""
        # A device or a FIFO named by CHEFFORUM_CHECKPOINTS is refused (ConfigError), not
        # read without end or waited on.
        found = regular_file(self.path, f"Kontrolpunktfilen ({CHECKPOINTS_VAR})")
        if found is None:
            return []
        start = max(0, found.st_size - TAIL_BYTES) if tail else 0
        try:
            data = read_limited(self.path, "Kontrolpunktfilen", start=start)
        except OSError:
            return []
        lines = data.decode("utf-8", "replace").splitlines()
        if start > 0:
            lines = lines[1:]  # the first may be cut
        return [c for c in map(Checkpoint.parse, lines) if c is not None]

    def for_store(
        self, checkpoints: list[Checkpoint], store_id: str | None, *, lost_identity: bool
    ) -> list[Checkpoint]:
        """The checkpoints of this store: by its identity; when the store has lost it (no
        identity row, or no events), those written at its location."""
        mine = [c for c in checkpoints if store_id is not None and c.store == store_id]
        if mine or not lost_identity:
            return mine
        return [c for c in checkpoints if self.here(c)]

    def here(self, checkpoint: Checkpoint) -> bool:
        """Whether a checkpoint was written for a store at this location."""
        if checkpoint.where is None:
            return False
        if checkpoint.where == self.where:
            return True
        return self.beside and Path(checkpoint.where).name == Path(self.where).name


def read_file(path: str) -> list[Checkpoint]:
    """Every checkpoint in a file given on the command line."""
    try:
        text = read_limited(Path(path), "Kontrolpunktfilen").decode("utf-8", "replace")
    except OSError as e:
        raise CheckpointError(f"kan ikke læse kontrolpunkterne i {path}: {e.strerror}") from None
    return [c for c in map(Checkpoint.parse, text.splitlines()) if c is not None]


class WritesCheckpoints:
    """For the chained recorders: after a save with an approval or an agenda publication
    has committed, append a checkpoint at that event. open_minutes sets `checkpoints` and
    `store_id`; a recorder without them writes none."""

    checkpoints: CheckpointLog | None = None
    store_id: str | None = None

    def write_checkpoint(
        self, mode: str, rows: list[tuple[object, ...]], topics: list[str], meetings: list[str]
    ) -> None:
        """rows: the chain rows just committed (notification id first, link last)."""
        if self.checkpoints is None:
            return
        for row, topic, meeting in reversed(list(zip(rows, topics, meetings, strict=True))):
            if topic in CHECKPOINT_TOPICS:
                self.checkpoints.append(
                    Checkpoint(
                        position=int(str(row[0])),
                        head=str(row[-1]),
                        chain=mode,
                        store=self.store_id,
                        meeting=meeting,
                        event=topic.rpartition(":")[2],
                        where=self.checkpoints.where,
                    )
                )
                return
