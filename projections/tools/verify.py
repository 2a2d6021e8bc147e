"""`chefforum verify`: is the store as it was written, and does it still hold everything?

Four checks, first problem first: the hash chain against itself (keyed with the chain
key when the store was written with one) and against the stored events (an event
altered, removed, inserted or moved); the checkpoints written outside the store (the
store still reaches each one's position with the same head: nothing newer lost, nothing
older rewritten); the snapshots against a replay of the events; each signature's digest
against today's projection of the version that was signed.

It reads the store as it is, never creating or repairing anything, and never crashes on
what it finds: a missing table, a row of the wrong type, a snapshot that is not JSON are
problems it names. Only a missing or wrong key is no finding about the store (ChainKeyError,
CipherError: one line, exit 2).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar
from uuid import UUID

from domain.application import Minutes
from domain.errors import ChefforumError
from domain.meeting.events import MinutesApproved
from projections.documents.referat import digest
from projections.store.chain import (
    CHAIN_KEY_VAR,
    CHAIN_TABLE,
    GENESIS,
    KEYED,
    STORE_TABLE,
    Chain,
    ChainKeyError,
    ChainRow,
    StoredRow,
    StoreInfo,
)
from projections.store.checkpoints import PRINTED_HEAD, Checkpoint, CheckpointLog
from projections.store.cipher import CipherError, check_key

BATCH = 5000
T = TypeVar("T")


class VerifiedRecorder(Protocol):
    """What verify reads (projections/store/sqlite.py and postgres.py)."""

    events_table_name: str

    def tables(self) -> set[str]: ...
    def read_chain(self) -> list[ChainRow]: ...
    def stored_rows(self, start: int, limit: int) -> list[StoredRow]: ...
    def store_row(self) -> tuple[StoreInfo | None, bool]: ...


@dataclass(frozen=True)
class Problem:
    notification_id: int | None
    meeting_id: str
    version: int
    what: str

    def __str__(self) -> str:
        where = f"hændelse nr. {self.notification_id}, " if self.notification_id else ""
        if self.meeting_id:
            where += f"møde {self.meeting_id[:8]} position {self.version}: "
        return f"{where}{self.what}"


class Found(Exception):  # control flow: the first problem ends the check
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def store_problem(what: str) -> Problem:
    return Problem(None, "", 0, what)


def guarded(what: str, step: Callable[[], T]) -> T:
    """Run a step of the check; whatever the store makes it raise is a problem found."""
    try:
        return step()
    except (Found, ChainKeyError, CipherError):
        raise  # found already; or no key, or the wrong one: not a finding about the store
    except ChefforumError as e:
        raise Found(store_problem(f"{what}: {e}")) from e
    except Exception as e:
        text = str(e).strip().splitlines()[0][:160] if str(e).strip() else ""
        raise Found(store_problem(f"{what} ({type(e).__name__}: {text})")) from e


# -- the chain ---------------------------------------------------------------------------


def _chain_for(info: StoreInfo | None, chain: list[ChainRow]) -> tuple[Chain, str | None]:
    """The chain to check with, and a note for the summary; ChainKeyError without the
    key a keyed store needs, or with the wrong one."""
    given = Chain.from_env()
    if info is not None and info.mode == KEYED:
        if given.key is None:
            raise ChainKeyError(
                f"lageret er skrevet med en kædenøgle; sæt {CHAIN_KEY_VAR} (eller "
                "CHEFFORUM_CIPHER_KEY, hvis nøglen er afledt af den) for at kontrollere det."
            )
        if info.key_check and info.key_check != given.key_check():
            raise ChainKeyError(
                f"kædenøglen i {CHAIN_KEY_VAR} er ikke den, lageret blev skrevet med."
            )
        return given, None
    if info is not None:  # plain
        if given.key is not None and not given.derived and chain:
            raise Found(
                store_problem(
                    f"hashkæden er uden nøgle, men {CHAIN_KEY_VAR} er sat: enten er nøglen sat "
                    "ved en fejl, eller kæden er regnet om uden nøgle og lageret ændret"
                )
            )
        return Chain(), None
    note = f"lageret har ingen række i {STORE_TABLE} (ikke åbnet af denne version, eller slettet)"
    if given.key is not None and chain:
        first = chain[0]
        if given.link(GENESIS, first.event_hash) == first.link:
            return given, note
    return Chain(), note


def check_chain(chain: Chain, rows: list[ChainRow]) -> str:
    """The chain's links, each from the one before; returns the head."""
    link = GENESIS
    for row in rows:
        link = chain.link(link, str(row.event_hash))
        if link != row.link:
            raise Found(
                Problem(
                    row.notification_id,
                    str(row.originator_id),
                    _version(row.originator_version),
                    "hashkæden selv er ændret"
                    + (" (eller regnet om uden kædenøglen)" if chain.mode == KEYED else ""),
                )
            )
    return link


