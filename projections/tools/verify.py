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

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from domain.application import Minutes
from domain.errors import ChefforumError
from domain.meeting.aggregate import Meeting
from domain.meeting.events.meeting import MeetingScheduled, MinutesApproved
from projections.documents.referat import digest
from projections.readmodels.audit import Entry, audit_row, entry_from_row, step
from projections.readmodels.meetings import meeting_rows
from projections.readmodels.view import ReadModelView
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
from projections.store.connect import stored_read_models

BATCH = 5000
T = TypeVar("T")
R = TypeVar("R", ChainRow, StoredRow)


class VerifiedRecorder(Protocol):
    """What verify reads (projections/store/sqlite/recorder.py and postgres/recorder.py)."""

    events_table_name: str

    def tables(self) -> set[str]: ...
    def read_chain(self, start: int = 1, limit: int | None = None) -> list[ChainRow]: ...
    def stored_rows(self, start: int, limit: int) -> list[StoredRow]: ...
    def store_row(self) -> tuple[StoreInfo | None, bool]: ...
    def last_versions(self) -> dict[str, int]: ...
    def snapshot_versions(self) -> set[tuple[str, int]]: ...


class Rows(Protocol):
    """The chain's rows and the events' rows, by notification id."""

    def read_chain(self, start: int = 1, limit: int | None = None) -> list[ChainRow]: ...
    def stored_rows(self, start: int, limit: int) -> list[StoredRow]: ...


class _Guarded:
    """The recorder's reads, each a problem found when the store makes it fail."""

    def __init__(self, recorder: VerifiedRecorder) -> None:
        self.recorder = recorder

    def read_chain(self, start: int = 1, limit: int | None = None) -> list[ChainRow]:
        return guarded("hashkæden kan ikke læses", partial(self.recorder.read_chain, start, limit))

    def stored_rows(self, start: int, limit: int) -> list[StoredRow]:
        return guarded(
            "hændelserne kan ikke læses", partial(self.recorder.stored_rows, start, limit)
        )


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


def _version(value: Any) -> int:
    return value if isinstance(value, int) else -1


def batches(read: Callable[[int, int], Sequence[R]]) -> Iterator[R]:
    """Rows in notification order, read BATCH at a time: memory stays flat."""
    start = 1
    while True:
        batch = read(start, BATCH)
        yield from batch
        if len(batch) < BATCH:
            return
        start = batch[-1].notification_id + 1


def classify(
    recorder: Rows, position: int, event: StoredRow | None, chained: ChainRow | None
) -> Problem:
    """What happened to the first event that disagrees with its chain row: altered,
    removed, inserted or moved. Looks the event up in the whole chain (and the chain row
    in the events) with one more pass, made only when something was found."""
    if event is not None:
        original = None
        for row in batches(recorder.read_chain):
            if (row.originator_id, row.originator_version) == event.key:
                original = row  # the last one, as a lookup by key would keep
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
        return Problem(position, event.originator_id, event.originator_version, what)
    assert chained is not None
    key = (chained.originator_id, chained.originator_version)
    moved = any(e.key == key for e in batches(recorder.stored_rows))
    what = "omrokeret: positionen passer ikke med hashkæden" if moved else "fjernet"
    return Problem(position, chained.originator_id, _version(chained.originator_version), what)


@dataclass
class Passed:
    """What one pass over the chain and the events found."""

    rows: int = 0  # chain rows
    last: int = 0  # the last chain row's notification id
    head: str = GENESIS
    links: dict[int, str] = field(default_factory=dict)  # at the checkpoints' positions
    event_problem: Problem | None = None


def one_pass(
    recorder: Rows,
    chain: Chain,
    wanted: set[int],
    replay: Replay | None,
    progress: Callable[[int], None] | None = None,
    start: str = GENESIS,
) -> Passed:
    """The chain's links, each from the one before, and each stored event against its
    chain row, in notification order; each intact event goes on to the replay. A broken
    chain is raised at once (it is reported first); the first event that disagrees is
    kept, and the chain read on to its end."""
    passed = Passed()
    chain_rows = batches(recorder.read_chain)
    event_rows = batches(recorder.stored_rows)
    reading = True  # the events, until one disagrees
    c = next(chain_rows, None)
    e = next(event_rows, None)
    link = start
    while c is not None or e is not None:
        position = min(r.notification_id for r in (c, e) if r is not None)
        chained = c if c is not None and c.notification_id == position else None
        event = e if e is not None and e.notification_id == position else None
        if chained is not None:
            link = chain.link(link, str(chained.event_hash))
            if link != chained.link:
                raise Found(
                    Problem(
                        chained.notification_id,
                        str(chained.originator_id),
                        _version(chained.originator_version),
                        "hashkæden selv er ændret"
                        + (" (eller regnet om uden kædenøglen)" if chain.mode == KEYED else "")
                        + (
                            f" (eller lagerets identitet i {STORE_TABLE} er ændret)"
                            if passed.rows == 0 and start != GENESIS
                            else ""
                        ),
                    )
                )
            passed.rows += 1
            passed.last = position
            if position in wanted:
                passed.links[position] = str(chained.link)
            c = next(chain_rows, None)
        if reading:
            if event is not None and chained is not None and event.hash == chained.event_hash:
                if replay is not None:
                    replay.apply(event)
                e = next(event_rows, None)
            else:
                passed.event_problem = classify(recorder, position, event, chained)
                reading, e = False, None  # the rest of the events cannot change that
        if progress is not None:
            progress(position)
    passed.head = link
    return passed


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


