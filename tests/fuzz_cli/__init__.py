"""Fuzzing every command of `chefforum` with odd arguments: invalid UTF-8 (as Python hands
it over: lone surrogates), control characters, NUL, huge numbers, empty strings, look-alike
names, HTML, and valid values mixed in so that many commands go through.

A case is one command line run through main() in this process, on a store seeded with the
demo and meetings in every state. The properties (`CliFuzz.check`):

- no traceback: main() returns 0, 1 or 2 (or argparse's --help exit 0);
- a refusal (1 or 2) is one line on standard error and leaves the events as they were;
- nothing printed carries a raw control character (the text export's form feed aside);
- after an accepted command that stored something, `meetings` and `verify` succeed;
- no case runs past HANG seconds (an alarm ends it and it counts as a hang).

Besides the arguments, a case may set an environment variable the program reads (odd
numbers, paths of special files, keys), give --db an odd location, and name special
files (/dev/zero, a FIFO, a folder, /dev/full, the store's own file) where a file goes.

The odd values are in values.py, every command's arguments in commands.py, one command
line run through main() in running.py, and the store, the cases and the properties in
fuzz.py.

Used by tests/integration/test_fuzz_cli.py (a few cases on each store) and
bench/fuzz_cli.py (10,000 and more).
"""
