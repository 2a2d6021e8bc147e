"""What the help screen lists, and how it is laid out in the width there is: a heading for
where the keys apply, then two columns: the keys (one per line, never split), and what
they do with the id to bind them by in keys.toml (wrapped at words, the id whole). A key
that does the same in two places is listed once, with both ids. What cannot be done now
follows the keys that can, grouped under its reason, which is said once.

The keys come from keymap.py's tables; a screen's own reason for an action comes with its
Key (Key.reason, from the domain's domain/meeting/actions.py).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from itertools import zip_longest

from rich.cells import cell_len
from textual.content import Content

from chefforum_tui.keymap import Key, Keymap, keys_label

INDENT = 2
GAP = 2
NOT_NOW = "Ikke muligt nu"


@dataclass(frozen=True)
class HelpRow:
    where: str
    keys: str  # as the footer writes them: "? / f1"
    description: str
    ids: tuple[str, ...]
    reason: str | None = None  # why the action cannot be done now

    @property
    def key_lines(self) -> list[str]:
        return self.keys.split(" / ")


def help_rows(sections: list[tuple[str, tuple[Key, ...]]], keymap: Keymap) -> list[HelpRow]:
    """One row per key and action, under the first place it applies; a key bound to the
    same action in two tables (ctrl+s on the meeting screen and in a field) is one row."""
    rows: list[HelpRow] = []
    first: dict[tuple[str, str], int] = {}
    for where, keys in sections:
        for key in keys:
            label = keys_label(key.id, keymap)
            same = (label, key.description)
            if same in first:
                row = rows[first[same]]
                if key.id not in row.ids:
                    rows[first[same]] = replace(row, ids=(*row.ids, key.id))
                continue
            first[same] = len(rows)
            rows.append(HelpRow(where, label, key.description, (key.id,), key.reason))
    return rows


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, 1), break_on_hyphens=False) or [""]


def _row_lines(row: HelpRow, keys_width: int, width: int) -> list[Content]:
    """The keys one per line beside the description, then the ids (whole)."""
    room = max(width - INDENT - keys_width - GAP, 1)
    ids = " ".join(row.ids)
    described = _wrap(row.description, room)
    if cell_len(described[-1]) + GAP + cell_len(ids) <= room:
        right = [Content(line) for line in described[:-1]]
        right.append(Content.assemble(described[-1], " " * GAP, (ids, "$text-muted")))
    else:
        right = [Content(line) for line in described]
        right += [Content.styled(line, "$text-muted") for line in _wrap(ids, room)]
    out = []
    for key, action in zip_longest(row.key_lines, right, fillvalue=None):
        out.append(
            Content.assemble(
                " " * INDENT,
                ((key or "").ljust(keys_width), "bold"),
                " " * GAP,
                action or "",
            )
        )
    return out


def help_lines(rows: list[HelpRow], width: int) -> list[Content]:
    """The help as lines of at most `width` cells."""
    keys_width = max((cell_len(k) for r in rows for k in r.key_lines), default=0)
    out: list[Content] = []
    sections: dict[str, list[HelpRow]] = {}
    for row in rows:
        sections.setdefault(row.where, []).append(row)
    for where, section in sections.items():
        if out:
            out.append(Content(""))
        heading = where[:1].upper() + where[1:]
        out += [Content.styled(line, "bold $accent") for line in _wrap(heading, width)]
        for row in (r for r in section if r.reason is None):
            out += _row_lines(row, keys_width, width)
        reasons = dict.fromkeys(r.reason for r in section if r.reason is not None)
        for reason in reasons:
            said = f"{NOT_NOW}: {reason}"
            out += [Content.styled(line, "italic $text-muted") for line in _wrap(said, width)]
            for row in (r for r in section if r.reason == reason):
                out += [line.stylize("dim") for line in _row_lines(row, keys_width, width)]
    return out
