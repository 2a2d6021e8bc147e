"""What every screen of the app shares: typed access to the app's store calls and actor."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

from chefforum_tui.guard import Guarded

if TYPE_CHECKING:
    from chefforum_tui.app import ChefforumApp

ResultType = TypeVar("ResultType")


class AppScreen(Guarded, Screen[ResultType]):
    @property
    def chef(self) -> ChefforumApp:
        return cast("ChefforumApp", self.app)
