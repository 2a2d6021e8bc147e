"""An unexpected error in a handler is a message, not the end of the app.

Textual ends the app on any exception a handler raises, and the widget whose handler
raised stops handling messages; a secretary would lose the decision being typed. Here
the error is shown (one line, Danish, where the details were written), the fields keep
their text (and the draft journal has it), and the app goes on. The errors are kept in
ChefforumApp.unexpected, so that the tests still see every one as a failure.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

LOG_NAME = "errors.log"


def report_unexpected(app: Any, error: Exception) -> None:
    """Show the error, write its traceback to the log beside the draft journal."""
    unexpected = getattr(app, "unexpected", None)
    if unexpected is not None:
        unexpected.append(error)
    journal = getattr(app, "draft_journal", None)
    where = "terminalen"
    if journal is not None:
        path = journal.folder / LOG_NAME
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as log:
                log.write(f"--- {datetime.now().isoformat('T', 'seconds')}\n")
                log.write("".join(traceback.format_exception(error)))
            where = str(path)
        except OSError:
            pass
    app.notify(
        f"Uventet fejl ({type(error).__name__}: {error}). Programmet kører videre, og din "
        f"tekst er bevaret. Detaljerne står i {where}.",
        title="Fejl",
        severity="error",
        timeout=30,
        markup=False,
    )


class Guarded(MessagePump):
    """A widget, screen or app whose handlers' errors are reported, not fatal."""

    async def _on_message(self, message: Message) -> None:
        try:
            await super()._on_message(message)
        except Exception as error:  # any bug: reported, kept for the tests
            report_unexpected(self.app, error)
