"""The selected agenda item's editor: every field of an item, each committing on its own.

Nothing typed is lost and nothing is sent that the user did not do:
- moving to another item first commits the fields still holding the last item's text,
  each naming that item (the Commit carries it), then shows the new item;
- a reload of the same item never replaces text being edited (CommitField.set_committed);
- remounting the sections (another item, or a section added elsewhere) keeps their text;
- the kind and the flags report a change (ChoiceChanged) only when the user made it: a
  Select or a check box may post its Changed late (at mount, or after the prevent block
  in which the editor set it), and such an echo must not be stored.
"""

from __future__ import annotations

import asyncio
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Label, Select, Static

from chefforum_tui.keymap import app_keymap, hint
from chefforum_tui.widgets.choices import Check, Choice
from chefforum_tui.widgets.fields import CommitField, CommitInput, CommitTextArea
from domain.meeting.state import ITEM_KINDS, VOTE_LABELS, Item
from domain.meeting.texts import SECTION_PREFIX, field_texts
from domain.text import KLE_HINT, is_kle, kle_progress
from projections.documents.render.phrases import ENTERED_BY

NO_KIND = "ingen"
KIND_OPTIONS: list[tuple[str, object]] = [
    ("Ingen type", NO_KIND),
    *[(k.capitalize(), k) for k in ITEM_KINDS],
]
CHOICES = ("kind", "closed", "supplementary")


def kle_hint(case_number: str) -> str:
    """The hint beside the journal number, updated as it is typed."""
    if not case_number:
        return f"Tomt. {KLE_HINT}; lokale numre er også tilladt."
    if is_kle(case_number):
        return "Gyldigt KLE-nummer."
    if kle_progress(case_number):
        return f"Skriv videre: {KLE_HINT}."
    return "Lokalt journalnummer (ikke KLE-form)."


def _lines(entries: list[str], empty: str) -> str:
    return "\n".join(entries) if entries else empty


def item_summaries(item: Item) -> dict[str, str]:
    """The lists of an item, one text each: earlier decisions, votes, remarks, absence,
    attachments (shown by the editor and by the live view)."""
    earlier = [
        f"{e.body}{', ' + e.date.strftime('%d-%m-%Y') if e.date else ''}"
        f"{', punkt ' + e.item if e.item else ''}: {e.text}"
        for e in item.earlier_decisions
    ]
    votes = [
        f"{VOTE_LABELS[v.option]}: {v.count if v.count is not None else '–'}"
        f"{' (' + ', '.join(v.who) + ')' if v.who else ''}"
        for v in (item.decision.votes if item.decision else ())
    ]
    # Entered by a secretary for a member: says so, as the referat does.
    remarks = [
        f"{r.by}{ENTERED_BY}{r.recorded_by}): {r.text}" if r.recorded_by else f"{r.by}: {r.text}"
        for r in item.remarks
    ]
    absent = [
        f"{a.name}{' (' + a.reason + ')' if a.reason else ''}"
        f"{', stedfortræder ' + a.substitute if a.substitute else ''}"
        for a in item.absent
    ]
    attachments = [f"{a.name}{' (lukket)' if a.closed else ''}" for a in item.attachments]
    return {
        "earlier": _lines(earlier, "Ingen."),
        "votes": _lines(votes, "Ingen afstemning."),
        "remarks": _lines(remarks, "Ingen."),
        "absent": _lines(absent, "Ingen."),
        "attachments": _lines(attachments, "Ingen bilag."),
    }


