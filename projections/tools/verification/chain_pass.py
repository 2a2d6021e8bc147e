"""The pass over the hash chain and the stored events: each link from the one before, each
event against its chain row, and what happened to the first event that disagrees."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from projections.store.chain import (
    CHAIN_KEY_VAR,
    GENESIS,
    KEYED,
    STORE_TABLE,
    Chain,
    ChainKeyError,
    ChainRow,
    StoredRow,
    StoreInfo,
)
from projections.tools.verification.problems import Found, Problem, store_problem
from projections.tools.verification.reads import Rows, batches, stored_version
from projections.tools.verification.replay import Replay


def chain_for(info: StoreInfo | None, chain: list[ChainRow]) -> tuple[Chain, str | None]:
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
    return Problem(
        position, chained.originator_id, stored_version(chained.originator_version), what
    )


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
                        stored_version(chained.originator_version),
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
