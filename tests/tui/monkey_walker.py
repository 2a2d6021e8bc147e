"""One monkey walk: its model (what was typed, which actions ran, what the other writer
asked for), its bursts, and its three checks (the app is up, nothing invented, nothing
lost) with the draft journal's at the end; split, each part would need the whole model."""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

from textual import events
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea

from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.dialogs import FormScreen
from chefforum_tui.screens.meeting_base import MeetingPortScreen
from chefforum_tui.screens.meetings import MeetingsScreen
from chefforum_tui.widgets.fields import CommitField
from chefforum_tui.widgets.people import PersonPicker
from domain.meeting.events.decisions import RemarkAdded
from domain.meeting.phrases import decision_phrases
from domain.meeting.texts import field_texts
from domain.text import nfc, same_text
from projections.store.connect import open_minutes
from projections.store.drafts import DraftJournal, drafts_folder
from tests.builders import meeting_events
from tests.tui.cli_writer import OTHER
from tests.tui.monkey_keys import (
    GENERIC,
    NEVER,
    NEVER_ON,
    OPENERS,
    RECORDS,
    SENT_DELETING,
    TEXT_KINDS,
    TOKEN_LETTERS,
    replaces_text,
)
from tests.tui.tui_pilot import ACTOR


class MonkeyFailure(AssertionError):
    pass


@dataclass
class Seen:
    widget: Widget
    burst: int
    in_form: FormScreen | None


@dataclass
class Model:
    tokens: dict[str, int] = field(default_factory=dict)  # token -> burst typed in
    streams: list[str] = field(default_factory=list)  # each burst's printable keys, in order
    seen: dict[str, Seen] = field(default_factory=dict)
    deleting: list[int] = field(default_factory=list)  # bursts with a deleting key
    cancelled: list[int] = field(default_factory=list)  # bursts in which a form closed empty
    submitted: list[int] = field(default_factory=list)  # bursts in which a form was sent
    allowed: Counter[str] = field(default_factory=Counter)  # event kinds actions may record
    actions: Counter[str] = field(default_factory=Counter)


def _action_name(action: Any) -> str:
    text = action if isinstance(action, str) else str(action[1] if len(action) > 1 else "")
    found = re.match(r"(?:\w+\.)?(\w+)", text)
    return found.group(1) if found else text


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _pieced(word: str, sources: list[str], pieces: int = 3) -> bool:
    """The word is made of at most `pieces` runs each found in a source: typed letters
    inserted in a stored word ("referat" + "f" typed at its end), or a word of the
    stored text cut by keys typed into its middle."""
    if not word:
        return True
    if pieces == 0:
        return False
    return any(
        any(word[:end] in source for source in sources) and _pieced(word[end:], sources, pieces - 1)
        for end in range(len(word), 0, -1)
    )


def _text_of(widget: Widget) -> str | None:
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    return None


