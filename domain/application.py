"""The application service: load a meeting, run a command on it, save its new events.

Persistence is chosen by the environment handed in (eventsourcing's PERSISTENCE_MODULE
and friends); this module itself speaks no SQL.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from copy import deepcopy
from datetime import date
from typing import Any, ClassVar, Protocol, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.persistence import (
    IntegrityError,
    OperationalError,
    PersistenceError,
    StoredEvent,
)

from domain import permissions
from domain.busy import is_busy
from domain.cases.approval import ApprovalCases
from domain.cases.files import FileCases
from domain.cases.forums import ForumCases
from domain.cases.items import ItemCases
from domain.cases.meetings import MeetingCases
from domain.cases.members import MemberCases
from domain.cases.outcomes import OutcomeCases
from domain.errors import (
    ChefforumError,
    Conflict,
    NotFound,
    RuleViolation,
    StoreBusy,
)
from domain.forum.aggregate import Forum, forum_id
from domain.kept import KeptAggregates
from domain.meeting.aggregate import Meeting
from domain.meeting.events.meeting import DetailsChanged, MeetingScheduled
from domain.meeting.state import MeetingState
from domain.meeting.summary import MeetingSummary
from domain.replay import replay, replay_failed
from domain.serialization import copied
from domain.snapshots import FIRST_STEP, SnapshotWriter, is_due
from domain.text import nfc, skeleton

__all__ = ["MAPPER_ENV", "MeetingDirectory", "Minutes", "replay"]

T = TypeVar("T")

MAPPER_ENV = {
    "MAPPER_TOPIC": "domain.serialization:MsgspecMapper",
    "TRANSCODER_TOPIC": "domain.serialization:MsgspecTranscoder",
}
# A save refused because someone else saved first is run again on the fresh state, with
# growing randomised waits, until this many seconds have passed: a deadline, not a count
# of tries, so that load on the machine cannot exhaust it.
SAVE_DEADLINE = 20.0
BACKOFF_CAP = 0.25


class MeetingDirectory(Protocol):
    """A read model that lists the meetings (projections/readmodels/runner.py); the
    lookups go through its indexes and read a few rows whatever the store's size."""

    def meetings(self) -> list[MeetingSummary]: ...

    def meetings_by_prefix(self, prefix: str, limit: int) -> list[MeetingSummary]: ...

    def meeting_on(self, forum: str, on: date) -> MeetingSummary | None: ...

    def meetings_page(self, after: MeetingSummary | None, limit: int) -> list[MeetingSummary]: ...


