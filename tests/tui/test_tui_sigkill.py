"""The real app in a terminal (a pty), killed with SIGKILL while a decision is typed: the
text typed up to a second before the kill comes back from the draft journal when the
meeting is opened again, and is stored only when the user accepts it."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from projections.store.drafts import DraftJournal, drafts_folder
from tests.tui.tui_pilot import ACTOR, OPENING, only_meeting, opened

CHEFFORUM = str(Path(sys.executable).parent / "chefforum")
TEXT = (
    "Dagsordenen blev godkendt uden bemærkninger, og referatet fra sidste møde blev underskrevet."
)


class Terminal:
    """The app on a pseudo-terminal of 80×24; what it shows is read all the time."""

    def __init__(self, db: str) -> None:
        self.leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {k: v for k, v in os.environ.items() if not k.startswith("CHEFFORUM_")}
        env |= {"CHEFFORUM_DB": db, "CHEFFORUM_ACTOR": ACTOR, "TERM": "xterm-256color"}
        self.process = subprocess.Popen(
            [CHEFFORUM],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
            start_new_session=True,
        )
        os.close(follower)
        self.shown = b""
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.shown += chunk

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if text.encode() in self.shown:
                    self.shown = b""
                    return
            time.sleep(0.05)
        raise AssertionError(f"the app never showed {text!r}")

    def type(self, keys: str, pause: float = 0.0) -> None:
        for key in keys:
            os.write(self.leader, key.encode())
            time.sleep(pause)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        os.close(self.leader)


def decision(db: str) -> str | None:
    with opened(db) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    item = next(i for i in state.active_items() if i.title == OPENING)
    return item.decision.text if item.decision else None


def test_text_typed_before_a_sigkill_comes_back_and_is_stored_on_accept(started: str) -> None:
    with opened(started) as minutes:
        mid = only_meeting(minutes)
    journal = DraftJournal(drafts_folder(started))
    app = Terminal(started)
    try:
        app.wait_for("Økonomiudvalget")
        app.type("\r")
        app.wait_for("Punkt")
        app.type("l")
        app.wait_for("Referat under mødet")
        pause = 0.04
        started_typing = time.monotonic()
        typed_before_kill = len(TEXT) - 10
        app.type(TEXT[:typed_before_kill], pause)  # about 3 s of steady typing
        assert time.monotonic() - started_typing > 1.0
    finally:
        app.kill()  # mid-typing: the last keys were sent a moment ago
    drafts = journal.drafts(mid)
    assert len(drafts) == 1, drafts
    kept = drafts[0].text
    # Everything typed up to a second before the kill is in the journal, in order.
    assert TEXT.startswith(kept), kept
    assert len(kept) >= typed_before_kill - int(1.0 / pause), (len(kept), typed_before_kill)
    assert decision(started) is None  # journalled, not stored

    app = Terminal(started)
    try:
        app.wait_for("Økonomiudvalget")
        app.type("\r")
        app.wait_for("Tekst der ikke blev gemt")
        time.sleep(1.0)
        assert decision(started) is None  # offered, not stored
        app.type("\x13")  # ctrl+s: store it
        deadline = time.monotonic() + 30
        while decision(started) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert decision(started) == kept.strip()
        assert journal.drafts(mid) == []
    finally:
        app.kill()
