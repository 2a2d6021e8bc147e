"""The stored read models (rm_meetings, rm_audit) against the replay of the events."""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Any

from domain.application import Minutes
from domain.meeting.aggregate import Meeting
from projections.readmodels.audit import Entry, audit_row, entry_from_row
from projections.readmodels.meetings import meeting_rows
from projections.readmodels.view import ReadModelView
from projections.store.connect import stored_read_models
from projections.tools.verification.problems import Found, guarded, store_problem

REBUILD = "kør 'chefforum rebuild'"


class ReadModelCheck:
    """The stored read models against the replay: each meeting's line in the list and its
    audit trail as the events up to the read models' position make them (what `meetings`,
    `log` and the site show is a cache anyone who writes the store can edit)."""

    def __init__(self, view: ReadModelView, position: int) -> None:
        self.view = view
        self.position = position
        self.lines: dict[str, tuple[Any, ...]] = {}
        # Per meeting, a hash over its audit rows as the replay makes them: memory stays
        # a few numbers per meeting, as verify's pass promises.
        self.audit: dict[str, Any] = {}

    @staticmethod
    def opened(minutes: Minutes) -> ReadModelCheck | None:
        """None where the store keeps no read models, or has not made them yet."""
        view = stored_read_models(minutes)
        try:
            position = view.position() if view is not None else None
        except Exception:  # no tables yet (the store was never opened to write)
            return None
        return ReadModelCheck(view, position) if view is not None and position else None

    def saw(self, oid: str, meeting: Meeting, entry: Entry) -> None:
        rows = meeting_rows(meeting)
        self.lines[oid] = (rows.forum, rows.date, rows.status, rows.items, rows.version)
        made = self.audit.get(oid)
        if made is None:
            made = self.audit[oid] = hashlib.sha256()
        made.update(repr(audit_row(entry)).encode())

    def finish(self, wrong: set[str]) -> None:
        """Raise the first disagreement; meetings found wrong already are left out."""
        stored = {
            str(r["id"]): (r["forum"], r["date"], r["status"], r["items"], r["version"])
            for r in guarded("læsemodellen rm_meetings kan ikke læses", self.view.meetings)
        }
        for oid in sorted(set(stored) | set(self.lines)):
            if oid in wrong:
                continue
            made, found = self.lines.get(oid), stored.get(oid)
            if made != found:
                what = (
                    "har et møde, som hændelserne ikke har"
                    if made is None
                    else "mangler mødet"
                    if found is None
                    else f"viser {_differs(found, made)}"
                )
                raise Found(
                    store_problem(
                        f"læsemodellen rm_meetings {what} (møde {oid[:8]}): den er ændret "
                        f"uden om hændelserne; {REBUILD}"
                    )
                )
        for oid, made in self.audit.items():
            if oid in wrong:
                continue
            rows = guarded("læsemodellen rm_audit kan ikke læses", partial(self.view.audit, oid))
            afters = {(r["meeting_id"], r["position"]): r["after"] for r in rows}
            kept = hashlib.sha256()
            for row in rows:
                kept.update(repr(audit_row(entry_from_row(row, afters))).encode())
            if kept.digest() != made.digest():
                raise Found(
                    store_problem(
                        f"læsemodellen rm_audit (chefforum log) svarer ikke til hændelserne for "
                        f"møde {oid[:8]}: den er ændret uden om dem; {REBUILD}"
                    )
                )


_LINE_FIELDS = ("forum", "dato", "status", "punkter", "version")


def _differs(found: tuple[Any, ...], made: tuple[Any, ...]) -> str:
    return ", ".join(
        f"{name} {a!r} for {b!r}"
        for name, a, b in zip(_LINE_FIELDS, found, made, strict=True)
        if a != b
    )
