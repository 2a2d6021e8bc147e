"""Generated meetings written in the conventions of other municipalities (date forms,
closed markers, label spellings, headings with and without "Punkt", blank lines, Windows
line endings, decomposed letters) read back to the same document as our own Markdown."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections.documents import interchange as ix
from projections.documents.parse.markdown import parse
from projections.documents.render import markdown, printed_dates
from tests.documents import documents

MONTH_SHORT = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)


def _day_forms(day: date) -> list[str]:
    weekday = printed_dates.WEEKDAYS[day.weekday()]
    month = printed_dates.MONTHS[day.month - 1]
    return [
        printed_dates.weekday_date(day),
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day}/{day.month} {day.year}",
        f"{day.isoformat()}",
        f"{weekday.capitalize()} den {day.day:02d}. {month} {day.year}",
        f"{day.day}. {MONTH_SHORT[day.month - 1]} {day.year}",
        f"{day.day:02d}-{day.month:02d}-{day.year}",
    ]


def _clock(value: str, dot: bool) -> str:
    return value.replace(":", ".") if dot else value


@st.composite
def when_lines(draw: st.DrawFn, m: ix.Meeting) -> str:
    """The header's date and time in one of the usual forms and labels."""
    day = draw(st.sampled_from(_day_forms(m.date)))
    dot = draw(st.booleans())
    label = draw(st.sampled_from(("**Mødedato**", "**Dato:**", "Mødedato:", "**Tidspunkt**")))
    kl = draw(st.sampled_from(("kl.", "Kl.", "kl")))
    if m.start and m.end:
        dash = draw(st.sampled_from(("-", " - ", "–", " – ")))
        return f"{label} {day}, {kl} {_clock(m.start, dot)}{dash}{_clock(m.end, dot)}"
    if m.start:
        return f"{label} {day} {kl} {_clock(m.start, dot)}"
    if m.end:
        return f"{label} {day}\n\n**Sluttidspunkt:** {_clock(m.end, dot)}"
    return f"{label} {day}"


_ITEM = re.compile(r"^## \*\*Punkt (?P<n>[^:]+): (?P<title>.*?)\*\*$", re.MULTILINE)


@st.composite
def varied(draw: st.DrawFn, doc: ix.Document) -> str:
    m = doc.meeting
    text = markdown.render(doc)
    text = re.sub(r"^\*\*Mødedato\*\* .*$", lambda _: draw(when_lines(m)), text, flags=re.M)
    title = draw(
        st.sampled_from(
            (
                f"# Referat fra mødet i {m.forum}",
                f"# REFERAT {m.forum}",
                f"# **Referat** {m.forum}",
                f"# {m.forum}\n\n## Referat",
            )
        )
    )
    text = re.sub(r"^# REFERAT .*$", lambda _: title, text, count=1, flags=re.M)
    place = draw(st.sampled_from(("**Mødested**", "**Sted:**", "Mødested:", "**Lokale**")))
    text = re.sub(r"^\*\*Mødested\*\*", lambda _: place, text, flags=re.M)
    present = draw(st.sampled_from(("**Mødedeltagere**", "**Deltagere:**", "Til stede:")))
    text = re.sub(r"^\*\*Mødedeltagere\*\*", lambda _: present, text, flags=re.M)

    def item(match: re.Match[str]) -> str:
        number, title = match["n"], match["title"]
        closed = title.endswith(" (Lukket punkt)")
        bare = title.removesuffix(" (Lukket punkt)") if closed else title
        marker = draw(st.sampled_from(("suffix", "prefix", "closed", "line", "paren")))
        if closed and marker == "prefix":
            title = f"Lukket punkt: {bare}"
        elif closed and marker == "closed":
            title = f"Closed: {bare}"
        elif closed and marker == "paren":
            title = f"{bare} (Lukket)"
        elif closed and marker == "line":
            title = f"{bare}\n\nFOR LUKKEDE DØRE"
        if not number.isdigit():
            return f"## Punkt {number}: {title}"
        form = draw(
            st.sampled_from(
                ("## **Punkt {n}: {t}**", "## {n}. {t}", "### Pkt. {n} {t}", "**{n}. {t}**")
            )
        )
        if "\n" in title:  # the closed line stands under the heading
            head, rest = title.split("\n", 1)
            return form.format(n=number, t=head) + "\n" + rest
        return form.format(n=number, t=title)

    text = _ITEM.sub(item, text)
    decision = draw(st.sampled_from(("### **Beslutning**", "### Beslutning", "**Beslutning**")))
    text = re.sub(r"^### \*\*Beslutning\*\*$", lambda _: decision, text, flags=re.M)
    if draw(st.booleans()):
        text = text.replace("\n\n", "\n\n\n")
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), doc=documents())
def test_other_conventions_read_back_to_the_same_meeting(
    data: st.DataObject, doc: ix.Document
) -> None:
    text = data.draw(varied(doc))
    back = parse(text.encode(), closed="ask").document
    assert ix.encode(back) == ix.encode(doc), text
