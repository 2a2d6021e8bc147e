"""A meeting's events checked against the hash chain before they are printed or
published (issue 21): an event altered behind the program's back, with its chain row left
as it was, is refused by `export`, the export dialog and the site, not served.

`verify` walks the whole chain; this checks one meeting's rows, each against its own
chain row and the link before it. It finds an edited, inserted or removed event whose
chain row was not rewritten to match. A rewrite of the chain too is found here only with
a chain key (the links are keyed); without one it is what a checkpoint kept outside the
store is for (`chefforum verify --checkpoint`). The snapshot a load would start from is
checked against these events by meeting_seal.check_meeting_sealed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.errors import StoreDamaged
from projections.store.chain import GENESIS, Chain, ChainRow, StoredRow


@dataclass(frozen=True)
class SealedRow:
    """One of a meeting's stored events, its chain row and the chain's link before it."""

    row: StoredRow
    chained: ChainRow | None  # None: no chain row at its notification id
    previous: str | None  # None: no chain row before it (the store's first event)


def _unsealed(version: int, what: str) -> StoreDamaged:
    return StoreDamaged(
        f"mødets hændelse {version} {what}: lageret er ændret uden om programmet, og intet "
        "er udskrevet. Kør 'chefforum verify' (med --checkpoint, hvis I har et)."
    )


def check_sealed(rows: Sequence[SealedRow], chain: Chain, store_id: str | None) -> None:
    """StoreDamaged unless every row is its chain row's event, linked as the chain says,
    and the versions run from 1 without a gap."""
    for expected, sealed in enumerate(rows, 1):
        row, chained = sealed.row, sealed.chained
        if row.originator_version != expected:
            raise _unsealed(expected, "mangler")
        if chained is None or (chained.originator_id, chained.originator_version) != row.key:
            raise _unsealed(expected, "står ikke i hashkæden")
        if chained.event_hash != row.hash:
            raise _unsealed(expected, "passer ikke med hashkæden (den er ændret)")
        before = (
            [sealed.previous] if sealed.previous is not None else [chain.start(store_id), GENESIS]
        )
        if all(chain.link(link, row.hash) != chained.link for link in before):
            raise _unsealed(expected, "passer ikke med kædens led")
