"""The meetings replayed as the pass reaches their events: the snapshots and the signatures
against the replay."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from domain.application import Minutes
from domain.meeting.aggregate import Meeting
from domain.meeting.events.meeting import MeetingScheduled, MinutesApproved
from projections.documents.referat import digest
from projections.readmodels.audit import step
from projections.store.chain import StoredRow
from projections.tools.verification.problems import Found, Problem, guarded, store_problem
from projections.tools.verification.read_models import ReadModelCheck
from projections.tools.verification.reads import VerifiedRecorder, stored_version

SCHEDULED = MeetingScheduled.TOPIC
# The order of the problems within one meeting, as they are reported.
UNREADABLE, SNAPSHOT, SIGNATURE = 0, 1, 2


class Replay:
    """Each meeting replayed once, event by event as the pass reaches them: each snapshot
    compared with the state replayed up to its version, each signature's digest with the
    state just before it. Only the meetings whose last event is still to come are held."""

    def __init__(
        self, minutes: Minutes, recorder: VerifiedRecorder, models: ReadModelCheck | None = None
    ) -> None:
        self.minutes = minutes
        self.models = models
        self.last = guarded("mødernes hændelser kan ikke læses", recorder.last_versions)
        self.snapshots: dict[str, list[int]] = {}
        if minutes.snapshots is not None:
            for oid, version in guarded("snapshottene kan ikke læses", recorder.snapshot_versions):
                self.snapshots.setdefault(oid, []).append(stored_version(version))
        self.live: dict[str, Meeting | None] = {}
        self.rank: dict[str, int] = {}
        self.applied = 0  # events applied: each once
        self.problem: tuple[tuple[int, int, int], Problem] | None = None

    def _found(self, oid: str, kind: int, version: int, problem: Problem) -> None:
        """Keep the problem reported first: by meeting (as they were made), then kind."""
        order = (self.rank[oid], kind, version)
        if self.problem is None or order < self.problem[0]:
            self.problem = (order, problem)
        self.live.pop(oid, None)  # nothing more to learn from this meeting

    def apply(self, row: StoredRow) -> None:
        oid = row.originator_id
        if row.topic == SCHEDULED and row.originator_version == 1 and oid not in self.rank:
            self.rank[oid] = len(self.rank)
            self.live[oid] = None
        if oid not in self.live:
            return  # a forum's roles, or a meeting already found wrong
        version = row.originator_version
        short = oid[:8]
        try:
            event: Any = self.minutes.mapper.to_domain_event(
                StoredEvent(
                    originator_id=UUID(oid),
                    originator_version=version,
                    topic=row.topic,
                    state=row.state,
                )
            )
        except Exception as e:
            text = str(e).strip().splitlines()[0][:160] if str(e).strip() else ""
            what = f"møde {short}: hændelserne kan ikke læses ({type(e).__name__}: {text})"
            self._found(oid, UNREADABLE, version, store_problem(what))
            return
        meeting = self.live[oid]
        if isinstance(event, MinutesApproved) and event.digest is not None:
            self._signature(oid, meeting, event)
            if oid not in self.live:
                return
        try:
            if self.models is not None and row.notification_id <= self.models.position:
                meeting, entry = step(meeting, event)
                self.models.saw(oid, meeting, entry)
            else:
                meeting = event.mutate(meeting)
        except Exception:
            problem = Problem(None, oid, version, "hændelserne kan ikke genspilles")
            self._found(oid, SNAPSHOT, version, problem)
            return
        self.applied += 1
        self.live[oid] = meeting
        assert meeting is not None
        versions = self.snapshots.get(oid, ())
        if version in versions:
            self._snapshot(oid, meeting, version)
        if version == self.last.get(oid) and oid in self.live:
            for later in sorted(v for v in versions if v > version):
                self._snapshot(oid, meeting, later)  # past the last event: must equal it
            self.live.pop(oid, None)

    def _signature(self, oid: str, meeting: Meeting | None, event: MinutesApproved) -> None:
        version = event.originator_version - 1
        try:
            if meeting is None:
                raise ValueError("intet møde")
            text = digest(meeting.state)
        except Exception as e:
            detail = str(e).strip().splitlines()[0][:160] if str(e).strip() else ""
            what = (
                f"møde {oid[:8]}: referatet ved position {version} kan ikke genskabes "
                f"({type(e).__name__}: {detail})"
            )
            self._found(oid, SIGNATURE, event.originator_version, store_problem(what))
            return
        if text != event.digest:
            problem = Problem(
                None,
                oid,
                event.originator_version,
                f"referatet, som {event.approval.by} underskrev, giver ikke længere samme tekst",
            )
            self._found(oid, SIGNATURE, event.originator_version, problem)

    def _snapshot(self, oid: str, meeting: Meeting, version: int) -> None:
        store = self.minutes.snapshots
        assert store is not None
        try:
            found = store.recorder.select_events(UUID(oid), gt=version - 1, lte=version)
        except Exception as e:
            text = str(e).strip().splitlines()[0][:160] if str(e).strip() else ""
            what = f"snapshottene kan ikke læses ({type(e).__name__}: {text})"
            self._found(oid, SNAPSHOT, version, store_problem(what))
            return
        for raw in found:
            try:
                snapshot: Any = store.mapper.to_domain_event(raw)
                state = snapshot.state["state"]
            except Exception:  # not JSON, wrong types, unknown topic: all one finding
                problem = Problem(None, oid, version, "snapshottet kan ikke læses")
                self._found(oid, SNAPSHOT, version, problem)
                return
            if state != meeting.state:
                problem = Problem(None, oid, version, "snapshottet svarer ikke til hændelserne")
                self._found(oid, SNAPSHOT, version, problem)
                return

    def finish(self) -> None:
        """Meetings whose events stopped short of their last version (found already by the
        chain) are let go; the first problem found is raised."""
        self.live.clear()
        if self.problem is not None:
            raise Found(self.problem[1])
