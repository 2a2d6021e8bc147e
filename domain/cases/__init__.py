"""The things a user does, one method each, grouped by concept: the meeting as a whole
and its participants (meetings), the agenda's items (items), what the meeting decided
(outcomes), signatures and corrections (approval), the forum (forums), Bilag as files
(files), and what members do through their links (members).

Each group is a mixin of Minutes (domain.application), the one entry the UI, the CLI, the
site and the importer call; none imports another group, and what they share is in
domain.cases.base.
"""
