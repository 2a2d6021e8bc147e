"""The texts of an item as the editor shows them, one per field, and the rule for placing
a new section where the forum's template puts it."""

from __future__ import annotations

from domain.meeting.state import Item

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


def stored_form(field: str, typed: str) -> str:
    """The text a field shows once what was typed in it is stored: a number without its
    leading zeros ("01" is stored as 1, and 0 as no time); any other text as typed."""
    if field == "duration_minutes" and typed.strip().isdigit():
        return str(int(typed) or "")
    return typed


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
