"""Widgets grouped by feature: fields that commit, the item editor, the preview."""
