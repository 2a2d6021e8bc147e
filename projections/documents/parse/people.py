"""People in a referat's header: a list entry as a name with its groups in parentheses
("Lone Krag (A) (formand)"), a list split at the commas outside parentheses, the words
that mean nobody, the reasons for an absence, and what a name looks like (a header line
that is no name is kept as a remark, never made a person)."""

from __future__ import annotations

import re

from projections.documents.parse import header_labels
from projections.documents.parse.report import fail

# Why someone was away, after their name: "Ib Holm (O) - sygdom", "Ib Holm (ferie)".
REASON_AFTER = re.compile(r"^(?P<who>.+?)\s+[-–]\s+(?P<reason>[^()\-–]+)$")
REASONS = {"ferie", "sygdom", "syg", "barsel", "orlov", "forhindret", "andet møde", "kursus"}

# "Afbud: Ingen", "Deltagere: Alle": no names.
NOBODY = {"ingen", "alle", "alle medlemmer", "alle deltog", "-", "–", "intet", "ingen afbud"}

# Words of a header that are no part of a person's name (a label, page furniture, a
# sentence's verb): a list entry holding one is kept as a remark, never made a person.
_NOT_NAME_WORDS = {
    "indholdsfortegnelse",
    "side",
    "punkt",
    "punkter",
    "afbud",
    "fra",
    "mødet",
    "deltog",
    "deltager",
    "deltagere",
    "fraværende",
    "til",
    "stede",
    "dagsorden",
    "referat",
    "kl",
    "kl.",
    "ingen",
    "alle",
    "var",
    "er",
    "som",
    "for",
    "i",
    "med",
    "uden",
    "sag",
    "bilag",
}
_NAME_PARTICLES = {"af", "de", "von", "van", "la", "le", "du", "da", "di", "der", "den"}


def looks_like_name(name: str) -> bool:
    """A person's name: one to six words, each capitalised (but particles such as "af"),
    no digits, no word of a label or a sentence."""
    parts = name.split()
    if not 1 <= len(parts) <= 6 or len(name) > 80 or any(c.isdigit() for c in name):
        return False
    for part in parts:
        word = part.casefold().strip(".,;:")
        if word in _NOT_NAME_WORDS:
            return False
        if not part[:1].isupper() and word not in _NAME_PARTICLES:
            return False
    return True


def people_field(key: str) -> bool:
    return key in header_labels.ATTENDANCE_LABELS or key in header_labels.ROLE_LABELS


def split_people(value: str, line: int) -> list[str]:
    """Split "A (Direktør By, Kultur), B" at the commas and semicolons outside parentheses."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in value:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise fail(line, "en ')' uden '(' i listen over deltagere")
        if char in ",;" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    if depth:
        raise fail(line, "en '(' uden ')' i listen over deltagere")
    parts.append(current.strip())
    parts = [p for p in parts if p]
    # "A, B og C": the last "og" joins two names
    if parts and re.search(r"\s+og\s+", parts[-1]) and "(" not in parts[-1].split(" og ")[-1][:1]:
        last = parts.pop()
        head, _, tail = last.rpartition(" og ")
        if len(tail.split()) >= 2 and len(head.split()) >= 2:
            parts.extend([head.strip(), tail.strip()])
        else:
            parts.append(last)
    return parts


def name_and_parens(entry: str) -> tuple[str, list[str]]:
    """'Name (A) (Direktør, Kultur)' -> ('Name', ['A', 'Direktør, Kultur']): the groups in
    parentheses at the end of the entry, in order."""
    groups: list[str] = []
    text = entry.strip()
    while text.endswith(")") and "(" in text:
        depth, start = 0, len(text)
        for i in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[i], 0)
            if depth == 0:
                start = i
                break
        if start == 0 or text[start - 1] != " ":
            break
        groups.insert(0, text[start + 1 : -1].strip())
        text = text[:start].strip()
    return text, [g for g in groups if g]
