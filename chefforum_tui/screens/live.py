"""Taking the minutes live: the agenda, the current item's Indstilling and sections read
only and compact, and a large Beslutning with the cursor in it.

Every key works from inside the decision (keymap.LIVE_KEYS): the next or previous item
(the decision is committed on the way), the vote, a remark, an absence (the meeting
screen's forms), and a ready phrase per key. The screen returns the item it ended on.
"""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from chefforum_tui.forms import decisions
from chefforum_tui.keymap import LIVE_KEYS, PHRASE_KEYS, Key, bindings, hint
from chefforum_tui.screens.meeting_base import MeetingPortScreen
from chefforum_tui.screens.meeting_view import View
from chefforum_tui.widgets.choices import Listing
from chefforum_tui.widgets.fields import CommitTextArea
from chefforum_tui.widgets.footer import KeyFooter
from chefforum_tui.widgets.recorded import Recorded
from domain.meeting.phrases import decision_phrases
from domain.meeting.state import Item
from domain.meeting.status import STATUS_LABELS


def recommendation_text(item: Item) -> str:
    rec = item.recommendation
    if rec is None:
        return "Ingen indstilling."
    lines = [f"{rec.by} indstiller" if rec.by else "Det indstilles"]
    lines += [f"  - {point}" for point in rec.points]
    return "\n".join(lines)


def sections_text(item: Item) -> str:
    return "\n\n".join(f"{s.heading}\n{s.text}" for s in item.sections) or "Ingen afsnit."


