"""Keys typed ahead are handled one at a time, each once the screen is ready for it.

A key that opens a dialog pushes the dialog's screen at once, but the screen composes
and mounts its widgets later, in its own turn; a key that moves the focus (tab, a list's
enter) moves it later too, by a message to the app. Textual handles the next key
meanwhile, on the newest screen and at the old focus: `ctrl+t ctrl+s` sent back to back
ran the vote form's submit before its fields existed (NoMatches, the app gone and the
decision typed before it lost), and in the remark form `enter ↓ enter tab <text>` typed
the text into the person list while it was closing.

The gate hands a key on only when the screen is ready (mounted, and for a meeting
screen its meeting loaded) and settled (no message waiting at the app or at any widget
of the screen: the consequences of the key before it have happened). Otherwise it holds
the key, and every key after it, and hands them on in the order typed, one at a time.
A key typed slowly passes at once. Keys reach the app's handling by three ways and all
three ask the gate: the app's own event handler (a key from the terminal), a text field
that runs its keys' bindings itself (widgets/fields.py TypeAhead), and the binding
search made for a key that bubbled up from any other widget (App._check_bindings).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.keys import key_to_character
from textual.message_pump import MessagePump
from textual.screen import Screen

# A screen that does not get ready (its store call hangs) or settle (a widget kept busy)
# must not swallow keys for good: a key waits at most this long for the one before it.
READY_LIMIT = 10.0
WAIT_LIMIT = 1.0
POLL = 0.002  # seconds between looks at a screen that is not settled


def screen_ready(screen: Screen[Any]) -> bool:
    """Mounted (composed, its on_mount run) and, where the screen says so, loaded; not
    Textual's empty default screen, shown while the app opens the store."""
    ready = bool(getattr(screen, "ready", True))
    return screen.is_mounted and ready and screen.id != "_default"


def _idle(pump: MessagePump) -> bool:
    return pump._message_queue.empty() and pump._pending_message is None


def settled(app: App[Any]) -> bool:
    """No message is waiting at the app or at any widget of its screen."""
    return _idle(app) and all(_idle(w) for w in app.screen.walk_children(with_self=True))


class KeyGate:
    """The keys held until the screen is ready and settled, in the order typed."""

    def __init__(
        self,
        app: App[Any],
        dispatch: Callable[[events.Key], Awaitable[None]],
    ) -> None:
        self._app = app
        self._dispatch = dispatch  # hands a key on as if it had just arrived
        self._held: list[tuple[float, str, str | None]] = []
        self._since = 0.0  # when the last key was handed on (or the first one held)
        self._waiting = False

    @property
    def holding(self) -> int:
        """How many keys wait."""
        return len(self._held)

    def _open(self) -> bool:
        return screen_ready(self._app.screen) and settled(self._app)

    def hold(self, event: events.Key) -> bool:
        """A key from the terminal: kept (True) while keys typed before it wait or the
        screen is not ready and settled, else left to be handled now."""
        if not self._held and self._open():
            self._since = time.monotonic()
            return False
        return self._keep(event.key, event.character, event.time)

    def hold_unready(self, key: str, character: str | None = None, at: float | None = None) -> bool:
        """A key handed on earlier, now at a widget or a binding search: kept when a key
        before it has pushed a screen that is not ready yet."""
        if screen_ready(self._app.screen):
            return False
        return self._keep(key, character, at)

    def _keep(self, key: str, character: str | None, at: float | None) -> bool:
        if not self._held:
            self._since = time.monotonic()
        if character is None and len(key) > 1:
            character = key_to_character(key)  # a key name from a binding search
        self._held.append((time.monotonic() if at is None else at, key, character))
        self._wait()
        return True

    def _wait(self) -> None:
        if not self._waiting:
            self._waiting = True
            self._app.set_timer(POLL, self.release)

    async def release(self) -> None:
        """Hand on the oldest held key if the screen is ready for it; wait again for the
        rest (each key is handled before the next is handed on)."""
        self._waiting = False
        if not self._held:
            return
        waited = time.monotonic() - self._since
        ready = screen_ready(self._app.screen)
        if not (ready and settled(self._app)) and waited < (WAIT_LIMIT if ready else READY_LIMIT):
            self._wait()
            return
        # A key handed on late by a field's queue may be older than one held before it.
        self._held.sort(key=lambda held: held[0])
        at, key, character = self._held.pop(0)
        self._since = time.monotonic()
        event = events.Key(key, character)
        event.time = at  # when it was typed, not when handed on (CommitField.before_key)
        await self._dispatch(event)
        if self._held:
            self._wait()
