"""A meeting's status and its Danish label: all that a line in the meeting list needs of
the meeting's values (summary.py), without loading their types (state.py)."""

from __future__ import annotations

from typing import Literal

Status = Literal["draft", "published", "started", "ended", "approved"]

STATUS_LABELS: dict[Status, str] = {
    "draft": "kladde",
    "published": "dagsorden udsendt",
    "started": "i gang",
    "ended": "afholdt",
    "approved": "godkendt",
}