def _version(value: Any) -> int:
    return value if isinstance(value, int) else -1


def stored(recorder: VerifiedRecorder) -> dict[int, StoredRow]:
    """Every stored event by notification id, read in batches."""
    found: dict[int, StoredRow] = {}
    while len(batch := recorder.stored_rows(max(found, default=0) + 1, BATCH)) == BATCH:
        found.update((e.notification_id, e) for e in batch)
    return found | {e.notification_id: e for e in batch}


def check_events(events: dict[int, StoredRow], rows: list[ChainRow]) -> None:
    """Each stored event against its chain row: the first one altered, removed, inserted
    or moved."""
    chained_at = {row.notification_id: row for row in rows}
    event_keys = {e.key for e in events.values()}
    row_keys = {(row.originator_id, row.originator_version): row for row in rows}
    for position in sorted(set(events) | set(chained_at)):
        event, chained = events.get(position), chained_at.get(position)
        if event is not None and chained is not None and event.hash == chained.event_hash:
            continue
        if event is not None:
            original = row_keys.get(event.key)
            if chained is None and original is None:
                what = "indsat efter at hændelserne blev skrevet (findes ikke i hashkæden)"
            elif original is not None and original.notification_id != position:
                what = (
                    f"flyttet: står nu som nr. {position}, "
                    f"blev skrevet som nr. {original.notification_id}"
                )
            elif chained is not None and (chained.originator_id, chained.originator_version) == (
                event.key
            ):
                what = "ændret efter at den blev skrevet"
            else:
                what = "omrokeret: positionen passer ikke med hashkæden"
            raise Found(Problem(position, event.originator_id, event.originator_version, what))
        assert chained is not None
        moved = (chained.originator_id, chained.originator_version) in event_keys
        what = "omrokeret: positionen passer ikke med hashkæden" if moved else "fjernet"
        raise Found(
            Problem(position, chained.originator_id, _version(chained.originator_version), what)
        )


# -- checkpoints -------------------------------------------------------------------------


def check_checkpoint(
    checkpoint: Checkpoint, links: dict[int, str], last: int, mode: str, origin: str
) -> None:
    """The store still reaches the checkpoint's position with the same head."""
    told = f"kontrolpunktet {checkpoint.printed}" + (
        f" fra {checkpoint.at}" if checkpoint.at else ""
    )
    if checkpoint.chain is not None and checkpoint.chain != mode:
        raise Found(
            store_problem(
                f"{told} ({origin}) blev skrevet med en hashkæde af typen {checkpoint.chain}, "
                f"men lageret har nu {mode}: kæden er regnet om"
            )
        )
    link = links.get(checkpoint.position)
    meeting = checkpoint.meeting or ""
    if link is None:
        raise Found(
            Problem(
                checkpoint.position,
                "",
                0,
                f"mangler: lageret slutter ved nr. {last}, men {told} ({origin}) er ved nr. "
                f"{checkpoint.position}; de nyeste hændelser er tabt eller slettet",
            )
        )
    if not link.startswith(checkpoint.head):
        raise Found(
            Problem(
                checkpoint.position,
                "",
                0,
                f"hashkæden her er ikke den, {told} ({origin}) skrev ned: hændelser op til "
                f"nr. {checkpoint.position} er ændret, eller kæden er regnet om"
                + (f" (møde {meeting[:8]})" if meeting else ""),
            )
        )


# -- snapshots and signatures -----------------------------------------------------------


def check_snapshots_and_signatures(minutes: Minutes) -> None:
    for meeting_id in guarded("mødernes hændelser kan ikke læses", minutes.meeting_ids):
        short = meeting_id.hex[:8]
        events: list[Any] = guarded(
            f"møde {short}: hændelserne kan ikke læses", partial(_events, minutes, meeting_id)
        )
        if minutes.snapshots is not None:
            _check_snapshots(minutes, meeting_id, events)
        for event in events:
            if isinstance(event, MinutesApproved) and event.digest is not None:
                version = event.originator_version - 1
                text = guarded(
                    f"møde {short}: referatet ved position {version} kan ikke genskabes",
                    partial(_digest, minutes, meeting_id, version),
                )
                if text != event.digest:
                    raise Found(
                        Problem(
                            None,
                            meeting_id.hex,
                            event.originator_version,
                            f"referatet, som {event.approval.by} underskrev, "
                            "giver ikke længere samme tekst",
                        )
                    )


def _events(minutes: Minutes, meeting_id: UUID) -> list[Any]:
    return list(minutes.events.get(meeting_id))


def _digest(minutes: Minutes, meeting_id: UUID, version: int) -> str:
    return digest(minutes.get(meeting_id, version=version).state)


