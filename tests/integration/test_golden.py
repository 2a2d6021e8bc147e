"""The exports of the demo and of a meeting with every kind of event, and the stored shape
of every event, are the same bytes as the golden files: a refactoring changes neither."""

from __future__ import annotations

import json
import re
import typing

import pytest

from domain.forum.events import FORUM_EVENTS
from domain.meeting.events.schema import ALL_EVENTS
from tests.golden.make import HERE, exports

SCHEMA = HERE / "event_schema.json"


def _type_name(kind: object) -> str:
    """A type as written, without module paths (modules may move, stored names may not)."""
    return re.sub(r"(?:\w+\.)+(\w+)", r"\1", str(kind)).replace("<class '", "").replace("'>", "")


def event_schema() -> dict[str, dict[str, str]]:
    """Each stored event's topic, its class version and its fields with their types."""
    classes = [*ALL_EVENTS, *FORUM_EVENTS]
    return {
        cls.TOPIC: {
            "class_version": str(getattr(cls, "class_version", 1)),
            **{
                name: _type_name(kind)
                for name, kind in typing.get_type_hints(cls).items()
                if not name.startswith("_") and typing.get_origin(kind) is not typing.ClassVar
            },
        }
        for cls in classes
    }


def test_every_export_is_byte_identical_to_its_golden_file() -> None:
    produced = exports()
    assert len(produced) == 24
    for name, text in produced.items():
        assert text == (HERE / name).read_text(encoding="utf-8"), name


def test_the_stored_shape_of_every_event_is_unchanged() -> None:
    if not SCHEMA.exists():
        pytest.fail(f"write {SCHEMA} from event_schema() first")
    assert event_schema() == json.loads(SCHEMA.read_text(encoding="utf-8"))
