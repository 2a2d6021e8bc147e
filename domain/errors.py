"""Errors the domain raises. Each carries a one-line Danish message for the user."""


class ChefforumError(Exception):
    """Base of every error a user may see."""


class RuleViolation(ChefforumError):
    """A domain rule refused the change; nothing was recorded."""


class NotFound(ChefforumError):
    """A meeting, item or participant that was named does not exist."""


class Conflict(ChefforumError):
    """Someone else saved the same meeting first; nothing of this change was stored."""
