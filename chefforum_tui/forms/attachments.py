"""What an item refers to: its attachments (bilag) and earlier decisions on the case."""

from __future__ import annotations

from typing import Any

from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field
from domain.clock import typed_date
from domain.errors import InvalidInput


def add_attachment(port: MeetingPort) -> None:
    item = port.current_item()
    if item is None:
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id
    port.form(
        f"Nyt bilag: {item.title}",
        [
            Field("name", "Bilagets navn"),
            Field("closed", "Lukket bilag (kun i den interne udgave)", "check", False),
        ],
        lambda v: port.save(
            lambda minutes: minutes.add_attachment(mid, actor, iid, v["name"], v["closed"])
        ),
        submit="Tilføj",
    )


def remove_attachment(port: MeetingPort) -> None:
    item = port.current_item()
    if item is None:
        return
    if not item.attachments:
        port.notify("Punktet har ingen bilag.", severity="warning")
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id
    names: list[tuple[str, Any]] = [(a.name, a.name) for a in item.attachments]
    port.form(
        f"Fjern bilag: {item.title}",
        [Field("name", "Bilag", "select", names[0][1], names)],
        lambda v: port.save(lambda minutes: minutes.remove_attachment(mid, actor, iid, v["name"])),
        submit="Fjern",
    )


def earlier_decision(port: MeetingPort) -> None:
    item = port.current_item()
    if item is None:
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id

    def record(v: dict[str, Any]) -> None:
        try:
            on_day = typed_date(v["date"])
        except InvalidInput as e:
            port.notify(str(e), severity="error")
            return
        port.save(
            lambda minutes: minutes.record_earlier_decision(
                mid,
                actor,
                iid,
                body=v["body"],
                text=v["text"],
                date=on_day,
                number=v["item"] or None,
            )
        )

    port.form(
        f"Tidligere beslutning: {item.title}",
        [
            Field("body", "Organ", placeholder="f.eks. Økonomiudvalget"),
            Field("date", "Dato (ÅÅÅÅ-MM-DD)"),
            Field("item", "Punktnummer"),
            Field("text", "Beslutning", "area"),
        ],
        record,
        submit="Tilføj",
    )
