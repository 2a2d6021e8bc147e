"""Reading referater in Markdown: the published layout with its irregularities, our own
export, and refusals that name the line."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError
from projections.documents.parse.markdown import decode, parse
from projections.documents.render import markdown
from tests.paths import DEMO, SEED_DIR

# The shared seed referater live next to the repository, not in it.

SEEDS = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
SEED_PARAMS = [pytest.param(path, id=path.stem) for path in SEEDS] or [
    pytest.param(None, marks=pytest.mark.skip(reason=f"no seed referat in {SEED_DIR}"))
]

# Written for these tests in the published layout, irregularities included: heading levels
# that vary, headings with and without bold, "indstiller," ending in a hard line break,
# a table of contents, a title with commas, and an empty Bilag heading at the very end.
IRREGULAR = """

# REFERAT Teknik- og miljøudvalget d. 03-09-2026

**Mødedato** Torsdag d. 3. september 2026 kl. 17:00

**Mødested** Byrådssalen

**Mødedeltagere** Åse Bøgh (Formand, Teknik & Miljø), Søren Ærø (Menigt medlem), Ib Østergaard

## **Indholdsfortegnelse**

Godkendelse af dagsorden.....\t2
Cykelstier langs Ringvejen.....\t3
Eventuelt.....\t4

# **Punkt 1: Godkendelse af dagsorden**

06.00.00-A00-1-26

## **Indstilling**

Direktøren for Teknik indstiller,  \n1. at dagsordenen godkendes

## **Beslutning**

Godkendt.

## **Punkt 2: Cykelstier langs Ringvejen**

05.01.00-G01-7-26

### Indstilling

Direktøren for Teknik indstiller,

1. at projektet godkendes
2. at udgiften afholdes af anlægspuljen

#### **Resumé**

Ringvejen mangler cykelstier på begge sider.

### **Sagsfremstilling**

*(20 min.)*

Første etape går fra stationen til skolen.

Anden etape følger i 2028:

- belysning
- beplantning

### **Beslutning**

Godkendt med de faldne bemærkninger.

### **Bilag**

Oversigtskort
Budgetoverslag

### **Punkt 3: Eventuelt**

### **Beslutning**

Intet.

