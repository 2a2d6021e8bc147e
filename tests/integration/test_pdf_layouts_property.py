"""Random meetings printed as PDF through two producers (fpdf2 and a Typst template) in
varied layouts (fields as "Label: value" or as a table, participants inline or as a list,
bold or CAPS part headings, one item a page or running on, running heads and "Side x af
y"), read back by the PDF import as the same meeting: every block in its place, the
header's forum, date and people."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections.documents.parse.markdown import parse
from tests.corpus.compare import compare, printed_blocks, read_blocks
from tests.corpus.producers import produce
from tests.corpus.source import Item, Part, Source

# Words that no convention of minutes reads as a label, a vote, a marker or a heading.
_WORDS = [
    "budget",
    "vej",
    "skole",
    "plan",
    "kvarter",
    "borger",
    "område",
    "bolig",
    "have",
    "cykel",
    "sti",
    "bus",
    "station",
    "park",
    "ældre",
    "barn",
    "klima",
    "vand",
    "energi",
    "byggeri",
    "kultur",
    "hal",
    "bibliotek",
    "rådhus",
    "tilskud",
    "forening",
    "lokal",
    "ny",
    "samlet",
    "årlig",
    "mindre",
    "større",
    "hurtig",
    "grøn",
    "fælles",
    "første",
    "anden",
    "tredje",
    "arbejdet",
    "tiden",
    "året",
    "opgaven",
    "rammen",
    "løsningen",
    "forslaget",
    "projektet",
    "området",
]
_FIRST = ["Anne", "Bo", "Carl", "Dorte", "Erik", "Fie", "Gorm", "Hanne", "Ib", "Jytte"]
_LAST = ["Holm", "Lind", "Ravn", "Berg", "Dal", "Krog", "Skov", "Vang", "Eng", "Bæk"]
_FORUMS = ["Byrådet", "Økonomiudvalget", "Teknik- og Miljøudvalget", "Kulturudvalget"]
_SECTIONS = ["Resumé", "Sagsfremstilling", "Økonomi", "Baggrund", "Sagens kerne", "Høring"]


def _sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=14))
    return " ".join(words).capitalize() + "."


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    return " ".join(_sentence(draw) for _ in range(draw(st.integers(1, 4))))


@st.composite
def _item(draw: st.DrawFn, number: int) -> Item:
    title = " ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=2, max_size=9)))
    parts: list[Part] = []
    if draw(st.booleans()):
        points = draw(
            st.lists(
                st.lists(st.sampled_from(_WORDS), min_size=2, max_size=8), min_size=1, max_size=3
            )
        )
        parts.append(
            Part(
                "Indstilling",
                "recommendation",
                by="Direktionen",
                points=[" ".join(p) for p in points],
            )
        )
    headings = draw(st.lists(st.sampled_from(_SECTIONS), max_size=3, unique=True))
    for heading in headings:
        text = "\n\n".join(draw(st.lists(_paragraph(), min_size=1, max_size=3)))
        parts.append(Part(heading, text=text))
    decision = "\n\n".join(draw(st.lists(_paragraph(), min_size=1, max_size=2)))
    parts.append(Part("Beslutning", "decision", text=decision))
    case = f"{draw(st.integers(10, 99))}/{draw(st.integers(100, 99999))}"
    return Item(str(number), title.capitalize(), case if draw(st.booleans()) else None, parts)


@st.composite
def _source(draw: st.DrawFn) -> Source:
    forum = draw(st.sampled_from(_FORUMS))
    day = draw(st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31)))
    people = draw(
        st.lists(
            st.tuples(st.sampled_from(_FIRST), st.sampled_from(_LAST)), max_size=6, unique=True
        )
    )
    first = draw(st.integers(1, 300))
    items = [draw(_item(first + i)) for i in range(draw(st.integers(1, 4)))]
    look = {
        "producer": draw(st.sampled_from(["fpdf2", "typst"])),
        "title": ["Referat", forum],
        "header": draw(st.sampled_from(["colon", "table"])),
        "people": draw(st.sampled_from(["inline", "list"])),
        "parts": draw(st.sampled_from(["bold", "caps"])),
        "item_page": draw(st.booleans()),
        "running_head": f"{forum} {day.day}. {_MONTHS[day.month - 1]} {day.year}",
        "footer": draw(st.sampled_from(["Side {page} af {pages}", "{page}", ""])),
        "case_form": draw(st.sampled_from(["Sagsnr.: {case}", "Sagsid.: {case}", "{case}"])),
    }
    meeting = {
        "forum": forum,
        "date": day.isoformat(),
        "fields": [
            ["Dato", f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"],
            ["Tidspunkt", f"kl. {draw(st.integers(8, 20)):02d}:00"],
            ["Sted", draw(st.sampled_from(["Rådhuset", "Mødelokale 2", "Byrådssalen"]))],
        ],
        "present": [f"{a} {b}" for a, b in people],
    }
    return Source(Path("tilfældig"), {}, look, meeting, items)


_MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_source())
def test_a_random_meeting_printed_in_a_random_layout_reads_back(src: Source) -> None:
    parsed = parse(produce(src), closed="open")
    meeting = parsed.document.meeting
    assert (meeting.forum, meeting.date.isoformat()) == (src.meeting["forum"], src.meeting["date"])
    assert sorted(p.name for p in meeting.participants) == sorted(src.meeting["present"])
    tally = compare(printed_blocks(src), read_blocks(parsed.document))
    assert (tally.lost, tally.reordered, tally.merged, tally.misplaced) == (0, 0, 0, 0), (
        tally.missing,
        parsed.report.render(),
    )
    assert parsed.report.unplaced_entries == [], parsed.report.render()