SCHEDULED = MeetingScheduled.TOPIC
# The order of the problems within one meeting, as they are reported.
UNREADABLE, SNAPSHOT, SIGNATURE = 0, 1, 2


class Replay:
    """Each meeting replayed once, event by event as the pass reaches them: each snapshot
    compared with the state replayed up to its version, each signature's digest with the
    state just before it. Only the meetings whose last event is still to come are held."""

    def __init__(
        self, minutes: Minutes, recorder: VerifiedRecorder, models: ReadModelCheck | None = None
    ) -> None:
        self.minutes = minutes
        self.models = models
        self.last = guarded("mødernes hændelser kan ikke læses", recorder.last_versions)
        self.snapshots: dict[str, list[int]] = {}
        if minutes.snapshots is not None:
            for oid, version in guarded("snapshottene kan ikke læses", recorder.snapshot_versions):
                self.snapshots.setdefault(oid, []).append(_version(version))
        self.live: dict[str, Meeting | None] = {}
        self.rank: dict[str, int] = {}
        self.applied = 0  # events applied: each once
        self.problem: tuple[tuple[int, int, int], Problem] | None = None

    def _found(self, oid: str, kind: int, version: int, problem: Problem) -> None:
        """Keep the problem reported first: by meeting (as they were made), then kind."""
        order = (self.rank[oid], kind, version)
        if self.problem is None or order < self.problem[0]:
            self.problem = (order, problem)
        self.live.pop(oid, None)  # nothing more to learn from this meeting

    def apply(self, row: StoredRow) -> None:
        oid = row.originator_id
        if row.topic == SCHEDULED and row.originator_version == 1 and oid not in self.rank:
            self.rank[oid] = len(self.rank)
            self.live[oid] = None
        if oid not in self.live:
            return  # a forum's roles, or a meeting already found wrong
        version = row.originator_version
        short = oid[:8]
        try:
            event: Any = self.minutes.mapper.to_domain_event(
                StoredEvent(
                    originator_id=UUID(oid),
                    originator_version=version,
                    topic=row.topic,
                    state=row.state,
                )
            )
        except Exception as e:
            text = str(e).strip().splitlines()[0][:160] if str(e).strip() else ""
            what = f"møde {short}: hændelserne kan ikke læses ({type(e).__name__}: {text})"
            self._found(oid, UNREADABLE, version, store_problem(what))
            return
        meeting = self.live[oid]
        if isinstance(event, MinutesApproved) and event.digest is not None:
            self._signature(oid, meeting, event)
            if oid not in self.live:
                return
        try:
            if self.models is not None and row.notification_id <= self.models.position:
                meeting, entry = step(meeting, event)
                self.models.saw(oid, meeting, entry)
            else:
                meeting = event.mutate(meeting)
        except Exception:
            problem = Problem(None, oid, version, "hændelserne kan ikke genspilles")
            self._found(oid, SNAPSHOT, version, problem)
            return
        self.applied += 1
        self.live[oid] = meeting
        assert meeting is not None
        versions = self.snapshots.get(oid, ())
        if version in versions:
            self._snapshot(oid, meeting, version)
        if version == self.last.get(oid) and oid in self.live:
            for later in sorted(v for v in versions if v > version):
                self._snapshot(oid, meeting, later)  # past the last event: must equal it
            self.live.pop(oid, None)

    def _signature(self, oid: str, meeting: Meeting | None, event: MinutesApproved) -> None:
        version = event.originator_version - 1
        try:
            if meeting is None:
                raise ValueError("intet møde")
            text = digest(meeting.state)
        except Exception as e:
            detail = str(e).strip().splitlines()[0][:160] if str(e).strip() else ""
            what = (
                f"møde {oid[:8]}: referatet ved position {version} kan ikke genskabes "
                f"({type(e).__name__}: {detail})"
            )
            self._found(oid, SIGNATURE, event.originator_version, store_problem(what))
            return
        if text != event.digest:
            problem = Problem(
                None,
                oid,
                event.originator_version,
                f"referatet, som {event.approval.by} underskrev, giver ikke længere samme tekst",
            )
            self._found(oid, SIGNATURE, event.originator_version, problem)

    def _snapshot(self, oid: str, meeting: Meeting, version: int) -> None:
        store = self.minutes.snapshots
        assert store is not None
        try:
            found = store.recorder.select_events(UUID(oid), gt=version - 1, lte=version)
        except Exception as e:
            text = str(e).strip().splitlines()[0][:160] if str(e).strip() else ""
            what = f"snapshottene kan ikke læses ({type(e).__name__}: {text})"
            self._found(oid, SNAPSHOT, version, store_problem(what))
            return
        for raw in found:
            try:
                snapshot: Any = store.mapper.to_domain_event(raw)
                state = snapshot.state["state"]
            except Exception:  # not JSON, wrong types, unknown topic: all one finding
                problem = Problem(None, oid, version, "snapshottet kan ikke læses")
                self._found(oid, SNAPSHOT, version, problem)
                return
            if state != meeting.state:
                problem = Problem(None, oid, version, "snapshottet svarer ikke til hændelserne")
                self._found(oid, SNAPSHOT, version, problem)
                return

    def finish(self) -> None:
        """Meetings whose events stopped short of their last version (found already by the
        chain) are let go; the first problem found is raised."""
        self.live.clear()
        if self.problem is not None:
            raise Found(self.problem[1])


