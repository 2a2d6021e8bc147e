"""A checkpoint written outside the store against the pass: the store still reaches its
position with the same head."""

from __future__ import annotations

from projections.store.checkpoints import Checkpoint
from projections.tools.verification.problems import Found, Problem, store_problem


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
