"""The command line's own errors; main() turns each into one line and an exit code."""

from __future__ import annotations

from domain.errors import ChefforumError


class UsageError(ChefforumError):
    """Bad input on the command line (exit 2)."""


class Tampered(ChefforumError):
    """verify found the store altered (exit 1, like a refusal)."""