class Monkey:
    def __init__(self, pilot: Pilot[None], db: str, mid: UUID, log: Path, seed: int) -> None:
        self.pilot = pilot
        self.app: ChefforumApp = pilot.app  # type: ignore[assignment]
        self.db = db
        self.mid = mid
        self.rng = random.Random(seed)
        self.writer_log = log
        self.model = Model()
        self.burst_no = 0
        self.keys = 0
        self.events = 0
        self.log: list[str] = []
        self.minutes = open_minutes(db)
        self.checked_version = self.minutes.get(mid).version
        self.journal = DraftJournal(drafts_folder(db))
        self.phrase_words = {w for p in decision_phrases() for w in _words(p)}
        self._instrument()

    def close(self) -> None:
        self.minutes.close()

    # -- watching the app -------------------------------------------------------------------

    def _instrument(self) -> None:
        """Record the actions that run and the forms that close empty, and keep the app
        from quitting (test-side wrappers of the app's own methods)."""
        app, model = self.app, self.model
        run_action = app.run_action

        async def recording(action: Any, *args: Any, **kwargs: Any) -> bool:
            name = _action_name(action)
            model.actions[name] += 1
            for kind in RECORDS.get(name, ()):
                model.allowed[kind] += 1
            return await run_action(action, *args, **kwargs)

        app.run_action = recording  # type: ignore[method-assign]

        async def stay() -> None:
            model.actions["quit"] += 1  # chosen in the command palette: the walk goes on

        app.action_quit = stay  # type: ignore[method-assign]

    def dismissed(self, screen: Any, result: Any) -> None:
        if isinstance(screen, FormScreen):
            (self.model.cancelled if result is None else self.model.submitted).append(self.burst_no)

    def message(self, message: Message) -> None:
        """Every message posted (run_test's hook): a field's text as it changes."""
        if not isinstance(message, Input.Changed | TextArea.Changed):
            return
        widget = message.control
        value = _text_of(widget) if widget is not None else None
        if widget is None or value is None:
            return
        try:
            screen = widget.screen
        except Exception:
            return
        form = screen if isinstance(screen, FormScreen) else None
        if form is None and not isinstance(widget, CommitField):
            return  # a search or filter field: nothing in it is to be stored
        for token, burst in self.model.tokens.items():
            if token in value:
                self.model.seen[token] = Seen(widget, burst, form)

    # -- the bursts -------------------------------------------------------------------------

    def _token(self) -> str:
        letters = TOKEN_LETTERS
        n = len(self.model.tokens)
        token = (
            self.rng.choice(letters) + self.rng.choice(letters) + str(n) + self.rng.choice(letters)
        )
        self.model.tokens[token] = self.burst_no
        return token

    def _pool(self) -> tuple[list[str], list[str]]:
        """The keys bound now (screen, focused widget, app) but the excluded ones, and
        those of them that open something."""
        screen = type(self.app.screen).__name__
        banned = NEVER | NEVER_ON.get(screen, set())
        keys, openers = [], []
        for key, active in self.app.active_bindings.items():
            if key in banned:
                continue
            keys.append(key)
            if _action_name(active.binding.action) in OPENERS:
                openers.append(key)
        return keys + GENERIC, openers or ["f1"]

    def burst(self) -> list[str]:
        pool, openers = self._pool()
        keys: list[str] = []
        for _ in range(self.rng.randint(2, 7)):
            roll = self.rng.random()
            if roll < 0.35:
                keys += ["space", *self._token()]
            elif roll < 0.6:  # a dialog's key and at once what is done in a dialog
                follow = self.rng.choice(["ctrl+s", "escape", "tab", "text", "enter"])
                keys.append(self.rng.choice(openers))
                keys += ["space", *self._token()] if follow == "text" else [follow]
            elif roll < 0.64:
                keys.append(self.rng.choice(SENT_DELETING))
            else:
                keys.append(self.rng.choice(pool))
        return keys

    async def run_burst(self) -> None:
        self.burst_no += 1
        keys = self.burst()
        if any(replaces_text(k) for k in keys):
            self.model.deleting.append(self.burst_no)
        self.log.append(f"{type(self.app.screen).__name__}: {' '.join(keys)}")
        self.keys += len(keys)
        printable = [" " if k == "space" else k for k in keys if len(k) == 1 or k == "space"]
        self.model.streams.append("".join(printable))
        for key in keys:
            character = " " if key == "space" else key if len(key) == 1 else None
            self.app.post_message(events.Key(key, character))
        await self.drain()

    async def drain(self) -> None:
        """Until the keys are handled and the store calls they made are done."""
        deadline = time.monotonic() + 30
        quiet = 0
        while time.monotonic() < deadline and quiet < 3:
            await self.pilot.pause()
            await self.app.workers.wait_for_complete()
            busy = self.app.key_gate.holding or not self.app._message_queue.empty()
            quiet = 0 if busy else quiet + 1

    async def back_to_the_meeting(self) -> None:
        """From the meetings list (left by backspace), open the meeting again."""
        if isinstance(self.app.screen, MeetingsScreen):
            self.log.append("MeetingsScreen: enter")
            await self.pilot.press("enter")
            await self.drain()

    # -- the checks -------------------------------------------------------------------------

    def check(self) -> None:
        if not self.app.is_running or self.app.return_code is not None:
            raise MonkeyFailure("the app is gone")
        if self.app.unexpected:
            raise MonkeyFailure(f"a handler raised: {self.app.unexpected!r}")
        self.check_nothing_invented()
        self.check_nothing_lost()

    def _intents(self) -> list[dict[str, str]]:
        if not self.writer_log.exists():
            return []
        lines = self.writer_log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def _typed(self, text: str, before: str) -> bool:
        """Made of what was typed (each word a piece of a burst's printable keys, as they
        came), the ready phrases and the words the field held before."""
        old = set(_words(before))
        sources = [before, *self.model.streams]
        for word in _words(text):
            if word in old or word in self.phrase_words:
                continue
            if not _pieced(word, sources):
                return False
        return True

    def check_nothing_invented(self) -> None:
        new = meeting_events(self.minutes, self.mid, gt=self.checked_version)
        intents = self._intents()
        for event in new:
            kind = type(event).TOPIC.removeprefix("chefforum:")
            if event.actor == OTHER:
                wanted = {"kind": kind, "text": getattr(event, "text", None)}
                if isinstance(event, RemarkAdded):
                    wanted = {"kind": kind, "text": event.remark.text, "by": event.remark.by}
                if wanted not in [{k: i.get(k) for k in wanted} for i in intents]:
                    raise MonkeyFailure(f"{OTHER} stored {kind} {wanted} without asking")
            elif event.actor == ACTOR:
                self._explain(kind, event)
            else:
                raise MonkeyFailure(f"an event by {event.actor}: {kind}")
            self.checked_version = event.originator_version
            self.events += 1

    def _explain(self, kind: str, event: Any) -> None:
        before = self.minutes.get(self.mid, version=event.originator_version - 1)
        ok = True
        if kind in TEXT_KINDS:
            old = field_texts(before.item(event.item_id))
            if kind == "DecisionRecorded":
                ok = self._typed(event.text, old["decision"])
            elif kind == "ItemRetitled":
                ok = self._typed(event.title, old["title"])
            elif kind == "RecommendationDrafted":
                rec = event.recommendation
                by, points = (rec.by or "", "\n".join(rec.points)) if rec else ("", "")
                ok = self._typed(by, old["rec_by"]) and self._typed(points, old["rec_points"])
            elif kind == "SectionWritten":
                ok = self._typed(event.text, old.get(f"section:{event.heading}", ""))
            elif kind == "ItemFieldsChanged":
                ok = self._typed(event.case_number or "", old["case_number"])
        else:
            ok = self.model.allowed[kind] > 0
            if ok:
                self.model.allowed[kind] -= 1
            if ok and kind == "RemarkAdded":
                ok = self._typed(event.remark.text, "")
        if not ok:
            raise MonkeyFailure(f"stored {kind} that nobody asked for: {event}")

    def _everywhere(self) -> str:
        """Every text stored for the meeting, in a field now, or in the draft journal."""
        parts = [repr(vars(e)) for e in self.minutes.events.get(self.mid)]
        for screen in self.app.screen_stack:
            for widget in screen.query("Input, TextArea"):
                parts.append(_text_of(widget) or "")
        folder = self.journal.folder
        if folder.is_dir():
            parts += [p.read_text(encoding="utf-8") for p in folder.rglob("*.json")]
        return "\n".join(parts)

    def check_nothing_lost(self) -> None:
        if not self.model.seen:
            return
        everything = self._everywhere()
        for token, seen in self.model.seen.items():
            if token in everything:
                continue
            if any(_pieced(token, [line]) for line in everything.splitlines()):
                continue  # all there, cut by keys typed after the cursor moved into it
            if any(b >= seen.burst for b in self.model.deleting):
                continue  # deleted on purpose (or selected and typed over)
            if seen.in_form is not None and any(b >= seen.burst for b in self.model.cancelled):
                continue  # the dialog it was typed in was cancelled
            if isinstance(seen.widget, PersonPicker) and any(
                b >= seen.burst for b in self.model.submitted
            ):
                continue  # a form brought back selects its picker's name: typed over
            raise MonkeyFailure(
                f"lost: {token!r} was typed into {seen.widget} (burst {seen.burst}); it is "
                "neither stored, nor in a field, nor in the draft journal"
            )

    def check_journal(self) -> None:
        """After a quiet second, every field's unsaved text is in the journal."""
        for screen in self.app.screen_stack:
            if not isinstance(screen, MeetingPortScreen):
                continue
            for widget in screen.dirty_fields():
                if widget.item_id is None or same_text(widget.current, widget.committed):
                    continue  # stored, but for spaces the store trims
                draft = self.journal.read(self.mid, widget.item_id, widget.field)
                text = nfc(widget.current)
                if draft is None or draft.text != text:
                    raise MonkeyFailure(
                        f"{widget.field} holds {text!r} unsaved; the journal has "
                        f"{draft.text if draft else None!r}"
                    )
