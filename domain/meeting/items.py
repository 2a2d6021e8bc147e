"""The agenda's items: adding, naming, numbering, moving and withdrawing them, their
Indstilling, sections, attachments and earlier decisions, and postponing one to a later
meeting (udsat) or carrying one on from an earlier one.

A part of the Meeting aggregate (domain.meeting.part).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.meeting import rules
from domain.meeting.events.files import AttachmentAdded, AttachmentRemoved
from domain.meeting.events.items import (
    ItemAdded,
    ItemCarriedIn,
    ItemFieldsChanged,
    ItemMoved,
    ItemPostponed,
    ItemRetitled,
    ItemWithdrawn,
)
from domain.meeting.events.texts import (
    EarlierDecisionRecorded,
    RecommendationDrafted,
    RecommendationPlaced,
    SectionPlacedAfterDecision,
    SectionRemoved,
    SectionWritten,
)
from domain.meeting.part import MeetingPart
from domain.meeting.state import (
    ITEM_KINDS,
    Attachment,
    EarlierDecision,
    Item,
    ItemLink,
    Recommendation,
)
from domain.text import (
    MINUTES_LIMIT,
    SECTIONS_LIMIT,
    bounded,
    free_text,
    line,
    nfc_opt,
    one_of,
    required,
)


def same_place(a: ItemLink, b: ItemLink) -> bool:
    """The same item as printed (forum, date, number), whether or not ids are known."""
    return (a.forum, a.date, a.number) == (b.forum, b.date, b.number)


class Items(MeetingPart):
    def item(self, item_id: UUID) -> Item:
        found = self.state.find_item(item_id)
        if found is None:
            raise NotFound("Punktet findes ikke på mødet.")
        return found

    def item_by_number(self, number: str) -> Item:
        found = self.state.items_numbered(number.strip())
        if not found:
            raise NotFound(f"Punkt {number} findes ikke på mødet.")
        # Two items printed alike (a mistake): the first on the agenda, as before.
        first = found if len(found) == 1 else [i.id for i in self.state.items if i.id in found]
        return self.item(next(iter(first)))

    def _active_item(self, item_id: UUID) -> Item:
        item = self.item(item_id)
        if item.withdrawn:
            raise RuleViolation(
                f"Punktet '{item.title}' er trukket; der kan ikke noteres mere på det."
            )
        return item

    def _check_number(self, number: str | None, item_id: UUID | None) -> None:
        if number is None:
            return
        if self.state.items_numbered(number) - {item_id}:
            raise RuleViolation(f"Punktnummer {number} er allerede brugt på mødet.")

    def add_item(
        self,
        actor: str,
        title: str,
        *,
        position: int | None = None,
        number: str | None = None,
        case_number: str | None = None,
        kind: str | None = None,
        duration_minutes: int | None = None,
        closed: bool = False,
        supplementary: bool | None = None,
    ) -> UUID:
        """Add an item at `position` among the active items (default: last).

        An item added after the agenda was published is supplementary unless told otherwise.
        """
        self._check_editable()
        title = required(title, "Punktets titel")
        number = nfc_opt(number, "Punktnummeret")
        self._check_number(number, None)
        one_of(kind, ITEM_KINDS, "punkttype")
        bounded(duration_minutes, "Tidsforbruget", high=MINUTES_LIMIT)
        if supplementary is None:
            supplementary = self.state.status != "draft"
        item_id = uuid4()
        self.trigger_event(
            ItemAdded,
            actor=actor,
            item_id=item_id,
            title=title,
            position=self._list_index(position),
            number=number,
            case_number=nfc_opt(case_number, "Journalnummeret"),
            kind=kind,
            duration_minutes=duration_minutes,
            closed=closed,
            supplementary=supplementary,
        )
        return item_id

    def _list_index(self, position: int | None, moving: UUID | None = None) -> int:
        """Translate a position among active items into an index of state.items."""
        if position is None and moving is None:
            return len(self.state.items)  # last: no need to look at the others
        items = [i for i in self.state.items if i.id != moving]
        active = [index for index, i in enumerate(items) if not i.withdrawn]
        if position is None or position >= len(active):
            return len(items)
        if position < 0:
            raise RuleViolation("Placeringen skal være 0 eller mere.")
        return active[position]

    def retitle_item(self, actor: str, item_id: UUID, title: str) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        title = required(title, "Punktets titel")
        if title != item.title:
            self.trigger_event(ItemRetitled, actor=actor, item_id=item_id, title=title)

    def change_item_fields(self, actor: str, item_id: UUID, **changes: Any) -> None:
        """Change any of number, case_number, kind, duration_minutes, closed, supplementary."""
        self._check_editable()
        item = self._active_item(item_id)
        fields = ("number", "case_number", "kind", "duration_minutes", "closed", "supplementary")
        unknown = set(changes) - set(fields)
        if unknown:
            raise RuleViolation(f"Ukendt felt: {', '.join(sorted(unknown))}.")
        new = {name: getattr(item, name) for name in fields}
        new.update(changes)
        new["number"] = nfc_opt(new["number"], "Punktnummeret")
        new["case_number"] = nfc_opt(new["case_number"], "Journalnummeret")
        self._check_number(new["number"], item_id)
        one_of(new["kind"], ITEM_KINDS, "punkttype")
        bounded(new["duration_minutes"], "Tidsforbruget", high=MINUTES_LIMIT)
        if any(getattr(item, name) != value for name, value in new.items()):
            self.trigger_event(ItemFieldsChanged, actor=actor, item_id=item_id, **new)

    def move_item(self, actor: str, item_id: UUID, position: int) -> None:
        self._check_editable()
        self._active_item(item_id)
        # Already at that place on the agenda (as an import's ordering mostly finds):
        # nothing to do, and no pass over the items.
        if position >= 0 and self.state.active_offset(item_id) == min(
            position, self.state.active_count() - 1
        ):
            return
        index = self._list_index(position, moving=item_id)
        moved = [i for i in self.state.items if i.id != item_id]
        moved.insert(index, self.item(item_id))
        # Only a move that changes the agenda's order (not a place among withdrawn items).
        if [i.id for i in moved if not i.withdrawn] != [i.id for i in self.state.active_items()]:
            self.trigger_event(ItemMoved, actor=actor, item_id=item_id, position=index)

    def withdraw_item(
        self, actor: str, item_id: UUID, reason: str | None = None, keep_number: bool = False
    ) -> None:
        """Withdraw an item: with keep_number it stays under its number, printed as
        withdrawn (trukket); without, it is removed and the items after it renumbered."""
        self._check_editable()
        item = self._active_item(item_id)
        if keep_number:
            rules.refuse(rules.not_withdrawn(item))
        reason = nfc_opt(reason, "Begrundelsen", multiline=True)
        self.trigger_event(
            ItemWithdrawn,
            actor=actor,
            item_id=item_id,
            reason=reason,
            keep_number=keep_number,
        )

    def draft_recommendation(
        self, actor: str, item_id: UUID, by: str | None, points: Sequence[str]
    ) -> None:
        """Write the Indstilling: who recommends and the "at ..." points (none: removed)."""
        self._check_editable()
        item = self._active_item(item_id)
        cleaned = tuple(required(p, "Et indstillingspunkt", multiline=True) for p in points)
        by = nfc_opt(by, "Hvem der indstiller")
        recommendation = Recommendation(by=by, points=cleaned) if cleaned or by else None
        if recommendation != item.recommendation:
            self.trigger_event(
                RecommendationDrafted,
                actor=actor,
                item_id=item_id,
                recommendation=recommendation,
            )

    def place_recommendation(self, actor: str, item_id: UUID, at: int) -> None:
        """Print the Indstilling after the item's first `at` sections (0: before them)."""
        self._check_editable()
        item = self._active_item(item_id)
        if not 0 <= at <= SECTIONS_LIMIT:
            raise InvalidInput(f"Indstillingens plads skal være mellem 0 og {SECTIONS_LIMIT}.")
        if item.recommendation_at != at:
            self.trigger_event(RecommendationPlaced, actor=actor, item_id=item_id, at=at)

    def write_section(
        self,
        actor: str,
        item_id: UUID,
        heading: str,
        text: str,
        position: int | None = None,
    ) -> None:
        """Write a section's text; a new heading is added at `position` (default: last)."""
        self._check_editable()
        item = self._active_item(item_id)
        heading = required(heading, "Afsnittets overskrift")
        text = free_text(text, f"Afsnittet '{heading}'")
        for existing in item.sections:
            if existing.heading == heading and existing.text == text:
                return
        if position is None or not 0 <= position <= len(item.sections):
            position = len(item.sections)
        self.trigger_event(
            SectionWritten,
            actor=actor,
            item_id=item_id,
            heading=heading,
            text=text,
            position=position,
        )

    def remove_section(self, actor: str, item_id: UUID, heading: str) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        heading = line(heading, "Afsnittets overskrift")
        if not any(s.heading == heading for s in item.sections):
            raise NotFound(f"Punktet har intet afsnit '{heading}'.")
        self.trigger_event(SectionRemoved, actor=actor, item_id=item_id, heading=heading)

    def place_section_after_decision(
        self, actor: str, item_id: UUID, heading: str, after_decision: bool
    ) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        section = next((s for s in item.sections if s.heading == heading), None)
        if section is None:
            raise RuleViolation(f"Punktet har intet afsnit '{heading}'.")
        if section.after_decision != after_decision:
            self.trigger_event(
                SectionPlacedAfterDecision,
                actor=actor,
                item_id=item_id,
                heading=heading,
                after_decision=after_decision,
            )

    def add_attachment(self, actor: str, item_id: UUID, name: str, closed: bool = False) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        name = required(name, "Bilagets navn")
        if any(a.name == name for a in item.attachments):
            raise RuleViolation(f"Bilaget '{name}' er allerede på punktet.")
        self.trigger_event(
            AttachmentAdded,
            actor=actor,
            item_id=item_id,
            attachment=Attachment(name=name, closed=closed),
        )

    def remove_attachment(self, actor: str, item_id: UUID, name: str) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        name = line(name, "Bilagets navn")
        if not any(a.name == name for a in item.attachments):
            raise NotFound(f"Punktet har intet bilag '{name}'.")
        self.trigger_event(AttachmentRemoved, actor=actor, item_id=item_id, name=name)

    def record_earlier_decision(
        self,
        actor: str,
        item_id: UUID,
        *,
        body: str,
        text: str,
        date: date | None = None,
        item: str | None = None,
    ) -> None:
        """Record what another body decided on this case before (tidligere beslutning)."""
        self._check_editable()
        self._active_item(item_id)
        earlier = EarlierDecision(
            body=required(body, "Det besluttende organ"),
            date=date,
            item=nfc_opt(item, "Punktnummeret i den tidligere beslutning"),
            text=required(text, "Den tidligere beslutning", multiline=True),
        )
        self.trigger_event(EarlierDecisionRecorded, actor=actor, item_id=item_id, earlier=earlier)

    # -- postponed and carried items ------------------------------------------------

    def postpone(
        self, actor: str, item_id: UUID, reason: str | None, carried_to: ItemLink | None
    ) -> None:
        """Udsat: the item keeps its number here with the reason; carried_to names the
        item of the later meeting that continues it."""
        self._check_editable()
        rules.refuse(rules.open_item(self._active_item(item_id)))
        self.trigger_event(
            ItemPostponed,
            actor=actor,
            item_id=item_id,
            reason=nfc_opt(reason),
            carried_to=carried_to,
        )

    def carry_in(self, actor: str, item_id: UUID, carried_from: ItemLink) -> None:
        """Link an item to the postponed item of an earlier meeting it continues."""
        self._check_editable()
        current = self._active_item(item_id).carried_from
        if current is not None and same_place(current, carried_from):
            return
        self.trigger_event(ItemCarriedIn, actor=actor, item_id=item_id, carried_from=carried_from)
