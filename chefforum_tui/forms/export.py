"""The export dialog: format, audience and file name; the file is written off the UI thread."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from chefforum_tui.screens.dialogs import Field, FormScreen
from domain.application import Minutes
from domain.errors import ChefforumError
from domain.meeting.state import MeetingState
from projections.documents.export_file import export_file
from projections.documents.render.export import EXTENSIONS

if TYPE_CHECKING:
    from chefforum_tui.app import ChefforumApp

FORMATS: list[tuple[str, Any]] = [
    ("Tekst (A4)", "text"),
    ("Markdown", "markdown"),
    ("HTML", "html"),
    ("PDF (A4 til tryk)", "pdf"),
    ("JSON (udvekslingsformat)", "json"),
]


class ExportError(ChefforumError):
    """The export file could not be written."""


def export_fields(state: MeetingState) -> list[Field]:
    # Letters and digits only, one hyphen between words: "Børn- og Ungeudvalget" gives
    # "børn-og-ungeudvalget", and a "/" in a forum's name makes no folder.
    forum = re.sub(r"[^\w]+", "-", state.forum.lower()).strip("-")
    stem = f"referat-{forum}-{state.date.isoformat()}"
    return [
        Field("format", "Format", "select", "text", FORMATS),
        Field("public", "Offentlig udgave (lukkede punkter kun med titel)", "check", True),
        Field("agenda", "Kun dagsordenen", "check", False),
        Field("file", "Filnavn (uden endelse giver formatets endelse)", value=stem),
    ]


def export_path(values: dict[str, Any]) -> Path:
    path = Path(values["file"] or "referat").expanduser()
    return path if path.suffix else path.with_suffix("." + EXTENSIONS[values["format"]])


def export_dialog(app: ChefforumApp, meeting_id: UUID, version: int | None = None) -> None:
    """Ask how to export the meeting (as it stood at version, or now) and write the file."""

    def ask(state: MeetingState) -> None:
        app.push_screen(
            FormScreen("Eksportér referatet", export_fields(state), submit="Eksportér"),
            lambda values: write(state, values),
        )

    def write(state: MeetingState, values: dict[str, Any] | None) -> None:
        if values is None:
            return
        path = export_path(values)

        def work(minutes: Minutes) -> Path:
            # The same bytes as `chefforum export` (Kontrolsum included). The public view
            # hides every item closed at any time: the store, not the state shown, knows.
            data = export_file(
                minutes,
                meeting_id,
                values["format"],
                version=version,
                public_view=values["public"],
                agenda_view=values["agenda"],
            )
            try:
                path.write_bytes(data)
            except OSError as e:
                raise ExportError(f"Kan ikke skrive {path}: {e.strerror}") from None
            return path.resolve()

        app.store_call(
            work,
            lambda where: app.notify(
                f"Referatet er gemt i {where}", title="Eksporteret", timeout=10
            ),
        )

    app.store_call(lambda minutes: minutes.get(meeting_id, version=version).state, ask)
