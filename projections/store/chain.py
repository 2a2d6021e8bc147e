"""Tamper evidence: a hash chain over the stored events, written in the same transaction.

Each stored event gets a row: its hash (over originator id, version, topic, the stored
bytes and, on PostgreSQL, the database role that wrote it) and a link over the previous
link and this event's hash, in notification order. The recorders that write it, by the
same cursor and inside the same transaction as the events, are eventsourcing's own
extended in the dialect packages (ChainedSQLiteRecorder in sqlite/recorder.py,
ChainedPostgresRecorder in postgres/recorder.py).

With a chain key (CHEFFORUM_CHAIN_KEY, or derived from CHEFFORUM_CIPHER_KEY by HKDF when
only that is set) the links are HMAC-SHA256 under the key, kept outside the store:
someone with only the store cannot recompute them after changing an event. Without a key
the links are plain SHA-256, which anyone who can write to the store can recompute; then
only a checkpoint kept outside the store (checkpoints.py) shows the rewrite.

Each store has one row in chefforum_store: its identity (a random id, written into every
checkpoint), the kind of chain it keeps, and a check value of its key (an HMAC of a fixed
text, which tells a wrong key from an altered chain and reveals nothing of the key).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from eventsourcing.persistence import StoredEvent

from domain.errors import ChefforumError

GENESIS = "0" * 64
CHAIN_TABLE = "chefforum_chain"
STORE_TABLE = "chefforum_store"
CHAIN_KEY_VAR = "CHEFFORUM_CHAIN_KEY"
CIPHER_KEY_VAR = "CHEFFORUM_CIPHER_KEY"
ChainMode = Literal["sha256", "hmac-sha256"]
PLAIN: ChainMode = "sha256"
KEYED: ChainMode = "hmac-sha256"
MIN_KEY_BYTES = 16
_HKDF_INFO = b"chefforum hash chain v1"
_KEY_CHECK = b"chefforum chain key check v1"


class ChainKeyError(ChefforumError):
    """The chain key is malformed, missing, or not the one the store was written with."""


def chain_key() -> tuple[bytes | None, bool]:
    """The chain key from the environment, and whether it was given as such (True) or
    derived from the cipher key (False). (None, False) without either."""
    given = os.environ.get(CHAIN_KEY_VAR, "").strip()
    if given:
        try:
            key = base64.b64decode(given, validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) < MIN_KEY_BYTES:
            raise ChainKeyError(
                f"{CHAIN_KEY_VAR} er ikke en gyldig nøgle (base64 af mindst {MIN_KEY_BYTES} "
                "byte); lav en med 'chefforum keygen'."
            )
        return key, True
    cipher_key = os.environ.get(CIPHER_KEY_VAR, "").strip()
    if not cipher_key:
        return None, False
    try:
        material = base64.b64decode(cipher_key, validate=True)
    except (binascii.Error, ValueError):
        return None, False  # cipher_env reports the malformed cipher key
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO)
    return derived.derive(material), False


@dataclass(frozen=True)
class Chain:
    """How links are made: keyed (HMAC-SHA256) or plain (SHA-256)."""

    key: bytes | None = None
    # A key derived from the cipher key also reads stores chained before keys existed.
    derived: bool = False

    @property
    def mode(self) -> ChainMode:
        return KEYED if self.key is not None else PLAIN

    def link(self, previous: str, this_hash: str) -> str:
        return next_link(previous, this_hash, self.key)

    def start(self, store_id: str | None) -> str:
        """The link before a new store's first event: a link over its identity, so that
        changing the id in chefforum_store breaks the chain (and cannot make the
        checkpoints look like another store's unseen). Stores chained before start at
        GENESIS, which verify still takes."""
        if store_id is None:
            return GENESIS
        identity = hashlib.sha256(f"chefforum store {store_id}".encode()).hexdigest()
        return self.link(GENESIS, identity)

    def key_check(self) -> str | None:
        if self.key is None:
            return None
        return hmac.new(self.key, _KEY_CHECK, hashlib.sha256).hexdigest()[:32]

    @staticmethod
    def from_env() -> Chain:
        key, given = chain_key()
        return Chain(key, derived=key is not None and not given)


@dataclass(frozen=True)
class StoreInfo:
    """The store's row in chefforum_store."""

    store_id: str
    mode: ChainMode
    key_check: str | None


def store_info(store_id: Any, mode: Any, key_check: Any) -> StoreInfo:
    """The store's row as read; an unknown kind of chain is the store's damage."""
    if mode not in (PLAIN, KEYED):
        raise ChainKeyError(f"lagerets række i {STORE_TABLE} er beskadiget (kæde '{mode}').")
    return StoreInfo(str(store_id), mode, None if key_check is None else str(key_check))


def check_mode(found: Any, chain: Chain) -> None:
    """At each save, under the write lock: the store's chain is of the kind this process
    links (None: no row yet, an older store opened without open_minutes)."""
    if found is not None and found != chain.mode:
        raise ChainKeyError(
            f"lagerets hashkæde er {found}, men denne proces skriver {chain.mode}: "
            f"åbn lageret igen med den rigtige nøgle ({CHAIN_KEY_VAR})."
        )


def decide_chain(chain: Chain, found: StoreInfo | None, has_events: bool) -> Chain:
    """The chain a process writes to this store with, or ChainKeyError.

    A new store (no row yet, no events) is chained as the key says. A store with events
    but no row was chained before keys existed: plain. A key derived from the cipher key
    then falls back to plain (so encrypted stores from before keep opening); a key given
    as CHEFFORUM_CHAIN_KEY is refused, like a cipher key for a store written without one.
    """
    # A store without events takes the key given; with events but no row: plain.
    mode = (found.mode if found is not None else PLAIN) if has_events else chain.mode
    if mode == PLAIN:
        if chain.key is not None and not chain.derived and has_events:
            raise ChainKeyError(
                f"lageret er skrevet uden kædenøgle, men {CHAIN_KEY_VAR} er sat; "
                "fjern nøglen for at åbne det."
            )
        return Chain()
    if chain.key is None:
        raise ChainKeyError(
            f"lageret er skrevet med en kædenøgle; sæt {CHAIN_KEY_VAR} (eller "
            f"{CIPHER_KEY_VAR}, hvis nøglen er afledt af den) for at bruge det."
        )
    if found is not None and found.key_check and found.key_check != chain.key_check():
        raise ChainKeyError(
            "kædenøglen er ikke den, lageret blev skrevet med "
            f"({CHAIN_KEY_VAR} eller {CIPHER_KEY_VAR})."
        )
    return chain


def event_hash(
    originator_id: UUID | str,
    version: int,
    topic: str,
    state: bytes,
    db_user: str | None = None,
) -> str:
    oid = originator_id.hex if isinstance(originator_id, UUID) else UUID(str(originator_id)).hex
    digest = hashlib.sha256()
    parts = [oid.encode(), str(version).encode(), topic.encode()]
    for part in parts:
        digest.update(len(part).to_bytes(4, "big") + part)
    digest.update(state)
    if db_user is not None:  # PostgreSQL: the role the server recorded (older rows: none)
        user = db_user.encode()
        digest.update(b"\x00db_user" + len(user).to_bytes(4, "big") + user)
    return digest.hexdigest()


def next_link(previous: str, this_hash: str, key: bytes | None = None) -> str:
    message = f"{previous}:{this_hash}".encode()
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    notification_id: int
    originator_id: str
    originator_version: int
    event_hash: str
    link: str


@dataclass(frozen=True)
class StoredRow:
    """An events table row as verify reads it: any bytes, any type, nothing decoded."""

    notification_id: int
    originator_id: str
    originator_version: int
    topic: str
    state: bytes
    db_user: str | None = None

    @property
    def hash(self) -> str:
        return event_hash(
            self.originator_id, self.originator_version, self.topic, self.state, self.db_user
        )

    @property
    def key(self) -> tuple[str, int]:
        return self.originator_id, self.originator_version


def as_bytes(value: Any) -> bytes:
    """A state column as bytes, whatever type it was stored with (sqlite3's replace()
    makes TEXT of a BLOB; a damaged row may hold anything)."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if value is None:
        return b""
    return str(value).encode("utf-8", "surrogatepass")


def as_hex_id(value: Any) -> str:
    """An originator id column as 32 hex digits, or as written when it is no UUID."""
    try:
        return value.hex if isinstance(value, UUID) else UUID(str(value)).hex
    except ValueError:
        return str(value)


def stored_row(
    notification_id: Any,
    originator_id: Any,
    version: Any,
    topic: Any,
    state: Any,
    db_user: Any = None,
) -> StoredRow:
    return StoredRow(
        notification_id=int(notification_id),
        originator_id=as_hex_id(originator_id),
        originator_version=int(version) if isinstance(version, int) else _int(version),
        topic=str(topic),
        state=as_bytes(state),
        db_user=None if db_user is None else str(db_user),
    )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # not a version: the hash will not match the chain


def chain_rows(
    chain: Chain,
    previous: str,
    ids: Sequence[int],
    events: Sequence[StoredEvent],
    db_users: Sequence[str | None] | None = None,
) -> list[tuple[Any, ...]]:
    """The chain rows of newly inserted events, continuing from the link `previous`."""
    rows = []
    users = db_users if db_users is not None else [None] * len(events)
    for notification_id, event, user in zip(ids, events, users, strict=True):
        this = event_hash(
            event.originator_id, event.originator_version, event.topic, event.state, user
        )
        previous = chain.link(previous, this)
        oid = UUID(str(event.originator_id)).hex
        rows.append((notification_id, oid, event.originator_version, this, previous))
    return rows
