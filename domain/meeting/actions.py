"""May this be done now? Every action a screen offers on a meeting, by the name of its
key's action (chefforum_tui/keymap.py), with its rule (domain.meeting.rules): the screens
offer only what can work and give the rule's reason for the rest, the very reason the
command refuses with. An action not listed here (export, history, preview) is always
possible.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from domain.meeting import rules
from domain.meeting.state import Item, MeetingState

Rule = Callable[[MeetingState, Collection[str], str], str | None]
ItemRule = Callable[[MeetingState, Collection[str], str, Item | None], str | None]

RULES: dict[str, Rule] = {
    "add_item": rules.edit,
    "details": rules.edit,
    "add_participant": rules.edit,
    "edit_participant": rules.edit_participant,
    "publish": rules.publish,
    "start": rules.start,
    "end": rules.end,
    "live": rules.live,
    "approve": rules.approve,
    "correction": rules.correction,
    "roles": rules.change_roles,
    "send_mail": rules.send_mail,
}
# Actions on the selected item: their rules also look at it (withdrawn, postponed).
ITEM_RULES: dict[str, ItemRule] = {
    "edit_item": rules.edit_item,
    "move_item": rules.edit_item,
    "absence": rules.edit_item,
    "earlier_decision": rules.edit_item,
    "add_attachment": rules.edit_item,
    "remove_attachment": rules.edit_item,
    "withdraw_item": rules.withdraw_item,
    "postpone_item": rules.postpone_item,
    "votes": rules.votes,
    "motion": rules.motion,
    "remark": rules.remark,
    "attach_file": rules.attach_file,
}
ACTIONS = (*RULES, *ITEM_RULES)


def unavailable(
    action: str,
    state: MeetingState,
    roles: Collection[str],
    actor: str,
    item: Item | None = None,
) -> str | None:
    """Why `actor`, holding `roles` in the meeting's forum, cannot do `action` now (on
    `item`, the selected one); None when they can."""
    if action in ITEM_RULES:
        return ITEM_RULES[action](state, roles, actor, item)
    rule = RULES.get(action)
    return rule(state, roles, actor) if rule is not None else None


def clause(reason: str) -> str:
    """A reason as it follows a colon: "Nyt punkt er ikke muligt: referatet er godkendt
    ..." (a reason begins with a common word, never a name)."""
    return reason[:1].lower() + reason[1:].removesuffix(".")
