"""Errors the domain raises. Each carries a one-line Danish message for the user."""


class ChefforumError(Exception):
    """Base of every error a user may see."""


class RuleViolation(ChefforumError):
    """A domain rule refused the change; nothing was recorded."""


class NotFound(ChefforumError):
    """A meeting, item or participant that was named does not exist."""


class Conflict(ChefforumError):
    """Someone else saved the same meeting first; nothing of this change was stored."""


class EditConflict(Conflict):
    """Someone else changed the very text being edited; the editor keeps their own text."""

    def __init__(self, what: str, stored: str) -> None:
        shown = stored if len(stored) <= 120 else stored[:119] + "…"
        super().__init__(
            f"{what} blev ændret af en anden, mens du skrev, og er ikke gemt. Din tekst står "
            f"stadig i feltet; den gemte er nu: «{shown}». Gem igen for at erstatte den."
        )
        self.stored = stored


class InvalidInput(RuleViolation):
    """A value that cannot be stored at all: a control character, text that is too long,
    a number out of bounds. Bad input (the command line exits 2), not a rule of the
    minutes; a RuleViolation still, so that every caller that shows refusals shows it."""
