"""Exports: A4 text pages with a correct table of contents, Markdown, standalone HTML,
and the public and agenda views in every format."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from chefforum_tui.cli import main
from projections.documents import interchange as ix
from projections.documents.render import html, markdown, text
from tests.documents import documents
from tests.paths import DEMO

FORMATS = ("text", "markdown", "html", "json")


def export(store: str, ref: str, *flags: str, capsysbinary: pytest.CaptureFixture[bytes]) -> str:
    assert main(["--db", store, "--actor", "Test", "export", ref, *flags]) == 0
    return capsysbinary.readouterr().out.decode("utf-8")


# -- text pages -------------------------------------------------------------------------


def long_document(items: int = 9) -> ix.Document:
    """Own words, long enough for many pages; long titles wrap in the contents."""
    paragraph = " ".join(["Udvalget gennemgik planen for vejene og cykelstierne i byen."] * 7)
    agenda = [
        ix.Item(
            title=f"Sag nummer {n} om "
            + ("en meget lang titel der fylder mere end en linje i indholdsfortegnelsen " * 2)
            if n % 4 == 0
            else f"Sag nummer {n}",
            case_number=f"05.01.00-G01-{n}-26",
            duration_minutes=10 * n,
            recommendation=ix.Recommendation(by="Direktionen", points=[f"at sag {n} godkendes"]),
            sections=[
                ix.Section(heading="Sagsfremstilling", text="\n\n".join([paragraph] * (n % 3 + 1))),
                ix.Section(heading="Økonomi", text="- første post\n- anden post\n- tredje post"),
            ],
            decision=ix.Decision(text=paragraph),
        )
        for n in range(1, items + 1)
    ]
    meeting = ix.Meeting(forum="Teknik- og miljøudvalget", date=date(2026, 9, 3), items=agenda)
    return ix.Document(format=ix.FORMAT, meeting=meeting)


def contents(rendered: str) -> list[tuple[str, int]]:
    """(item number, page) per entry of the printed table of contents."""
    lines = rendered.replace("\f", "").split("\n")
    entries: list[tuple[str, int]] = []
    number = ""
    for line in lines[lines.index("Indholdsfortegnelse") + 2 :]:
        if line.startswith("Punkt "):
            break
        if not line.strip() or re.match(r"^\s*Side \d+ af \d+$", line):
            continue  # the end of a page: padding and footer
        if not line.startswith("  "):
            number = line.split(". ", 1)[0]
        if page := re.search(r" \.+ +(\d+)$", line):
            entries.append((number, int(page.group(1))))
    return entries


def check_pages(doc: ix.Document) -> list[str]:
    """Every page: at most 60 lines of at most 80 characters, its footer last; the
    contents give the page each item's heading is printed on. Returns the pages."""
    rendered = text.render(doc)
    pages = rendered.split("\f")
    for number, page in enumerate(pages, start=1):
        assert page.endswith("\n")
        lines = page[:-1].split("\n")
        assert len(lines) <= 60
        assert all(len(line) <= 80 for line in lines), [line for line in lines if len(line) > 80]
        # A draft's footer says so at its left, on every page; signed minutes' does not.
        mark = "UDKAST" if not doc.meeting.approvals else ""
        assert lines[-1].split() == [*mark.split(), "Side", str(number), "af", str(len(pages))]
    found: dict[str, int] = {}
    for number, page in enumerate(pages, start=1):
        lines = page.split("\n")
        for index, line in enumerate(lines[:-1]):
            match = re.match(r"^Punkt (\S+): ", line)
            if match and (lines[index + 1].startswith("=") or lines[index + 1][:1].isalpha()):
                found.setdefault(match.group(1), number)
    toc = contents(rendered)
    numbers = [
        i.number or str(doc.meeting.first_number + n) for n, i in enumerate(doc.meeting.items)
    ]
    assert [n for n, _ in toc] == numbers
    assert toc == [(n, found[n]) for n in numbers]
    assert [p for _, p in toc] == text.item_pages(doc)
    return pages


def test_text_is_paginated_for_a4_with_a_true_table_of_contents() -> None:
    doc = long_document()
    pages = check_pages(doc)
    assert len(pages) > 5
    for page in pages[:-1]:  # every heading here has text under it: none ends a page
        body = [line for line in page.split("\n")[:-2] if line.strip()]
        assert not re.match(r"^[=-]+$", body[-1]), page
    # Markdown's contents print the same pages.
    md_pages = [int(p) for p in re.findall(r"\.{5}\t(\d+)$", markdown.render(doc), re.MULTILINE)]
    assert md_pages == text.item_pages(doc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(max_items=6))
def test_pagination_holds_for_any_meeting(doc: ix.Document) -> None:
    check_pages(doc)


# -- HTML -------------------------------------------------------------------------------


