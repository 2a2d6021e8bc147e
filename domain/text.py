"""Text rules shared by every command: NFC normalisation and shapes of numbers."""

from __future__ import annotations

import re
import unicodedata

from domain.errors import RuleViolation

# KLE journal number: emne (00.00.00), handlingsfacet (A00), then serial and year.
KLE_PATTERN = re.compile(r"^\d{2}\.\d{2}\.\d{2}-[A-Z]\d{2}-\d+-\d{2}$")
KLE_HINT = "KLE-nummer som 00.01.00-A00-3-26"


def nfc(text: str) -> str:
    """Return text in Unicode NFC (macOS sends a decomposed å)."""
    return unicodedata.normalize("NFC", text)


def nfc_opt(text: str | None) -> str | None:
    """NFC for optional text; blank becomes None."""
    if text is None:
        return None
    text = nfc(text).strip()
    return text or None


def required(text: str, what: str) -> str:
    """NFC-normalised, stripped text that must not be empty."""
    value = nfc(text).strip()
    if not value:
        raise RuleViolation(f"{what} må ikke være tom.")
    return value


def is_kle(case_number: str) -> bool:
    """True for a journal number in the KLE shape; local numbers are also allowed."""
    return bool(KLE_PATTERN.match(case_number))


def kle_progress(partial: str) -> bool:
    """True while what has been typed so far can still become a KLE number."""
    template = "00.00.00-A00-"
    for typed, expected in zip(partial, template, strict=False):
        if expected == "0" and not typed.isdigit():
            return False
        if expected == "A" and not typed.isupper():
            return False
        if expected in ".-" and typed != expected:
            return False
    rest = partial[len(template) :]
    return not rest or bool(re.match(r"^\d*(-\d{0,2})?$", rest))