class LiveScreen(MeetingPortScreen):
    BINDINGS = bindings(LIVE_KEYS)
    TABLE = LIVE_KEYS
    wants_preview = False

    DEFAULT_CSS = """
    LiveScreen #live-header { background: $boost; padding: 0 1; height: 1; }
    LiveScreen #live-body { height: 1fr; }
    LiveScreen #agenda { width: 30%; min-width: 20; max-width: 36; border: none; }
    LiveScreen #live-main { width: 1fr; padding: 0 1; }
    LiveScreen #live-title { text-style: bold; color: $accent; width: 1fr; }
    LiveScreen #live-info { height: 1fr; max-height: 40%; color: $text-muted; }
    LiveScreen .heading { text-style: bold; color: $accent; width: 100%; }
    LiveScreen #decision { height: 2fr; min-height: 5; }
    LiveScreen #live-recorded { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Henter mødet …", id="live-header", markup=False)
        with Horizontal(id="live-body"):
            yield Listing(id="agenda", markup=False)
            with Vertical(id="live-main"):
                yield Label("", id="live-title", markup=False)
                with VerticalScroll(id="live-info", can_focus=False):
                    yield Static("", id="live-recommendation", markup=False)
                    yield Static("", id="live-sections", markup=False)
                yield Label("Beslutning", id="live-phrases", classes="heading", markup=False)
                yield CommitTextArea("decision", id="decision")
                yield Recorded(id="live-recorded")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Du er: {self.chef.actor} · referat under mødet"
        self.set_focus(self.query_one("#decision", CommitTextArea))
        self.reload()

    def focus_home(self) -> None:
        self.set_focus(self.query_one("#agenda", OptionList))

    async def _show(self, view: View) -> None:
        self.meeting, self.headings, self.roles = view.meeting, view.headings, view.roles
        self.members = view.members
        state = view.meeting.state
        self.title = f"{state.forum} {state.date:%d-%m-%Y}"
        start = f" · startet kl. {state.start:%H:%M}" if state.start else ""
        self.query_one("#live-header", Static).update(
            f"Referat under mødet · {STATUS_LABELS[state.status]}{start}"
        )
        numbers = state.item_numbers()
        active = state.active_items()
        if active and (self.item_id is None or self.item_id not in numbers):
            self.item_id = active[0].id
        agenda = self.query_one("#agenda", OptionList)
        with self.prevent(OptionList.OptionHighlighted):  # a rebuild is not a user's move
            agenda.clear_options()
            agenda.add_options(
                Option(
                    f"{numbers[i.id]}. {i.title}{' ✓' if i.decision and i.decision.text else ''}",
                    id=str(i.id),
                )
                for i in active
            )
            if self.item_id is not None and active:
                agenda.highlighted = next(n for n, i in enumerate(active) if i.id == self.item_id)
        self._show_phrases(state.forum)
        self._show_item()
        self.refresh_bindings()

    def _show_phrases(self, forum: str) -> None:
        """The ready phrases with their keys, above the decision."""
        keymap = self.keymap
        phrases = decision_phrases(forum)[:PHRASE_KEYS]
        keyed = " · ".join(
            f"{hint(f'live.phrase_{n + 1}', keymap)} {phrase}" for n, phrase in enumerate(phrases)
        )
        self.query_one("#live-phrases", Label).update(f"Beslutning  [{keyed}]")

    def _show_item(self) -> None:
        if self.meeting is None or self.item_id is None:
            return
        item = self.meeting.item(self.item_id)
        number = self.meeting.state.item_numbers()[item.id]
        flags = " · lukket punkt" if item.closed else ""
        self.query_one("#live-title", Label).update(f"Punkt {number}. {item.title}{flags}")
        self.query_one("#live-recommendation", Static).update(recommendation_text(item))
        self.query_one("#live-sections", Static).update(sections_text(item))
        self.query_one("#live-recorded", Recorded).show(item)
        decision = self.query_one("#decision", CommitTextArea)
        decision.refill(item.id, item.decision.text if item.decision else "")
        decision.disabled = self.unavailable("edit_item") is not None

    def describe(self, key: Key) -> Key | None:
        if key.id.startswith("live.phrase_"):
            index = int(key.id.rsplit("_", 1)[1]) - 1
            phrases = decision_phrases(self.meeting.state.forum if self.meeting else None)
            if index >= len(phrases):
                return None
            return Key(key.id, key.keys, key.action, f"Skriv «{phrases[index]}»", key.show)
        return key

    # -- moving between items ---------------------------------------------------------------

    def _move_to(self, item_id: UUID) -> None:
        if item_id == self.item_id:
            return
        self.item_id = item_id  # the decision commits to the item it was typed for
        self._show_item()
        if self.meeting is not None:
            active = [i.id for i in self.meeting.state.active_items()]
            agenda = self.query_one("#agenda", OptionList)
            with self.prevent(OptionList.OptionHighlighted):
                agenda.highlighted = active.index(item_id)

    def action_step(self, step: int) -> None:
        if self.meeting is None or self.item_id is None:
            return
        active = [i.id for i in self.meeting.state.active_items()]
        index = active.index(self.item_id) + step if self.item_id in active else 0
        if 0 <= index < len(active):
            self._move_to(active[index])
        else:
            where = "sidste" if step > 0 else "første"
            self.notify(f"Det er dagsordenens {where} punkt.")
        self.set_focus(self.query_one("#decision", CommitTextArea))

    @on(OptionList.OptionHighlighted, "#agenda")
    def agenda_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self._move_to(UUID(event.option.id))

    @on(OptionList.OptionSelected, "#agenda")
    def agenda_selected(self) -> None:
        self.set_focus(self.query_one("#decision", CommitTextArea))

    def action_goto(self, target: str) -> None:
        if target == "agenda":
            self.focus_home()
        else:
            self.set_focus(self.query_one(f"#{target}"))

    # -- writing ----------------------------------------------------------------------------

    def action_commit(self) -> None:
        for field in self.dirty_fields():
            field.commit()

    def action_phrase(self, index: int) -> None:
        """Put a ready phrase in the decision, at the cursor (after what is written)."""
        phrases = decision_phrases(self.meeting.state.forum if self.meeting else None)
        if index >= len(phrases):
            return
        decision = self.query_one("#decision", CommitTextArea)
        if decision.disabled:
            return
        self.set_focus(decision)
        before = decision.get_text_range((0, 0), decision.cursor_location)
        gap = " " if before and not before[-1].isspace() else ""
        decision.insert(gap + phrases[index])

    def action_votes(self) -> None:
        self.action_commit()
        decisions.votes(self)

    def action_remark(self) -> None:
        self.action_commit()
        decisions.remark(self)

    def action_absence(self) -> None:
        self.action_commit()
        decisions.absence(self)

    def action_back(self) -> None:
        self.store_fields()
        self.dismiss(self.item_id)
