"""Mail to the members from the meeting screen (`M`): the agenda, the draft, the approved
minutes or a reminder, each member their own mail and personal link (projections/mail).
A mail that could not be delivered is named, to be sent again."""

from __future__ import annotations

from datetime import date

from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field
from domain.application import Minutes
from projections.mail.deadline import agenda_late
from projections.mail.mailing import Sent, send

KINDS = [
    ("Dagsordenen", "dagsorden"),
    ("Udkast til referat", "udkast"),
    ("Påmindelse om at godkende", "påmindelse"),
    ("Det godkendte referat", "referat"),
]


def _default(port: MeetingPort) -> str:
    status = port.meeting.state.status if port.meeting is not None else "draft"
    return {"ended": "udkast", "approved": "referat"}.get(status, "dagsorden")


def send_mail(port: MeetingPort) -> None:
    mid, actor = port.meeting_id, port.actor

    def sent(results: list[Sent]) -> None:
        failed = [r for r in results if r.error is not None]
        done = len(results) - len(failed)
        if failed:
            names = "; ".join(f"{r.name}: {r.error}" for r in failed)
            port.notify(
                f"Sendt til {done}. IKKE sendt til {names}. Send igen med M.",
                severity="error",
                timeout=30,
            )
        else:
            port.notify(f"Sendt til {done} medlem(mer).")

    def chosen(values: dict[str, object]) -> None:
        kind = str(values["kind"])
        port.save(lambda minutes: send(minutes, mid, actor, kind), sent)

    port.form(
        "Send til medlemmerne (hver med sit personlige link)",
        [Field("kind", "Hvad", "select", _default(port), KINDS)],
        chosen,
        submit="Send",
    )


def late_warning(minutes: Minutes, port: MeetingPort, today: date) -> str | None:
    """The warning when the agenda should have gone out to the members by now."""
    if port.meeting is None:
        return None
    state = port.meeting.state
    return agenda_late(state, minutes.forum(state.forum), today)
