"""Roles per forum: secretaries edit and grant roles, the chair ends the meeting and may
record signatures, members sign for themselves. A refusal stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

import pytest

from domain.application import Minutes
from domain.errors import RuleViolation
from domain.meeting.aggregate import Meeting
from domain.meeting.events.meeting import MinutesApproved
from projections.documents import interchange as ix
from projections.documents.referat import digest, document
from projections.documents.render import markdown
from projections.importing.document import import_document
from tests.builders import SECRETARY, full_meeting


def export_text(minutes: Minutes, mid: UUID) -> str:
    return markdown.render(document(minutes.get(mid).state))


def refused(minutes: Minutes, use_case: Callable[[], object], match: str) -> None:
    before = minutes.recorder.max_notification_id()
    with pytest.raises(RuleViolation, match=match):
        use_case()
    assert minutes.recorder.max_notification_id() == before


def test_the_first_actor_founds_the_forum_as_secretary(minutes: Minutes) -> None:
    mid = minutes.schedule("Karen Dahl", "Chefforum", date(2026, 5, 20))
    forum = minutes.forum("chefforum")
    assert forum is not None and forum.state.roles == {"Karen Dahl": ["secretary"]}
    refused(minutes, lambda: minutes.add_item(mid, "Bo Lind", "Et punkt"), "Kun sekretærer")
    with pytest.raises(RuleViolation, match="Kun sekretærer"):
        minutes.schedule("Bo Lind", "Chefforum", date(2026, 6, 3))
    minutes.change_roles("Karen Dahl", "Chefforum", "Bo Lind", "secretary", grant=True)
    minutes.add_item(mid, "Bo Lind", "Et punkt")
    minutes.schedule("Bo Lind", "Chefforum", date(2026, 6, 3))


def test_only_secretaries_grant_and_a_forum_keeps_one(minutes: Minutes) -> None:
    minutes.schedule("Karen Dahl", "Chefforum", date(2026, 5, 20))
    before = minutes.recorder.max_notification_id()
    with pytest.raises(RuleViolation, match="Kun sekretærer i Chefforum kan tildele"):
        minutes.change_roles("Bo Lind", "Chefforum", "Bo Lind", "chair", grant=True)
    with pytest.raises(RuleViolation, match="mindst én sekretær"):
        minutes.change_roles("Karen Dahl", "Chefforum", "Karen Dahl", "secretary", grant=False)
    with pytest.raises(RuleViolation, match="Ukendt rolle"):
        minutes.change_roles("Karen Dahl", "Chefforum", "Bo Lind", "konge", grant=True)
    assert minutes.recorder.max_notification_id() == before
    minutes.change_roles("Karen Dahl", "Chefforum", "Anne Holm", "chair", grant=True)
    minutes.change_roles("Karen Dahl", "Chefforum", "Anne Holm", "chair", grant=False)
    forum = minutes.forum("Chefforum")
    assert forum is not None
    assert forum.state.roles == {"Karen Dahl": ["secretary"]}


def test_the_chair_ends_the_meeting_and_records_signatures(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)  # Karen is secretary and chair of Økonomiudvalget
    minutes.change_roles(SECRETARY, "Økonomiudvalget", SECRETARY, "chair", grant=False)
    # A refused approval leaves no event: Bo, neither chair nor secretary, signs for Anne.
    refused(
        minutes,
        lambda: minutes.sign_minutes(mid, "Bo Lind", "Anne Holm", digest),
        "Kun et tilstedeværende medlem underskriver selv",
    )
    minutes.sign_minutes(mid, "Anne Holm", "Anne Holm", digest)  # Anne signs herself
    minutes.change_roles(SECRETARY, "Økonomiudvalget", "Anne Holm", "chair", grant=True)
    minutes.sign_minutes(mid, "Anne Holm", "Dan Berg", digest)  # the chair records Dan's
    # The secretary records a signature given on paper; the minutes say who recorded it.
    minutes.sign_minutes(mid, SECRETARY, "Cecilie Ravn", digest)
    refused(
        minutes,
        lambda: minutes.add_correction(mid, "Bo Lind", reason="r", text="t"),
        "Kun formanden eller sekretæren",
    )
    minutes.add_correction(mid, "Anne Holm", reason="Stavefejl", text="t")
    approvals = minutes.get(mid).state.approvals
    assert [(a.by, a.recorded_by) for a in approvals] == [
        ("Anne Holm", None),
        ("Dan Berg", "Anne Holm"),
        ("Cecilie Ravn", SECRETARY),
    ]
    assert "Cecilie Ravn d. " in export_text(minutes, mid)
    assert f"(givet på papir, registreret af {SECRETARY})" in export_text(minutes, mid)


def test_ending_the_meeting_takes_the_chair_or_the_secretary(minutes: Minutes) -> None:
    mid = minutes.schedule("Karen Dahl", "Chefforum", date(2026, 5, 20))
    minutes.add_item(mid, "Karen Dahl", "Punkt")
    minutes.publish_agenda(mid, "Karen Dahl")
    minutes.start_meeting(mid, "Karen Dahl")
    refused(minutes, lambda: minutes.end_meeting(mid, "Bo Lind"), "Kun formanden eller sekretæren")
    minutes.change_roles("Karen Dahl", "Chefforum", "Bo Lind", "chair", grant=True)
    minutes.end_meeting(mid, "Bo Lind")


def test_an_import_of_approved_minutes_needs_a_secretary(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)
    minutes.sign_minutes(mid, SECRETARY, "Anne Holm", digest)
    doc = document(minutes.get(mid).state)
    moved = ix.Document(
        format=doc.format,
        meeting=ix.Meeting(
            **{
                **{f: getattr(doc.meeting, f) for f in doc.meeting.__struct_fields__},
                "date": date(2026, 10, 7),
            }
        ),
    )
    before = minutes.recorder.max_notification_id()
    with pytest.raises(RuleViolation, match="Kun sekretærer"):
        import_document(minutes, moved, "Ukendt Person")
    assert minutes.recorder.max_notification_id() == before
    new_id, _ = import_document(minutes, moved, SECRETARY)  # transcribed signatures
    approvals = [e for e in minutes.events.get(new_id) if isinstance(e, MinutesApproved)]
    assert approvals and all(e.transcribed and e.actor == SECRETARY for e in approvals)
    assert isinstance(minutes.get(new_id), Meeting)
