"""A store checked against its latest checkpoint as it opens, and the chain this process
writes with decided (chain.decide_chain)."""

from __future__ import annotations

from uuid import uuid4

from domain.application import Minutes
from domain.errors import StoreDamaged
from projections.store.chain import Chain, StoreInfo, decide_chain
from projections.store.checkpoints import CheckpointLog, default_path
from projections.store.location import StoreError
from projections.store.recorders import ChainedRecorder, chained


def open_chain(minutes: Minutes, where: str) -> None:
    """Decide the chain this process writes with (chain.decide_chain), give the store an
    identity if it has none, attach its checkpoint file, and check the latest checkpoint."""
    recorder = chained(minutes)
    chain = Chain.from_env()
    found, has_events = recorder.store_row()
    _guard(recorder, where, found, has_events)
    decided = decide_chain(chain, found, has_events)
    if found is None or (
        not has_events and (found.mode, found.key_check) != (decided.mode, decided.key_check())
    ):
        recorder.claim_store(uuid4().hex, decided.mode, decided.key_check())
        found, has_events = recorder.store_row()
        if found is None:
            raise StoreError(f"{where}: lagerets identitet kunne ikke skrives.")
        decided = decide_chain(chain, found, has_events)
    recorder.chain = decided
    recorder.store_id = found.store_id
    recorder.checkpoints = CheckpointLog(default_path(where), where)


def _guard(
    recorder: ChainedRecorder, where: str, found: StoreInfo | None, has_events: bool
) -> None:
    """A store that no longer reaches its latest checkpoint (cut short, a lost write-ahead
    log, deleted newest events, a recomputed chain) is refused with one line. One query;
    the file's tail only, so a long shared file costs nothing."""
    log = CheckpointLog(default_path(where), where)
    mine = log.for_store(
        log.read(tail=True),
        found.store_id if found else None,
        lost_identity=found is None or not has_events,
    )
    if not mine:
        return
    latest = max(mine, key=lambda c: c.position)
    link = recorder.chain_link(latest.position) if has_events else None
    same_chain = latest.chain is None or (found is not None and latest.chain == found.mode)
    if link is not None and link.startswith(latest.head) and same_chain:
        return
    last = (recorder.max_notification_id() or 0) if has_events else 0
    if link is None and last < latest.position:
        what = (
            f"slutter ved hændelse nr. {last}, men kontrolpunktet fra {latest.at} "
            f"({log.path}) er ved nr. {latest.position}: de nyeste hændelser mangler"
        )
    elif link is None:
        what = f"mangler hashkæden ved hændelse nr. {latest.position} (kontrolpunkt {log.path})"
    else:
        what = (
            f"har ikke længere den hashkæde, kontrolpunktet fra {latest.at} ({log.path}) "
            f"skrev ved hændelse nr. {latest.position}"
        )
    raise StoreDamaged(
        f"Lageret {where} {what}; kør 'chefforum verify'. (Er lageret lagt tilbage fra "
        "en sikkerhedskopi med vilje, så flyt kontrolpunktfilen væk.)"
    )
