"""Bring a referat document into the store as the events that would have produced it.

The document is reconciled with the meeting of the same forum and date: only what
differs is recorded, so importing the same file twice records nothing the second time.
All events of one import are saved together (one unit of work: the use cases of Minutes
run on the loaded meeting and are saved at its end), so a refused file stores nothing.

The entry (document.py), the reconciliation of the meeting with its participants and
agenda (meeting.py), of each item (items.py) and of what is recorded after the meeting,
signatures and corrections (records.py), on what they share (base.py); a referat read
from Markdown, text or PDF is stored through the same entry (parsed.py).
"""
