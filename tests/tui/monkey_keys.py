"""The keys of the monkey's bursts: those it never presses, those that delete, cut, undo
or select text to type over, and the actions that open a dialog with the kinds of event
its submission can record."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input, TextArea

TOKEN_LETTERS = "cyæøå"  # bound to nothing: a token does only what typing does
# Keys that leave the walk's meeting for good or touch the disk (export, attachments,
# another meeting, the forum's roles, the demo), and quitting.
NEVER = {"ctrl+q", "ctrl+c", "ctrl+z"}
NEVER_ON = {
    "MeetingsScreen": {"n", "D", "I", "F"},
    "MeetingScreen": {"x", "i", "k", "R"},
    "AuditScreen": {"x"},
}
GENERIC = ["tab", "shift+tab", "enter", "escape", "up", "down", "space", "ctrl+s", "ctrl+s"]


def _deleting_keys() -> set[str]:
    """The keys Textual's fields bind to deleting, cutting, undoing or redoing text
    (super+backspace, ctrl+backspace, super+z, ...), and ctrl+a, which selects all for
    the next key to type over: after one of them typed text may be gone on purpose."""
    keys = {"ctrl+a"}
    for cls in (Input, TextArea):
        for binding in cls.BINDINGS:
            key, action = (
                (binding.key, binding.action)
                if isinstance(binding, Binding)
                else (binding[0], binding[1])
            )
            if any(word in action for word in ("delete", "cut", "undo", "redo")):
                keys |= set(key.split(","))
    return keys


# The deleting keys a burst sends on purpose (the walks of a seed stay as they were).
SENT_DELETING = ("backspace", "ctrl+a", "ctrl+k", "ctrl+u", "ctrl+w", "ctrl+x", "delete")
DELETING = _deleting_keys() | set(SENT_DELETING)


def replaces_text(key: str) -> bool:
    """A key that deletes, or selects what the next printable key types over (shift with
    an arrow, home or end; shift+tab only moves the focus)."""
    return key in DELETING or (key.startswith(("shift+", "ctrl+shift+")) and key != "shift+tab")


# The actions that open a dialog, and the kinds of event its submission can record.
RECORDS: dict[str, tuple[str, ...]] = {
    "votes": ("VotesRecorded",),
    "motion": ("MotionsRecorded", "VotesRecorded"),
    "remark": ("RemarkAdded",),
    "absence": ("ItemAbsenceRecorded",),
    "add_item": ("ItemAdded",),
    "withdraw_item": ("ItemWithdrawn",),
    "move_item": ("ItemMoved",),
    "details": ("DetailsChanged", "MeetingFactsChanged"),
    "add_participant": ("ParticipantAdded",),
    "edit_participant": (
        "ParticipantChanged",
        "AttendanceRecorded",
        "AbsenceReasonRecorded",
        "ParticipantRemoved",
    ),
    "postpone_item": ("ItemPostponed",),
    "earlier_decision": ("EarlierDecisionRecorded",),
    "publish": ("AgendaPublished",),
    "start": ("MeetingStarted",),
    "end": ("MeetingEnded", "MeetingFactsChanged"),
    "approve": ("MinutesApproved",),
    "correction": ("CorrectionAdded",),
}
OPENERS = (*tuple(RECORDS), "help", "command_palette", "search", "history", "live")
# Texts of the item editor, checked word by word against what was typed.
TEXT_KINDS = {
    "DecisionRecorded",
    "ItemRetitled",
    "RecommendationDrafted",
    "SectionWritten",
    "SectionRemoved",
    "ItemFieldsChanged",
}
