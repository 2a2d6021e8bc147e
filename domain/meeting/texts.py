"""The texts of an item as the editor shows them, one per field, and the rule for placing
a new section where the forum's template puts it."""

from __future__ import annotations

from domain.errors import InvalidInput
from domain.meeting.state import Item
from domain.text import MINUTES_LIMIT

# The editor's text fields besides the sections ("section:<heading>").
ITEM_TEXT_FIELDS = ("title", "case_number", "duration_minutes", "rec_by", "rec_points", "decision")
SECTION_PREFIX = "section:"
# How a message names a field ("Titlen er ændret af ...").
FIELD_LABELS = {
    "title": "Titlen",
    "case_number": "Journalnummeret",
    "duration_minutes": "Tidsforbruget",
    "rec_by": "Indstillingen",
    "rec_points": "Indstillingen",
    "decision": "Beslutningen",
}


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, f"Afsnittet {field.removeprefix(SECTION_PREFIX)}")


def typed_minutes(text: str) -> int | None:
    """The time set aside as typed: blank is none; anything but whole minutes is refused."""
    digits = text.strip()
    if not digits:
        return None
    if not (digits.isascii() and digits.isdigit()) or len(digits.lstrip("0")) > len(
        str(MINUTES_LIMIT)
    ):
        raise InvalidInput(
            f"Tidsforbruget skal være et helt antal minutter fra 0 til {MINUTES_LIMIT}."
        )
    return int(digits)


def stored_form(field: str, typed: str) -> str:
    """The text a field shows once what was typed in it is stored ("01" is stored as 1,
    0 as no time: as field_texts shows it); any other text as typed."""
    if field != "duration_minutes":
        return typed
    try:
        return str(typed_minutes(typed) or "")
    except InvalidInput:
        return typed  # refused: nothing stored


def field_texts(item: Item) -> dict[str, str]:
    """The stored text behind each of the editor's text fields."""
    rec = item.recommendation
    texts = {
        "title": item.title,
        "case_number": item.case_number or "",
        "duration_minutes": str(item.duration_minutes or ""),
        "rec_by": (rec.by or "") if rec else "",
        "rec_points": "\n".join(rec.points) if rec else "",
        "decision": item.decision.text if item.decision else "",
    }
    for section in item.sections:
        texts[f"{SECTION_PREFIX}{section.heading}"] = section.text
    return texts


def section_position(existing: list[str], heading: str, template: tuple[str, ...]) -> int:
    """Where a new section goes among the item's existing ones: after every section that
    the template puts before it (headings the template does not know go last)."""
    order = {h: n for n, h in enumerate(template)}
    rank = order.get(heading, len(order))
    return sum(1 for h in existing if order.get(h, len(order)) <= rank)
