"""May this be done now? One function per thing a user does to a meeting: the reason it
cannot be done in the meeting's present state by `actor`, who holds `roles` in the
meeting's forum (domain.forum.aggregate.Forum.roles_of), on the selected `item`; None
when it may. A reason is one Danish sentence, the very one the command refuses with; it
begins with a common word, never a name, so that the UI may lower its first letter
after a colon.

Each action's rule is the meeting's part and then the forum's part, in the order the
command meets them: the aggregate raises the meeting's part when the command runs
(domain.meeting.aggregate and its parts), and domain.permissions raises the forum's part
on the events before they are saved. The UI lists the whole rule beforehand
(domain.meeting.actions), so that what a screen offers is what the command allows
(tests/unit/test_rules_agree.py).
"""

from __future__ import annotations

from collections.abc import Collection

from domain.errors import RuleViolation
from domain.meeting.state import Item, MeetingState, Participant

SIGNING_ROLES = ("member", "chair", "substitute")
# The roles a person may hold in a forum (domain.forum.state.FORUM_ROLES), and "member"
# for one of its members (domain.forum.aggregate.Forum.roles_of).
SECRETARY, CHAIR, MEMBER = "secretary", "chair", "member"


def refuse(reason: str | None) -> None:
    """Raise a rule's reason (None: allowed)."""
    if reason is not None:
        raise RuleViolation(reason)


# -- the meeting's part: what its state allows (the aggregate raises these) -------------


def editable(state: MeetingState) -> str | None:
    """Approved minutes are never changed; corrections are added to them."""
    if state.status == "approved":
        return "Referatet er godkendt og kan ikke ændres; tilføj en rettelse med en begrundelse."
    return None


def held(state: MeetingState, what: str) -> str | None:
    """Decisions and votes are recorded once the meeting has begun."""
    if state.status not in ("started", "ended"):
        return (
            f"{what} kan først skrives, når mødet er begyndt; udsend dagsordenen og start "
            "mødet først (chefforum publish MØDE, chefforum start MØDE)."
        )
    return None


def has_items(state: MeetingState) -> str | None:
    return None if state.active_items() else "Dagsordenen har ingen punkter."


def has_participants(state: MeetingState) -> str | None:
    return None if state.participants else "Mødet har ingen deltagere endnu."


def not_withdrawn(item: Item) -> str | None:
    """Withdrawn, an item keeps its number and is printed as such: nothing more to do."""
    if item.status == "trukket":
        return f"Punktet '{item.title}' er allerede trukket."
    return None


def open_item(item: Item) -> str | None:
    """Postponed or withdrawn, an item is not voted on nor postponed again."""
    if item.status != "behandlet":
        word = "udsat" if item.status == "udsat" else "trukket"
        return f"Punktet '{item.title}' er {word}."
    return None


def publishable(state: MeetingState) -> str | None:
    if state.status != "draft":
        return editable(state) or "Dagsordenen er allerede udsendt."
    return has_items(state)


def startable(state: MeetingState) -> str | None:
    if state.status == "draft":
        return (
            "Dagsordenen er ikke udsendt; udsend den først (chefforum publish MØDE, eller p i "
            "mødet), så kan mødet begynde."
        )
    if state.status != "published":
        return editable(state) or "Mødet er allerede begyndt."
    return None


def in_session(state: MeetingState) -> str | None:
    """Ended, or taken live: only while the meeting is held."""
    if state.status != "started":
        return editable(state) or "Mødet er ikke i gang."
    return None


def signing_refusal(state: MeetingState, signer: Participant) -> str | None:
    """Why this participant may not sign the referat now, or None when they may."""
    if signer.role not in SIGNING_ROLES:
        return f"{signer.name} er ikke medlem og kan ikke underskrive referatet."
    if signer.attendance != "present":
        return f"{signer.name} var ikke til stede og kan ikke underskrive referatet."
    if any(a.by == signer.name for a in state.approvals):
        return f"{signer.name} har allerede underskrevet referatet."
    return None


def signers(state: MeetingState) -> list[Participant]:
    """Who may still sign the referat: the members present who have not yet signed."""
    return [p for p in state.participants if signing_refusal(state, p) is None]


def signable(state: MeetingState) -> str | None:
    if state.status not in ("ended", "approved"):
        return "Referatet kan først underskrives, når mødet er afsluttet."
    if not signers(state):
        return "Ingen tilstedeværende medlemmer mangler at underskrive referatet."
    return None


def correctable(state: MeetingState) -> str | None:
    if state.status != "approved":
        return "Rettelser tilføjes først, når referatet er godkendt; ret teksten direkte."
    return None


# -- the forum's part: what the actor's roles allow (domain.permissions raises these) ---


def not_secretary(forum: str, actor: str, what: str) -> str:
    return f"Kun sekretærer i {forum} kan {what}; {actor} er ikke sekretær."


