"""May this be done now? For each thing a user can do to a meeting, the reason it is not
possible in the meeting's present state for a person with these forum roles, or None.

The commands check their own rules when they run (and permissions.check the roles); this
answers the same question beforehand, so that a screen offers only what can work and says
why the rest cannot. The reasons are Danish and start in lower case, to follow a dash:
"Nyt punkt — ikke muligt: referatet er godkendt".
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from domain.meeting.aggregate import signers
from domain.meeting.state import MeetingState

# What may be done to a meeting, by the name the UI's actions use.
EDITING = (
    "add_item",
    "withdraw_item",
    "move_item",
    "details",
    "add_participant",
    "edit_participant",
    "edit_item",
    "votes",
    "remark",
    "absence",
    "earlier_decision",
    "add_attachment",
    "remove_attachment",
)
LIFECYCLE = ("publish", "start", "end", "live", "approve", "correction", "roles")
ACTIONS = EDITING + LIFECYCLE

APPROVED = "referatet er godkendt; tilføj en rettelse i stedet"


def _secretary(state: MeetingState, roles: Collection[str]) -> str | None:
    if "secretary" not in roles:
        return f"kun sekretærer i {state.forum} kan ændre dagsorden og referat"
    return None


def _chair_or_secretary(state: MeetingState, roles: Collection[str]) -> str | None:
    if not {"chair", "secretary"} & set(roles):
        return f"kun formanden eller en sekretær for {state.forum} kan det"
    return None


def _editing(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    if state.status == "approved":
        return APPROVED
    return _secretary(state, roles)


def _needs_item(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    return _editing(state, roles, actor) or (
        None if state.active_items() else "dagsordenen har ingen punkter"
    )


def _participants(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    return _editing(state, roles, actor) or (
        None if state.participants else "mødet har ingen deltagere endnu"
    )


def _publish(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    if state.status == "approved":
        return APPROVED
    if state.status != "draft":
        return "dagsordenen er allerede udsendt"
    if not state.active_items():
        return "dagsordenen har ingen punkter"
    return _secretary(state, roles)


def _start(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    if state.status == "approved":
        return APPROVED
    if state.status not in ("draft", "published"):
        return "mødet er allerede begyndt"
    return _secretary(state, roles)


def _end(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    if state.status != "started":
        return "mødet er ikke i gang"
    return _chair_or_secretary(state, roles)


def _live(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    if state.status != "started":
        return "mødet er ikke i gang"
    return _secretary(state, roles)


def _approve(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    if state.status not in ("ended", "approved"):
        return "referatet kan først underskrives, når mødet er afsluttet"
    waiting = signers(state)
    if not waiting:
        return "ingen tilstedeværende medlemmer mangler at underskrive"
    if actor not in {p.name for p in waiting} and not {"chair", "secretary"} & set(roles):
        return (
            "kun et tilstedeværende medlem underskriver selv, og kun formanden eller en "
            f"sekretær for {state.forum} registrerer en underskrift givet på papir"
        )
    return None


def _correction(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    if state.status != "approved":
        return "referatet er ikke godkendt endnu; ret teksten direkte"
    return _chair_or_secretary(state, roles)


def _roles(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    if "secretary" not in roles:
        return f"kun sekretærer i {state.forum} kan tildele roller"
    return None


Rule = Callable[[MeetingState, Collection[str], str], str | None]
RULES: dict[str, Rule] = {
    **dict.fromkeys(EDITING, _editing),
    "withdraw_item": _needs_item,
    "move_item": _needs_item,
    "edit_item": _needs_item,
    "votes": _needs_item,
    "earlier_decision": _needs_item,
    "add_attachment": _needs_item,
    "remove_attachment": _needs_item,
    "edit_participant": _participants,
    "publish": _publish,
    "start": _start,
    "end": _end,
    "live": _live,
    "approve": _approve,
    "correction": _correction,
    "roles": _roles,
}


def unavailable(action: str, state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    """Why `actor`, holding `roles` in the meeting's forum, cannot do `action` now; None
    when they can (an action not named in ACTIONS is always possible)."""
    rule = RULES.get(action)
    return rule(state, roles, actor) if rule is not None else None
