"""What is printed, line by line: a referat of the corpus as its publisher's system sets
it (title, fields, participants, contents, items and their parts)."""

from __future__ import annotations

from dataclasses import dataclass

from tests.corpus.source import Item, Source


@dataclass
class Line:
    """One printed line: its text, how it is set, and whether a gap comes before it."""

    text: str
    style: str = "body"  # title, item, part, label (a field: the label), pair (two columns), body
    value: str = ""  # a field's value
    gap: bool = False
    page_break: bool = False


def _people(src: Source) -> list[tuple[str, list[str]]]:
    m = src.meeting
    out = []
    if m.get("present"):
        out.append(("Deltagere", list(m["present"])))
    if m.get("excused"):
        out.append(("Afbud", list(m["excused"])))
    return out


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} og {names[-1]}"


def _part_heading(src: Source, heading: str) -> str:
    return heading.upper() if src.look.get("parts") == "caps" else heading


def printed_lines(src: Source) -> list[Line]:
    """The referat as its publisher's system prints it."""
    look = src.look
    out = [Line(t, "title", gap=i == 0) for i, t in enumerate(look["title"])]
    first = True
    for label, value in src.meeting.get("fields", []):
        out.append(Line(label, "label", value=value, gap=first))
        first = False
    for label, names in _people(src):
        if look.get("people") == "list":
            out.append(Line(label, "part", gap=True))
            out.extend(Line(name) for name in names)
        elif look.get("people") == "columns":  # two columns, filled row by row
            out.append(Line(label, "part", gap=True))
            for i in range(0, len(names), 2):
                out.append(Line(names[i], "pair", value=names[i + 1] if i + 1 < len(names) else ""))
        else:
            out.append(Line(label, "label", value=_names(names), gap=first))
        first = False
    if look.get("contents"):
        out.append(Line("Indholdsfortegnelse", "part", page_break=True))
        for page, item in enumerate(src.items, start=2):
            out.append(Line(f"{_item_heading(src, item)}{' .' * 20} {page}", "contents"))
    for index, item in enumerate(src.items):
        brk = bool(look.get("item_page") and index) or (bool(look.get("contents")) and not index)
        out.append(Line(_item_heading(src, item), "item", gap=True, page_break=brk))
        if item.case:
            form = look.get("case_form", "{case}")
            out.append(Line(form.format(case=item.case), gap=True))
        for part in item.parts:
            out.append(Line(_part_heading(src, part.heading), "part", gap=True))
            if part.kind == "recommendation":
                out.append(Line(f"{part.by} indstiller,", gap=True))
                out.extend(Line(f"{n}. at {p}") for n, p in enumerate(part.points, start=1))
                continue
            for paragraph in part.text.split("\n\n"):
                out.append(Line(paragraph, gap=True))
    return out


def _item_heading(src: Source, item: Item) -> str:
    return str(src.look.get("item_form", "{n}. {title}")).format(n=item.n, title=item.title)
