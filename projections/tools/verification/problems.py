"""What verify finds: a problem, raised as Found to end the check at the first one; and
every read of the store guarded, so that whatever the store makes it raise is a problem."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from domain.errors import ChefforumError
from projections.store.chain import ChainKeyError
from projections.store.cipher import CipherError

T = TypeVar("T")


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
