"""What the help screen lists, and how it is laid out in the width there is: a heading for
where the keys apply, then one line per key (wrapped, never cut): the keys, what they do,
and the id to bind them by in keys.toml. A key that does the same in two places is listed
once, with both ids."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from itertools import zip_longest

from rich.cells import cell_len
from textual.content import Content

from chefforum_tui.keymap import Key, Keymap, keys_label
from chefforum_tui.screens.table_width import fit

INDENT = 2
GAP = 2
KEYS_LEAST = 8
ACTION_LEAST = 12


@dataclass(frozen=True)
class HelpRow:
    where: str
    keys: str  # as the footer writes them: "? / f1"
    description: str
    ids: tuple[str, ...]


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
            rows.append(HelpRow(where, label, key.description, (key.id,)))
    return rows


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, 1), break_on_hyphens=False) or [""]


def help_lines(rows: list[HelpRow], width: int) -> list[Content]:
    """The help as lines of `width` cells: the keys' and the actions' columns give way
    (wrapping) before the ids, which must be copied whole."""
    ids_width = max((cell_len(i) for r in rows for i in r.ids), default=0)
    natural = [
        max((cell_len(r.keys) for r in rows), default=0),
        max((cell_len(r.description) for r in rows), default=0),
        ids_width,
    ]
    room = width - INDENT - 2 * GAP
    widths = fit(natural, [KEYS_LEAST, ACTION_LEAST, ids_width], room, order=(0, 1))
    out: list[Content] = []
    where: str | None = None
    for row in rows:
        if row.where != where:
            if where is not None:
                out.append(Content(""))
            where = row.where
            heading = where[:1].upper() + where[1:]
            out += [Content.styled(line, "bold $accent") for line in _wrap(heading, width)]
        columns = (
            _wrap(row.keys, widths[0]),
            _wrap(row.description, widths[1]),
            [line for i in row.ids for line in _wrap(i, widths[2])],
        )
        for keys, action, ids in zip_longest(*columns, fillvalue=""):
            out.append(
                Content.assemble(
                    " " * INDENT,
                    (keys.ljust(widths[0]), "bold"),
                    " " * GAP,
                    action.ljust(widths[1]),
                    " " * GAP,
                    (ids, "$text-muted"),
                )
            )
    return out
