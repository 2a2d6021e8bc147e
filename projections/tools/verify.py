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
from functools import partial
from pathlib import Path
from typing import Any

from domain.application import Minutes
from projections.store.chain import CHAIN_TABLE, GENESIS, KEYED, STORE_TABLE
from projections.store.checkpoints import PRINTED_HEAD, Checkpoint, CheckpointLog
from projections.store.cipher import check_key
from projections.tools.verification.chain_pass import chain_for, one_pass
from projections.tools.verification.checkpoints import check_checkpoint
from projections.tools.verification.problems import Found, Problem, guarded, store_problem
from projections.tools.verification.read_models import ReadModelCheck
from projections.tools.verification.reads import Guarded, VerifiedRecorder
from projections.tools.verification.replay import Replay


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
    chain, note = chain_for(info, first)

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
    reader = Guarded(recorder)
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
