"""Hypothesis strategies for valid referat documents (own words, Danish letters included).

A generated document is what the store would export: NFC text without stray spaces,
names that exist where the rules want them, approvals by present members (transcribed:
they say who recorded them, as an imported signature does), corrections only after
approval, signatures and corrections dated after the meeting and not in the future.
Participants come in the order the header prints them (present, excused, absent), so the
Markdown export reads back to the same document.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from domain.meeting.state import Role, VoteOption
from projections.documents import interchange as ix
from projections.documents.referat import LOCAL, local

WORDS = (
    "budget",
    "skole",
    "ældre",
    "økonomi",
    "året",
    "borgere",
    "plan",
    "forslag",
    "afdeling",
    "grøn",
    "sø",
    "få",
    "næste",
    "høring",
    "Ærø",
    "Østerbro",
    "Åbyhøj",
    "tilsyn",
    "vej",
    "bæredygtig",
    "medarbejdere",
    "fremdrift",
    "kvalitet",
    "mål",
)
NAMES = (
    "Åse Bøgh",
    "Søren Ærø",
    "Jørgen Lund",
    "Mette Frølund",
    "Ib Østergaard",
    "Karen Dahl",
    "Bo Lind",
    "Anne Holm",
    "Trine Kjær",
    "Mads Sørensen",
)
PARTIES = ("A", "V", "F", "Ø", "Å", "C")
RESERVED = {"indstilling", "beslutning", "bilag", "tidligere beslutninger", "sagsfremstilling"}
ATTENDANCE_ORDER = {"present": 0, "excused": 1, "absent": 2}

word = st.sampled_from(WORDS)


def phrase(min_size: int = 1, max_size: int = 5) -> st.SearchStrategy[str]:
    return st.lists(word, min_size=min_size, max_size=max_size).map(" ".join)


sentence = phrase(2, 9).map(lambda s: s[0].upper() + s[1:] + ".")
heading = phrase(1, 3).filter(lambda s: s.casefold() not in RESERVED).map(str.capitalize)
list_lines = st.lists(phrase(1, 4), min_size=1, max_size=3)
paragraph = st.one_of(
    sentence,
    st.lists(sentence, min_size=1, max_size=3).map(" ".join),
    list_lines.map(lambda xs: "\n".join(f"- {x}" for x in xs)),
    list_lines.map(lambda xs: "\n".join(f"{n}. {x}" for n, x in enumerate(xs, 1))),
)
free_text = st.lists(paragraph, min_size=1, max_size=3).map("\n\n".join)
case_number = st.one_of(
    st.none(),
    st.builds(
        lambda a, b, n, y: f"{a:02d}.{b:02d}.00-A{a:02d}-{n}-{y:02d}",
        st.integers(0, 99),
        st.integers(0, 99),
        st.integers(1, 99),
        st.integers(20, 30),
    ),
    st.integers(1, 99999).map(lambda n: f"24/{n}"),
)


LAST_MEETING = date(2026, 3, 31)
LAST_MOMENT = date(2026, 6, 30)  # signatures and corrections lie in the past


@st.composite
def moments(draw: st.DrawFn, after: date = date(2024, 1, 1)) -> datetime:
    """A Danish local time by day (no hour that DST skips or repeats), whole seconds, on
    or after the day given."""
    day = draw(st.dates(after, max(after, LAST_MOMENT)))
    hour = draw(st.integers(6, 22))
    minute = draw(st.integers(0, 59))
    second = draw(st.sampled_from((0, 0, 17)))
    return local(datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=LOCAL))


@st.composite
def participants(draw: st.DrawFn) -> list[ix.Participant]:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=7, unique=True))
    out = []
    for name in names:
        role: Role = draw(
            st.sampled_from(("member", "member", "chair", "secretary", "guest", "substitute"))
        )
        others = [n for n in NAMES if n != name]
        out.append(
            ix.Participant(
                name=name,
                title=draw(
                    st.one_of(st.none(), phrase(1, 3), st.just("Direktør for Børn, Unge & Kultur"))
                ),
                party=draw(st.one_of(st.none(), st.sampled_from(PARTIES))),
                role=role,
                attendance=draw(st.sampled_from(("present", "present", "excused", "absent"))),
                substitute_for=(
                    draw(st.one_of(st.none(), st.sampled_from(others)))
                    if role == "substitute"
                    else None
                ),
            )
        )
    return sorted(out, key=lambda p: ATTENDANCE_ORDER[p.attendance])


@st.composite
def items(draw: st.DrawFn, people: list[str], index: int, title: str) -> ix.Item:
    headings = draw(st.lists(heading, max_size=3, unique_by=str.casefold))
    if draw(st.booleans()):
        headings.insert(draw(st.integers(0, len(headings))), "Sagsfremstilling")
    options: list[VoteOption] = draw(
        st.lists(st.sampled_from(("for", "against", "abstain", "blank")), unique=True)
    )
    votes = [
        ix.Vote(
            option=option,
            count=draw(st.one_of(st.none(), st.integers(0, 15))),
            who=draw(st.lists(st.sampled_from(list(PARTIES) + people), max_size=3)),
        )
        for option in options
    ]
    decision_text = draw(st.one_of(st.just(""), free_text))
    absentees = draw(st.lists(st.sampled_from(people), max_size=2, unique=True)) if people else []
    by = draw(st.one_of(st.none(), phrase(1, 3).map(str.capitalize)))
    points = draw(st.lists(phrase(1, 6).map(lambda s: f"at {s}"), max_size=3))
    return ix.Item(
        number=draw(st.one_of(st.none(), st.just(f"{index}.a"))) if index else None,
        title=title,
        case_number=draw(case_number),
        kind=draw(st.sampled_from((None, "orientering", "drøftelse", "beslutning"))),
        closed=draw(st.booleans()),
        supplementary=draw(st.booleans()),
        duration_minutes=draw(st.one_of(st.none(), st.integers(0, 240))),
        recommendation=ix.Recommendation(by=by, points=points) if by or points else None,
        sections=[
            ix.Section(heading=h, text=draw(st.one_of(st.just(""), free_text))) for h in headings
        ],
        earlier_decisions=draw(
            st.lists(
                st.builds(
                    ix.EarlierDecision,
                    body=phrase(1, 2).map(str.capitalize),
                    date=st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1))),
                    item=st.one_of(st.none(), st.integers(1, 300).map(str)),
                    text=sentence,
                ),
                max_size=2,
            )
        ),
        decision=ix.Decision(text=decision_text, votes=votes) if decision_text or votes else None,
        remarks=draw(
            st.lists(
                st.builds(ix.Remark, by=st.sampled_from(NAMES), text=sentence),
                max_size=2,
            )
        ),
        absent=[
            ix.ItemAbsence(
                name=name,
                reason=draw(st.sampled_from((None, "afbud", "fraværende", "inhabil"))),
                substitute=draw(
                    st.one_of(st.none(), st.sampled_from([n for n in NAMES if n != name]))
                ),
            )
            for name in absentees
        ],
        attachments=draw(
            st.lists(
                st.builds(ix.Attachment, name=phrase(1, 4), closed=st.booleans()),
                max_size=3,
                unique_by=lambda a: a.name,
            )
        ),
    )


@st.composite
def documents(draw: st.DrawFn, max_items: int = 4) -> ix.Document:
    people = draw(participants())
    names = [p.name for p in people]
    titles = draw(
        st.lists(phrase(1, 6).map(str.capitalize), min_size=1, max_size=max_items, unique=True)
    )
    agenda = [draw(items(names, index, title)) for index, title in enumerate(titles)]
    start = draw(st.one_of(st.none(), st.integers(6 * 60, 16 * 60)))
    end = draw(st.one_of(st.none(), st.integers((start or 0) + 1, 23 * 60 + 59)))
    signers = [
        p.name
        for p in people
        if p.attendance == "present" and p.role in ("member", "chair", "substitute")
    ]
    chosen = draw(st.lists(st.sampled_from(signers), unique=True)) if signers else []
    held = draw(st.dates(date(2024, 1, 1), LAST_MEETING))
    approvals = [
        ix.Approval(
            by=name,
            at=draw(moments(held)),
            reservation=draw(st.one_of(st.none(), sentence)),
            recorded_by=draw(st.sampled_from(NAMES)),
        )
        for name in chosen
    ]
    first_number = draw(st.integers(1, 200))
    printed = [i.number or str(first_number + n) for n, i in enumerate(agenda)]
    corrections = (
        draw(
            st.lists(
                st.builds(
                    ix.Correction,
                    by=st.sampled_from(NAMES),
                    at=moments(held),
                    item=st.one_of(st.none(), st.sampled_from(printed)),
                    reason=sentence,
                    text=free_text,
                ),
                max_size=2,
            )
        )
        if approvals
        else []
    )
    meeting: dict[str, Any] = {
        "forum": draw(
            st.sampled_from(("Økonomiudvalget", "Chefforum", "Ældre- og sundhedsudvalget"))
        ),
        "organisation": draw(st.one_of(st.none(), st.just("Solbjerg Kommune"))),
        "date": held,
        "start": _clock(start),
        "end": _clock(end),
        "place": draw(st.one_of(st.none(), phrase(1, 3).map(str.capitalize))),
        "first_number": first_number,
    }
    return ix.Document(
        format=ix.FORMAT,
        meeting=ix.Meeting(
            **meeting,
            participants=people,
            items=agenda,
            approvals=approvals,
            corrections=corrections,
        ),
    )


def _clock(minutes: int | None) -> str | None:
    if minutes is None:
        return None
    moment = datetime(2000, 1, 1) + timedelta(minutes=minutes)
    return f"{moment:%H:%M}"
