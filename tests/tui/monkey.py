"""A monkey: bursts of any bound key and printable text, posted with no pause between
them, from whatever screen or dialog the app is on, while another user writes to the
same meeting through the command line (tests/tui/cli_writer.py, a real process).

Text is typed as tokens that nothing else writes ("cæ17y"): a token seen in a field
can be looked for anywhere. After every burst:

(a) the app is up, and no handler raised (ChefforumApp.unexpected is empty);
(b) nothing invented: every stored event is the other writer's (its logged intent) or
    explained by the monkey: a text made of what was typed (pieces of the bursts'
    printable keys, the ready phrases, the words the field held before), or an event
    of a kind an action that ran can record (each run allows one);
(c) nothing lost: every token that was seen whole in a text field of the meeting or of
    a dialog is stored, still in a field (whole, or cut by keys typed after the cursor
    moved into it), or in the draft journal; unless a key that deletes, cuts or undoes
    was pressed after it, the dialog it was in was cancelled, or it was a name in a
    person picker of a form sent and brought back (the picker selects the name it
    arrives with, and a letter types over it).

At the end of a walk, after a second of quiet, every field's unsaved text is in the
draft journal. Used by tests/tui/test_tui_monkey.py (20 walks) and bench/monkey.py.

The keys a burst may send and what each action may record are in monkey_keys.py; one
walk's model, its bursts and its three checks (each needs the whole model) in
monkey_walker.py; here the walk is run, with the other writer.
"""

from __future__ import annotations

import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from textual.message import Message

from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.dialogs import FormScreen
from projections.store.connect import open_minutes
from tests.tui.monkey_walker import Monkey, MonkeyFailure
from tests.tui.tui_pilot import ACTOR
from tests.tui.walk_meeting import ROOT, SIZES, build_meeting


@dataclass
class MonkeyResult:
    seed: int
    bursts: int
    keys: int
    tokens_seen: int
    events: int
    failure: str | None
    log: list[str]


def _numbers(db: str, mid: UUID) -> list[str]:
    minutes = open_minutes(db)
    try:
        return list(minutes.get(mid).state.item_numbers().values())
    finally:
        minutes.close()


async def run_monkey(folder: Path, seed: int, bursts: int) -> MonkeyResult:
    """One walk of `bursts` bursts on a new store in `folder`, with the other writer."""
    db = str(folder / f"monkey-{seed}.db")
    log = folder / f"other-{seed}.log"
    mid = build_meeting(db)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.tui.cli_writer",
            db,
            str(mid),
            str(log),
            str(seed),
            *_numbers(db, mid),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    rng = random.Random(seed)
    size = rng.choice(SIZES)
    monkey: Monkey | None = None
    failure: str | None = None
    done = 0
    holder: list[Monkey] = []
    dismiss = FormScreen.dismiss

    def dismissing(screen: Any, result: Any = None) -> Any:
        if holder:
            holder[0].dismissed(screen, result)
        return dismiss(screen, result)

    # Every dialog's dismissal is watched: a method replaced for the run.
    FormScreen.dismiss = dismissing  # type: ignore[method-assign,assignment]
    try:
        assert writer.stdout is not None
        if writer.stdout.readline().strip() != "ready":
            raise RuntimeError("the other writer did not start")
        app = ChefforumApp(db, ACTOR)

        def hook(message: Message) -> None:
            if holder:
                holder[0].message(message)

        async with app.run_test(size=size, message_hook=hook) as pilot:
            monkey = Monkey(pilot, db, mid, log, seed)
            holder.append(monkey)
            await monkey.drain()
            monkey.log.append(f"size {size}")
            await pilot.press("enter")
            await monkey.drain()
            try:
                monkey.check()
                while done < bursts:
                    done += 1
                    await monkey.run_burst()
                    monkey.check()
                    await monkey.back_to_the_meeting()
                await pilot.pause(1.2)  # the journal is at most a second behind
                monkey.check_journal()
            except MonkeyFailure as e:
                failure = f"seed {seed}, burst {done}: {e}"
    except Exception as e:  # the app itself failed: a failure of the walk, with its seed
        failure = f"seed {seed}, burst {done}: {type(e).__name__}: {e}"
    finally:
        FormScreen.dismiss = dismiss  # type: ignore[method-assign]
        if writer.stdin is not None:
            writer.stdin.close()
        writer.wait(timeout=60)
        if monkey is not None:
            monkey.close()
    if monkey is None:
        return MonkeyResult(seed, done, 0, 0, 0, failure, [])
    return MonkeyResult(
        seed,
        done,
        monkey.keys,
        len(monkey.model.seen),
        monkey.events,
        failure,
        monkey.log,
    )
