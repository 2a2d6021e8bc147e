"""Attach a file to the selected item (issue 25): a form with the file's path (completed
as you type, from the folder it names), a list of a folder's entries to pick it from
(enter on a folder opens it, on a file fills the path), the Bilag's name (the file's name
unless given), whether it is closed, and, once the minutes are approved, the reason for
the correction that adds it. The file is read and judged off the UI thread when the form
is saved; a refusal (too large, a program, a PDF with JavaScript) is shown and nothing is
stored.

The folder list is read at once with os.scandir, not by Textual's DirectoryTree, whose
loader is a worker that lives as long as the tree: whatever waits for the app's workers
(a save's follow-up, the tests' settle) would wait for the form to close."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual.suggester import Suggester
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field, FormScreen
from projections.files.inspect import inspect_path

PICKER_CSS = "AttachFileScreen #picker { height: 8; margin-top: 1; }"
UP = ".."


class PathSuggester(Suggester):
    """Completes a path from the entries of the folder it names (folders end in '/')."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        head, sep, start = value.rpartition("/")
        folder = Path(os.path.expanduser(head + sep)) if sep else Path()
        try:
            names = sorted(e.name + ("/" if e.is_dir() else "") for e in os.scandir(folder))
        except OSError:
            return None
        for name in names:
            hidden = name.startswith(".") and not start.startswith(".")
            if name.startswith(start) and name != start and not hidden:
                return head + sep + name
        return None


class FolderList(OptionList):
    """A folder's entries: '..', its folders (ending in '/'), then its files; hidden ones
    left out."""

    def __init__(self, folder: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folder = folder

    def on_mount(self) -> None:
        self.show(self.folder)

    def show(self, folder: Path) -> None:
        try:
            entries = [e for e in os.scandir(folder) if not e.name.startswith(".")]
        except OSError as e:
            self.notify(f"{folder} kan ikke læses: {e.strerror}", severity="warning")
            return
        self.folder = folder
        folders = sorted(e.name for e in entries if e.is_dir())
        files = sorted(e.name for e in entries if not e.is_dir())
        self.clear_options()
        self.add_options(
            [
                Option(f"{UP}/", id=UP),
                *(Option(f"{name}/", id=f"d:{name}") for name in folders),
                *(Option(name, id=f"f:{name}") for name in files),
            ]
        )
        self.border_title = str(folder)
        self.highlighted = 0


class AttachFileScreen(FormScreen):
    DEFAULT_CSS = FormScreen.DEFAULT_CSS + PICKER_CSS

    def __init__(self, title: str, fields: list[Field], start: Path) -> None:
        super().__init__(title, fields, submit="Vedhæft")
        self.start = start

    def on_mount(self) -> None:
        super().on_mount()
        path = self.query_one("#field-path", Input)
        path.suggester = PathSuggester()
        self.query_one("#fields").mount(FolderList(self.start, id="picker"), after=path)
        path.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "picker":
            return
        picker = self.query_one("#picker", FolderList)
        key = event.option.id or ""
        if key == UP:
            picker.show(picker.folder.parent)
        elif key.startswith("d:"):
            picker.show(picker.folder / key[2:])
        else:
            chosen = picker.folder / key[2:]
            self.query_one("#field-path", Input).value = str(chosen)
            name = self.query_one("#field-name", Input)
            if not name.value.strip():
                name.value = chosen.stem
            name.focus()
        event.stop()


def attach_file(port: MeetingPort, given: dict[str, Any] | None = None) -> None:
    """The form; refused (no file, a file that cannot be read or is not allowed), it
    opens again with what was typed in it."""
    item = port.current_item()
    if item is None or port.meeting is None:
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id
    approved = port.meeting.state.status == "approved"
    was = given or {}
    fields = [
        Field(
            "path",
            "Fil (→ fuldender stien; eller vælg i mappen nedenfor)",
            value=was.get("path", ""),
        ),
        Field("name", "Bilagets navn", value=was.get("name", ""), placeholder="filens navn"),
        Field(
            "closed",
            "Lukket bilag (aldrig på den offentlige side)",
            "check",
            bool(was.get("closed", False)),
        ),
    ]
    if approved:
        fields.append(
            Field(
                "reason",
                "Begrundelse (referatet er godkendt: tilføjes som rettelse)",
                value=was.get("reason", ""),
            )
        )

    def attach(values: dict[str, Any]) -> None:
        path = os.path.expanduser(values["path"])
        if not path:
            port.notify("Angiv en fil.", severity="warning")
            attach_file(port, values)
            return
        name = values["name"] or Path(path).stem

        def work(minutes: Any) -> None:
            content = inspect_path(path)  # read and judged here, off the UI thread
            if approved:
                minutes.add_file_by_correction(
                    mid, actor, iid, name, content, reason=values["reason"], closed=values["closed"]
                )
            else:
                minutes.attach_file(mid, actor, iid, name, content, values["closed"])

        port.save(
            work,
            lambda _: port.notify(f"Bilaget '{name}' er vedhæftet."),
            lambda _: attach_file(port, values),  # the refusal is shown; the form is back
        )

    screen: Any = port
    screen.app.push_screen(
        AttachFileScreen(f"Vedhæft fil: {item.title}", fields, Path.cwd()),
        lambda values: attach(values) if values is not None else None,
    )
