"""The forum screen: what a forum's new meetings start from, one form per part.

Members (with standing substitutes), the section template, the standing first and last
items, and the settings (place, time, zone, document, numbering). Each form saves one
change through the use cases; only the forum's secretaries may (the refusal is shown).
"""

from __future__ import annotations

from datetime import time
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from chefforum_tui.keymap import FORUM_KEYS, bindings
from chefforum_tui.screens.base import AppScreen
from chefforum_tui.screens.dialogs import Field, FormScreen
from chefforum_tui.widgets.footer import KeyFooter
from domain.application import Minutes
from domain.errors import RuleViolation
from domain.forum.standing import StandingItem
from domain.forum.state import MEMBER_ROLES, NUMBERING_LABELS, NUMBERINGS, ForumSettings, Member
from domain.forum.template import template_for
from domain.meeting.state import DOCUMENT_KINDS, ITEM_KINDS
from projections.forum_view import forum_lines


def _time(text: str) -> time | None:
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise RuleViolation(f"'{text}' er ikke et klokkeslæt som 09:00.") from None


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.replace("\n", ",").split(",") if n.strip())


class ForumScreen(AppScreen[None]):
    BINDINGS = bindings(FORUM_KEYS)
    KEYS = FORUM_KEYS
    TITLE = "Forum"

    DEFAULT_CSS = """
    ForumScreen #forum { padding: 1 2; }
    """

    def __init__(self, forum: str) -> None:
        super().__init__()
        self.forum = forum

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("", id="forum")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.forum
        self.reload()

    def store_changed(self) -> None:
        self.reload()

    def reload(self) -> None:
        forum = self.forum

        def lines(minutes: Minutes) -> str:
            found = minutes.forum(forum)
            if found is None:
                return f"{forum} har ingen oplysninger endnu; de oprettes med første ændring."
            return "\n".join(forum_lines(minutes, found))

        self.store_call(lines, lambda text: self.query_one("#forum", Static).update(text))

    def _save(self, work: Any) -> None:
        self.store_call(work, lambda _: self.reload())

    def action_back(self) -> None:
        self.dismiss(None)

    def action_member(self) -> None:
        fields = [
            Field("name", "Navn"),
            Field("title", "Titel"),
            Field("party", "Parti"),
            Field("role", "Rolle", "select", "medlem", [(r, r) for r in MEMBER_ROLES]),
            Field("substitutes", "Faste stedfortrædere (adskilt af komma)"),
            Field("email", "E-mail (til dagsorden, udkast og personligt link)"),
        ]
        self.app.push_screen(
            FormScreen(f"Medlem af {self.forum} (samme navn: rettes)", fields), self._member
        )

    def _member(self, v: dict[str, Any] | None) -> None:
        if v is None:
            return
        actor, forum = self.chef.actor, self.forum
        member = Member(
            name=v["name"],
            title=v["title"] or None,
            party=v["party"] or None,
            role=v["role"],
            substitutes=_names(v["substitutes"]),
            email=v["email"] or None,
        )
        self._save(lambda minutes: minutes.set_forum_member(actor, forum, member))

    def action_remove_member(self) -> None:
        self.app.push_screen(
            FormScreen(f"Fjern et medlem af {self.forum}", [Field("name", "Navn")], "Fjern"),
            self._remove_member,
        )

    def _remove_member(self, v: dict[str, Any] | None) -> None:
        if v is None:
            return
        actor, forum = self.chef.actor, self.forum
        self._save(lambda minutes: minutes.remove_forum_member(actor, forum, v["name"]))

    def action_template(self) -> None:
        forum = self.forum

        def current(minutes: Minutes) -> str:
            return "\n".join(template_for(minutes, forum).sections)

        self.store_call(current, self._template_form)

    def _template_form(self, headings: str) -> None:
        field = Field("headings", "Overskrifter, én pr. linje, i rækkefølge", "area", headings)
        self.app.push_screen(FormScreen(f"Afsnit i {self.forum}", [field]), self._template)

    def _template(self, v: dict[str, Any] | None) -> None:
        if v is None:
            return
        actor, forum = self.chef.actor, self.forum
        headings = [h.strip() for h in v["headings"].splitlines() if h.strip()]
        self._save(lambda minutes: minutes.set_forum_sections(actor, forum, headings))

    def action_standing(self, place: str) -> None:
        label = "Første" if place == "first" else "Sidste"
        kinds: list[tuple[str, Any]] = [("(ingen)", ""), *((k, k) for k in ITEM_KINDS)]
        fields = [
            Field("title", "Titel (tom: intet fast punkt)"),
            Field("kind", "Punkttype", "select", "", kinds),
            Field("recommendation", "Standardindstilling", placeholder="at ..."),
        ]
        self.app.push_screen(
            FormScreen(f"{label} faste punkt i {self.forum}", fields),
            lambda v: self._standing(place, v),
        )

    def _standing(self, place: str, v: dict[str, Any] | None) -> None:
        if v is None:
            return
        actor, forum = self.chef.actor, self.forum
        item = (
            StandingItem(
                title=v["title"], kind=v["kind"] or None, recommendation=v["recommendation"] or None
            )
            if v["title"]
            else None
        )
        self._save(lambda minutes: minutes.set_standing_item(actor, forum, place, item))

    def action_settings(self) -> None:
        forum = self.forum

        def current(minutes: Minutes) -> ForumSettings:
            found = minutes.forum(forum)
            return found.state.settings if found is not None else ForumSettings()

        self.store_call(current, self._settings_form)

    def _settings_form(self, s: ForumSettings) -> None:
        def clock(t: time | None) -> str:
            return f"{t:%H:%M}" if t else ""

        fields = [
            Field("organisation", "Organisation", value=s.organisation or ""),
            Field("place", "Mødested", value=s.place or ""),
            Field("start", "Start (TT:MM)", value=clock(s.start)),
            Field("end", "Slut (TT:MM)", value=clock(s.end)),
            Field("time_zone", "Tidszone", value=s.time_zone),
            Field("document", "Dokument", "select", s.document, [(d, d) for d in DOCUMENT_KINDS]),
            Field(
                "numbering",
                "Nummerering",
                "select",
                s.numbering,
                [(NUMBERING_LABELS[n], n) for n in NUMBERINGS],
            ),
        ]
        self.app.push_screen(FormScreen(f"Indstillinger for {self.forum}", fields), self._settings)

    def _settings(self, v: dict[str, Any] | None) -> None:
        if v is None:
            return
        actor, forum = self.chef.actor, self.forum

        def save(minutes: Minutes) -> None:
            minutes.change_forum_settings(
                actor,
                forum,
                organisation=v["organisation"] or None,
                place=v["place"] or None,
                start=_time(v["start"]),
                end=_time(v["end"]),
                time_zone=v["time_zone"],
                document=v["document"],
                numbering=v["numbering"],
            )

        self._save(save)
