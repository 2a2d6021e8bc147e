# Over 400 lines: one walk is one model (what was typed, what may be stored) with its steps
# and its two checks; split, each part would need the whole model.
"""A seeded random walk through the meeting screen and the live view, while another
process (tests/tui/other_writer.py) writes to the same meeting.

The walk moves between items and fields, types, commits, leaves fields, switches items,
opens and closes dialogs, the help, the palette and the live view, and waits. After
every step it checks:

(a) nothing invented: every stored event is one the walk's keys asked for (a text it
    typed, a choice it made, a form it submitted) or one the other writer logged;
(b) nothing lost: every text typed is stored, or still in a field showing its item.

Used by tests/tui/test_tui_random_walk.py (a few walks) and bench/tui_walk.py (many).
"""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any
from uuid import UUID

from textual import events
from textual.pilot import Pilot
from textual.widgets import Select

from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.dialogs import FormScreen
from chefforum_tui.screens.live import LiveScreen
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.screens.meeting_base import MeetingPortScreen
from chefforum_tui.widgets.choices import Check
from chefforum_tui.widgets.fields import CommitField
from chefforum_tui.widgets.item_editor import NO_KIND
from domain.application import Minutes
from domain.forum.template import new_meeting
from domain.meeting.events.decisions import RemarkAdded
from domain.meeting.events.texts import SectionWritten
from domain.meeting.phrases import decision_phrases
from domain.meeting.state import Item
from domain.meeting.texts import field_texts
from domain.text import nfc
from projections.store.connect import open_minutes
from tests.builders import meeting_events
from tests.tui.other_writer import OTHER
from tests.tui.tui_pilot import ACTOR, FORUM, settle

ROOT = Path(__file__).resolve().parents[2]
# The editor's text fields the walk types in, and the key that goes to each.
GOTO = {
    "title": "alt+t",
    "case_number": "alt+j",
    "duration_minutes": "alt+m",
    "rec_by": "alt+i",
    "rec_points": "alt+a",
    "section-0": "alt+1",
    "section-1": "alt+2",
    "decision": "f2",
}
WORDS = ("at", "sagen", "godkendes", "økonomi", "Ærø", "budget", "forslag", "Å", "drøftes", "nej")
SIZES = ((80, 24), (100, 30), (120, 40), (160, 45))


def canon(field_name: str, raw: str) -> str:
    """A text as the store keeps it (domain.meeting.texts.field_texts of the stored item)."""
    text = nfc(raw)
    if field_name == "duration_minutes":
        return str(int(text)) if text.strip() else ""
    if field_name == "rec_points":
        return "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text.strip()


class WalkFailure(AssertionError):
    pass


@dataclass
class Model:
    """What the walk did, so that every stored event can be traced to it."""

    produced: dict[tuple[UUID, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    intended: dict[tuple[UUID, str], str] = field(default_factory=dict)
    choices: dict[tuple[UUID, str], set[object]] = field(default_factory=lambda: defaultdict(set))
    chosen: dict[tuple[UUID, str], object] = field(default_factory=dict)
    votes: set[tuple[UUID, int]] = field(default_factory=set)
    remarks: set[tuple[UUID, str, str]] = field(default_factory=set)

    def typed(self, item_id: UUID, field_name: str, raw: str) -> None:
        self.produced[(item_id, field_name)].add(canon(field_name, raw))
        self.intended[(item_id, field_name)] = raw

    def chose(self, item_id: UUID, name: str, value: object) -> None:
        self.choices[(item_id, name)].add(value)
        self.chosen[(item_id, name)] = value


@dataclass
class WalkResult:
    seed: int
    steps: int
    events: int
    failure: str | None
    log: list[str]


def build_meeting(db: str) -> UUID:
    """A started meeting: the standing items and three of business, three members; the
    other writer is a secretary of the forum too."""
    minutes = open_minutes(db)
    try:
        mid = new_meeting(minutes, ACTOR, FORUM, date(2026, 9, 2), time(16), "Byrådssalen")
        for name, role in (("Anne Holm", "chair"), ("Bo Lind", "member"), ("Cille Ravn", "member")):
            minutes.add_participant(mid, ACTOR, name, title="Medlem af udvalget", role=role)
        for position, title in enumerate(("Budget", "Vejbelysning", "Personalesag"), start=1):
            minutes.add_item(mid, ACTOR, title, position=position, duration_minutes=20)
        minutes.change_roles(ACTOR, FORUM, OTHER, "secretary", grant=True)
        minutes.publish_agenda(mid, ACTOR)
        minutes.start_meeting(mid, ACTOR, time(16))
        return mid
    finally:
        minutes.close()


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


async def run_walk(folder: Path, seed: int, steps: int) -> WalkResult:
    """One walk of `steps` steps on a new store in `folder`, with the other writer."""
    db = str(folder / f"walk-{seed}.db")
    log = folder / f"other-{seed}.log"
    mid = build_meeting(db)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.tui.other_writer", db, str(mid), str(log), str(seed)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    rng = random.Random(seed)
    size = rng.choice(SIZES)
    walk: Walk | None = None
    failure: str | None = None
    done = 0
    try:
        assert writer.stdout is not None
        if writer.stdout.readline().strip() != "ready":
            raise RuntimeError("the other writer did not start")
        app = ChefforumApp(db, ACTOR)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            walk = Walk(pilot, db, mid, log, seed)
            walk.log.append(f"size {size}")
            await walk.press("enter")  # open the meeting: that alone stores nothing
            await settle(pilot)
            try:
                walk.check()
                while done < steps:
                    done += 1
                    await walk.step()
                    walk.check()
            except WalkFailure as e:
                failure = f"seed {seed}, step {done}: {e}"
    except Exception as e:  # the app itself failed: a failure of the walk, with its seed
        failure = f"seed {seed}, step {done}: {type(e).__name__}: {e}"
    finally:
        if writer.stdin is not None:
            writer.stdin.close()
        writer.wait(timeout=30)
        if walk is not None:
            walk.close()
    return WalkResult(seed, done, walk.events if walk else 0, failure, walk.log if walk else [])
