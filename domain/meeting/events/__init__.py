"""The events of a meeting: one immutable record per kind of change.

Every event names its actor. Topics are explicit and stable, so renaming a class
never orphans stored events; a changed payload gets a class_version and an upcaster.
Each event's apply() evolves the MeetingState held by the Meeting aggregate.

One module per part of a meeting (meeting, participants, items, texts, decisions, files,
links) over the base in base.py; the whole schema of the store, every event type, is
schema.ALL_EVENTS."""