class Minutes(
    MeetingCases,
    ItemCases,
    OutcomeCases,
    ApprovalCases,
    ForumCases,
    FileCases,
    MemberCases,
    Application[UUID],
):
    """Every meeting of every forum in one event store; the use cases, one method per thing
    a user does, are its mixins (domain.cases)."""

    name = "chefforum"
    env: ClassVar[dict[str, str]] = dict(MAPPER_ENV)
    # Snapshots are enabled; when one is due is domain/snapshots.py's (see _take_snapshots).
    snapshotting_intervals = {Meeting: FIRST_STEP}  # noqa: RUF012 - eventsourcing's attribute

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        super().__init__(env)
        # The forum each loaded meeting belonged to: its roles govern the next save,
        # also when that save renames the forum.
        self._loaded_forum: dict[UUID, str] = {}
        # The meeting of an open unit of work, per thread (the TUI saves from workers).
        self._batch = threading.local()
        self._snapshot_writer = SnapshotWriter(self._write_snapshots) if self.snapshots else None
        self._kept = KeptAggregates()

    def get(self, meeting_id: UUID, version: int | None = None) -> Meeting:
        batch: Meeting | None = getattr(self._batch, "meeting", None)
        if version is None and batch is not None and batch.id == meeting_id:
            return batch
        try:
            meeting: Meeting = (
                self._latest(meeting_id)
                if version is None
                else self.repository.get(meeting_id, version=version, projector_func=replay)
            )
        except AggregateNotFoundError:
            raise NotFound(f"Mødet {meeting_id} findes ikke.") from None
        except (ChefforumError, PersistenceError):
            raise  # a rule, or the store itself (locked, unreachable): said where it is caught
        except Exception as e:
            raise replay_failed(f"mødet {meeting_id.hex[:8]}", version, e) from e
        self._loaded_forum[meeting_id] = meeting.state.forum
        return meeting

    def _latest(self, aggregate_id: UUID, copy: Callable[[Any], Any] = copied) -> Any:
        """A meeting (or forum) as saved now. One loaded lately is kept, as replayed from
        the store, and brought up to date by the events saved since (one indexed query,
        most often none); the caller gets a copy, so that a command's changes never reach
        the kept one unless they are saved and read back. Loading a meeting anew decodes a
        snapshot and replays up to a snapshot step of events: for a long meeting most of a
        save's wait. Each thread works on one it took out."""
        kept = self._kept.take(aggregate_id)
        if kept is None:
            kept = self.repository.get(aggregate_id, projector_func=replay)
        else:
            kept = replay(kept, self.repository.event_store.get(aggregate_id, gt=kept.version))
        self._kept.keep(aggregate_id, kept)
        return copy(kept)

    def forum(self, name: str) -> Forum | None:
        try:
            # Read by every save (its roles govern it): kept as meetings are; small, so
            # copied as it is.
            forum: Forum = self._latest(forum_id(name), deepcopy)
            return forum
        except AggregateNotFoundError:
            return None
        except (ChefforumError, PersistenceError):
            raise
        except Exception as e:
            raise replay_failed(f"forummet {name}", None, e) from e

    def save_meeting(self, meeting: Meeting) -> None:
        """Check the actors' roles, then save the pending events; a concurrent save of the
        same version is a Conflict. A new meeting of a new forum founds the forum, with
        its first actor as secretary, in the same transaction."""
        pending = list(meeting.pending_events)
        if not pending:
            return
        forum = self._permitted(meeting, pending)
        self._save(meeting, forum)
        self._loaded_forum[meeting.id] = meeting.state.forum

    def check_meeting(self, meeting: Meeting) -> None:
        """Everything save_meeting checks, and each event encoded as the store would take
        it, but nothing stored: an import's --dry-run refuses what the import would."""
        pending = list(meeting.pending_events)
        if pending:
            self._permitted(meeting, pending)
            for event in pending:
                self.mapper.to_stored_event(event)

    def _permitted(self, meeting: Meeting, pending: list[Any]) -> Forum:
        """The meeting's forum (founded anew for a new forum's first meeting), once the
        actors' roles allow every pending event."""
        name = self._loaded_forum.get(meeting.id, meeting.state.forum)
        for event in pending:
            if isinstance(event, MeetingScheduled | DetailsChanged):
                self.check_forum_name(event.forum)
        forum = self.forum(name)
        if forum is None:
            if not isinstance(pending[0], MeetingScheduled):
                raise RuleViolation(f"Forummet '{name}' findes ikke.")
            forum = Forum.found(name, pending[0].actor)
        permissions.check(forum, pending)
        return forum

    def _save(self, *aggregates: Any) -> None:
        try:
            # Files attached ride with the events, into the same transaction (cases/files.py).
            self.save(*aggregates, **self.carried_files())
        except IntegrityError:
            raise Conflict(
                "Mødet blev ændret af en anden i mellemtiden; din ændring er ikke gemt. "
                "Hent mødet igen og prøv på ny."
            ) from None
        except OperationalError as e:
            if not is_busy(e):
                raise
            # Refused before anything was written (the insert waited for the lock).
            raise StoreBusy(
                "Lageret var optaget af andres ændringer for længe; din ændring er ikke gemt. "
                "Prøv igen."
            ) from e

    def _take_snapshots(self, processing_event: ProcessingEvent[UUID]) -> None:
        """A snapshot is a shortcut for loading, taken after the events are saved from the
        meeting in memory, and written later by the snapshot writer (domain/snapshots.py):
        the user waits neither for a replay nor for its write, and one that cannot be
        written (the store busy) cannot fail a change already saved."""
        writer = self._snapshot_writer
        if writer is None or self.snapshots is None:
            return
        writer.saved()
        first: dict[UUID, int] = {}
        for event in processing_event.events:
            first.setdefault(event.originator_id, event.originator_version)
        for aggregate_id, aggregate in processing_event.aggregates.items():
            if not isinstance(aggregate, Meeting) or aggregate_id not in first:
                continue
            if is_due(first[aggregate_id], aggregate.version, len(aggregate.state.items)):
                snapshot = type(aggregate).Snapshot.take(aggregate)
                writer.put(self.snapshots.mapper.to_stored_event(snapshot))

    def _write_snapshots(self, snapshots: Sequence[StoredEvent]) -> None:
        assert self.snapshots is not None
        self.snapshots.recorder.insert_events(snapshots)

    def flush_snapshots(self) -> None:
        """Write the snapshots taken and not yet written, and wait for them."""
        if self._snapshot_writer is not None:
            self._snapshot_writer.flush()

    def close(self) -> None:
        with suppress(Exception):  # a store already unreachable keeps no snapshot
            self.flush_snapshots()
        super().close()

    def change(self, meeting_id: UUID, command: Callable[[Meeting], T]) -> T:
        """Load the meeting, run one command on it and save what it recorded.

        When someone else saved the meeting in between, or the store was too busy to take
        the save, the command runs again on the fresh state, where its rules are checked
        anew: changes to different fields both survive. A command editing a text checks
        that text's base itself (EditConflict). Only when SAVE_DEADLINE has passed is a
        Conflict refused to the caller.
        """
        batch = getattr(self._batch, "meeting", None)
        if batch is not None and batch.id == meeting_id:
            return command(batch)  # saved with the rest of the unit of work
        deadline = time.monotonic() + SAVE_DEADLINE
        attempt = 0
        while True:
            meeting = self.get(meeting_id)
            result = command(meeting)
            try:
                self.save_meeting(meeting)
                return result
            except Conflict:
                if time.monotonic() >= deadline:
                    raise
                attempt += 1
                # Full jitter: writers that collided do not collide again in step.
                time.sleep(random.uniform(0, min(BACKOFF_CAP, 0.002 * 2**attempt)))

    @contextmanager
    def unit_of_work(self, meeting: Meeting, *, dry_run: bool = False) -> Iterator[Meeting]:
        """Use cases called on this meeting inside the block change it in memory and are
        saved together, in one transaction, when the block ends (as an import is); with
        dry_run they are checked as a save would check them, and not saved."""
        self._batch.meeting = meeting
        try:
            yield meeting
            if dry_run:
                self.check_meeting(meeting)
            else:
                self.save_meeting(meeting)
        finally:
            self._batch.meeting = None

    def check_forum_name(self, name: str) -> None:
        """A new forum's name may not merely look like an existing forum's (a Cyrillic
        letter, a zero-width space): the list would show two forums of one name."""
        if self.forum(name) is not None:
            return
        shape = skeleton(name)
        for existing in sorted({s.forum for s in self.summaries()}):
            if forum_id(existing) != forum_id(name) and skeleton(existing) == shape:
                raise RuleViolation(
                    f"Forumnavnet '{name}' ligner forummet '{existing}', som findes; brug det navn."
                )

    def check_free(self, forum: str, on: date) -> None:
        """One meeting per forum and day, so that FORUM/YYYY-MM-DD names it."""
        existing = self.find(forum, on)
        if existing is not None:
            raise Conflict(f"{existing.ref} findes allerede (id {existing.id}).")

    def draft_meeting(self, actor: str, forum: str, date: date, **details: Any) -> Meeting:
        """A new meeting, not saved yet: use cases called on it inside unit_of_work(meeting)
        are saved with it in one transaction (as an import or a meeting from a template is).
        Organisation, start, end, place and first_number may be given."""
        self.check_free(forum, date)
        return Meeting.schedule(actor=actor, forum=forum, date=date, **details)

    def schedule(self, actor: str, forum: str, date: date, **details: Any) -> UUID:
        meeting = self.draft_meeting(actor, forum, date, **details)
        self.save_meeting(meeting)
        return meeting.id

    # -- finding meetings -------------------------------------------------------------

    def meeting_ids(self) -> list[UUID]:
        """Ids of every meeting, oldest first, from the notification log."""
        ids: list[UUID] = []
        start = 1
        while True:
            batch = self.recorder.select_notifications(
                start=start, limit=1000, topics=[MeetingScheduled.TOPIC]
            )
            ids.extend(UUID(str(n.originator_id)) for n in batch)
            if len(batch) < 1000:
                return ids
            start = batch[-1].id + 1

    # The store's read models, attached where the store is opened (projections/store/
    # connect.py); the application lists meetings through them without replaying any.
    # Without them, every meeting is loaded.
    read_models: MeetingDirectory | None = None

    def summaries(self) -> list[MeetingSummary]:
        """Every meeting, by date and forum."""
        if self.read_models is not None:
            return self.read_models.meetings()
        result = [self.summary(self.get(meeting_id)) for meeting_id in self.meeting_ids()]
        return sorted(result, key=lambda s: (s.date, s.forum))

    @staticmethod
    def summary(meeting: Meeting) -> MeetingSummary:
        state: MeetingState = meeting.state
        return MeetingSummary(
            id=meeting.id,
            forum=state.forum,
            date=state.date,
            status=state.status,
            items=len(state.active_items()),
            version=meeting.version,
        )

    def meetings_page(self, after: MeetingSummary | None, limit: int) -> list[MeetingSummary]:
        """The meeting list newest first, `limit` meetings after `after` (None: from the
        newest): a screen's worth at a time."""
        if self.read_models is not None:
            return self.read_models.meetings_page(after, limit)
        newest = sorted(self.summaries(), key=lambda s: (s.date, s.forum, s.id.hex), reverse=True)
        if after is not None:
            key = (after.date, after.forum, after.id.hex)
            newest = [s for s in newest if (s.date, s.forum, s.id.hex) < key]
        return newest[:limit]

    def find(self, forum: str, on: date) -> MeetingSummary | None:
        if self.read_models is not None:
            return self.read_models.meeting_on(forum, on)
        forum = nfc(forum).strip().casefold()
        for summary in self.summaries():
            if summary.forum.casefold() == forum and summary.date == on:
                return summary
        return None

    def resolve(self, ref: str) -> UUID:
        """A meeting named by its id, a unique id prefix, or FORUM/YYYY-MM-DD."""
        ref = nfc(ref).strip()
        if "/" in ref:
            forum, _, day = ref.rpartition("/")
            try:
                on = date.fromisoformat(day)
            except ValueError:
                raise NotFound(f"'{day}' er ikke en dato som 2026-05-20.") from None
            found = self.find(forum, on)
            if found is None:
                raise NotFound(f"Intet møde {forum}/{on.isoformat()}.")
            return found.id
        wanted = ref.lower().replace("-", "")
        if not wanted:
            raise NotFound("Angiv et møde: id, begyndelsen af et id eller FORUM/ÅÅÅÅ-MM-DD.")
        if self.read_models is not None:
            # Two are enough to know whether the prefix names one meeting.
            matches = [s.id for s in self.read_models.meetings_by_prefix(wanted, 2)]
        else:
            matches = [s.id for s in self.summaries() if s.id.hex.startswith(wanted)]
        if not matches:
            raise NotFound(f"Intet møde med id '{ref}'.")
        if len(matches) > 1:
            raise NotFound(f"'{ref}' passer på flere møder; skriv mere af id'et.")
        return matches[0]
