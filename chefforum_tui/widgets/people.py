"""Choosing people by typing: the first letters of a first or last name, or a party's
letter, narrow the list below the field; enter takes the highlighted match.

A PersonPicker holds one name (who made a remark, who was absent); a PeoplePicker holds a
vote's line, "3: Anne Holm, V": a count, then names or party groups, each chosen the same
way. Both are line inputs, so that the forms read their text as any other field's, and a
name nobody listed (a guest, a party not seen before) can still be written in full.

LetterChoice is a choice among a few words (afbud, fraværende, inhabil), chosen by the
first letter, on one line that never opens a list over the dialog's border.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import events
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from chefforum_tui.keymap import CHOICE_KEYS, PICKER_KEYS, bindings
from chefforum_tui.widgets.fields import LineInput, TypeAhead

SHOWN = 4  # matches listed under the field at a time


DANISH_LETTERS = frozenset("æøå")


def folded(text: str) -> str:
    """Lower case without accents: "É" is typed as "e"; æ, ø and å stay letters (NFD
    would make å an a with a ring, so "a" would find Åse before Anne)."""
    kept = []
    for character in text.casefold():
        if character in DANISH_LETTERS:
            kept.append(character)
            continue
        decomposed = unicodedata.normalize("NFD", character)
        kept.extend(c for c in decomposed if unicodedata.category(c) != "Mn")
    return "".join(kept)


def spellings(word: str) -> tuple[str, ...]:
    """A folded word as written, and with "aa" as å: how å is written without the key,
    and in names like Aase (found by "a", "aa" and "å")."""
    return (word, word.replace("aa", "å")) if "aa" in word else (word,)


@dataclass(frozen=True)
class Candidate:
    """Someone (or a party group) to choose: the name written in the field, what is
    shown beside it, and the words whose first letters find it."""

    name: str
    note: str = ""
    party: str | None = None
    group: bool = False  # a party group, found by its letter after the people

    @property
    def shown(self) -> str:
        return f"{self.name} ({self.note})" if self.note else self.name

    def rank(self, query: str) -> int | None:
        """How well the typed letters fit (lower is better), or None when they do not:
        every typed word begins a word of the name; else the party's letter."""
        typed = [spellings(t)[-1] for t in folded(query).split()]
        if not typed:
            return 0
        words = [] if self.group else folded(self.name).replace("-", " ").split()
        forms = [spellings(w) for w in words]
        if forms and all(any(f.startswith(t) for w in forms for f in w) for t in typed):
            return 0 if any(f.startswith(typed[0]) for f in forms[0]) else 1
        if self.party is not None and len(typed) == 1 and folded(self.party) == typed[0]:
            return 2
        return None


def people(
    members: Iterable[tuple[str, str | None, str | None]], groups: bool = False
) -> list[Candidate]:
    """Candidates from (name, party, title) in order, each name once; with groups, each
    party group after them ("V (partigruppe)")."""
    found: dict[str, Candidate] = {}
    for name, party, title in members:
        if name not in found:
            note = ", ".join(x for x in (party, title) if x)
            found[name] = Candidate(name, note, party)
    result = list(found.values())
    if groups:
        parties = dict.fromkeys(c.party for c in result if c.party)
        result += [Candidate(p, "partigruppe", p, group=True) for p in parties if p not in found]
    return result


def matches(
    candidates: Sequence[Candidate], query: str, taken: Iterable[str] = ()
) -> list[Candidate]:
    """The candidates the letters typed fit, best first (the list's order within a rank)."""
    left = [c for c in candidates if c.name not in set(taken)]
    ranked = [(r, n, c) for n, c in enumerate(left) if (r := c.rank(query)) is not None]
    return [c for _r, _n, c in sorted(ranked, key=lambda t: (t[0], t[1]))]


class Matches(Static):
    """The matches under a picker while it has the focus; the highlighted one first in
    reverse video."""

    DEFAULT_CSS = """
    Matches { height: auto; color: $text-muted; padding: 0 0 0 1; display: none; }
    Matches.-shown { display: block; }
    """


