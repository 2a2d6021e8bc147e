"""The headings of an item's parts as published (recommendation, decision, attachments,
earlier decisions, the usual sections), another body's decision or meeting named in a
heading, and the headings of the minutes' own parts (contents, signatures, corrections)."""

from __future__ import annotations

import re

from projections.documents.parse.conventions import Recognisers, label_key
from projections.documents.parse.item_markers import CLOSED_PART, OPEN_PART, item_heading
from projections.documents.render import phrases

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


# The forms of a heading minutes print as such, tried in order (conventions.Recognisers):
# each reads the heading's key, or its text, and returns what it recognised.


def section_heading(text: str) -> str | None:
    """ "Sagsfremstilling", "Indstilling", "Beslutning", "Bilag", ... in any case."""
    return key if (key := label_key(text)) in SECTION_HEADINGS else None


def contents_heading(text: str) -> str | None:
    """ "Indholdsfortegnelse", "Dagsordenens punkter"."""
    return key if (key := label_key(text)) in TOC_HEADINGS else None


def numbered_item_heading(text: str) -> str | None:
    """ "1. Budget for vejene", "Punkt 3: Salg af grund"."""
    found = item_heading(text.strip())
    return found[0] if found else None


def closed_part_heading(text: str) -> str | None:
    """ "Lukket dagsorden", "Lukkede punkter"."""
    return found[0] if (found := CLOSED_PART.match(label_key(text))) else None


def open_part_heading(text: str) -> str | None:
    """ "Åben dagsorden", "Åbne punkter"."""
    return found[0] if (found := OPEN_PART.match(label_key(text))) else None


def body_decision_heading(text: str) -> str | None:
    """ "Beslutning i Økonomiudvalget den 05-01-2022"."""
    key = label_key(text)
    return found["body"] if (found := BODY_DECISION.match(key)) and len(key) < 90 else None


def genitive_decision_heading(text: str) -> str | None:
    """ "Økonomiudvalgets beslutning den 05-01-2022"."""
    key = label_key(text)
    found = BODY_DECISION_GENITIVE.match(key)
    return found["body"] if found and len(key) < 90 else None


def body_at_item_heading(text: str) -> str | None:
    """ "Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:"."""
    return found["body"] if (found := BODY_AT_ITEM.match(text.strip())) else None


HEADINGS: Recognisers[str, str] = Recognisers(
    (
        section_heading,
        contents_heading,
        numbered_item_heading,
        closed_part_heading,
        open_part_heading,
        body_decision_heading,
        genitive_decision_heading,
        body_at_item_heading,
    )
)


def known_heading(text: str) -> bool:
    """A heading that minutes print as such (for a bold line or a plain-text line)."""
    return HEADINGS.first(text) is not None
