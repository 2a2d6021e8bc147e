"""The tamper matrix: copies of a store altered behind the program's back, and what
`verify` (without and with a checkpoint) and a few commands say about each.

Used by tests/integration/test_tamper_matrix.py (which asserts: every alteration of the
events is found given a checkpoint, every damaged read model is repaired, no command ever
raises) and by bench/tamper_matrix.py (which prints the matrix for the note).

The stores to alter and their copies are built in store.py, read and written behind the
program's back in raw.py, altered in alterations.py (TAMPERS), the commands run on them in
commands.py, and what they said judged and printed in judge.py.
"""