class ItemEditor(VerticalScroll):
    """Shows one item; fields post Commit messages, lists are changed through dialogs."""

    class ChoiceChanged(Message):
        """The user changed the kind or a flag (closed, supplementary) of an item."""

        def __init__(self, item_id: UUID, name: str, value: object) -> None:
            super().__init__()
            self.item_id = item_id
            self.name = name
            self.value = value

    DEFAULT_CSS = """
    ItemEditor { padding: 0 1; }
    ItemEditor .heading { text-style: bold; margin-top: 1; color: $accent; }
    ItemEditor .row { height: auto; }
    ItemEditor #sections { height: auto; }
    ItemEditor .row > * { width: 1fr; }
    ItemEditor .row > Check { width: auto; }
    ItemEditor #case-hint { color: $text-muted; padding: 0 1; height: 1; }
    ItemEditor CommitTextArea { height: auto; min-height: 5; max-height: 14; }
    ItemEditor .summary { color: $text; padding: 0 1; }
    ItemEditor #locked-banner { background: $warning 30%; padding: 0 1; display: none; }
    ItemEditor.locked #locked-banner { display: block; }
    ItemEditor.compact .heading { margin-top: 0; }
    ItemEditor.compact CommitTextArea { min-height: 2; max-height: 10; }
    ItemEditor.compact CommitTextArea:focus { min-height: 4; }
    ItemEditor.compact CommitInput { margin-bottom: 0; }
    ItemEditor.compact .-textual-compact { background: $boost; }
    ItemEditor.compact .-textual-compact:focus { background: $primary 25%; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.item: Item | None = None
        self.headings: tuple[str, ...] = ()
        self.locked = False
        # What the editor last put in the kind select and the check boxes.
        self.shown_choices: dict[str, object] = {"kind": NO_KIND, "closed": False}
        self.shown_choices["supplementary"] = False
        self._showing = asyncio.Lock()  # one show at a time (it may await a remount)

    def compose(self) -> ComposeResult:
        keymap = app_keymap(self.app)

        def key(binding_id: str) -> str:
            return hint(binding_id, keymap)

        def heading(text: str, keys: str) -> Label:
            """A heading with the keys that change what is under it (not markup: "[b]")."""
            return Label(Content(f"{text}  [{keys}]"), classes="heading")

        yield Static("", id="locked-banner")
        yield Label("Punkt", id="item-label", classes="heading")
        yield CommitInput("title", placeholder="Punktets titel", id="title")
        with Horizontal(classes="row"):
            yield CommitInput("case_number", placeholder="Journalnummer", id="case_number")
            yield CommitInput(
                "duration_minutes",
                placeholder="Tid (min.)",
                id="duration_minutes",
                restrict=r"\d{0,4}",
            )
        yield Static("", id="case-hint")
        with Horizontal(classes="row"):
            yield Choice(KIND_OPTIONS, allow_blank=False, value=NO_KIND, id="kind")
            yield Check("Lukket punkt", id="closed")
            yield Check("Tillægspunkt", id="supplementary")
        who, points = key("meeting.goto_rec_by"), key("meeting.goto_rec_points")
        yield heading("Indstilling", f"{who}, {points}")
        yield CommitInput("rec_by", placeholder="Hvem indstiller", id="rec_by")
        yield CommitTextArea("rec_points", id="rec_points")
        yield Vertical(id="sections")
        yield heading("Tidligere beslutninger", key("meeting.earlier_decision"))
        yield Static("", id="earlier", classes="summary", markup=False)
        yield heading("Beslutning", key("meeting.goto_decision"))
        yield CommitTextArea("decision", id="decision")
        yield heading("Afstemning", key("meeting.votes"))
        yield Static("", id="votes", classes="summary", markup=False)
        yield heading("Protokolbemærkninger", key("meeting.remark"))
        yield Static("", id="remarks", classes="summary", markup=False)
        yield heading("Fravær på punktet", key("meeting.absence"))
        yield Static("", id="absent", classes="summary", markup=False)
        adding, removing = key("meeting.add_attachment"), key("meeting.remove_attachment")
        yield heading("Bilag", f"{adding} tilføj, {removing} fjern")
        yield Static("", id="attachments", classes="summary", markup=False)

    def fields(self) -> list[CommitField]:
        return [w for w in self.query("*") if isinstance(w, CommitField)]

    def dirty_fields(self) -> list[CommitField]:
        return [f for f in self.fields() if f.dirty]

    def set_compact(self, compact: bool) -> None:
        """Fields without borders, for small terminals (80×24)."""
        self.set_class(compact, "compact")
        for widget in self.query("CommitInput, CommitTextArea, Select, Check"):
            widget.compact = compact  # type: ignore[attr-defined]

    async def show_item(
        self, item: Item, number: str, headings: tuple[str, ...], locked: str | None
    ) -> None:
        """Fill the editor from the stored item; text being edited is kept, and text of
        the item shown before is committed to that item first."""
        async with self._showing:
            self.item = item
            # locked: why the item cannot be edited now (the domain's reason), or None.
            self.locked = locked is not None
            self.set_class(self.locked, "locked")
            if locked is not None:
                self.query_one("#locked-banner", Static).update(Content(locked))
            flag = " · lukket punkt" if item.closed else ""
            self.query_one("#item-label", Label).update(f"Punkt {number}{flag}")
            self._fill(item)  # no await before this: typing cannot land in between
            wanted = tuple(headings) + tuple(
                s.heading for s in item.sections if s.heading not in headings
            )
            if wanted != self.headings:  # remounting is slow: only when the headings differ
                await self._mount_sections(wanted)
                self._fill(item)
            for widget in self.query("CommitInput, CommitTextArea, Select, Check"):
                widget.disabled = self.locked
            self.query_one("#case-hint", Static).update(kle_hint(item.case_number or ""))
            for name, text in item_summaries(item).items():
                self.query_one(f"#{name}", Static).update(text)

    def _fill(self, item: Item) -> None:
        texts = field_texts(item)
        for field in self.fields():
            field.refill(item.id, texts.get(field.field, ""))
        shown: dict[str, object] = {
            "kind": item.kind or NO_KIND,
            "closed": item.closed,
            "supplementary": item.supplementary,
        }
        self.shown_choices = shown
        with self.prevent(Select.Changed, Checkbox.Changed):
            self.query_one("#kind", Select).value = shown["kind"]
            self.query_one("#closed", Check).value = item.closed
            self.query_one("#supplementary", Check).value = item.supplementary

    async def _mount_sections(self, headings: tuple[str, ...]) -> None:
        """Mount a field per heading; text being edited in a section stays, by heading."""
        self.headings = headings
        kept = {f.field: f for f in self.fields() if f.field.startswith(SECTION_PREFIX)}
        focused = self.screen.focused
        refocus = focused.field if isinstance(focused, CommitField) else None
        box = self.query_one("#sections", Vertical)
        await box.remove_children()
        widgets: list[Widget] = []
        compact = self.has_class("compact")
        for index, heading in enumerate(headings):
            shortcut = f"alt+{index + 1}" if index < 9 else ""
            label = f"{heading}  [{shortcut}]" if shortcut else heading
            widgets.append(Label(Content(label), classes="heading"))
            name = f"{SECTION_PREFIX}{heading}"
            old = kept.get(name)
            typed = old.current if old is not None and old.dirty else ""
            field = CommitTextArea(name, typed, id=f"section-{index}")
            field.compact = compact
            if old is not None and old.dirty:
                field.item_id, field.committed, field.sent = old.item_id, old.committed, old.sent
            widgets.append(field)
        await box.mount_all(widgets)
        if refocus is not None:
            for field in self.fields():
                if field.field == refocus and isinstance(field, Widget):
                    field.focus(scroll_visible=False)

    # -- the kind and the flags -----------------------------------------------------------

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._choice("kind", event.select, event.value)

    @on(Checkbox.Changed, "#closed, #supplementary")
    def _flag_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._choice(event.checkbox.id or "", event.checkbox, event.value)

    def _choice(self, name: str, widget: Widget, value: object) -> None:
        # An echo of the editor's own setting, or a Changed that arrives after a newer
        # value was set, is not the user's: only what the widget shows now, when it
        # differs from what the editor put there, is a change to store.
        if self.item is None or self.locked or name not in CHOICES:
            return
        if value != getattr(widget, "value", None) or value == self.shown_choices.get(name):
            return
        self.shown_choices[name] = value  # sent once; a reload sets it from the store
        self.post_message(self.ChoiceChanged(self.item.id, name, value))

    def on_input_changed(self, event: CommitInput.Changed) -> None:
        if event.input.id == "case_number":
            self.query_one("#case-hint", Static).update(kle_hint(event.value.strip()))
