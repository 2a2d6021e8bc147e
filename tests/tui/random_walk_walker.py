"""One random walk: its steps through the meeting screen and the live view, and its two
checks (nothing invented, nothing lost) against the model of what it did; split, each
part would need the whole model."""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path
from typing import Any
from uuid import UUID

from textual import events
from textual.pilot import Pilot
from textual.widgets import Select

from chefforum_tui.screens.dialogs import FormScreen
from chefforum_tui.screens.live import LiveScreen
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.screens.meeting_base import MeetingPortScreen
from chefforum_tui.widgets.choices import Check
from chefforum_tui.widgets.fields import CommitField
from chefforum_tui.widgets.item_editor import NO_KIND
from domain.application import Minutes
from domain.meeting.events.decisions import RemarkAdded
from domain.meeting.events.texts import SectionWritten
from domain.meeting.phrases import decision_phrases
from domain.meeting.state import Item
from domain.meeting.texts import field_texts
from projections.store.connect import open_minutes
from tests.builders import meeting_events
from tests.tui.other_writer import OTHER
from tests.tui.random_walk_model import GOTO, WORDS, Model, WalkFailure, canon
from tests.tui.tui_pilot import ACTOR, settle


class Walk:
    def __init__(self, pilot: Pilot[None], db: str, mid: UUID, log: Path, seed: int) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.mid = mid
        self.rng = random.Random(seed)
        self.model = Model()
        self.writer_log = log
        self.minutes: Minutes = open_minutes(db)
        self.checked_version = self.minutes.get(mid).version
        self.events = 0
        self.log: list[str] = []

    def close(self) -> None:
        self.minutes.close()

    # -- the steps --------------------------------------------------------------------------

    @property
    def screen(self) -> Any:
        return self.app.screen

    async def press(self, *keys: str) -> None:
        self.log.append(" ".join(keys))
        await self.pilot.press(*keys)

    async def step(self) -> None:
        if isinstance(self.screen, LiveScreen):
            choices = [self.edit, self.edit, self.move, self.phrase, self.remark, self.wait]
            choices += [self.leave_live, self.commit, self.help]
        else:
            choices = [self.edit, self.edit, self.edit, self.move, self.move, self.kind]
            choices += [self.flag, self.votes, self.remark, self.help, self.palette]
            choices += [self.live, self.live, self.wait, self.commit, self.leave]
        await self.rng.choice(choices)()
        await settle(self.pilot)

    def _follow_up(self) -> list[str]:
        """After typing: nothing, save, leave, or straight on to another item."""
        after = self.rng.random()
        if after < 0.2:
            return ["ctrl+s"]
        if after < 0.4:
            return ["escape"]
        if after < 0.7:  # as a quick typist does
            if isinstance(self.screen, LiveScreen):
                return [self.rng.choice(["ctrl+down", "ctrl+up"])]
            return ["alt+d", self.rng.choice(["down", "up"])]
        return []

    def _text(self, target: str) -> tuple[list[str], str]:
        """Keys to type at the end of a field, and the text they type."""
        if target == "duration_minutes":
            digits = str(self.rng.randint(1, 240))
            return ["ctrl+a", *digits], digits
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(1, 2))]
        text = " " + " ".join(words)
        keys = ["ctrl+end", *({" ": "space"}.get(c, c) for c in text)]
        if target not in ("title", "case_number", "rec_by") and self.rng.random() < 0.3:
            keys.append("ctrl+j")
            text += "\n"
        return keys, text

    async def edit(self) -> None:
        """Go to a field by its key and type at its end; perhaps save, leave it or move
        on. Sometimes every key comes at once (typed ahead), as from a quick typist on a
        busy machine: each must still land where the keys before it took the focus."""
        target = "decision" if isinstance(self.screen, LiveScreen) else self.rng.choice(list(GOTO))
        field_widget = self.screen.query_one(f"#{target}", CommitField)
        keys, text = self._text(target)
        if self.rng.random() < 0.35 and not field_widget.disabled:
            item_id = self.screen.item_id
            if field_widget.item_id != item_id:
                raise WalkFailure(f"#{target} holds item {field_widget.item_id}, not {item_id}")
            before = field_widget.current
            expected = text if target == "duration_minutes" else before + text
            self.model.typed(item_id, field_widget.field, expected)
            burst = [GOTO[target], *keys, *self._follow_up()]
            self.log.append("at once: " + " ".join(burst))
            for key in burst:
                character = " " if key == "space" else key if len(key) == 1 else None
                self.app.post_message(events.Key(key, character))
            return
        await self.press(GOTO[target])
        await self.pilot.pause()
        focused = self.app.focused
        if not isinstance(focused, CommitField) or focused.id != target:
            raise WalkFailure(f"{GOTO[target]} did not reach #{target}: focus is on {focused}")
        shown = self.screen.item_id
        if focused.item_id != shown:
            raise WalkFailure(f"#{target} holds item {focused.item_id}, the screen shows {shown}")
        before = focused.current
        await self.press(*keys)
        await self.pilot.pause()
        expected = text if target == "duration_minutes" else before + text
        if self.app.focused is not focused or focused.current != expected:
            raise WalkFailure(
                f"typing into #{target} gave {focused.current!r}, expected {expected!r} "
                f"(focus on {self.app.focused})"
            )
        assert focused.item_id is not None
        self.model.typed(focused.item_id, focused.field, expected)
        follow_up = self._follow_up()
        if follow_up:
            await self.press(*follow_up)

    async def move(self) -> None:
        if isinstance(self.screen, LiveScreen):
            await self.press(self.rng.choice(["ctrl+down", "ctrl+up"]))
            return
        await self.press("alt+d")
        for _ in range(self.rng.randint(1, 3)):
            await self.press(self.rng.choice(["down", "up"]))
            if self.rng.random() < 0.5:
                await settle(self.pilot)

    async def kind(self) -> None:
        await self.press("alt+y")
        await self.press("enter", *["down"] * self.rng.randint(1, 3), "enter")
        await settle(self.pilot)
        select = self.screen.query_one("#kind", Select)
        self.model.chose(self.screen.item_id, "kind", select.value)

    async def flag(self) -> None:
        name = self.rng.choice(["closed", "supplementary"])
        await self.press("alt+l" if name == "closed" else "alt+u", "space")
        await settle(self.pilot)
        self.model.chose(self.screen.item_id, name, self.screen.query_one(f"#{name}", Check).value)

    async def votes(self) -> None:
        await self.press("alt+d", "v")
        await settle(self.pilot)
        if not isinstance(self.screen, FormScreen):
            raise WalkFailure(f"v opened no form: {self.screen}")
        item_id = self._item_below()
        if self.rng.random() < 0.6:
            count = self.rng.randint(0, 9)
            await self.press("ctrl+a", str(count), "ctrl+s")
            self.model.votes.add((item_id, count))
        else:
            await self.press("escape")

    async def remark(self) -> None:
        if isinstance(self.screen, LiveScreen):
            await self.press("ctrl+r")
        else:
            await self.press("alt+d", "m")
        await settle(self.pilot)
        if not isinstance(self.screen, FormScreen):
            raise WalkFailure(f"the remark key opened no form: {self.screen}")
        item_id = self._item_below()
        if self.rng.random() < 0.6:
            # A participant, chosen by typing the name whole (the picker takes it on enter).
            by = self.rng.choice(self.minutes.get(self.mid).state.participants).name
            text = " ".join(self.rng.choice(WORDS) for _ in range(3))
            name, words = ([{" ": "space"}.get(c, c) for c in t] for t in (by, text))
            await self.press(*name, "enter", *words, "ctrl+s")
            self.model.remarks.add((item_id, by, text))
        else:
            await self.press("escape")

    def _item_below(self) -> UUID:
        """The item of the screen under a dialog."""
        below = self.app.screen_stack[-2]
        assert isinstance(below, MeetingPortScreen) and below.item_id is not None
        return below.item_id

    async def phrase(self) -> None:
        decision = self.screen.query_one("#decision", CommitField)
        await self.press("f2", "ctrl+end")
        await self.pilot.pause()
        before = decision.current
        index = self.rng.randrange(4)
        await self.press(f"f{index + 5}")
        await self.pilot.pause()
        phrase = decision_phrases()[index]
        gap = " " if before and not before[-1].isspace() else ""
        if decision.current != before + gap + phrase:
            raise WalkFailure(f"the phrase gave {decision.current!r}")
        assert decision.item_id is not None
        self.model.typed(decision.item_id, "decision", decision.current)

    async def help(self) -> None:
        await self.press("f1")
        await settle(self.pilot)
        await self.press("escape")

    async def palette(self) -> None:
        await self.press("ctrl+p")
        await settle(self.pilot)
        await self.press("escape")

    async def live(self) -> None:
        await self.press("alt+d", "l")

    async def leave_live(self) -> None:
        await self.press("escape", "backspace")

    async def wait(self) -> None:
        await asyncio.sleep(self.rng.uniform(0.2, 0.6))

    async def commit(self) -> None:
        await self.press("ctrl+s")

    async def leave(self) -> None:
        await self.press("escape")

    # -- the checks -------------------------------------------------------------------------

    def check(self) -> None:
        self.check_nothing_invented()
        self.check_nothing_lost()

    def _other_intents(self) -> list[dict[str, str]]:
        if not self.writer_log.exists():
            return []
        lines = self.writer_log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def check_nothing_invented(self) -> None:
        new = meeting_events(self.minutes, self.mid, gt=self.checked_version)
        intents = self._other_intents()
        for event in new:
            kind = type(event).TOPIC.removeprefix("chefforum:")
            item_id = getattr(event, "item_id", None)  # the walk's events are all on an item
            if event.actor == OTHER:
                wanted = {"kind": kind, "item": str(item_id)}
                if isinstance(event, RemarkAdded):
                    wanted |= {"text": event.remark.text, "by": event.remark.by}
                elif isinstance(event, SectionWritten):
                    wanted["text"] = event.text
                if wanted not in [{k: i[k] for k in wanted if k in i} for i in intents]:
                    raise WalkFailure(f"{OTHER} stored {kind} {wanted} without asking for it")
            elif event.actor == ACTOR:
                before = self.minutes.get(self.mid, version=event.originator_version - 1)
                assert isinstance(item_id, UUID), f"{kind} is not on an item"
                self._explain(kind, event, before.item(item_id))
            else:
                raise WalkFailure(f"an event by {event.actor}: {kind}")
            self.checked_version = event.originator_version
            self.events += 1

    def _explain(self, kind: str, event: Any, before: Item) -> None:
        """Raise unless the walk asked for this event of its actor."""
        item_id = event.item_id
        made = self.model.produced

        def typed(field_name: str, value: str) -> bool:
            return value in made[(item_id, field_name)]

        ok = False
        if kind == "ItemRetitled":
            ok = typed("title", event.title)
        elif kind == "ItemFieldsChanged":
            ok = event.number == before.number
            if event.case_number != before.case_number:
                ok = ok and typed("case_number", event.case_number or "")
            if event.duration_minutes != before.duration_minutes:
                ok = ok and typed("duration_minutes", str(event.duration_minutes or ""))
            for name in ("kind", "closed", "supplementary"):
                value = getattr(event, name)
                if value != getattr(before, name):
                    shown = NO_KIND if name == "kind" and value is None else value
                    ok = ok and shown in self.model.choices[(item_id, name)]
        elif kind == "RecommendationDrafted":
            old = field_texts(before)
            rec = event.recommendation
            by, points = (rec.by or "", "\n".join(rec.points)) if rec else ("", "")
            ok = (by == old["rec_by"] or typed("rec_by", by)) and (
                points == old["rec_points"] or typed("rec_points", points)
            )
        elif kind == "SectionWritten":
            ok = typed(f"section:{event.heading}", event.text)
        elif kind == "SectionRemoved":
            ok = typed(f"section:{event.heading}", "")
        elif kind == "DecisionRecorded":
            ok = typed("decision", event.text)
        elif kind == "VotesRecorded":
            counts = [v.count for v in event.votes if v.option == "for"]
            ok = bool(counts) and (item_id, counts[0]) in self.model.votes
        elif kind == "RemarkAdded":
            ok = (item_id, event.remark.by, event.remark.text) in self.model.remarks
        if not ok:
            raise WalkFailure(f"stored {kind} nobody asked for: {event}")

    def check_nothing_lost(self) -> None:
        state = self.minutes.get(self.mid).state
        fields = [
            w for s in self.app.screen_stack for w in s.query("*") if isinstance(w, CommitField)
        ]
        for (item_id, field_name), raw in self.model.intended.items():
            stored = field_texts(_item(state.items, item_id)).get(field_name, "")
            if stored == canon(field_name, raw):
                continue
            if any(
                f.item_id == item_id and f.field == field_name and f.current == raw for f in fields
            ):
                continue
            raise WalkFailure(
                f"lost: {field_name} of item {item_id} was typed as {raw!r}; stored is "
                f"{stored!r}, and no field holds it"
            )
        editors = [s for s in self.app.screen_stack if isinstance(s, MeetingScreen)]
        for (item_id, name), value in self.model.chosen.items():
            item = _item(state.items, item_id)
            stored_value = getattr(item, name)
            if name == "kind" and stored_value is None:
                stored_value = NO_KIND
            if stored_value == value:
                continue
            shown = [
                s.query_one(f"#{name}").value  # type: ignore[attr-defined]
                for s in editors
                if s.item_id == item_id
            ]
            if value not in shown:
                raise WalkFailure(f"lost: {name} of item {item_id} was set to {value!r}")


def _item(items: list[Item], item_id: UUID) -> Item:
    return next(i for i in items if i.id == item_id)