### **Bilag**
"""

HEAD = "# REFERAT Chefforum d. 20-05-2026\n\n**Mødedato** Onsdag d. 20. maj 2026 kl. 09:00\n\n"


def test_the_irregular_layout_is_read_by_its_wording() -> None:
    m = decode(IRREGULAR).meeting
    assert (m.forum, m.date.isoformat(), m.start, m.end, m.place) == (
        "Teknik- og miljøudvalget",
        "2026-09-03",
        "17:00",
        None,
        "Byrådssalen",
    )
    assert [(p.name, p.title, p.attendance) for p in m.participants] == [
        ("Åse Bøgh", "Formand, Teknik & Miljø", "present"),
        ("Søren Ærø", "Menigt medlem", "present"),
        ("Ib Østergaard", None, "present"),
    ]
    first, second, third = m.items
    assert [i.title for i in m.items] == [
        "Godkendelse af dagsorden",
        "Cykelstier langs Ringvejen",
        "Eventuelt",
    ]
    assert m.first_number == 1 and all(i.number is None for i in m.items)
    assert first.case_number == "06.00.00-A00-1-26"
    assert first.recommendation == ix.Recommendation(
        by="Direktøren for Teknik", points=["at dagsordenen godkendes"]
    )
    assert first.decision == ix.Decision(text="Godkendt.")
    assert second.recommendation is not None
    assert second.recommendation.points == [
        "at projektet godkendes",
        "at udgiften afholdes af anlægspuljen",
    ]
    assert second.duration_minutes == 20
    assert [s.heading for s in second.sections] == ["Resumé", "Sagsfremstilling"]
    assert second.sections[1].text == (
        "Første etape går fra stationen til skolen.\n\n"
        "Anden etape følger i 2028:\n\n- belysning\n- beplantning"
    )
    assert [a.name for a in second.attachments] == ["Oversigtskort", "Budgetoverslag"]
    assert third.case_number is None and third.recommendation is None
    assert third.decision == ix.Decision(text="Intet.")
    # The empty Bilag heading at the end names no attachment, so nothing of it is kept:
    # a re-export has no Bilag heading there. This is the one heading that cannot survive.
    assert third.attachments == []
    assert "Bilag" not in markdown.render(decode(IRREGULAR)).split("Punkt 3: Eventuelt")[1]


def test_our_own_markdown_reads_back_to_the_same_document() -> None:
    data = DEMO.read_bytes()
    doc = ix.decode(data)
    written = markdown.render(doc)
    back = decode(written)
    assert markdown.render(back) == written
    # Only the order of participants changes: the header groups them by attendance.
    order = {"present": 0, "excused": 1, "absent": 2}
    ordered = sorted(doc.meeting.participants, key=lambda p: order[p.attendance])
    assert back.meeting.participants == ordered
    assert back.meeting.items == doc.meeting.items


def test_decomposed_letters_are_read_as_nfc() -> None:
    text = unicodedata.normalize("NFD", HEAD + "## Punkt 1: Årsberetning for søerne\n")
    assert decode(text.encode()).meeting.items[0].title == "Årsberetning for søerne"
    assert unicodedata.is_normalized("NFC", decode(text).meeting.items[0].title)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "linje 1: filen er tom"),
        ("Hej\n\nDette er en indkøbsliste.\n", "linje 1: ikke et referat"),
        ("\n\n# Indkøbsliste\n\n- mælk\n", "linje 3: ikke et referat"),
        ("# REFERAT Chefforum d. 20-05-2026\n\n**Mødested** Rådhuset\n", "linje 3: ingen punkter"),
        ("# REFERAT Chefforum d. 31-02-2026\n", "linje 1: '31-02-2026' er ikke en gyldig dato"),
        ("# REFERAT Chefforum\n\n## Punkt 1: A\n", "linje 1: referatet har ingen mødedato"),
        ("# REFERAT Chefforum d. 20-05-2026\n\n**Farve** blå\n", "linje 3: ukendt felt 'farve'"),
        ("# REFERAT Chefforum d. 20-05-2026\n\nløs tekst\n", "linje 3: forventede et felt"),
        (HEAD + "**Mødedeltagere** Anne Holm (Direktør, Bo Lind\n", "linje 5: en '(' uden ')'"),
        (
            "# REFERAT Chefforum d. 20-05-2026\n\n**Mødedato** Tirsdag d. 19. maj 2026\n",
            "linje 3: mødedatoen passer ikke",
        ),
        (
            "# REFERAT Chefforum d. 20-05-2026\n\n**Mødedato** i morgen\n",
            "linje 3: forventede en mødedato",
        ),
        (HEAD + "## Punkt 1: A\n\n06.00\n\nmere tekst\n", "linje 7: uventet tekst"),
        (HEAD + "## Punkt 1:\n", "linje 5: punktet har ingen titel"),
        (HEAD + "## Noget andet\n\n## Punkt 1: A\n", "linje 5: forventede et felt"),
        (
            HEAD + "## Punkt 1: A\n\n### Økonomi\n\nx\n\n### Økonomi\n",
            "linje 11: afsnittet 'Økonomi' står to gange",
        ),
        (
            HEAD + "## Punkt 1: A\n\n## **Godkendelse**\n\nAnne Holm skrev under\n",
            "linje 9: forventede en underskrift",
        ),
        (
            HEAD + "## Punkt 1: A\n\n## **Godkendelse**\n\nGodkendt af Anne Holm d. 1. maj 2026"
            " kl. 25:00\n",
            "linje 9: '25:00' er ikke et klokkeslæt",
        ),
        (
            HEAD + "## Punkt 1: A\n\n## **Rettelser**\n\n### Rettelse af punkt 1\n\nRettet.\n",
            "linje 9: en rettelse skal have",
        ),
    ],
)
def test_what_is_not_a_referat_is_refused_with_its_line(text: str, message: str) -> None:
    """Strict: every guess refused (without --strict some of these are kept and reported:
    test_lines_that_cannot_be_placed_are_kept_and_named)."""
    with pytest.raises(DocumentError) as refused:
        parse(text, strict=True)
    assert str(refused.value).startswith(message), str(refused.value)


def test_bytes_that_are_not_utf8_are_refused_with_their_line() -> None:
    with pytest.raises(DocumentError, match=r"^linje 3: filen er ikke UTF-8"):
        parse(b"# REFERAT Chefforum d. 20-05-2026\n\n\xff\n")


@pytest.mark.parametrize("seed", SEED_PARAMS)
def test_the_seed_is_read_completely(seed: Path) -> None:
    """Every item, journal number, recommendation, section, decision, attachment and
    participant of the seed, checked against what simple patterns find in its text."""
    text = seed.read_text(encoding="utf-8")
    m = parse(seed.read_bytes()).document.meeting
    heading = re.compile(r"^#{1,6} \*\*(.+?)\*\*[ \t]*$", re.MULTILINE)
    people = re.search(r"^\*\*Mødedeltagere\*\* (.*)$", text, re.MULTILINE)
    assert people is not None
    expected_people = re.findall(r"([^,()]+?) \(([^()]*)\)(?:, |$)", people.group(1))
    assert [(p.name, p.title) for p in m.participants] == [
        (name.strip(), title) for name, title in expected_people
    ]
    assert any(", " in (p.title or "") for p in m.participants)
    chunks = re.split(r"^#{1,6} \*\*Punkt \d+: .*$", text, flags=re.MULTILINE)[1:]
    titles = re.findall(r"^#{1,6} \*\*Punkt \d+: (.*?)\*\*[ \t]*$", text, re.MULTILINE)
    assert [i.title for i in m.items] == titles
    assert len(m.items) == len(chunks) > 0
    for item, chunk in zip(m.items, chunks, strict=True):
        parts = heading.split(chunk)  # [preamble, heading, body, heading, body, ...]
        assert item.case_number == parts[0].strip()
        bodies = {h: b.strip() for h, b in zip(parts[1::2], parts[2::2], strict=True)}
        by = re.search(r"^(.+) indstiller,", bodies["Indstilling"], re.MULTILINE)
        assert item.recommendation is not None and by is not None
        assert item.recommendation.by == by.group(1)
        assert item.recommendation.points == re.findall(
            r"^\d+\. (.*)$", bodies["Indstilling"], re.MULTILINE
        )
        sections = [h for h in parts[1::2] if h not in ("Indstilling", "Beslutning", "Bilag")]
        assert [s.heading for s in item.sections] == sections
        for section in item.sections:
            body = re.sub(r"^\*\(\d+ min\.\)\*\s*", "", bodies[section.heading])
            assert section.text == re.sub(r"\n\s*\n", "\n\n", body)
        assert item.decision is not None and item.decision.text == bodies["Beslutning"]
        names = bodies.get("Bilag", "").splitlines()
        assert [a.name for a in item.attachments] == [n.strip() for n in names if n.strip()]
        minutes = re.search(r"^\*\((\d+) min\.\)\*$", chunk, re.MULTILINE)
        assert item.duration_minutes == (int(minutes.group(1)) if minutes else None)


def test_what_real_minutes_record_beyond_version_1_reads_back_exactly() -> None:
    """Postponed, carried and withdrawn items, votes on motions, minority statements,
    a section after the decision, the meeting's kind, document and remarks."""
    from datetime import date

    moved = ix.ItemRef(forum="Byrådet", date=date(2026, 6, 1), number="4")
    came = ix.ItemRef(forum="Byrådet", date=date(2026, 4, 1), number="7")
    first = ix.Item(
        title="Budget",
        status="udsat",
        status_reason="Tallene mangler",
        carried_to=moved,
        sections=[ix.Section(heading="Opfølgning", text="Igen i juni.", after_decision=True)],
        decision=ix.Decision(
            text="Sagen blev udsat.",
            votes=[ix.Vote(option="for", count=3, who=["A"])],
            motions=[
                ix.Motion(
                    text="mere til skolerne",
                    by="V",
                    result="forkastet",
                    votes=[ix.Vote(option="for", count=2)],
                )
            ],
        ),
        remarks=[ix.Remark(by="Ib Lund", text="Imod udsættelsen.", kind="mindretalsudtalelse")],
    )
    second = ix.Item(title="Skole", carried_from=came, status="trukket")
    doc = ix.Document(
        format=ix.FORMAT,
        meeting=ix.Meeting(
            forum="Byrådet",
            date=date(2026, 5, 1),
            participants=[ix.Participant(name="Ib Lund")],
            items=[first, second],
            kind="ekstraordinært",
            document="beslutningsprotokol",
            remarks="Mødet blev holdt online.",
        ),
    )
    written = markdown.render(doc)
    assert ix.encode(decode(written)) == ix.encode(doc)