class PersonPicker(LineInput):
    """One name, chosen by typing; enter takes the match and goes on to the next field."""

    BINDINGS = bindings(PICKER_KEYS)
    MANY = False

    def __init__(self, candidates: Sequence[Candidate], value: str = "", **kwargs: Any) -> None:
        super().__init__(value, select_on_focus=False, **kwargs)
        self.candidates = list(candidates)
        self.highlight = 0
        self.found: list[Candidate] = []
        self._found_for: str | None = None
        self.matches = Matches(id=f"{kwargs.get('id', 'picker')}-matches", markup=False)

    # -- what is being typed -----------------------------------------------------------------

    def split(self) -> tuple[str, str]:
        """The text before what is being typed, and what is being typed."""
        return "", self.value

    def taken(self) -> list[str]:
        return []

    def hint(self) -> Content:
        return Content("Skriv forbogstaver: fornavn, efternavn eller parti; ↵ tager.")

    def _find(self) -> str:
        """The matches of what is typed now (keys may arrive before the Changed message
        of the letters typed just before them: enter must take what they found)."""
        _before, typed = self.split()
        if typed != self._found_for:
            self._found_for = typed
            self.highlight = 0
            self.found = matches(self.candidates, typed, self.taken()) if typed.strip() else []
        return typed

    def _update(self) -> None:
        typed = self._find()
        if not typed.strip():
            shown = self.hint()
        elif not self.found:
            shown = Content("Ingen på listen passer; ↵ tager teksten, som den står.")
        else:
            start = max(0, self.highlight - SHOWN + 1)
            lines = [
                Content.styled(f"› {c.shown}", "reverse")
                if n == self.highlight
                else Content(f"  {c.shown}")
                for n, c in enumerate(self.found[start : start + SHOWN], start)
            ]
            more = len(self.found) - start - SHOWN
            if more > 0:
                lines.append(Content(f"  … {more} flere (↓)"))
            shown = Content("\n").join(lines)
        self.matches.update(shown)

    def on_mount(self) -> None:
        self._update()

    def on_input_changed(self) -> None:
        self._update()

    def on_focus(self) -> None:
        self.matches.set_class(True, "-shown")
        self.arrive()

    def arrive(self) -> None:
        """A name chosen from the list is selected: a letter typed replaces it. Text of
        the user's own (a name nobody listed) keeps the cursor at its end: coming back to
        correct it must not wipe it with the first letter."""
        if any(c.name == self.value for c in self.candidates):
            self.select_all()
        else:
            self.cursor_position = len(self.value)

    def on_blur(self) -> None:
        self.matches.set_class(False, "-shown")

    # -- keys --------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self._find()
        if self.found:
            self.highlight = (self.highlight + step) % len(self.found)
            self._update()

    def action_take(self) -> None:
        """The highlighted match in place of the letters typed; with nothing typed, on to
        the next field."""
        typed = self._find()
        before = self.split()[0]
        if not typed.strip():
            self.screen.focus_next()
            return
        chosen = self.found[self.highlight].name if self.found else typed.strip()
        self._taken(before, chosen)

    def _taken(self, before: str, chosen: str) -> None:
        self.value = chosen
        self.cursor_position = len(self.value)
        self.screen.focus_next()


class PeoplePicker(PersonPicker):
    """A vote's line: "3: Anne Holm, V". A number and enter make the count ("3: "); each
    name taken is followed by ", " for the next; enter with nothing typed goes on."""

    MANY = True

    def split(self) -> tuple[str, str]:
        cut = max(self.value.rfind(","), self.value.rfind(":"))
        return self.value[: cut + 1], self.value[cut + 1 :]

    def taken(self) -> list[str]:
        before, _typed = self.split()
        return [w.strip() for w in before.replace(":", ",").split(",") if w.strip()]

    def hint(self) -> Content:
        return Content("Antal og ↵ og/eller forbogstaver og ↵ pr. navn; tomt ↵ går videre.")

    def arrive(self) -> None:
        """The cursor at the end, for one more name."""
        self.cursor_position = len(self.value)

    def _taken(self, before: str, chosen: str) -> None:
        gap = " " if before else ""
        if chosen.isdigit() and not before:
            self.value = f"{chosen}: "
        else:
            self.value = f"{before}{gap}{chosen}, "
        self.cursor_position = len(self.value)


def picker(cls: type[PersonPicker], candidates: Sequence[Candidate]) -> Any:
    """A Field's widget (screens.dialogs.Field.widget): the picker and its matches."""

    def make(widget_id: str, value: str) -> Iterable[Widget]:
        field = cls(candidates, value, id=widget_id)
        return (field, field.matches)

    return make


class LetterChoice(TypeAhead, Widget, can_focus=True):
    """One of a few words, chosen by its first letter (again: the next with that
    letter), or with ← →; enter goes on to the next field."""

    TYPES_TEXT = True  # the letters choose
    BINDINGS = bindings(CHOICE_KEYS)

    DEFAULT_CSS = """
    LetterChoice { height: auto; padding: 0 1; }
    LetterChoice:focus { background: $boost; }
    """

    def __init__(self, options: Sequence[tuple[str, Any]], value: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options = list(options)
        self.index = next((n for n, (_l, v) in enumerate(self.options) if v == value), 0)

    @property
    def value(self) -> Any:
        return self.options[self.index][1]

    def render(self) -> Content:
        parts = []
        for n, (label, _value) in enumerate(self.options):
            chosen = n == self.index
            word = Content.assemble((label[:1], "underline"), label[1:])
            if chosen:
                word = word.stylize("bold")
            parts.append(Content.assemble("(•) " if chosen else "( ) ", word))
        return Content("   ").join(parts)

    async def _on_key(self, event: events.Key) -> None:
        await super()._on_key(event)
        if event._no_default_action or self.app.focused is not self:
            return
        char = event.character
        if event.is_printable and char and "+" not in event.key:
            event.stop()
            event.prevent_default()
            self.choose(char)

    def choose(self, letter: str) -> None:
        starts = [
            n
            for n, (label, _v) in enumerate(self.options)
            if folded(label).startswith(folded(letter))
        ]
        if starts:
            after = [n for n in starts if n > self.index]
            self.index = (after or starts)[0] if self.index in starts else starts[0]
            self.refresh()

    def action_move(self, step: int) -> None:
        self.index = (self.index + step) % len(self.options)
        self.refresh()

    def action_take(self) -> None:
        self.screen.focus_next()


def letters(options: Sequence[tuple[str, Any]]) -> Any:
    """A Field's widget: a LetterChoice."""

    def make(widget_id: str, value: Any) -> Iterable[Widget]:
        return (LetterChoice(options, value, id=widget_id),)

    return make
