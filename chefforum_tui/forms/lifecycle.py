"""The meeting as a whole: its details, the forum's roles, and the steps from agenda to
signed referat (publish, start, end, sign)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field
from domain.application import Minutes
from domain.forum import FORUM_ROLES
from domain.meeting.aggregate import signers
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


def start(port: MeetingPort) -> None:
    mid, actor = port.meeting_id, port.actor
    port.confirm(
        "Start mødet nu?",
        lambda: port.save(
            lambda minutes: minutes.start_meeting(mid, actor),
            lambda _: port.notify("Mødet er startet."),
        ),
    )


def end(port: MeetingPort) -> None:
    mid, actor = port.meeting_id, port.actor
    now = datetime.now().time().replace(second=0, microsecond=0)
    port.confirm(
        "Afslut mødet? Derefter kan referatet godkendes.",
        lambda: port.save(
            lambda minutes: minutes.end_meeting_now(mid, actor, now),
            lambda _: port.notify("Mødet er afsluttet."),
        ),
    )


def approve(port: MeetingPort) -> None:
    """One member signs; the choice offers those who may still sign (the domain decides)."""
    if port.meeting is None:
        return
    names: list[tuple[str, Any]] = [(p.name, p.name) for p in signers(port.meeting.state)]
    if not names:
        port.notify(
            "Der er ingen tilstedeværende medlemmer, der mangler at underskrive.",
            severity="warning",
        )
        return
    mid, actor = port.meeting_id, port.actor
    port.form(
        "Godkend referatet – en underskrift kan ikke fortrydes",
        [
            Field("by", "Underskrives af", "select", names[0][1], names),
            Field("reservation", "Forbehold (valgfrit)"),
        ],
        lambda v: port.save(
            lambda minutes: minutes.sign_minutes(
                mid, actor, v["by"], digest, v["reservation"] or None
            ),
            lambda _: port.notify(f"{v['by']} har underskrevet referatet."),
        ),
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
            Field("person", "Navn", value=actor),
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
