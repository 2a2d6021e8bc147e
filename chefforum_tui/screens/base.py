"""What every screen of the app shares: typed access to the app's store calls and actor."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import Screen

from chefforum_tui.guard import Guarded

if TYPE_CHECKING:
    from chefforum_tui.app import ChefforumApp
    from domain.application import Minutes
    from domain.errors import ChefforumError

ResultType = TypeVar("ResultType")
T = TypeVar("T")
V = TypeVar("V")


class AppScreen(Guarded, Screen[ResultType]):
    @property
    def chef(self) -> ChefforumApp:
        return cast("ChefforumApp", self.app)

    @property
    def showing(self) -> bool:
        """Still on the screen stack: a store call finishing after the screen was left
        has nothing to show."""
        return self.is_attached and self in self.app.screen_stack

    def store_call(
        self,
        work: Callable[[Minutes], T],
        done: Callable[[T], Any] | None = None,
        failed: Callable[[ChefforumError], Any] | None = None,
    ) -> None:
        """The app's store call, answered to this screen only while it is shown: keys
        faster than the store leave a screen before its answer comes (the search's
        results arrived on a search screen already closed, and found no table)."""
        self.chef.store_call(work, self._while_shown(done), self._while_shown(failed))

    def _while_shown(self, callback: Callable[[V], Any] | None) -> Callable[[V], Any] | None:
        if callback is None:
            return None
        answer = callback

        def call(value: V) -> Any:
            return answer(value) if self.showing else None

        return call
