"""The conventions of Danish minutes as published: the words of titles, the usual names
of header fields and item headings, the role words before a name, and the markers of a
closed item. Labels are compared casefolded, without a trailing colon."""

from __future__ import annotations

import re

from domain.meeting.state import Attendance, Role
from projections.documents.render import phrases


def label_key(text: str) -> str:
    """'**Mødedato:**' and 'MØDEDATO' alike: casefolded, without markup, colon or dots
    ("Start kl.:" as "start")."""
    key = " ".join(text.replace("*", "").replace("_", " ").strip(" :.\t").split()).casefold()
    return key.removesuffix(" kl").removesuffix(" kl.")


# -- the title -----------------------------------------------------------------------------

TITLE_WORDS: dict[str, str] = {
    "referat": "referat",
    "beslutningsprotokol": "beslutningsprotokol",
    "dagsorden": "dagsorden",
    "protokol": "beslutningsprotokol",
    "mødereferat": "referat",
}
TITLE = re.compile(
    r"^(?P<word>referat|beslutningsprotokol|dagsorden|mødereferat|protokol)\b"
    r"(?:\s+(?:og\s+\w+\s+)?(?:fra|for|af|over)\s+(?:det\s+)?"
    r"(?:(?:\w+\s+)?møde[t]?\s+(?:i\s+(?:det\s+)?)?)?)?"
    r"[\s:–-]*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Byrådet - Referat", "Økonomiudvalget, beslutningsprotokol". The rest ends with a letter
# or digit, not a separator: the match is then linear in the line (a line of 8,000 "- "
# took 20 s when the separators could be split between the rest and the run before the word).
TITLE_AFTER = re.compile(
    r"^(?P<rest>.*?[^\s,:–-])[\s,:–-]+(?P<word>referat|beslutningsprotokol|dagsorden)\b[\s,:–-]*(?P<tail>.*)$",
    re.IGNORECASE,
)

# -- header fields ---------------------------------------------------------------------------

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
ROLE_PREFIX = re.compile(
    r"^(?P<word>(?:[12]\.\s*)?(?:næstformand|viceborgmester)|formand|forperson|forkvinde|"
    r"mødeleder|borgmester|referent|sekretær|stedfortræder|suppleant)\b[\s,:]+(?P<name>.+)$",
    re.IGNORECASE,
)
ROLE_SUFFIX = re.compile(
    r"^(?P<name>.+?)\s*(?:,|\s[-–])\s*(?P<word>(?:[12]\.\s*)?(?:næstformand|viceborgmester)|"
    r"formand|forperson|forkvinde|mødeleder|borgmester|referent|sekretær)\s*$",
    re.IGNORECASE,
)
# A party letter in parentheses: "(A)", "(Ø)", "(SF)", "(L)", "(ÅP)".
PARTY = re.compile(r"^(?:[A-ZÆØÅ]{1,3}|(?i:løsgænger|uden for parti(?:erne)?))$")

# -- items -----------------------------------------------------------------------------------

ITEM = re.compile(
    r"^(?:(?i:punkt|pkt\.?|sag(?:\s+nr\.?)?|dagsordenspunkt)\s*(?P<n1>\d{1,4}[a-z]?)\s*[:.)–-]?"
    r"|(?P<n2>\d{1,4}[a-z]?)\s*[.:)](?=\s*[^\d\s])|(?P<n3>\d{1,4}[a-z]?)(?=\s+[A-ZÆØÅ\"'«(]))"
    r"\s*(?P<title>.*)$",
)


def item_number(match: re.Match[str]) -> str:
    return str(match["n1"] or match["n2"] or match["n3"])


# "Punkt N: Titel", the export's own form, where N is whatever the item's number is
# ("3.a", "²"): tried before ITEM.
ITEM_OWN = re.compile(r"^Punkt\s+(?P<number>[^\s:]+)\s*:\s*(?P<title>.*)$", re.IGNORECASE)


def item_heading(text: str) -> tuple[str, str] | None:
    """(number, title) of an item's heading in any of its usual forms."""
    closed = CLOSED_PREFIX.match(text)
    if closed:  # "Lukket punkt: 7. Salg af grund": the marker before the number
        inner = item_heading(text[closed.end() :])
        return (inner[0], f"Lukket punkt: {inner[1]}") if inner else None
    own = ITEM_OWN.match(text)
    if own:
        return own["number"], own["title"].strip()
    match = ITEM.match(text)
    if not match or (not match["n1"] and match["title"][:1].islower()):
        return None  # "1. at ...", "12. januar 2022": a point or a date, not an item
    return item_number(match), match["title"].strip()


CLOSED_PREFIX = re.compile(
    r"^(?:(?:lukket\s+punkt|lukket\s+sag|lukket|closed|fortroligt?\s+punkt|fortroligt?)\s*[:.–-]"
    r"|\(\s*(?:lukket(?:\s+punkt|\s+sag)?|closed|fortroligt?)\s*\))\s*",
    re.IGNORECASE,
)
CLOSED_SUFFIX = re.compile(
    r"\s*(?:\(\s*(?:lukket(?:\s+punkt|\s+sag)?|closed|fortroligt?)\s*\)"
    r"|[-–:]\s*(?:lukket(?:\s+punkt|\s+sag)?|fortroligt?)\s*)$",
    re.IGNORECASE,
)
# A line standing alone under the item's heading that marks it closed.
CLOSED_LINE = re.compile(
    r"^\(?\s*(?:lukket\s+punkt|lukket\s+sag|lukket|closed|for\s+lukkede\s+døre|"
    r"(?:sagen\s+|punktet\s+)?(?:behandle[ts]|blev\s+behandlet)\s+(?:for\s+lukkede\s+døre|"
    r"(?:på|i)\s+lukket\s+møde)|"
    r"fortroligt?\s+punkt|fortroligt?)\s*\)?\.?$",
    re.IGNORECASE,
)
# A part of the minutes that holds only closed items, and one that opens them again.
CLOSED_PART = re.compile(
    r"^(?:lukkede\s+punkter|lukket\s+dagsorden|lukket\s+del|lukket\s+møde|"
    r"for\s+lukkede\s+døre|lukkede\s+sager|fortrolige\s+punkter|closed\s+items)\s*:?$",
    re.IGNORECASE,
)
OPEN_PART = re.compile(
    r"^(?:åbne\s+punkter|åben\s+dagsorden|åben\s+del|åbent\s+møde|åbne\s+sager)\s*:?$",
    re.IGNORECASE,
)
# Words that might mean closed where no marker says so for certain: asked, never guessed.
MAYBE_CLOSED = re.compile(
    r"\b(?:lukke[td]e?|lukkede|fortrolig[te]?|personsag|personalesag|tavshedspligt|"
    r"closed|unntatt)\b",
    re.IGNORECASE,
)

CASE_NUMBER = re.compile(
    r"^(?:sagsnr|sags-?nr|sagsnummer|sags-?id|sagsid|sag\s*nr|journalnr|j\.\s*nr|"
    r"journalnummer|acadre\s*sagsnr|sbsys\s*sagsnr)\.?\s*:?\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
DOCUMENT_NUMBER = re.compile(r"^(?:dok\.?\s*nr|dokumentnr|dokument-?id)\.?\s*:?\s*\S", re.I)
# A KLE journal number ("00.01.00-A00-32-24") or a bare case number ("22/1234").
BARE_CASE_NUMBER = re.compile(
    r"^(?:\d{2}\.\d{2}\.\d{2}(?:-[A-ZÆØÅ]\d{2}(?:-\d+-\d{2})?)?|"
    r"\d{2,4}/\d{1,6}(?:-\d+)?)$"
)
ALL_ATTACHMENTS = re.compile(
    r"^\W*(?:se\s+alle\s+bilag|alle\s+bilag|bilag\s+til\s+punktet)\b", re.IGNORECASE
)

# -- item parts ------------------------------------------------------------------------------

RECOMMENDATION_HEADINGS = {
    "indstilling",
    "forslag",
    "administrationens indstilling",
    "direktionens indstilling",
    "forvaltningens indstilling",
    "indstilling fra administrationen",
    "indstillingen",
    "forslag til beslutning",
}
DECISION_HEADINGS = {
    "beslutning",
    "afgørelse",
    "beslutninger",
    "beslutningen",
    "udvalgets beslutning",
    "byrådets beslutning",
    "kommunalbestyrelsens beslutning",
    "regionsrådets beslutning",
    "bestyrelsens beslutning",
    "politisk behandling",
    "politisk beslutning",
}
ATTACHMENT_HEADINGS = {"bilag", "bilagsliste", "bilag til punktet", "vedlagte bilag"}
EARLIER_HEADINGS = {
    "tidligere beslutninger",
    "tidligere behandling",
    "tidligere beslutning",
    "behandling i andre udvalg",
}
# "Forretningsudvalgets indstilling": a recommendation named by who makes it (read as
# the Indstilling when "X indstiller, at ..." follows, else as another body's decision).
RECOMMENDATION_GENITIVE = re.compile(r"^[^\d].{2,60}s\s+indstilling$", re.IGNORECASE)
# "Beslutning i Økonomiudvalget den 05-01-2022", "Beslutning Byrådet 07.04.2022".
BODY_DECISION = re.compile(
    r"^(?:beslutning|afgørelse|behandling)(?:\s+(?:i|fra|af|for|på|ved))?\s+(?P<body>[^\d].*?)"
    r"(?:[\s,]+(?:den|d\.)?\s*(?P<date>\d.*))?$",
    re.IGNORECASE,
)
# "Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:", "Økonomiudvalget den 25.
# oktober 2005, pkt. 3": another body's meeting and item, over what it decided.
BODY_AT_ITEM = re.compile(
    r"^(?P<body>[A-ZÆØÅ][^,\d:]{2,60}?),?\s+(?:den\s+|d\.\s*)?"
    r"(?P<date>\d{1,2}\.\s*[a-zæøå]+\.?\s+\d{4}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}),?\s*"
    r"(?:pkt\.?|punkt|sag\s+nr\.?)\s*(?P<item>\d{1,4}[a-z]?)\s*:?$",
    re.IGNORECASE,
)
# "Økonomiudvalgets beslutning den 05-01-2022": the body in the genitive.
BODY_DECISION_GENITIVE = re.compile(
    r"^(?P<body>[^\d].*?)s\s+(?:beslutning|afgørelse|indstilling)"
    r"(?:[\s,]+(?:den|d\.)?\s*(?P<date>\d.*))?$",
    re.IGNORECASE,
)
SECTION_HEADINGS = {
    "sagsfremstilling",
    "resumé",
    "resume",
    "baggrund",
    "økonomi",
    "lovgrundlag",
    "høring",
    "kommunikation",
    "sagsbeskrivelse",
    "sagens indhold",
    "beskrivelse",
    "vurdering",
    "økonomiske konsekvenser",
    "retsgrundlag",
    "bevillingsmæssige konsekvenser",
    "tidsplan",
    "sagsforløb",
    "administrationens vurdering",
    "borgerinddragelse",
    "miljøvurdering",
    "videre proces",
    "handicappolitik",
    "klima",
    "personaleforhold",
    "juridiske forhold",
    "kommunens vision og politikker",
    "økonomi og finansiering",
    "indledning",
    "sagen afgøres af",
    "afgørelseskompetence",
    "bevilling",
    "finansiering",
    "udtalelse",
    "beslutningskompetence",
    "sagens baggrund",
    "bemærkninger",
    "supplerende sagsfremstilling",
    "underskrifter",
    "underskriftsblad",
    "underskrift",
    "underskriftsside",
    "borgerperspektiv",
    "historik",
    "sagens kerne",
    "formål",
    "baggrund og formål",
    "proces",
    "konsekvenser",
    "økonomiske forhold",
    "økonomiske konsekvenser og finansiering",
    "høringssvar",
    "opfølgning",
    "risici",
    "ressourcer",
    "effekt",
    "målgruppe",
    "personalemæssige konsekvenser",
    "retlige forhold",
    "sagsfremstilling og vurdering",
    "forvaltningens vurdering",
    "kommunikation og inddragelse",
    *RECOMMENDATION_HEADINGS,
    *DECISION_HEADINGS,
    *ATTACHMENT_HEADINGS,
    *EARLIER_HEADINGS,
}
TOC_HEADINGS = {
    "indholdsfortegnelse",
    "indhold",
    "oversigt",
    "dagsordenens punkter",
    "punkter på dagsordenen",
    "oversigt over punkter",
}
APPROVAL_HEADINGS = {label_key(phrases.H_APPROVALS)}
CORRECTION_HEADINGS = {label_key(phrases.H_CORRECTIONS)}


def known_heading(text: str) -> bool:
    """A heading that minutes print as such (for a bold line or a plain-text line)."""
    key = label_key(text)
    return (
        key in SECTION_HEADINGS
        or key in TOC_HEADINGS
        or item_heading(text.strip()) is not None
        or bool(CLOSED_PART.match(key))
        or bool(OPEN_PART.match(key))
        or bool((BODY_DECISION.match(key) or BODY_DECISION_GENITIVE.match(key)) and len(key) < 90)
        or bool(BODY_AT_ITEM.match(text.strip()))
    )
