"""The keys of a meeting screen offered only when they can work.

An action the meeting's state or the user's forum roles do not allow now is hidden from
the footer (check_action), explained when its key is pressed, and listed in the command
palette and the help with the domain's reason (domain.meeting.actions).
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import events
from textual.widgets import Input, TextArea

from chefforum_tui.keymap import Key, Keymap, app_keymap, keys_of
from chefforum_tui.screens.meeting_view import MeetingViewScreen
from domain.meeting.actions import clause, unavailable


class MeetingKeysScreen(MeetingViewScreen):
    """A screen on one meeting whose keys say why they cannot work now."""

    TABLE: ClassVar[tuple[Key, ...]] = ()  # the screen's keys (keymap)

    @property
    def keymap(self) -> Keymap:
        return app_keymap(self.app)

    def unavailable(self, action: str) -> str | None:
        """Why an action of this screen cannot work now (the domain's reason, to follow a
        colon), or None."""
        if self.meeting is None:
            return None  # not loaded yet: the command itself will say
        state = self.meeting.state
        item = state.find_item(self.item_id)
        reason = unavailable(action, state, self.roles, self.actor, item)
        return clause(reason) if reason is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back" and isinstance(self.focused, Input | TextArea):
            return False  # backspace deletes in a field: not offered as back there
        return self.unavailable(action) is None

    def action_explain(self, binding_id: str) -> None:
        key = next((k for k in self.TABLE if k.id == binding_id), None)
        if key is not None:
            self._explain(key)

    def _explain(self, key: Key) -> bool:
        reason = self.unavailable(key.action.split("(")[0])
        if reason is None:
            return False
        self.notify(f"{key.description} er ikke muligt: {reason}.", severity="warning")
        return True

    def on_key(self, event: events.Key) -> None:
        """A key whose action is not possible now does nothing by itself (check_action):
        say why."""
        for key in self.TABLE:
            if event.key in keys_of(key.id, self.keymap) and self._explain(key):
                event.stop()
                return

    def describe(self, key: Key) -> Key | None:
        """How the help and the palette show a key now; None leaves it out."""
        return key

    @property
    def KEYS(self) -> tuple[Key, ...]:  # the name the app's help and palette read
        """The screen's keys as the help and the command palette list them now: an action
        that cannot work says why, and choosing it in the palette explains."""
        shown: list[Key] = []
        for key in self.TABLE:
            described = self.describe(key)
            if described is None:
                continue
            reason = self.unavailable(key.action.split("(")[0])
            if reason is not None:
                described = replace(described, reason=reason, action=f"explain('{key.id}')")
            shown.append(described)
        return tuple(shown)
