"""The meeting as a whole: its details, the forum's roles, and the steps from agenda to
signed referat (publish, start, end, sign)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

from chefforum_tui.forms.decisions import candidates
from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field
from chefforum_tui.widgets.people import Candidate, PersonPicker, picker
from domain.application import Minutes
from domain.clock import clock_time
from domain.forum.state import FORUM_ROLES
from domain.meeting.rules import signers
from projections.documents.referat import digest


def details(port: MeetingPort) -> None:
    if port.meeting is None:
        return
    s = port.meeting.state
    mid, actor = port.meeting_id, port.actor

    def change(v: dict[str, Any]) -> None:
        try:
            on_day = date.fromisoformat(v["date"])
            start = time.fromisoformat(v["start"]) if v["start"] else None
            end = time.fromisoformat(v["end"]) if v["end"] else None
        except ValueError:
            port.notify("Dato skal skrives 2026-05-20 og klokkeslæt 09:00.", severity="error")
            return
        clear = [k for k in ("start", "end", "place") if not v[k]]
        port.save(
            lambda minutes: minutes.change_details(
                mid,
                actor,
                forum=v["forum"],
                date=on_day,
                start=start,
                end=end,
                place=v["place"] or None,
                clear=clear,
            )
        )

    port.form(
        "Mødeoplysninger",
        [
            Field("forum", "Forum", value=s.forum),
            Field("date", "Dato (ÅÅÅÅ-MM-DD)", value=s.date.isoformat()),
            Field("start", "Start (TT:MM)", value=f"{s.start:%H:%M}" if s.start else ""),
            Field("end", "Slut (TT:MM)", value=f"{s.end:%H:%M}" if s.end else ""),
            Field("place", "Mødested", value=s.place or ""),
        ],
        change,
    )


def publish(port: MeetingPort) -> None:
    mid, actor = port.meeting_id, port.actor
    port.confirm(
        "Udsend dagsordenen? Punkter, der tilføjes bagefter, bliver tillægspunkter.",
        lambda: port.save(
            lambda minutes: minutes.publish_agenda(mid, actor),
            lambda _: port.notify("Dagsordenen er udsendt."),
        ),
    )


def parse_clock(text: str) -> time | None:
    """A time of day as typed: "9:05", "09:05", "0905" or "9.05"; empty is no time."""
    text = text.strip().replace(".", ":")
    if not text:
        return None
    if ":" not in text and text.isdigit() and len(text) in (3, 4):
        text = f"{text[:-2]}:{text[-2:]}"
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(text)
    return time(int(hours), int(minutes))


def ask_time(
    port: MeetingPort,
    title: str,
    default: time | None,
    then: Callable[[time | None], None],
    submit: str,
    typed: str | None = None,
    note: str = "tomt: intet klokkeslæt",
) -> None:
    """A small dialog for a time of day (default: now in the meeting's zone); a time that
    cannot be read is said and asked again."""

    def answer(v: dict[str, Any]) -> None:
        try:
            at = parse_clock(v["at"])
        except ValueError:
            port.notify(f"'{v['at']}' er ikke et klokkeslæt som 16:05.", severity="error")
            ask_time(port, title, default, then, submit, typed=v["at"], note=note)
            return
        then(at)

    shown = typed if typed is not None else f"{default:%H:%M}" if default else ""
    port.form(
        title,
        [Field("at", f"Klokkeslæt (TT:MM; {note})", value=shown)],
        answer,
        submit=submit,
    )


def start(port: MeetingPort) -> None:
    """Start the meeting at the time asked (now, in the meeting's zone, unless changed)."""
    mid, actor = port.meeting_id, port.actor
    ask_time(
        port,
        "Start mødet",
        clock_time(port.meeting.state.time_zone if port.meeting else None),
        lambda at: port.save(
            lambda minutes: minutes.start_meeting(mid, actor, at),
            lambda _: port.notify(f"Mødet er startet{f' kl. {at:%H:%M}' if at else ''}."),
        ),
        submit="Start",
    )


def end(port: MeetingPort) -> None:
    """End the meeting at the time asked: now in the meeting's zone, unless that is not
    after the recorded start (a meeting kept after the fact): then no time is offered."""
    if port.meeting is None:
        return
    mid, actor = port.meeting_id, port.actor
    now, began = clock_time(port.meeting.state.time_zone), port.meeting.state.start
    after_start = began is None or now >= began  # the clock shows minutes
    ask_time(
        port,
        "Afslut mødet – derefter kan referatet underskrives",
        now if after_start else None,
        lambda at: port.save(
            lambda minutes: minutes.end_meeting(mid, actor, at),
            lambda _: port.notify(f"Mødet er afsluttet{f' kl. {at:%H:%M}' if at else ''}."),
        ),
        submit="Afslut",
        note="tomt: intet klokkeslæt"
        if after_start
        else f"uret viser {now:%H:%M}, før starten kl. {began:%H:%M}; tomt: intet klokkeslæt",
    )


def approve(port: MeetingPort) -> None:
    """One member signs: the user for themselves, or (the chair or a secretary) a member
    whose signature was given on paper. The choice offers those who may still sign; the
    domain decides, and a refusal says who may sign and how."""
    if port.meeting is None:
        return
    waiting = [p.name for p in signers(port.meeting.state)]
    if not waiting:
        port.notify(
            "Der er ingen tilstedeværende medlemmer, der mangler at underskrive.",
            severity="warning",
        )
        return
    mid, actor = port.meeting_id, port.actor
    names = [("dig selv" if name == actor else "givet på papir", name) for name in waiting]
    first = actor if actor in waiting else waiting[0]

    def sign(v: dict[str, Any]) -> None:
        by = v["by"]
        paper = by != actor
        port.save(
            lambda minutes: minutes.sign_minutes(
                mid,
                actor,
                by,
                digest,
                v["reservation"] or None,
                recorded_by=actor if paper else None,
            ),
            lambda _: port.notify(
                f"Underskriften fra {by}, givet på papir, er registreret af {actor}."
                if paper
                else f"{by} har underskrevet referatet."
            ),
        )

    port.form(
        "Underskriv referatet – en underskrift kan ikke fortrydes",
        [
            Field(
                "by",
                "Underskrift fra (andre end dig: givet på papir)",
                value=first,
                widget=picker(PersonPicker, [Candidate(n, note) for note, n in names]),
            ),
            Field("reservation", "Forbehold (valgfrit)"),
        ],
        sign,
        submit="Underskriv",
    )


def roles(port: MeetingPort) -> None:
    """A secretary grants or revokes the forum's roles (secretary, chair)."""
    if port.meeting is None:
        return
    forum, actor = port.meeting.state.forum, port.actor

    def change(v: dict[str, Any]) -> None:
        def work(minutes: Minutes) -> str:
            minutes.change_roles(actor, forum, v["person"], v["role"], v["grant"] == "ja")
            found = minutes.forum(forum)
            assert found is not None
            return "; ".join(
                f"{person}: {', '.join(FORUM_ROLES[r] for r in held)}"
                for person, held in sorted(found.state.roles.items())
            )

        port.store_call(work, lambda held: port.notify(held, title=f"Roller i {forum}", timeout=10))

    port.form(
        f"Roller i {forum}",
        [
            Field("person", "Navn", value=actor, widget=picker(PersonPicker, candidates(port))),
            Field(
                "role",
                "Rolle",
                "select",
                "chair",
                [(label.capitalize(), role) for role, label in FORUM_ROLES.items()],
            ),
            Field(
                "grant",
                "Giv rollen (ja) eller fjern den (nej)",
                "select",
                "ja",
                [("Giv rollen", "ja"), ("Fjern rollen", "nej")],
            ),
        ],
        change,
    )
