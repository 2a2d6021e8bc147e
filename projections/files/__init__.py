"""Bilag as files: read and judged once on attach (inspect.py), read back and checked
from the store (stored.py), bundled with the referat (bundle.py)."""
