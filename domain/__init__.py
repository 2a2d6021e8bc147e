"""The Meeting aggregate, its events and the rules of the minutes.

This layer knows nothing of terminals or SQL: it is plain Python on eventsourcing.
"""
