"""What the history shows of one change: its row in the list (fitted to the list's width) and
the detail pane with the text before and after it, as `chefforum log` prints them."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from projections.readmodels.audit import Entry

# The time column, from the widest form to the narrowest, by its width in cells.
TIME_FORMATS = (
    (19, "%d-%m-%Y %H:%M:%S"),
    (16, "%d-%m-%Y %H:%M"),
    (11, "%d-%m %H:%M"),
)
TIME_WIDTHS = tuple(width for width, _ in TIME_FORMATS)
CHANGE_WANTED = 60  # past this, the list cuts the change with … (the detail shows it all)
CHANGE_LEAST = 24
WHO_LEAST = 10

HEADINGS = ("Pos.", "Tidspunkt", "Hvem", "Ændring")


def what(entry: Entry) -> str:
    """The change without the actor's name in front ('skrev Beslutning i Punkt 2')."""
    return entry.description.removeprefix(f"{entry.actor} ")


def time_format(width: int) -> str:
    """The widest time format that fits in width cells."""
    return next((fmt for w, fmt in TIME_FORMATS if w <= width), TIME_FORMATS[-1][1])


def cells(entry: Entry, time_width: int) -> tuple[Text, Text, Text, Text]:
    """One row of the list: plain text (never markup), cut with … where it is too wide."""

    def plain(value: str) -> Text:
        return Text(value, no_wrap=True, overflow="ellipsis", end="")

    return (
        plain(str(entry.position)),
        plain(f"{entry.at:{time_format(time_width)}}"),
        plain(entry.actor),
        plain(what(entry)),
    )


def detail(entry: Entry) -> Content:
    """The detail pane: when, who, the whole change, and its text before and after."""
    parts: list[str | Content | tuple[str, str]] = [
        (f"Position {entry.position} · {entry.at:%d-%m-%Y %H:%M:%S}\n", "$text-muted"),
        (entry.description, "bold"),
    ]
    if entry.after is not None:
        parts.append("\n")
        for label, value, style in (
            ("Før", entry.before, "bold $text-error"),
            ("Efter", entry.after, "bold $text-success"),
        ):
            parts += ["\n", (f"{label}:", style), " ", value or "(tom)"]
    return Content.assemble(*parts)


def no_change() -> Content:
    return Content.styled("Ingen ændring passer på filteret.", "$text-muted")