# -- the read models -----------------------------------------------------------------------


REBUILD = "kør 'chefforum rebuild'"


class ReadModelCheck:
    """The stored read models against the replay: each meeting's line in the list and its
    audit trail as the events up to the read models' position make them (what `meetings`,
    `log` and the site show is a cache anyone who writes the store can edit)."""

    def __init__(self, view: ReadModelView, position: int) -> None:
        self.view = view
        self.position = position
        self.lines: dict[str, tuple[Any, ...]] = {}
        # Per meeting, a hash over its audit rows as the replay makes them: memory stays
        # a few numbers per meeting, as verify's pass promises.
        self.audit: dict[str, Any] = {}

    @staticmethod
    def opened(minutes: Minutes) -> ReadModelCheck | None:
        """None where the store keeps no read models, or has not made them yet."""
        view = stored_read_models(minutes)
        try:
            position = view.position() if view is not None else None
        except Exception:  # no tables yet (the store was never opened to write)
            return None
        return ReadModelCheck(view, position) if view is not None and position else None

    def saw(self, oid: str, meeting: Meeting, entry: Entry) -> None:
        rows = meeting_rows(meeting)
        self.lines[oid] = (rows.forum, rows.date, rows.status, rows.items, rows.version)
        made = self.audit.get(oid)
        if made is None:
            made = self.audit[oid] = hashlib.sha256()
        made.update(repr(audit_row(entry)).encode())

    def finish(self, wrong: set[str]) -> None:
        """Raise the first disagreement; meetings found wrong already are left out."""
        stored = {
            str(r["id"]): (r["forum"], r["date"], r["status"], r["items"], r["version"])
            for r in guarded("læsemodellen rm_meetings kan ikke læses", self.view.meetings)
        }
        for oid in sorted(set(stored) | set(self.lines)):
            if oid in wrong:
                continue
            made, found = self.lines.get(oid), stored.get(oid)
            if made != found:
                what = (
                    "har et møde, som hændelserne ikke har"
                    if made is None
                    else "mangler mødet"
                    if found is None
                    else f"viser {_differs(found, made)}"
                )
                raise Found(
                    store_problem(
                        f"læsemodellen rm_meetings {what} (møde {oid[:8]}): den er ændret "
                        f"uden om hændelserne; {REBUILD}"
                    )
                )
        for oid, made in self.audit.items():
            if oid in wrong:
                continue
            rows = guarded("læsemodellen rm_audit kan ikke læses", partial(self.view.audit, oid))
            afters = {(r["meeting_id"], r["position"]): r["after"] for r in rows}
            kept = hashlib.sha256()
            for row in rows:
                kept.update(repr(audit_row(entry_from_row(row, afters))).encode())
            if kept.digest() != made.digest():
                raise Found(
                    store_problem(
                        f"læsemodellen rm_audit (chefforum log) svarer ikke til hændelserne for "
                        f"møde {oid[:8]}: den er ændret uden om dem; {REBUILD}"
                    )
                )


