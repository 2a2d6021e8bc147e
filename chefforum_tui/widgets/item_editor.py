"""The selected agenda item's editor: every field of an item, each committing on its own."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Label, Select, Static

from chefforum_tui.keymap import app_keymap, hint
from chefforum_tui.widgets.fields import CommitField, CommitInput, CommitTextArea
from domain.meeting.state import ITEM_KINDS, VOTE_LABELS, Item
from domain.meeting.texts import field_texts
from domain.text import KLE_HINT, is_kle, kle_progress

NO_KIND = "ingen"
KIND_OPTIONS: list[tuple[str, object]] = [
    ("Ingen type", NO_KIND),
    *[(k.capitalize(), k) for k in ITEM_KINDS],
]


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


class ItemEditor(VerticalScroll):
    """Shows one item; fields post Commit messages, lists are changed through dialogs."""

    DEFAULT_CSS = """
    ItemEditor { padding: 0 1; }
    ItemEditor .heading { text-style: bold; margin-top: 1; color: $accent; }
    ItemEditor .row { height: auto; }
    ItemEditor #sections { height: auto; }
    ItemEditor .row > * { width: 1fr; }
    ItemEditor #case-hint { color: $text-muted; padding: 0 1; height: 1; }
    ItemEditor CommitTextArea { height: 8; }
    ItemEditor #rec_points { height: 5; }
    ItemEditor .summary { color: $text; padding: 0 1; }
    ItemEditor #locked-banner { background: $warning 30%; padding: 0 1; display: none; }
    ItemEditor.locked #locked-banner { display: block; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.item: Item | None = None
        self.headings: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        keymap = app_keymap(self.app)

        def key(binding_id: str) -> str:
            return hint(binding_id, keymap)

        def heading(text: str, keys: str) -> Label:
            """A heading with the keys that change what is under it (not markup: "[b]")."""
            return Label(Content(f"{text}  [{keys}]"), classes="heading")

        correction = key("meeting.correction")
        yield Static(
            Content(
                "Referatet er godkendt og kan ikke redigeres. "
                f"Tryk {correction} for at tilføje en rettelse."
            ),
            id="locked-banner",
        )
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
            yield Select(
                KIND_OPTIONS,
                allow_blank=False,
                value=NO_KIND,
                id="kind",
            )
            yield Checkbox("Lukket punkt", id="closed")
            yield Checkbox("Tillægspunkt", id="supplementary")
        yield Label("Indstilling", classes="heading")
        yield CommitInput("rec_by", placeholder="Hvem indstiller", id="rec_by")
        yield CommitTextArea("rec_points", id="rec_points")
        yield Vertical(id="sections")
        yield heading("Tidligere beslutninger", key("meeting.earlier_decision"))
        yield Static("", id="earlier", classes="summary", markup=False)
        yield Label("Beslutning", classes="heading")
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

    async def show_item(
        self, item: Item, number: str, headings: tuple[str, ...], locked: bool
    ) -> None:
        """Fill the editor from the stored item; text being edited is kept."""
        same_item = self.item is not None and self.item.id == item.id
        self.item = item
        wanted = tuple(headings) + tuple(
            s.heading for s in item.sections if s.heading not in headings
        )
        if wanted != self.headings:  # remounting is slow: only when the headings differ
            await self._mount_sections(wanted)
        self.set_class(locked, "locked")
        flag = " · lukket punkt" if item.closed else ""
        self.query_one("#item-label", Label).update(f"Punkt {number}{flag}")
        texts = field_texts(item)
        for field in self.fields():
            value = texts.get(field.field, "")
            if same_item:
                field.set_committed(value)
            else:
                field.committed, field.sent = value, None
                field.show(value)
        with self.prevent(Select.Changed, Checkbox.Changed):
            self.query_one("#kind", Select).value = item.kind or NO_KIND
            self.query_one("#closed", Checkbox).value = item.closed
            self.query_one("#supplementary", Checkbox).value = item.supplementary
        for widget in self.query("CommitInput, CommitTextArea, Select, Checkbox"):
            widget.disabled = locked
        self.query_one("#case-hint", Static).update(kle_hint(item.case_number or ""))
        self._summaries(item)

    async def _mount_sections(self, headings: tuple[str, ...]) -> None:
        self.headings = headings
        box = self.query_one("#sections", Vertical)
        await box.remove_children()
        widgets: list[Label | CommitTextArea] = []
        for index, heading in enumerate(headings):
            widgets.append(Label(Content(heading), classes="heading"))
            widgets.append(CommitTextArea(f"section:{heading}", id=f"section-{index}"))
        await box.mount_all(widgets)

    def _summaries(self, item: Item) -> None:
        earlier = [
            f"{e.body}{', ' + e.date.strftime('%d-%m-%Y') if e.date else ''}"
            f"{', punkt ' + e.item if e.item else ''}: {e.text}"
            for e in item.earlier_decisions
        ]
        votes = (
            [
                f"{VOTE_LABELS[v.option]}: {v.count if v.count is not None else '–'}"
                f"{' (' + ', '.join(v.who) + ')' if v.who else ''}"
                for v in item.decision.votes
            ]
            if item.decision
            else []
        )
        remarks = [f"{r.by}: {r.text}" for r in item.remarks]
        absent = [
            f"{a.name}{' (' + a.reason + ')' if a.reason else ''}"
            f"{', stedfortræder ' + a.substitute if a.substitute else ''}"
            for a in item.absent
        ]
        attachments = [f"{a.name}{' (lukket)' if a.closed else ''}" for a in item.attachments]
        self.query_one("#earlier", Static).update(_lines(earlier, "Ingen."))
        self.query_one("#votes", Static).update(_lines(votes, "Ingen afstemning."))
        self.query_one("#remarks", Static).update(_lines(remarks, "Ingen."))
        self.query_one("#absent", Static).update(_lines(absent, "Ingen."))
        self.query_one("#attachments", Static).update(_lines(attachments, "Ingen bilag."))

    def on_input_changed(self, event: CommitInput.Changed) -> None:
        if event.input.id == "case_number":
            self.query_one("#case-hint", Static).update(kle_hint(event.value.strip()))
