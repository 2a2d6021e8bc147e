"""An import never quietly empties what is recorded."""

from __future__ import annotations

import pytest

from domain.application import Minutes
from projections.documents.interchange import DocumentError
from projections.documents.referat import document, public
from projections.importing.document import import_document
from tests.builders import SECRETARY, full_meeting


def test_a_public_export_is_not_imported_over_the_internal_minutes(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)
    public_copy = public(document(minutes.get(mid).state))
    before = minutes.recorder.max_notification_id()
    with pytest.raises(DocumentError, match="ligner en offentlig udgave"):
        import_document(minutes, public_copy, SECRETARY)
    assert minutes.recorder.max_notification_id() == before
    closed = next(i for i in minutes.get(mid).state.items if i.closed)
    assert closed.decision is not None  # the closed item's content is still there