def secretary(forum: str, roles: Collection[str], actor: str) -> str | None:
    """The agenda and the minutes are the secretaries'."""
    if SECRETARY not in roles:
        return not_secretary(forum, actor, "ændre dagsorden og referat")
    return None


def ends(forum: str, roles: Collection[str]) -> str | None:
    if not {CHAIR, SECRETARY} & set(roles):
        return f"Kun formanden eller sekretæren for {forum} kan afslutte mødet."
    return None


def corrects(forum: str, roles: Collection[str]) -> str | None:
    if not {CHAIR, SECRETARY} & set(roles):
        return f"Kun formanden eller sekretæren for {forum} kan tilføje rettelser."
    return None


def records_signatures(forum: str, roles: Collection[str]) -> str | None:
    """A member signs for themselves; a signature given on paper is recorded by the chair
    or a secretary."""
    if not {CHAIR, SECRETARY} & set(roles):
        return (
            "Kun et tilstedeværende medlem underskriver selv, og kun formanden eller en "
            f"sekretær for {forum} registrerer en underskrift givet på papir."
        )
    return None


def not_a_speaker(forum: str, by: str) -> str:
    """Dissent is a participant's, a forum member's, or a party group's of either."""
    return (
        f"Bemærkninger er fra mødets deltagere, medlemmerne af {forum} og deres "
        f"partigrupper; {by} er ingen af dem."
    )


# -- one rule per action: what the UI lists (domain.meeting.actions) --------------------


def edit(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    """Adding items and participants, the meeting's details: the secretary's, until the
    minutes are approved."""
    return editable(state) or secretary(state.forum, roles, actor)


def _on_item(
    state: MeetingState, roles: Collection[str], actor: str, own: str | None = None
) -> str | None:
    """What every action on an item obeys, with the action's own rule (`own`) in the place
    the command meets it: after the minutes' state and the item, before the roles."""
    return editable(state) or has_items(state) or own or secretary(state.forum, roles, actor)


def edit_item(
    state: MeetingState, roles: Collection[str], actor: str, item: Item | None = None
) -> str | None:
    """What is written on an item: its fields, Indstilling, sections, Bilag, earlier
    decisions, absences."""
    return _on_item(state, roles, actor)


def edit_participant(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    return editable(state) or has_participants(state) or secretary(state.forum, roles, actor)


def withdraw_item(
    state: MeetingState, roles: Collection[str], actor: str, item: Item | None = None
) -> str | None:
    return _on_item(state, roles, actor, not_withdrawn(item) if item is not None else None)


def postpone_item(
    state: MeetingState, roles: Collection[str], actor: str, item: Item | None = None
) -> str | None:
    return _on_item(state, roles, actor, open_item(item) if item is not None else None)


def votes(
    state: MeetingState, roles: Collection[str], actor: str, item: Item | None = None
) -> str | None:
    return _on_item(state, roles, actor, held(state, "Afstemningen"))


def motion(
    state: MeetingState, roles: Collection[str], actor: str, item: Item | None = None
) -> str | None:
    """A vote on a motion: on an item still open (not postponed, not withdrawn)."""
    return _on_item(
        state,
        roles,
        actor,
        held(state, "Afstemningen") or (open_item(item) if item is not None else None),
    )


def remark(
    state: MeetingState, roles: Collection[str], actor: str, item: Item | None = None
) -> str | None:
    """A secretary writes anyone's remark; a participant or forum member their own."""
    speaks = (
        SECRETARY in roles or MEMBER in roles or any(p.name == actor for p in state.participants)
    )
    return (
        (None if speaks else not_a_speaker(state.forum, actor))
        or editable(state)
        or has_items(state)
    )


def attach_file(
    state: MeetingState, roles: Collection[str], actor: str, item: Item | None = None
) -> str | None:
    """A file is attached; to approved minutes, by a correction (both the secretary's)."""
    return has_items(state) or secretary(state.forum, roles, actor)


def publish(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    return publishable(state) or secretary(state.forum, roles, actor)


def start(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    return startable(state) or secretary(state.forum, roles, actor)


def end(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    return in_session(state) or ends(state.forum, roles)


def live(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    """The live view: taking the minutes while the meeting is held."""
    return in_session(state) or secretary(state.forum, roles, actor)


def approve(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    """A member present signs for themselves; the chair or a secretary records a
    signature given on paper."""
    if (refusal := signable(state)) is not None:
        return refusal
    if any(p.name == actor for p in signers(state)):
        return None
    return records_signatures(state.forum, roles)


def correction(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    return correctable(state) or corrects(state.forum, roles)


def change_roles(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    if SECRETARY not in roles:
        return not_secretary(state.forum, actor, "tildele roller")
    return None


def send_mail(state: MeetingState, roles: Collection[str], actor: str) -> str | None:
    """The agenda, the referat or a reminder to the members: the secretary's, also after
    approval."""
    return secretary(state.forum, roles, actor)
