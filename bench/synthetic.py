"""A synthetic store for the benchmark: many ordinary meetings and one with a long history.

Each ordinary meeting goes through a whole life (about 220 events): participants,
twelve items with recommendation, the Chefforum template's seven sections and a decision,
votes, publication, start, end and signatures. The long meeting has 40 items and is edited
over and over, as a forum's standing meeting edited for years would be.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from uuid import UUID

from domain.application import Minutes
from domain.forum.template import CHEFFORUM_SECTIONS as SECTIONS
from domain.meeting.aggregate import Meeting
from domain.meeting.state import Vote
from projections.documents.referat import digest

ACTOR = "Benchmark"
# Words for the generated texts, so that searches find something.
WORDS = (
    "budget",
    "behandling",
    "skole",
    "daginstitution",
    "ældrepleje",
    "vejbelysning",
    "klimaplan",
    "lokalplan",
    "høring",
    "tilskud",
    "anlæg",
    "drift",
    "personale",
    "rekruttering",
    "trivsel",
    "digitalisering",
    "borgerservice",
    "kommunalbestyrelsen",
    "udvalget",
    "forvaltningen",
    "indstillingen",
    "beslutningen",
    "økonomien",
)


SYLLABLES = (
    "be",
    "han",
    "dling",
    "sko",
    "le",
    "bud",
    "get",
    "plan",
    "læg",
    "ning",
    "for",
    "valt",
    "ud",
    "val",
    "get",
    "kom",
    "mu",
    "ne",
    "bor",
    "ger",
    "ser",
    "vi",
    "ce",
    "trafik",
    "sik",
    "ker",
    "hed",
    "fri",
    "tid",
    "kul",
    "tur",
    "ø",
    "ko",
    "no",
    "mi",
    "å",
    "rets",
    "ind",
)


def _vocabulary(rng: random.Random, size: int = 1500) -> tuple[list[str], list[float]]:
    """Real words plus made-up ones, used with Zipf-like frequencies as text is."""
    words = list(WORDS)
    while len(words) < size:
        words.append("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    rng.shuffle(words)
    return words, [1 / (rank + 1) for rank in range(len(words))]


_VOCABULARY = _vocabulary(random.Random(0))


def filler(rng: random.Random, words: int) -> str:
    vocabulary, weights = _VOCABULARY
    return " ".join(rng.choices(vocabulary, weights, k=words)).capitalize() + "."


# Saved a few events at a time, as users save, so that the snapshots are those the
# snapshot policy takes for meetings edited by hand (one save takes at most one).
ORDINARY_CHUNK = 25
LONG_CHUNK = 10


def ordinary(rng: random.Random, n: int, minutes: Minutes | None = None) -> Meeting:
    day = date(2020, 1, 1) + timedelta(days=n * 2)
    meeting = Meeting.schedule(
        actor=ACTOR,
        forum=f"Udvalg {n % 25}",
        date=day,
        start=time(9),
        end=time(12),
        place="Rådhuset",
    )
    names = [f"Medlem {n}-{k}" for k in range(8)]
    for k, name in enumerate(names):
        meeting.add_participant(ACTOR, name, title="Medlem", role="chair" if k == 0 else "member")
    items = []
    for k in range(12):
        item = meeting.add_item(
            ACTOR,
            f"{filler(rng, 4)} ({k})",
            case_number="00.01.00-A00-1-26",
            kind="beslutning",
            duration_minutes=15,
            closed=k == 11,
        )
        items.append(item)
        meeting.draft_recommendation(ACTOR, item, "Direktionen", [f"at {filler(rng, 6)}"])
        for draft in range(2):  # a first draft, then the text sent out
            for heading in SECTIONS:
                meeting.write_section(ACTOR, item, heading, filler(rng, 40 + draft))
                if minutes is not None and len(meeting.pending_events) >= ORDINARY_CHUNK:
                    minutes.save_meeting(meeting)
    meeting.publish_agenda(ACTOR)
    meeting.start(ACTOR)  # decisions are recorded once the meeting has begun
    for k, item in enumerate(items):
        meeting.record_decision(ACTOR, item, filler(rng, 20))
        if k % 3 == 0:
            meeting.record_votes(
                ACTOR,
                item,
                [Vote(option="for", count=6, who=()), Vote(option="against", count=2, who=())],
            )
    meeting.end(ACTOR)
    if n % 5:  # every fifth meeting still waits for its signatures
        for name in names[:3]:
            # Each member signs for themselves (built on the aggregate, saved at once).
            meeting.approve(name, name, digest=digest(meeting.state))
    return meeting


def long_meeting(minutes: Minutes, rng: random.Random, events: int) -> UUID:
    """Saved in small chunks, as a long history grows; each save takes the snapshot due."""
    meeting = Meeting.schedule(
        actor=ACTOR,
        forum="Chefforum",
        date=date(2030, 1, 1),
        start=time(9),
        place="Mødelokale 915",
    )
    items = [meeting.add_item(ACTOR, f"Punkt {k}: {filler(rng, 4)}") for k in range(40)]
    meeting.publish_agenda(ACTOR)
    meeting.start(ACTOR)  # decisions are recorded once the meeting has begun
    while meeting.version < events:
        item = rng.choice(items)
        if rng.random() < 0.8:
            meeting.write_section(ACTOR, item, rng.choice(SECTIONS), filler(rng, 40))
        else:
            meeting.record_decision(ACTOR, item, filler(rng, 20))
        if len(meeting.pending_events) >= LONG_CHUNK:
            minutes.save_meeting(meeting)
    minutes.save_meeting(meeting)
    return meeting.id
