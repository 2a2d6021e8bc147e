"""One meeting: header, participants, agenda, the selected item's editor and a live preview."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Footer, Header, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from chefforum_tui.keymap import MEETING_KEYS, bindings
from chefforum_tui.screens.audit import AuditScreen
from chefforum_tui.screens.base import AppScreen
from chefforum_tui.screens.dialogs import ConfirmScreen, Field, FormScreen
from chefforum_tui.widgets.fields import Commit, CommitField
from chefforum_tui.widgets.item_editor import FIELD_LABELS, NO_KIND, ItemEditor, field_texts
from chefforum_tui.widgets.preview import Preview
from domain.application import Minutes
from domain.forum import FORUM_ROLES
from domain.meeting.aggregate import SIGNING_ROLES, Meeting, expect_unchanged
from domain.meeting.state import (
    ABSENCE_REASONS,
    ATTENDANCE_LABELS,
    ITEM_KINDS,
    ROLE_LABELS,
    ROLES,
    STATUS_LABELS,
    VOTE_LABELS,
    VOTE_OPTIONS,
    Item,
    Vote,
)
from projections.documents.referat import sign
from projections.documents.render.layout import weekday_date
from projections.templates import STANDING_LAST, sections_for


@dataclass(frozen=True)
class View:
    """What the screen shows, loaded off the UI thread."""

    meeting: Meeting
    headings: tuple[str, ...]
    preview: list[str]


class MeetingScreen(AppScreen[None]):
    BINDINGS = bindings(MEETING_KEYS)
    KEYS = MEETING_KEYS

    DEFAULT_CSS = """
    MeetingScreen #meeting-header { background: $boost; padding: 0 1; height: auto; }
    MeetingScreen #body { height: 1fr; }
    MeetingScreen #sidebar { width: 30%; min-width: 24; max-width: 36; }
    MeetingScreen #sidebar Label { text-style: bold; padding: 0 1; color: $accent; }
    MeetingScreen #items { height: 2fr; }
    MeetingScreen #participants { height: 1fr; }
    MeetingScreen #main { width: 1fr; }
    MeetingScreen ItemEditor { width: 1fr; height: 1fr; }
    MeetingScreen Preview { width: 1fr; height: 1fr; }
    MeetingScreen.narrow #main { layout: vertical; }
    MeetingScreen.narrow ItemEditor { height: 3fr; }
    MeetingScreen.narrow Preview { height: 2fr; }
    """

    def __init__(self, meeting_id: UUID, item_number: str | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.open_at = item_number  # the item to show first (from a search hit)
        self.meeting: Meeting | None = None
        self.headings: tuple[str, ...] = ()
        self.item_id: UUID | None = None

    # -- layout and loading ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Henter mødet …", id="meeting-header")
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield Label("Dagsorden")
                yield OptionList(id="items")
                yield Label("Deltagere")
                yield OptionList(id="participants")
            with Horizontal(id="main"):
                yield ItemEditor(id="editor")
                yield Preview(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Du er: {self.chef.actor}"
        self.query_one("#items", OptionList).focus()
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 160, "narrow")

    def focus_home(self) -> None:
        self.query_one("#items", OptionList).focus()

    def store_changed(self) -> None:
        """Someone (perhaps in another process) saved: show it, and say so when it
        touches a text being edited here, which keeps the user's own text."""
        editing = {f.field: f.committed for f in self.dirty_fields()}

        shown = self.meeting.version if self.meeting else None

        def changed(minutes: Minutes) -> View | None:
            # Most changes seen are other meetings' or this screen's own: one cheap query
            # decides, before loading and rendering the whole meeting again.
            last = minutes.recorder.select_events(self.meeting_id, desc=True, limit=1)
            if last and last[0].originator_version == shown:
                return None
            return self._load(minutes)

        def show_and_tell(view: View | None) -> Any:
            if view is None or view.meeting.version == (
                self.meeting.version if self.meeting else None
            ):
                return None
            item = view.meeting.item(self.item_id) if self.item_id else None
            if item is not None and editing:
                stored = field_texts(item)
                for field, base in editing.items():
                    if stored.get(field, "") != base:
                        what = FIELD_LABELS.get(field, field.removeprefix("section:"))
                        self.notify(
                            f"{what} blev ændret af en anden, mens du skrev. Din tekst står "
                            f"stadig i feltet; den gemte er nu: «{stored.get(field, '')[:120]}».",
                            title="Ændret samtidig",
                            severity="warning",
                            timeout=12,
                        )
            return self._show(view)

        self.chef.store_call(changed, show_and_tell)

    def _load(self, minutes: Minutes) -> View:
        meeting = minutes.get(self.meeting_id)
        headings = self.headings or sections_for(minutes, meeting.state)
        return View(meeting, headings, self.chef.render_preview(meeting.state))

    def reload(self) -> None:
        self.chef.store_call(self._load, self._show)

    async def _show(self, view: View) -> None:
        self.meeting = view.meeting
        self.headings = view.headings
        state = view.meeting.state
        self.title = f"{state.forum} {state.date:%d-%m-%Y}"
        when = weekday_date(state.date)
        if state.start:
            when += f" kl. {state.start:%H:%M}"
            if state.end:
                when += f"–{state.end:%H:%M}"
        self.query_one("#meeting-header", Static).update(
            f"[b]{state.forum}[/b] · {when} · {state.place or 'intet mødested'} · "
            f"[b]{STATUS_LABELS[state.status]}[/b]"
        )
        numbers = state.item_numbers()
        items = self.query_one("#items", OptionList)
        items.clear_options()
        items.add_options(
            Option(
                f"{numbers[i.id]}. {i.title}{' [lukket]' if i.closed else ''}"
                f"{' [tillæg]' if i.supplementary else ''}",
                id=str(i.id),
            )
            for i in state.active_items()
        )
        active = state.active_items()
        if self.open_at is not None:
            self.item_id = next((i for i, n in numbers.items() if n == self.open_at), None)
            self.open_at = None
        if active and (self.item_id is None or self.item_id not in numbers):
            self.item_id = active[0].id
        if self.item_id is not None and active:
            index = next(n for n, i in enumerate(active) if i.id == self.item_id)
            with self.prevent(OptionList.OptionHighlighted):
                items.highlighted = index
        people = self.query_one("#participants", OptionList)
        highlighted = people.highlighted
        people.clear_options()
        people.add_options(
            Option(
                f"{p.name} · {ROLE_LABELS[p.role]} · {ATTENDANCE_LABELS[p.attendance]}"
                f"{' for ' + p.substitute_for if p.substitute_for else ''}",
                id=str(p.id),
            )
            for p in state.participants
        )
        if state.participants:
            people.highlighted = min(highlighted or 0, len(state.participants) - 1)
        await self._show_item()
        anchor = f"Punkt {numbers[self.item_id]}:" if self.item_id in numbers else None
        self.query_one(Preview).show(view.preview, anchor)

    async def _show_item(self) -> None:
        editor = self.query_one(ItemEditor)
        if self.meeting is None or self.item_id is None:
            editor.display = False
            return
        editor.display = True
        state = self.meeting.state
        with self.app.batch_update():  # one layout and repaint for all the fields
            await editor.show_item(
                self.meeting.item(self.item_id),
                state.item_numbers()[self.item_id],
                self.headings,
                locked=state.status == "approved",
            )

    @on(OptionList.OptionHighlighted, "#items")
    async def item_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None or self.meeting is None:
            return
        for field in self.dirty_fields():
            field.commit()
        self.item_id = UUID(event.option.id)
        await self._show_item()
        number = self.meeting.state.item_numbers().get(self.item_id)
        preview = self.query_one(Preview)
        preview.show(preview.lines_shown, f"Punkt {number}:")

    @on(OptionList.OptionSelected, "#items")
    def item_selected(self) -> None:
        """Enter on an item moves into its editor."""
        title = self.query_one("#title")
        if not title.disabled:
            title.focus()

    def dirty_fields(self) -> list[CommitField]:
        return self.query_one(ItemEditor).dirty_fields()

    # -- running commands ---------------------------------------------------------------

    @property
    def actor(self) -> str:
        return self.chef.actor

    def run_command(
        self, command: Callable[[Meeting], object], done: Callable[[object], None] | None = None
    ) -> None:
        """Run one domain command off the UI thread, save it, and show the result."""

        def work(minutes: Minutes) -> tuple[object, View]:
            result = minutes.change(self.meeting_id, command)
            return result, self._load(minutes)

        async def show(outcome: tuple[object, View]) -> None:
            result, view = outcome
            await self._show(view)
            if done is not None:
                done(result)

        # A refusal reloads too: an edit conflict must show the other's text as the new base.
        self.chef.store_call(work, show, failed=lambda _: self.reload())

    def current_item(self, quiet: bool = False) -> Item | None:
        if self.meeting is None or self.item_id is None:
            if not quiet:
                self.notify("Vælg først et punkt.", severity="warning")
            return None
        return self.meeting.item(self.item_id)

    def on_commit(self, event: Commit) -> None:
        item = self.current_item()
        if item is None:
            return
        iid, field = item.id, event.field
        command = self._field_command(field, iid, event.value)
        what = FIELD_LABELS.get(field, f"Afsnittet {field.removeprefix('section:')}")

        def guarded(m: Meeting) -> object:
            # Someone else may have written this very text since it was loaded.
            stored = field_texts(m.item(iid)).get(field, "")
            expect_unchanged(stored, event.base, what, new=event.value)
            return command(m)

        self.run_command(guarded)

    def _field_command(self, field: str, iid: UUID, value: str) -> Callable[[Meeting], object]:
        """The domain command that stores one text field of the item editor."""
        actor = self.actor
        if field == "title":
            return lambda m: m.retitle_item(actor, iid, value)
        if field in ("case_number", "duration_minutes"):
            new: Any = (int(value) if value else None) if field == "duration_minutes" else value
            return lambda m: m.change_item_fields(actor, iid, **{field: new})
        if field == "rec_by":
            return lambda m: m.draft_recommendation(actor, iid, value, _points(m.item(iid)))
        if field == "rec_points":
            points = [line.strip() for line in value.splitlines() if line.strip()]
            return lambda m: m.draft_recommendation(actor, iid, _by(m.item(iid)), points)
        if field == "decision":
            return lambda m: m.record_decision(actor, iid, value)
        heading = field.removeprefix("section:")
        return lambda m: _write_section(m, actor, iid, heading, value, self.headings)

    @on(Select.Changed, "#kind")
    def kind_changed(self, event: Select.Changed) -> None:
        item = self.current_item(quiet=True)
        kind = None if event.value == NO_KIND else event.value
        if item is not None and kind != item.kind:
            iid, actor = item.id, self.actor
            self.run_command(lambda m: m.change_item_fields(actor, iid, kind=kind))

    @on(Checkbox.Changed, "#closed, #supplementary")
    def flag_changed(self, event: Checkbox.Changed) -> None:
        item = self.current_item(quiet=True)
        name = event.checkbox.id or ""
        if item is not None and getattr(item, name) != event.value:
            iid, actor, value = item.id, self.actor, event.value
            self.run_command(lambda m: m.change_item_fields(actor, iid, **{name: value}))

    def form(
        self,
        title: str,
        fields: list[Field],
        then: Callable[[dict[str, Any]], None],
        submit: str = "Gem",
    ) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                then(values)

        self.app.push_screen(FormScreen(title, fields, submit), done)

    def confirm(self, question: str, then: Callable[[], None]) -> None:
        self.app.push_screen(ConfirmScreen(question), lambda yes: then() if yes else None)

    # -- agenda actions -------------------------------------------------------------------

    def action_back(self) -> None:
        for field in self.dirty_fields():
            field.commit()
        self.app.pop_screen()

    def action_add_item(self) -> None:
        def add(v: dict[str, Any]) -> None:
            minutes = int(v["minutes"]) if v["minutes"] else None
            kind = None if v["kind"] == NO_KIND else v["kind"]
            position = self._new_item_position()

            def select(item_id: object) -> None:
                self.item_id = item_id  # type: ignore[assignment]
                self.reload()

            self.run_command(
                lambda m: m.add_item(
                    self.actor,
                    v["title"],
                    position=position,
                    case_number=v["case_number"] or None,
                    kind=kind,
                    duration_minutes=minutes,
                    closed=v["closed"],
                ),
                select,
            )

        self.form(
            "Nyt punkt",
            [
                Field("title", "Titel"),
                Field(
                    "case_number", "Journalnummer", placeholder="00.01.00-A00-3-26 eller lokalt nr."
                ),
                Field(
                    "kind",
                    "Type",
                    "select",
                    NO_KIND,
                    [("Ingen type", NO_KIND), *[(k.capitalize(), k) for k in ITEM_KINDS]],
                ),
                Field("minutes", "Afsat tid (min.)", restrict=r"\d{0,4}"),
                Field("closed", "Lukket punkt", "check", False),
            ],
            add,
            submit="Tilføj",
        )

    def _new_item_position(self) -> int | None:
        """After the selected item, but never after a closing standing item."""
        if self.meeting is None:
            return None
        active = self.meeting.state.active_items()
        index = next((n for n, i in enumerate(active) if i.id == self.item_id), len(active) - 1)
        position = index + 1
        if position >= len(active) and active and active[-1].title == STANDING_LAST:
            position = len(active) - 1
        return position

    def action_withdraw_item(self) -> None:
        item = self.current_item()
        if item is None:
            return
        iid = item.id
        self.form(
            f"Træk punktet '{item.title}' fra dagsordenen (kan ikke fortrydes)",
            [
                Field("reason", "Begrundelse", placeholder="f.eks. Sagen er ikke klar"),
            ],
            lambda v: self.run_command(
                lambda m: m.withdraw_item(self.actor, iid, v["reason"] or None)
            ),
            submit="Træk",
        )

    def action_move_item(self, step: int) -> None:
        item = self.current_item()
        if item is None or self.meeting is None:
            return
        active = self.meeting.state.active_items()
        index = active.index(item) + step
        if 0 <= index < len(active):
            iid = item.id
            self.run_command(lambda m: m.move_item(self.actor, iid, index))

    def action_details(self) -> None:
        if self.meeting is None:
            return
        s = self.meeting.state

        def change(v: dict[str, Any]) -> None:
            try:
                on_day = date.fromisoformat(v["date"])
                start = time.fromisoformat(v["start"]) if v["start"] else None
                end = time.fromisoformat(v["end"]) if v["end"] else None
            except ValueError:
                self.notify("Dato skal skrives 2026-05-20 og klokkeslæt 09:00.", severity="error")
                return
            clear = [k for k in ("start", "end", "place") if not v[k]]
            self.run_command(
                lambda m: m.change_details(
                    self.actor,
                    forum=v["forum"],
                    date=on_day,
                    start=start,
                    end=end,
                    place=v["place"] or None,
                    clear=clear,
                )
            )

        self.form(
            "Mødeoplysninger",
            [
                Field("forum", "Forum", value=s.forum),
                Field("date", "Dato (ÅÅÅÅ-MM-DD)", value=s.date.isoformat()),
                Field("start", "Start (TT:MM)", value=f"{s.start:%H:%M}" if s.start else ""),
                Field("end", "Slut (TT:MM)", value=f"{s.end:%H:%M}" if s.end else ""),
                Field("place", "Mødested", value=s.place or ""),
            ],
            change,
        )

    # -- participants ----------------------------------------------------------------------

    def action_add_participant(self) -> None:
        self.form(
            "Ny deltager",
            [
                Field("name", "Navn"),
                Field("title", "Titel", placeholder="f.eks. Direktør for Teknik"),
                Field("party", "Parti", placeholder="f.eks. A"),
                Field("role", "Rolle", "select", "member", [(ROLE_LABELS[r], r) for r in ROLES]),
                Field(
                    "attendance",
                    "Fremmøde",
                    "select",
                    "present",
                    [(ATTENDANCE_LABELS[a], a) for a in ATTENDANCE_LABELS],
                ),
                Field("substitute_for", "Stedfortræder for", placeholder="navn på medlemmet"),
            ],
            lambda v: self.run_command(
                lambda m: m.add_participant(
                    self.actor,
                    v["name"],
                    title=v["title"] or None,
                    party=v["party"] or None,
                    role=v["role"],
                    attendance=v["attendance"],
                    substitute_for=v["substitute_for"] or None,
                )
            ),
            submit="Tilføj",
        )

    def action_attendance(self) -> None:
        """Edit the highlighted participant: name, title, party, role and attendance."""
        people = self.query_one("#participants", OptionList)
        if self.meeting is None or people.highlighted is None:
            self.notify("Vælg en deltager i listen Deltagere.", severity="warning")
            return
        person = self.meeting.state.participants[people.highlighted]
        pid = person.id

        def record(v: dict[str, Any]) -> None:
            def command(m: Meeting) -> None:
                if v["remove"]:
                    m.remove_participant(self.actor, pid)
                    return
                m.change_participant(
                    self.actor,
                    pid,
                    name=v["name"],
                    title=v["title"] or None,
                    party=v["party"] or None,
                    role=v["role"],
                )
                m.record_attendance(self.actor, pid, v["attendance"], v["substitute_for"] or None)

            self.run_command(command)

        self.form(
            f"Deltager: {person.name}",
            [
                Field("name", "Navn", value=person.name),
                Field("title", "Titel", value=person.title or ""),
                Field("party", "Parti", value=person.party or ""),
                Field("role", "Rolle", "select", person.role, [(ROLE_LABELS[r], r) for r in ROLES]),
                Field(
                    "attendance",
                    "Fremmøde",
                    "select",
                    person.attendance,
                    [(ATTENDANCE_LABELS[a], a) for a in ATTENDANCE_LABELS],
                ),
                Field("substitute_for", "Stedfortræder for", value=person.substitute_for or ""),
                Field("remove", "Fjern deltageren fra mødet", "check", False),
            ],
            record,
        )

    # -- what was decided -----------------------------------------------------------------

    def _item_with_people(self) -> Item | None:
        """The selected item, when the meeting has participants to choose from."""
        item = self.current_item()
        if item is not None and not self._names():
            self.notify("Mødet har ingen deltagere endnu (tryk d).", severity="warning")
            return None
        return item

    def _names(self) -> list[tuple[str, str]]:
        assert self.meeting is not None
        return [(p.name, p.name) for p in self.meeting.state.participants]

    def action_votes(self) -> None:
        item = self.current_item()
        if item is None:
            return
        current = {v.option: v for v in (item.decision.votes if item.decision else ())}
        fields: list[Field] = []
        for option in VOTE_OPTIONS:
            vote = current.get(option)
            fields.append(
                Field(
                    f"{option}_count",
                    f"{VOTE_LABELS[option]}: antal",
                    value="" if vote is None or vote.count is None else str(vote.count),
                    restrict=r"\d{0,3}",
                )
            )
            fields.append(
                Field(
                    f"{option}_who",
                    f"{VOTE_LABELS[option]}: hvem (navne eller partier, kommasepareret)",
                    value=", ".join(vote.who) if vote else "",
                )
            )
        iid = item.id

        def record(v: dict[str, Any]) -> None:
            votes = []
            for option in VOTE_OPTIONS:
                who = tuple(w.strip() for w in v[f"{option}_who"].split(",") if w.strip())
                count = int(v[f"{option}_count"]) if v[f"{option}_count"] else None
                if count is not None or who:
                    votes.append(Vote(option=option, count=count, who=who))
            self.run_command(lambda m: m.record_votes(self.actor, iid, votes))

        self.form(f"Afstemning: {item.title}", fields, record)

    def action_remark(self) -> None:
        item = self._item_with_people()
        if item is None:
            return
        iid = item.id
        self.form(
            f"Protokolbemærkning: {item.title}",
            [
                Field("by", "Fra", "select", self._names()[0][1], self._names()),
                Field("text", "Bemærkning (f.eks. en afvigende mening)", "area"),
            ],
            lambda v: self.run_command(lambda m: m.add_remark(self.actor, iid, v["by"], v["text"])),
            submit="Tilføj",
        )

    def action_absence(self) -> None:
        item = self._item_with_people()
        if item is None:
            return
        iid = item.id
        self.form(
            f"Fravær på punktet: {item.title}",
            [
                Field("name", "Hvem", "select", self._names()[0][1], self._names()),
                Field("reason", "Grund", "select", "afbud", [(r, r) for r in ABSENCE_REASONS]),
                Field("substitute", "Stedfortræder", placeholder="navn (valgfrit)"),
            ],
            lambda v: self.run_command(
                lambda m: m.record_item_absence(
                    self.actor, iid, v["name"], v["reason"], v["substitute"] or None
                )
            ),
            submit="Tilføj",
        )

    def action_earlier_decision(self) -> None:
        item = self.current_item()
        if item is None:
            return
        iid = item.id

        def record(v: dict[str, Any]) -> None:
            try:
                on_day = date.fromisoformat(v["date"]) if v["date"] else None
            except ValueError:
                self.notify(f"'{v['date']}' er ikke en dato som 2026-05-20.", severity="error")
                return
            self.run_command(
                lambda m: m.record_earlier_decision(
                    self.actor,
                    iid,
                    body=v["body"],
                    text=v["text"],
                    date=on_day,
                    item=v["item"] or None,
                )
            )

        self.form(
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

    def action_add_attachment(self) -> None:
        item = self.current_item()
        if item is None:
            return
        iid = item.id
        self.form(
            f"Nyt bilag: {item.title}",
            [
                Field("name", "Bilagets navn"),
                Field("closed", "Lukket bilag (kun i den interne udgave)", "check", False),
            ],
            lambda v: self.run_command(
                lambda m: m.add_attachment(self.actor, iid, v["name"], v["closed"])
            ),
            submit="Tilføj",
        )

    def action_remove_attachment(self) -> None:
        item = self.current_item()
        if item is None:
            return
        if not item.attachments:
            self.notify("Punktet har ingen bilag.", severity="warning")
            return
        iid = item.id
        names = [(a.name, a.name) for a in item.attachments]
        self.form(
            f"Fjern bilag: {item.title}",
            [
                Field("name", "Bilag", "select", names[0][1], names),
            ],
            lambda v: self.run_command(lambda m: m.remove_attachment(self.actor, iid, v["name"])),
            submit="Fjern",
        )

    # -- the lifecycle ----------------------------------------------------------------------

    def action_publish(self) -> None:
        self.confirm(
            "Udsend dagsordenen? Punkter, der tilføjes bagefter, bliver tillægspunkter.",
            lambda: self.run_command(
                lambda m: m.publish_agenda(self.actor),
                lambda _: self.notify("Dagsordenen er udsendt."),
            ),
        )

    def action_start(self) -> None:
        self.confirm(
            "Start mødet nu?",
            lambda: self.run_command(
                lambda m: m.start(self.actor), lambda _: self.notify("Mødet er startet.")
            ),
        )

    def action_end(self) -> None:
        now = datetime.now().time().replace(second=0, microsecond=0)

        def end(m: Meeting) -> None:
            at = now if m.state.start is None or now > m.state.start else None
            m.end(self.actor, at)

        self.confirm(
            "Afslut mødet? Derefter kan referatet godkendes.",
            lambda: self.run_command(end, lambda _: self.notify("Mødet er afsluttet.")),
        )

    def action_approve(self) -> None:
        if self.meeting is None:
            return
        state = self.meeting.state
        signed = {a.by for a in state.approvals}
        signers = [
            (p.name, p.name)
            for p in state.participants
            if p.role in SIGNING_ROLES and p.attendance == "present" and p.name not in signed
        ]
        if not signers:
            self.notify(
                "Der er ingen tilstedeværende medlemmer, der mangler at underskrive.",
                severity="warning",
            )
            return
        self.form(
            "Godkend referatet – en underskrift kan ikke fortrydes",
            [
                Field("by", "Underskrives af", "select", signers[0][1], signers),
                Field("reservation", "Forbehold (valgfrit)"),
            ],
            lambda v: self.run_command(
                lambda m: sign(m, self.actor, v["by"], v["reservation"] or None),
                lambda _: self.notify(f"{v['by']} har underskrevet referatet."),
            ),
            submit="Underskriv",
        )

    def action_correction(self) -> None:
        if self.meeting is None:
            return
        state = self.meeting.state
        numbers = state.item_numbers()
        options = [
            ("Hele mødet", ""),
            *[(f"Punkt {numbers[i.id]}: {i.title}", str(i.id)) for i in state.active_items()],
        ]
        self.form(
            "Tilføj en rettelse til det godkendte referat",
            [
                Field("item", "Vedrører", "select", str(self.item_id or ""), options),
                Field("reason", "Begrundelse"),
                Field("text", "Rettelsen", "area"),
            ],
            lambda v: self.run_command(
                lambda m: m.add_correction(
                    self.actor,
                    reason=v["reason"],
                    text=v["text"],
                    item_id=UUID(v["item"]) if v["item"] else None,
                ),
                lambda _: self.notify("Rettelsen er tilføjet."),
            ),
            submit="Tilføj",
        )

    def action_roles(self) -> None:
        """A secretary grants or revokes the forum's roles (secretary, chair)."""
        if self.meeting is None:
            return
        forum = self.meeting.state.forum

        def change(v: dict[str, Any]) -> None:
            def work(minutes: Minutes) -> str:
                minutes.change_roles(self.actor, forum, v["person"], v["role"], v["grant"] == "ja")
                found = minutes.forum(forum)
                assert found is not None
                return "; ".join(
                    f"{person}: {', '.join(FORUM_ROLES[r] for r in roles)}"
                    for person, roles in sorted(found.state.roles.items())
                )

            self.chef.store_call(
                work, lambda roles: self.notify(roles, title=f"Roller i {forum}", timeout=10)
            )

        self.form(
            f"Roller i {forum}",
            [
                Field("person", "Navn", value=self.actor),
                Field(
                    "role",
                    "Rolle",
                    "select",
                    "chair",
                    [(label.capitalize(), role) for role, label in FORUM_ROLES.items()],
                ),
                Field(
                    "grant",
                    "Giv rollen (ja) eller fjern den (nej)",
                    "select",
                    "ja",
                    [("Giv rollen", "ja"), ("Fjern rollen", "nej")],
                ),
            ],
            change,
        )

    def action_export(self) -> None:
        self.chef.export_dialog(self.meeting_id)

    def action_history(self) -> None:
        for field in self.dirty_fields():
            field.commit()

        def jump(item_id: UUID | None) -> None:
            if item_id is None or self.meeting is None:
                return
            item = self.meeting.item(item_id)
            if item.withdrawn:
                self.notify(f"Punktet '{item.title}' er trukket.", severity="warning")
                return
            self.item_id = item_id
            self.reload()
            self.call_after_refresh(self.item_selected)

        self.app.push_screen(AuditScreen(self.meeting_id, self.title or ""), jump)

    def action_commit(self) -> None:
        for field in self.dirty_fields():
            field.commit()


def _points(item: Item) -> tuple[str, ...]:
    return item.recommendation.points if item.recommendation else ()


def _by(item: Item) -> str | None:
    return item.recommendation.by if item.recommendation else None


def _write_section(
    m: Meeting, actor: str, item_id: UUID, heading: str, text: str, template: tuple[str, ...]
) -> None:
    """Write (or, emptied, remove) a section; a new one goes where the template puts it."""
    existing = [s.heading for s in m.item(item_id).sections]
    if not text:
        if heading in existing:
            m.remove_section(actor, item_id, heading)
        return
    order = {h: n for n, h in enumerate(template)}
    rank = order.get(heading, len(order))
    position = sum(1 for h in existing if order.get(h, len(order)) <= rank)
    m.write_section(actor, item_id, heading, text, position=position)