def _check_snapshots(minutes: Minutes, meeting_id: UUID, events: list[Any]) -> None:
    store = minutes.snapshots
    assert store is not None
    found = guarded(
        "snapshottene kan ikke læses", partial(store.recorder.select_events, meeting_id)
    )
    for raw in found:
        version = raw.originator_version
        try:
            snapshot: Any = store.mapper.to_domain_event(raw)
            state = snapshot.state["state"]
        except Exception as e:  # not JSON, wrong types, unknown topic: all one finding
            raise Found(Problem(None, meeting_id.hex, version, "snapshottet kan ikke læses")) from e
        replayed = None
        try:
            for event in events[:version]:
                replayed = event.mutate(replayed)
        except Exception as e:
            raise Found(
                Problem(None, meeting_id.hex, version, "hændelserne kan ikke genspilles")
            ) from e
        if replayed is None or state != replayed.state:
            raise Found(
                Problem(None, meeting_id.hex, version, "snapshottet svarer ikke til hændelserne")
            )


# -- all of it ---------------------------------------------------------------------------


def verify(
    minutes: Minutes,
    given: Sequence[Checkpoint] = (),
    *,
    origin: str = "",
    where: str = "",
    own: CheckpointLog | None = None,
) -> tuple[Problem | None, str]:
    """The first problem found, or None; and a one-line summary.

    given: checkpoints from the command line (from `origin`): one as a referat prints it
    (POSITION:HEAD) holds for any store; of a file's, those of this store must hold, and
    the file must have some. own: the store's own checkpoint file, whose checkpoints of
    this store are checked too. where: the store's location, for checkpoints of a store
    that has lost its identity (emptied, or replaced).
    """
    recorder: Any = minutes.recorder
    try:
        return None, _verify(minutes, recorder, given, origin, where, own)
    except Found as found:
        return found.problem, f"FEJL: {found.problem}"


def _verify(
    minutes: Minutes,
    recorder: VerifiedRecorder,
    given: Sequence[Checkpoint],
    origin: str,
    where: str,
    own: CheckpointLog | None,
) -> str:
    tables = guarded("lageret kan ikke læses", recorder.tables)
    if recorder.events_table_name not in tables:
        raise Found(
            store_problem(
                f"lageret har ingen hændelser (tabellen {recorder.events_table_name} mangler): "
                "det er tomt, afkortet eller ikke et chefforum-lager"
            )
        )
    if CHAIN_TABLE not in tables:
        raise Found(store_problem(f"hashkæden mangler (tabellen {CHAIN_TABLE})"))
    info, _ = guarded(f"lagerets række i {STORE_TABLE} kan ikke læses", recorder.store_row)
    guarded("den første hændelse kan ikke læses", partial(check_key, minutes, "lageret"))
    rows = guarded("hashkæden kan ikke læses", recorder.read_chain)
    chain, note = _chain_for(info, rows)
    head = check_chain(chain, rows)
    events = guarded("hændelserne kan ikke læses", partial(stored, recorder))
    check_events(events, rows)

    links = {row.notification_id: str(row.link) for row in rows}
    last = max(links, default=0)
    store_id = info.store_id if info else None
    checks = [(c, origin) for c in _applicable(given, store_id, where, origin)]
    if own is not None and (not origin or Path(origin).resolve() != own.path.resolve()):
        lost = info is None or not events
        checks += [
            (c, str(own.path)) for c in own.for_store(own.read(), store_id, lost_identity=lost)
        ]
    for checkpoint, source in checks:
        check_checkpoint(checkpoint, links, last, chain.mode, source)

    check_snapshots_and_signatures(minutes)

    kind = "HMAC-SHA256 med kædenøglen" if chain.mode == KEYED else "SHA-256 uden nøgle"
    summary = (
        f"OK: {len(rows)} hændelser i ubrudt hashkæde ({kind}); kontrolsum {last}:"
        f"{head[:PRINTED_HEAD]}."
    )
    if checks:
        summary += f" {len(checks)} kontrolpunkter holder."
    if note:
        summary += f" Bemærk: {note}."
    return summary


def _applicable(
    given: Sequence[Checkpoint], store_id: str | None, where: str, origin: str
) -> list[Checkpoint]:
    printed = [c for c in given if c.store is None and c.where is None]
    written = [c for c in given if not (c.store is None and c.where is None)]
    if not written:
        return printed
    # By the store's identity; when none is this store's, those written at its location
    # (a store that lost its identity, or was replaced: then they will not hold).
    mine = CheckpointLog(Path(origin), where).for_store(written, store_id, lost_identity=True)
    if not mine:
        raise Found(
            store_problem(
                f"ingen af kontrolpunkterne i {origin} er skrevet for dette lager "
                f"(id {store_id or 'ukendt'}): det er et andet lager, eller dets identitet "
                "er ændret"
            )
        )
    return printed + mine
