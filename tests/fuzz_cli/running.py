"""One command line run through main() in this process: its output captured (also what
export writes to the binary buffer), a traceback caught, and a case running past HANG
seconds ended by an alarm."""

from __future__ import annotations

import contextlib
import io
import signal
import traceback
from dataclasses import dataclass

from chefforum_tui.cli import main

HANG = 30  # seconds: a case that runs longer is a hang


class Hang(BaseException):
    """A case ran past HANG seconds (raised by the alarm, so that the run goes on)."""


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang


@dataclass
class Outcome:
    code: int | None
    out: str
    err: str
    trace: str = ""


class _Stdout(io.StringIO):
    """Standard output with the binary buffer export writes to."""

    def __init__(self) -> None:
        super().__init__()
        self._bytes = io.BytesIO()

    @property
    def buffer(self) -> io.BytesIO:
        return self._bytes


def run_main(args: list[str]) -> Outcome:
    out, err = _Stdout(), io.StringIO()
    trace = ""
    code: int | None
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    except SystemExit as e:  # argparse's --help
        code = e.code if isinstance(e.code, int) else 0
    except Hang:
        code = None
        trace = f"HANG: still running after {HANG} s\n" + traceback.format_exc()
    except BaseException:
        code = None
        trace = traceback.format_exc()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    text = out.getvalue() + out.buffer.getvalue().decode("utf-8", errors="replace")
    return Outcome(code, text, err.getvalue(), trace)
