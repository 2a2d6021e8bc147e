"""Encryption at rest: with CHEFFORUM_CIPHER_KEY set, events and snapshots are stored
AES-GCM encrypted (eventsourcing's cipher, on the `cryptography` package).

The hash chain hashes the stored, encrypted bytes, so `verify` checks the chain without
decrypting. The read models (meeting list, audit, search), which would hold the minutes
in clear, are then kept in memory instead of the store (see open_minutes in connect.py).
Left in clear: event types, meeting ids and versions, and the chain's hashes.

A store is either wholly encrypted or not at all: opening checks the first stored event
against the key given (or its absence) and refuses a mismatch, so nothing is ever
written to a store in the other mode, and nobody reads one with a wrong key.
"""

from __future__ import annotations

import base64
import os
from typing import TYPE_CHECKING

from domain.errors import ChefforumError

if TYPE_CHECKING:
    from domain.application import Minutes

KEY_VAR = "CHEFFORUM_CIPHER_KEY"
CIPHER_TOPIC = "eventsourcing.cryptography:AESCipher"
KEY_BYTES = 32
# AES's key sizes, as eventsourcing's AESCipher accepts them. The cipher itself (and the
# `cryptography` package under it) is loaded by eventsourcing only for an encrypted store.
KEY_SIZES = (16, 24, 32)


class CipherError(ChefforumError):
    """The key is malformed, missing, or not the one the store was written with."""


def new_key() -> str:
    """A fresh random AES-256 key, base64, for CHEFFORUM_CIPHER_KEY."""
    from eventsourcing.cryptography import AESCipher

    return AESCipher.create_key(KEY_BYTES)


def cipher_env() -> dict[str, str]:
    """eventsourcing's cipher settings for the key in CHEFFORUM_CIPHER_KEY (if any)."""
    key = os.environ.get(KEY_VAR, "")
    if not key.strip():
        # Empty rather than absent, so that a stray CIPHER_KEY in the environment is not used.
        return {"CIPHER_TOPIC": "", "CIPHER_KEY": ""}
    try:
        size = len(base64.b64decode(key.strip(), validate=True))
    except ValueError:  # binascii.Error, or a character outside ASCII
        size = 0
    if size not in KEY_SIZES:
        raise CipherError(
            f"{KEY_VAR} er ikke en gyldig nøgle (base64 af 16, 24 eller 32 byte); "
            "lav en med 'chefforum keygen'."
        )
    return {"CIPHER_TOPIC": CIPHER_TOPIC, "CIPHER_KEY": key}


def _plain(state: bytes) -> bool:
    """Whether stored bytes are our unencrypted JSON (ciphertext begins with a random nonce)."""
    import msgspec  # not before the first frame (the TUI's first look reads the location)

    try:
        return isinstance(msgspec.json.decode(state), dict)
    except msgspec.DecodeError:
        return False


def check_key(app: Minutes, where: str) -> None:
    """Refuse a store that the key given (or no key) cannot read."""
    first = app.recorder.select_notifications(start=None, limit=1)
    if not first:
        return  # an empty store: its first event decides
    state = first[0].state
    cipher = app.mapper.cipher
    if cipher is None:
        if not _plain(state):
            raise CipherError(
                f"{where} er krypteret; sæt {KEY_VAR} til den nøgle, det blev skrevet med."
            )
        return
    if _plain(state):
        raise CipherError(
            f"{where} er ikke krypteret, men {KEY_VAR} er sat; fjern nøglen for at åbne det."
        )
    try:
        cipher.decrypt(state)
    except ValueError:
        raise CipherError(
            f"{where} kan ikke dekrypteres med nøglen i {KEY_VAR}: "
            "det er ikke den nøgle, lageret blev skrevet med."
        ) from None
