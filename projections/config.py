"""Every setting that comes from outside the program, checked in one place: numbers and
paths from the environment and the command line, and the files they name.

A value that cannot be used is a ConfigError naming the setting and what it must be, in
one Danish line (exit 2 on the command line), never a traceback and never a hang: a
number out of range, a path no file system takes, a file that is a device or a FIFO
(/dev/zero would be read without end, a FIFO's open waits for a writer) or larger
than what it can hold.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from domain.errors import ChefforumError

# What file systems take (PATH_MAX, NAME_MAX on Linux): longer is refused before the OS
# refuses it in its own words.
MAX_PATH = 4096
MAX_NAME = 255
# A file read whole: an import (a published PDF runs to some MB), a checkpoint file.
MAX_FILE = 200 * 1024 * 1024


class ConfigError(ChefforumError):
    """A setting, path or file that cannot be used; the message names it."""


# The numbers the environment may set: (default, lowest, highest).
PROJECTION_BATCH = "CHEFFORUM_PROJECTION_BATCH"
REBUILD_BATCH_VAR = "CHEFFORUM_REBUILD_BATCH"
SETTINGS: dict[str, tuple[int, int, int]] = {
    PROJECTION_BATCH: (2_000, 1, 1_000_000),
    REBUILD_BATCH_VAR: (8_000, 1, 1_000_000),
}


def setting(name: str) -> int:
    """A number setting as a module reads it on import: its default when the value is
    not usable (check_settings, run when a store opens, refuses it in one line)."""
    default, low, high = SETTINGS[name]
    try:
        return env_int(name, default, low=low, high=high)
    except ConfigError:
        return default


def check_settings() -> None:
    """Refuse, before anything is read or written, a number setting that is not usable."""
    for name, (default, low, high) in SETTINGS.items():
        env_int(name, default, low=low, high=high)


def env_int(name: str, default: int, *, low: int, high: int) -> int:
    """An integer setting from the environment; unset means the default, anything but
    a whole number from low to high is refused (an empty value too)."""
    text = os.environ.get(name)
    if text is None:
        return default
    return whole_number(text, name, low=low, high=high)


def whole_number(text: str, what: str, *, low: int, high: int) -> int:
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()) or len(stripped) > 18:
        raise ConfigError(
            f"{what} skal være et helt tal fra {low:,} til {high:,} (ikke "
            f"'{_shown(text)}').".replace(",", ".")
        )
    value = int(stripped)
    if not low <= value <= high:
        raise ConfigError(
            f"{what} skal være et helt tal fra {low:,} til {high:,} (ikke {value:,}).".replace(
                ",", "."
            )
        )
    return value


def checked_path(text: str, what: str) -> Path:
    """A path a file system can take: no NUL, at most MAX_PATH bytes, each name at most
    MAX_NAME bytes."""
    encoded = os.fsencode(text)
    if b"\x00" in encoded:
        raise ConfigError(f"{what} indeholder et NUL-tegn og kan ikke være en sti.")
    if len(encoded) > MAX_PATH:
        raise ConfigError(
            f"{what} er for lang til at være en sti ({len(encoded):,} byte; højst "
            f"{MAX_PATH:,}).".replace(",", ".")
        )
    longest = max((len(part) for part in encoded.split(b"/")), default=0)
    if longest > MAX_NAME:
        raise ConfigError(
            f"{what} har et navn på {longest} byte; et fil- eller mappenavn er højst "
            f"{MAX_NAME} byte."
        )
    return Path(text)


def regular_file(path: Path, what: str) -> os.stat_result | None:
    """The file's status if it is a regular file; None if it does not exist; ConfigError
    for anything else (a folder, a device, a FIFO, a socket). stat() never blocks."""
    checked_path(str(path), what)
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise ConfigError(f"{what} ({path}) kan ikke læses: {e.strerror}.") from None
    if not stat.S_ISREG(found.st_mode):
        kind = "en mappe" if stat.S_ISDIR(found.st_mode) else "ikke en almindelig fil"
        raise ConfigError(f"{what} ({path}) er {kind}; der kan kun læses fra en almindelig fil.")
    return found


def read_limited(path: Path, what: str, *, limit: int = MAX_FILE, start: int = 0) -> bytes:
    """The bytes of a regular file from `start`, at most `limit` of them (more is a
    ConfigError); a file that is not there is FileNotFoundError, as open() says it."""
    if regular_file(path, what) is None:
        raise FileNotFoundError(2, "No such file or directory", str(path))
    # O_NONBLOCK: should the path become a FIFO between stat and open, open does not wait.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError(f"{what} ({path}) er ikke en almindelig fil.")
        os.set_blocking(fd, True)
        if start:
            os.lseek(fd, start, os.SEEK_SET)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise ConfigError(
            f"{what} ({path}) er større end {limit // (1024 * 1024):,} MB og læses ikke.".replace(
                ",", "."
            )
        )
    return b"".join(chunks)


def write_file(path: Path, data: bytes, what: str) -> None:
    """Write a file (a new or regular one, or a pipe a reader holds open, as a shell's
    process substitution gives): a FIFO nobody reads is refused, not waited on."""
    checked_path(str(path), what)
    try:
        found = path.stat()
    except OSError:
        found = None
    if found is not None and stat.S_ISFIFO(found.st_mode):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as e:
            raise ConfigError(f"{what} ({path}) er en FIFO, som ingen læser fra.") from e
        try:
            os.set_blocking(fd, True)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        return
    path.write_bytes(data)


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