class _Balance(HTMLParser):
    VOID = frozenset({"meta", "br", "link", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def test_html_is_one_standalone_printable_page_with_everything_escaped() -> None:
    doc = ix.decode(DEMO.read_bytes())
    doc.meeting.items[0].title = 'Dagsorden <script>alert("x")</script> & "citat"'
    page = html.render(doc)
    assert page.startswith('<!DOCTYPE html>\n<html lang="da">')
    assert "@media print" in page and "<style>" in page
    assert not re.search(r"https?://|src=|<link|@import|url\(", page)
    assert "<script>" not in page
    assert (
        "Dagsorden &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;citat&quot;"
        in page
    )
    checker = _Balance()
    checker.feed(page)
    assert checker.stack == []
    assert '<section class="item" id="punkt-3">' in page and 'href="#punkt-3"' in page


# -- public and agenda views ----------------------------------------------------------------

# A unique word in every field of a closed item, and in a closed attachment of an open one.
MARKERS = {
    "case_number": "HEMMELIGA01",
    "rec_by": "HEMMELIGA02",
    "rec_point": "HEMMELIGA03",
    "section_heading": "HEMMELIGA04",
    "section_text": "HEMMELIGA05",
    "earlier_body": "HEMMELIGA06",
    "earlier_item": "HEMMELIGA07",
    "earlier_text": "HEMMELIGA08",
    "decision": "HEMMELIGA09",
    "vote_who": "HEMMELIGA10",
    "remark_by": "HEMMELIGA11",
    "remark_text": "HEMMELIGA12",
    "absence_substitute": "HEMMELIGA13",
    "attachment_open": "HEMMELIGA14",
    "attachment_closed": "HEMMELIGA15",
    "correction_reason": "HEMMELIGA16",
    "correction_text": "HEMMELIGA17",
    "closed_attachment_of_open_item": "HEMMELIGA18",
}
M = MARKERS


def closed_meeting() -> bytes:
    person = {"party": None, "substitute_for": None, "title": None}
    item: dict[str, Any] = {
        "number": None,
        "kind": "beslutning",
        "closed": False,
        "supplementary": False,
        "duration_minutes": None,
        "recommendation": None,
        "sections": [],
        "earlier_decisions": [],
        "decision": {"text": "Godkendt.", "votes": []},
        "remarks": [],
        "absent": [],
        "attachments": [],
    }
    open_item = item | {
        "title": "Vedligehold af svømmehallen",
        "case_number": "04.00.00-G01-2-26",
        "attachments": [
            {"name": "Tilstandsrapport", "closed": False},
            {"name": f"Tilbud {M['closed_attachment_of_open_item']}", "closed": True},
        ],
    }
    closed_item = item | {
        "title": "Køb af ejendom på Åvej",
        "case_number": M["case_number"],
        "closed": True,
        "duration_minutes": 777,
        "recommendation": {"by": M["rec_by"], "points": [f"at {M['rec_point']} godkendes"]},
        "sections": [
            {"heading": M["section_heading"], "text": f"Prisen er {M['section_text']}."},
            {"heading": "Sagsfremstilling", "text": ""},
        ],
        "earlier_decisions": [
            {
                "body": M["earlier_body"],
                "date": "2026-08-01",
                "item": M["earlier_item"],
                "text": M["earlier_text"],
            }
        ],
        "decision": {
            "text": f"Ejendommen købes {M['decision']}.",
            "votes": [{"option": "for", "count": 2, "who": [M["vote_who"]]}],
        },
        "remarks": [{"by": M["remark_by"], "text": M["remark_text"]}],
        "absent": [{"name": "Bo Lind", "reason": "inhabil", "substitute": M["absence_substitute"]}],
        "attachments": [
            {"name": M["attachment_open"], "closed": False},
            {"name": M["attachment_closed"], "closed": True},
        ],
    }
    meeting = {
        "forum": "Økonomiudvalget",
        "organisation": None,
        "date": "2026-09-02",
        "start": "16:00",
        "end": "18:00",
        "place": None,
        "first_number": 1,
        "participants": [
            person | {"name": "Anne Holm", "role": "chair", "attendance": "present"},
            person | {"name": "Bo Lind", "role": "member", "attendance": "present"},
        ],
        "items": [open_item, closed_item],
        "approvals": [{"by": "Anne Holm", "at": "2026-09-09T10:00:00+02:00", "reservation": None}],
        "corrections": [
            {
                "by": "Anne Holm",
                "at": "2026-09-10T10:00:00+02:00",
                "item": "2",
                "reason": M["correction_reason"],
                "text": M["correction_text"],
            },
            {
                "by": "Anne Holm",
                "at": "2026-09-10T11:00:00+02:00",
                "item": "1",
                "reason": "Stavefejl",
                "text": "Tilstandsrapporten er fra 2025.",
            },
        ],
    }
    return json.dumps({"format": ix.FORMAT, "meeting": meeting}, ensure_ascii=False).encode()


# What only the minutes hold, per meeting: votes, remarks, absences, decisions, signatures.
RECORD = {
    "Økonomiudvalget/2026-09-02": (
        "For: 2",
        "Protokolbemærkning fra",
        "Fraværende: Bo Lind",
        "Ejendommen købes",
        "Godkendt af Anne Holm",
        "Rettet af Anne Holm",
    ),
    "Chefforum/2026-06-17": (
        "Imod: 1 (Søren Bøgh)",
        "Protokolbemærkning fra Søren Bøgh",
        "Fraværende: Åse Lindholm (inhabil)",
        "Dagsorden og referat blev godkendt.",
    ),
}
DECISION_HEADING = re.compile(r"^(### \*\*)?Beslutning(\*\*)?$|<h3>Beslutning</h3>", re.MULTILINE)
