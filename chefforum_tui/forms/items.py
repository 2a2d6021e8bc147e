"""The agenda: add, withdraw and move items, and store what is typed into the item editor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field
from chefforum_tui.widgets.item_editor import KIND_OPTIONS, NO_KIND
from domain.errors import ChefforumError, EditConflict
from domain.forum.standing import STANDING_LAST
from domain.meeting.state import MeetingState
from domain.meeting.texts import field_label


def new_item_position(state: MeetingState, selected: UUID | None) -> int | None:
    """A new item goes after the selected one, but never after a closing standing item."""
    active = state.active_items()
    index = next((n for n, i in enumerate(active) if i.id == selected), len(active) - 1)
    position = index + 1
    if position >= len(active) and active and active[-1].title == STANDING_LAST:
        position = len(active) - 1
    return position


def add_item(port: MeetingPort) -> None:
    def add(v: dict[str, Any]) -> None:
        mid, actor = port.meeting_id, port.actor
        position = new_item_position(port.meeting.state, port.item_id) if port.meeting else None
        port.save(
            lambda minutes: minutes.add_item(
                mid,
                actor,
                v["title"],
                position=position,
                case_number=v["case_number"] or None,
                kind=None if v["kind"] == NO_KIND else v["kind"],
                duration_minutes=int(v["minutes"]) if v["minutes"] else None,
                closed=v["closed"],
            ),
            port.show_item,
        )

    port.form(
        "Nyt punkt",
        [
            Field("title", "Titel"),
            Field("case_number", "Journalnummer", placeholder="00.01.00-A00-3-26 eller lokalt nr."),
            Field("kind", "Type", "select", NO_KIND, KIND_OPTIONS),
            Field("minutes", "Afsat tid (min.)", restrict=r"\d{0,4}"),
            Field("closed", "Lukket punkt", "check", False),
        ],
        add,
        submit="Tilføj",
    )


def withdraw_item(port: MeetingPort) -> None:
    item = port.current_item()
    if item is None:
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id
    port.form(
        f"Træk punktet '{item.title}' fra dagsordenen (kan ikke fortrydes)",
        [Field("reason", "Begrundelse", placeholder="f.eks. Sagen er ikke klar")],
        lambda v: port.save(
            lambda minutes: minutes.withdraw_item(mid, actor, iid, v["reason"] or None)
        ),
        submit="Træk",
    )


def move_item(port: MeetingPort, step: int) -> None:
    item = port.current_item()
    if item is None or port.meeting is None:
        return
    active = port.meeting.state.active_items()
    index = active.index(item) + step
    if 0 <= index < len(active):  # a key pressed at the top or bottom does nothing
        mid, actor, iid = port.meeting_id, port.actor, item.id
        port.save(lambda minutes: minutes.move_item(mid, actor, iid, index))


# -- the item editor ------------------------------------------------------------------------


def store_text(
    port: MeetingPort,
    item_id: UUID | None,
    field: str,
    text: str,
    base: str,
    stored: Callable[[], Any] | None = None,
    conflict: Callable[[str], Any] | None = None,
) -> None:
    """A text field was left or saved: store it on the item it was typed for (the use case
    refuses when someone else changed that text since the field showed it), then call
    `stored`. When the screen has moved on from that item, a refused text is shown in
    full, not lost (and stays in the draft journal). On an edit conflict, `conflict`
    gets the other's text: the user has been shown it, and saving again replaces it."""
    if item_id is None:
        return
    mid, actor, template = port.meeting_id, port.actor, port.headings

    def refused(error: ChefforumError) -> None:
        if conflict is not None and isinstance(error, EditConflict):
            conflict(error.stored)
        if port.item_id != item_id:
            port.notify(
                f"{field_label(field)} blev ikke gemt på det punkt, du forlod. Din tekst var: "
                f"«{text}»",
                title="Ikke gemt",
                severity="error",
                timeout=60,
                markup=False,
            )

    port.save(
        lambda minutes: minutes.edit_item_text(mid, actor, item_id, field, text, base, template),
        (lambda _: stored()) if stored is not None else None,
        failed=refused,
    )


def change_choice(port: MeetingPort, item_id: UUID, name: str, value: object) -> None:
    """The kind or a flag (closed, supplementary), as the user set it in the editor."""
    if name == "kind":
        value = None if value == NO_KIND else value
    mid, actor = port.meeting_id, port.actor
    port.save(lambda minutes: minutes.change_item_fields(mid, actor, item_id, **{name: value}))