_LINE_FIELDS = ("forum", "dato", "status", "punkter", "version")


def _differs(found: tuple[Any, ...], made: tuple[Any, ...]) -> str:
    return ", ".join(
        f"{name} {a!r} for {b!r}"
        for name, a, b in zip(_LINE_FIELDS, found, made, strict=True)
        if a != b
    )


# -- all of it ---------------------------------------------------------------------------


def verify(
    minutes: Minutes,
    given: Sequence[Checkpoint] = (),
    *,
    origin: str = "",
    where: str = "",
    own: CheckpointLog | None = None,
    progress: Callable[[int], None] | None = None,
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
        return None, _verify(minutes, recorder, given, origin, where, own, progress)
    except Found as found:
        return found.problem, f"FEJL: {found.problem}"


def _verify(
    minutes: Minutes,
    recorder: VerifiedRecorder,
    given: Sequence[Checkpoint],
    origin: str,
    where: str,
    own: CheckpointLog | None,
    progress: Callable[[int], None] | None,
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
    info, has_events = guarded(f"lagerets række i {STORE_TABLE} kan ikke læses", recorder.store_row)
    guarded("den første hændelse kan ikke læses", partial(check_key, minutes, "lageret"))
    first = guarded("hashkæden kan ikke læses", partial(recorder.read_chain, 1, 1))
    chain, note = _chain_for(info, first)

    store_id = info.store_id if info else None
    checks = [(c, origin) for c in _applicable(given, store_id, where, origin)]
    if own is not None and (not origin or Path(origin).resolve() != own.path.resolve()):
        lost = info is None or not has_events
        written = own.read()
        mine = own.for_store(written, store_id, lost_identity=lost)
        _another_store(own, written, mine, store_id)
        checks += [(c, str(own.path)) for c in mine]
    models = ReadModelCheck.opened(minutes)
    replay = Replay(minutes, recorder, models)
    reader = _Guarded(recorder)
    # A store's chain starts from its identity; one chained before, from GENESIS.
    begun = bool(first) and chain.link(GENESIS, first[0].event_hash) == first[0].link
    start = GENESIS if begun else chain.start(store_id)
    passed = one_pass(reader, chain, {c.position for c, _ in checks}, replay, progress, start)
    if passed.event_problem is not None:
        raise Found(passed.event_problem)
    for checkpoint, source in checks:
        check_checkpoint(checkpoint, passed.links, passed.last, chain.mode, source)
    replay.finish()
    if models is not None:
        models.finish(set())
    rows, last, head = passed.rows, passed.last, passed.head
    files = _check_files(minutes, tables)

    kind = "HMAC-SHA256 med kædenøglen" if chain.mode == KEYED else "SHA-256 uden nøgle"
    summary = (
        f"OK: {rows} hændelser i ubrudt hashkæde ({kind}); kontrolsum {last}:{head[:PRINTED_HEAD]}."
    )
    if checks:
        summary += f" {len(checks)} kontrolpunkter holder."
    if files:
        summary += f" {files} bilagsfiler stemmer med deres SHA-256."
    if note:
        summary += f" Bemærk: {note}."
    return summary


def _another_store(
    own: CheckpointLog,
    written: Sequence[Checkpoint],
    mine: Sequence[Checkpoint],
    store_id: str | None,
) -> None:
    """The store's own checkpoint file holds checkpoints written at this location, but
    none for this store's identity: its id was changed (which would make every line look
    like another store's, and a loss since go unseen), or another store was put in its
    place. Either is named; a store replaced on purpose needs its file moved away."""
    if mine:
        return
    others = sorted({c.store for c in written if own.here(c) and c.store and c.store != store_id})
    if others:
        raise Found(
            store_problem(
                f"kontrolpunktfilen {own.path} har kontrolpunkter skrevet her for et andet "
                f"lager (id {', '.join(o[:12] for o in others)}), men ingen for dette (id "
                f"{(store_id or 'ukendt')[:12]}): lagerets identitet er ændret, eller lageret "
                "er skiftet ud (er det med vilje, så flyt filen væk)"
            )
        )


def _check_files(minutes: Minutes, tables: set[str]) -> int:
    """Every Bilag's bytes against its hash, and every file an event names is held
    (projections/files/stored.py); how many files were read."""
    from projections.files.stored import check_files

    if "chefforum_files" not in tables:
        return 0
    problem, count = guarded("bilagsfilerne kan ikke læses", partial(check_files, minutes))
    if problem is not None:
        raise Found(store_problem(problem))
    return count


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
