"""The labels of a referat's header as published: the usual names of its fields, of
attendance ("Deltagere", "Afbud") and of roles ("Formand", "Referent"), the role words
before or after a name, and a party letter."""

from __future__ import annotations

import re

from domain.meeting.state import Attendance, Role
from projections.documents.parse.conventions import Recognisers, label_key
from projections.documents.render import phrases

F_FORUM = "forum"
F_WHEN = "when"
F_START = "start"
F_END = "end"
F_PLACE = "place"
F_ORGANISATION = "organisation"
F_PARTIES = "parties"
F_KIND = "kind"
F_REMARKS = "remarks"

FIELDS: dict[str, str] = {
    **{k: F_FORUM for k in ("udvalg", "forum", "organ", "mødeforum", "råd", "nævn", "møde")},
    **{
        k: F_WHEN
        for k in (
            "mødedato",
            "dato",
            "tidspunkt",
            "mødetidspunkt",
            "tid",
            "mødetid",
            "afholdt",
            "mødet afholdt",
            "dato og tid",
            "dato og tidspunkt",
            "tid og sted",
            "mødedato og tid",
        )
    },
    **{k: F_START for k in ("start", "starttidspunkt", "mødestart", "mødet startede", "begyndt")},
    **{
        k: F_END
        for k in (
            "slut",
            "sluttidspunkt",
            "mødeslut",
            "mødet sluttede",
            "afsluttet",
            "mødet hævet",
            "hævet",
        )
    },
    **{k: F_PLACE for k in ("mødested", "sted", "lokale", "mødelokale", "adresse", "mødeadresse")},
    **{k: F_ORGANISATION for k in ("organisation", "kommune", "myndighed")},
    **{k: F_PARTIES for k in ("partier",)},
    **{k: F_KIND for k in ("mødetype",)},
    **{k: F_REMARKS for k in ("bemærkninger", "bemærkning", "note", "noter")},
}
ATTENDANCE_LABELS: dict[str, Attendance] = {
    **{
        k: "present"
        for k in (
            "mødedeltagere",
            "deltagere",
            "til stede",
            "tilstede",
            "medlemmer",
            "fremmødte",
            "deltagende",
            "mødedeltager",
            "til stede var",
            "deltog",
            "fremmødt",
            "medlemmer til stede",
        )
    },
    **{k: "excused" for k in ("afbud", "forfald", "meldt afbud", "afbud fra")},
    **{
        k: "absent"
        for k in (
            "fraværende",
            "fravær",
            "ikke til stede",
            "ikke mødt",
            "ikke fremmødt",
            "fraværende med afbud",
        )
    },
}
ROLE_LABELS: dict[str, Role] = {
    **{k: "chair" for k in ("formand", "mødeleder", "forperson", "ordstyrer", "forkvinde")},
    **{k: "secretary" for k in ("referent", "sekretær", "protokolfører", "referent/sekretær")},
    **{
        k: "guest"
        for k in (
            "gæster",
            "gæst",
            "øvrige deltagere",
            "desuden deltog",
            "fra administrationen",
            "administrationen",
            "deltagere fra administrationen",
            "embedsmænd",
            "øvrige",
            "fra forvaltningen",
        )
    },
    **{k: "substitute" for k in ("stedfortrædere", "stedfortræder", "suppleanter", "suppleant")},
}
# Our own export's labels are among the above; make sure of it.
assert all(
    label_key(label) in ATTENDANCE_LABELS for label in phrases.ATTENDANCE_FIELDS.values()
) and all(label_key(label) in ROLE_LABELS for label in phrases.ROLE_FIELDS.values())

# Words before a name in a list of participants ("Formand Steen Christiansen (A)").
ROLE_PREFIXES: dict[str, tuple[Role, str | None]] = {
    "formand": ("chair", None),
    "forperson": ("chair", None),
    "forkvinde": ("chair", None),
    "mødeleder": ("chair", None),
    "næstformand": ("member", "Næstformand"),
    "1. næstformand": ("member", "1. næstformand"),
    "2. næstformand": ("member", "2. næstformand"),
    "borgmester": ("member", "Borgmester"),
    "viceborgmester": ("member", "Viceborgmester"),
    "1. viceborgmester": ("member", "1. viceborgmester"),
    "2. viceborgmester": ("member", "2. viceborgmester"),
    "referent": ("secretary", None),
    "sekretær": ("secretary", None),
    "stedfortræder": ("substitute", None),
    "suppleant": ("substitute", None),
}
_ROLE_PREFIX = re.compile(
    r"^(?P<word>(?:[12]\.\s*)?(?:næstformand|viceborgmester)|formand|forperson|forkvinde|"
    r"mødeleder|borgmester|referent|sekretær|stedfortræder|suppleant)\b[\s,:]+(?P<name>.+)$",
    re.IGNORECASE,
)
_ROLE_SUFFIX = re.compile(
    r"^(?P<name>.+?)\s*(?:,|\s[-–])\s*(?P<word>(?:[12]\.\s*)?(?:næstformand|viceborgmester)|"
    r"formand|forperson|forkvinde|mødeleder|borgmester|referent|sekretær)\s*$",
    re.IGNORECASE,
)


def role_before_name(entry: str) -> re.Match[str] | None:
    """ "Formand Steen Christiansen (A)", "1. næstformand: Eva Lund"."""
    return _ROLE_PREFIX.match(entry)


def role_after_name(entry: str) -> re.Match[str] | None:
    """ "Steen Christiansen (A), formand", "Eva Lund - referent"."""
    return _ROLE_SUFFIX.match(entry)


# A role word with a name, in either order (conventions.Recognisers): the match's "word"
# and "name".
ROLE_FORMS: Recognisers[str, re.Match[str]] = Recognisers((role_before_name, role_after_name))
# A party letter in parentheses: "(A)", "(Ø)", "(SF)", "(L)", "(ÅP)".
PARTY = re.compile(r"^(?:[A-ZÆØÅ]{1,3}|(?i:løsgænger|uden for parti(?:erne)?))$")
