"""The one gate text passes to enter the domain, and the shapes of numbers.

Every text a command stores goes through `line` (one line: names, titles, places) or
`text` (free text: sections, decisions, remarks), directly or through `required` and
`nfc_opt`: it is NFC-normalised, refused if it holds a control character (C0, DEL, C1;
free text may hold line feeds and tabs, and its CR LF and lone CR become LF), a NUL or a
lone surrogate, and refused when longer than the field allows. The refusals are
InvalidInput (bad input) and name the field. Numbers have bounds here too.

`nfc` alone is for looking things up (a name typed to find a participant), never for
storing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from domain.errors import InvalidInput, RuleViolation

# KLE journal number: emne (00.00.00), handlingsfacet (A00), then serial and year.
KLE_PATTERN = re.compile(r"^\d{2}\.\d{2}\.\d{2}-[A-Z]\d{2}-\d+-\d{2}$")
KLE_HINT = "KLE-nummer som 00.01.00-A00-3-26"

LINE_LIMIT = 500  # a title, a name, a place, a heading
TEXT_LIMIT = 100_000  # a section, a decision, a remark, a correction
FIRST_NUMBER_LIMIT = 100_000  # the first item number of a meeting
MINUTES_LIMIT = 10_000  # the time set aside for an item
COUNT_LIMIT = 100_000  # votes cast on one option
SECTIONS_LIMIT = 1_000  # sections printed before an item's Indstilling

# C0 controls but tab and line feed, DEL, C1 controls, and lone surrogates (what Python
# makes of bytes that are not UTF-8): none of them may be stored.
_REFUSED_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_REFUSED_IN_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")


def nfc(text: str) -> str:
    """Return text in Unicode NFC (macOS sends a decomposed å)."""
    return unicodedata.normalize("NFC", text)


def same_text(typed: str, stored: str) -> bool:
    """Stored already, as far as a reader can tell (the store trims and joins lines)."""
    return " ".join(typed.split()) == " ".join(stored.split())


def line_endings(text: str) -> str:
    """CR LF and lone CR as LF (text pasted or imported from Windows or old Macs)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refusal(what: str, char: str) -> InvalidInput:
    code = f"U+{ord(char):04X}"
    if char == "\n":
        return InvalidInput(f"{what} må ikke indeholde linjeskift; skriv det på én linje.")
    if "\ud800" <= char <= "\udfff":
        return InvalidInput(
            f"{what} indeholder et ugyldigt tegn ({code}, ikke UTF-8); det kan ikke gemmes."
        )
    return InvalidInput(f"{what} indeholder et styretegn ({code}); det kan ikke gemmes.")


def _number(value: int) -> str:
    """1.000 as a Danish text writes it."""
    return f"{value:,}".replace(",", ".")


def _gate(value: str, what: str, pattern: re.Pattern[str], limit: int) -> str:
    value = nfc(value)
    bad = pattern.search(value)
    if bad is not None:
        raise _refusal(what, bad.group())
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(
            f"{what} har for mange tegn ({_number(len(value))}; højst {_number(limit)})."
        )
    return value


def line(value: str, what: str, limit: int = LINE_LIMIT) -> str:
    """One line of text as it may be stored (stripped; may be empty)."""
    return _gate(value, what, _REFUSED_IN_LINE, limit)


def free_text(value: str, what: str, limit: int = TEXT_LIMIT) -> str:
    """Free text as it may be stored: line feeds and tabs kept, CR LF and CR as LF
    (stripped; may be empty)."""
    return _gate(line_endings(value), what, _REFUSED_IN_TEXT, limit)


def nfc_opt(value: str | None, what: str = "Teksten", *, multiline: bool = False) -> str | None:
    """Optional text through the gate; blank becomes None."""
    if value is None:
        return None
    return (free_text(value, what) if multiline else line(value, what)) or None


def required(value: str, what: str, *, multiline: bool = False) -> str:
    """Text through the gate that must not be empty."""
    stored = free_text(value, what) if multiline else line(value, what)
    if not stored:
        raise RuleViolation(f"{what} må ikke være tom.")
    return stored


def bounded(value: int | None, what: str, *, low: int = 0, high: int) -> None:
    """Refuse a whole number outside low..high (None passes)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InvalidInput(f"{what} skal være et helt tal på {low} eller mere.")
    if value > high:
        raise InvalidInput(f"{what} er for stort (højst {_number(high)}).")


def one_of(value: str | None, allowed: Sequence[str], what: str) -> None:
    """Refuse a value that is not one of those allowed (None passes)."""
    if value is not None and value not in allowed:
        raise RuleViolation(f"Ukendt {what} '{value}'; brug en af: {', '.join(allowed)}.")


# Letters of other scripts that look like a Latin letter, upper and lower case (the
# Cyrillic and Greek look-alikes of Unicode's confusables list that matter for names).
_LOOKALIKES = str.maketrans(
    "АВЕЅІЈКМНОРСТУХҮӀԁԛԝаеѕіјорсухүӏһԍɡΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹϜοιυνρϲκχıɑ",
    "ABESIJKMHOPCTYXYldqwaesijopcyxylhGgABEZHIKMNOPTYXCFoiuvpckxia",
)
# Code points that show as nothing but are not format characters (Cf): the combining
# grapheme joiner, variation selectors and Hangul fillers.
_INVISIBLE = frozenset(
    [0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]
)


def visible(value: str) -> str:
    """The text without the characters that show as nothing (zero-width, bidi controls)."""
    return "".join(
        ch for ch in value if unicodedata.category(ch) != "Cf" and ord(ch) not in _INVISIBLE
    )


def skeleton(name: str) -> str:
    """What a name looks like: compatibility forms folded (NFKC), invisible characters
    left out, look-alike letters of other scripts read as Latin, letter case and runs of
    spaces ignored. Two names with one skeleton are the same name to a reader."""
    shown = visible(unicodedata.normalize("NFKC", name)).translate(_LOOKALIKES)
    return " ".join(unicodedata.normalize("NFKC", shown).casefold().split())


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
