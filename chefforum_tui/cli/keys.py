"""keygen: a new key for encrypting the store; it needs no store."""

from __future__ import annotations

import sys

from projections.store.cipher import new_key


def keygen() -> None:
    print(new_key())
    print(
        "Gem nøglen et sikkert sted og sæt den i CHEFFORUM_CIPHER_KEY; "
        "uden den kan et krypteret lager ikke læses.",
        file=sys.stderr,
    )
