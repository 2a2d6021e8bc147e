"""A meeting screen's meeting: loaded off the UI thread (View), loaded again when someone
else saves, saying so when it touches a text being edited here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from textual.widget import Widget

from chefforum_tui.screens.base import AppScreen
from chefforum_tui.widgets.fields import CommitField
from domain.application import Minutes
from domain.errors import ChefforumError
from domain.forum.state import Member
from domain.forum.template import sections_for
from domain.meeting.aggregate import Meeting
from domain.meeting.texts import field_label, field_texts


@dataclass(frozen=True)
class View:
    """What a meeting screen shows, loaded off the UI thread."""

    meeting: Meeting
    headings: tuple[str, ...]
    preview: list[str]
    roles: tuple[str, ...]  # the user's roles in the meeting's forum (Forum.roles_of)
    members: tuple[Member, ...] = ()  # the forum's, to choose among in the forms


class MeetingViewScreen(AppScreen[Any]):
    """A screen on one meeting, loaded and kept up to date."""

    def __init__(self, meeting_id: UUID, item_id: UUID | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: Meeting | None = None
        self.headings: tuple[str, ...] = ()
        self.roles: tuple[str, ...] = ()
        self.members: tuple[Member, ...] = ()
        self.item_id = item_id
        self._refresh_waiting = False  # a refresh after others' changes waits its turn
        self._load_failed = False

    # -- loading ----------------------------------------------------------------------------

    def _loader(self) -> Callable[[Minutes], View]:
        """Loading the meeting, for a worker thread: what it needs of the screen and the
        app is taken here, on the UI thread (a screen left meanwhile has no app)."""
        meeting_id, actor, headings = self.meeting_id, self.actor, self.headings
        render = self.chef.render_preview if self.wants_preview else None

        def load(minutes: Minutes) -> View:
            meeting = minutes.get(meeting_id)
            forum = minutes.forum(meeting.state.forum)
            return View(
                meeting,
                headings or sections_for(minutes, meeting.state),
                render(meeting.state) if render is not None else [],
                forum.roles_of(actor) if forum else (),
                tuple(forum.state.members) if forum else (),
            )

        return load

    wants_preview = True

    @property
    def actor(self) -> str:
        return self.chef.actor

    async def _show(self, view: View) -> None:
        raise NotImplementedError

    async def show_view(self, view: View) -> None:
        """Show a loaded meeting."""
        await self._show(view)

    @property
    def ready(self) -> bool:
        """Keys wait until the meeting is shown (key_gate.py): typed into a field that
        belongs to no item yet, text would be replaced by the item's when it comes."""
        return self.meeting is not None or self._load_failed

    def reload(self) -> None:
        async def show(view: View) -> None:
            if self.showing:
                await self.show_view(view)

        def failed(_: ChefforumError) -> None:
            self._load_failed = True

        self.chef.store_call(self._loader(), show, failed)

    def dirty_fields(self) -> list[CommitField]:
        return [w for w in self.query("*") if isinstance(w, CommitField) and w.dirty]

    def store_changed(self) -> None:
        """Someone (perhaps in another process) saved: show it, and say so when it
        touches a text being edited here, which keeps the user's own text."""
        if not self.is_mounted:
            return  # reported between pushing and mounting the screen: on_mount loads it
        if self._refresh_waiting:
            return  # the refresh already waiting for its turn will load this change too
        self._refresh_waiting = True
        editing = {(f.item_id, f.field): f.committed for f in self.dirty_fields()}
        load = self._loader()

        def changed(minutes: Minutes) -> View | None:
            self._refresh_waiting = False  # a change reported from now on needs a load
            shown = self.meeting.version if self.meeting else None
            # Most changes seen are other meetings' or this screen's own: one cheap query
            # decides, before loading and rendering the whole meeting again.
            last = minutes.recorder.select_events(self.meeting_id, desc=True, limit=1)
            if last and last[0].originator_version == shown:
                return None
            return load(minutes)

        async def show_and_tell(view: View | None) -> None:
            if not self.showing or view is None:
                return
            if self.meeting and view.meeting.version <= self.meeting.version:
                return
            for (item_id, field), base in editing.items():
                if item_id is None:
                    continue
                try:
                    stored = field_texts(view.meeting.item(item_id)).get(field, "")
                except ChefforumError:
                    continue
                if stored != base:
                    self.notify(
                        f"{field_label(field)} blev ændret af en anden, mens du skrev. Din "
                        f"tekst står stadig i feltet; den gemte er nu: «{stored[:120]}».",
                        title="Ændret samtidig",
                        severity="warning",
                        timeout=12,
                    )
            await self.show_view(view)

        self.chef.store_call(changed, show_and_tell)

    # -- focus ------------------------------------------------------------------------------

    def scroll_to_center(self, widget: Widget, animate: bool = True, **kwargs: Any) -> None:
        """A focus change scrolls at once: an animated scroll lets quick keys land in the
        wrong place."""
        super().scroll_to_center(widget, animate=False, **kwargs)
