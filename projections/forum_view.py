"""A forum as text: its roles, members, template, standing items and settings, as the
CLI (`chefforum forum show`) and the TUI's forum screen show them."""

from __future__ import annotations

from domain.application import Minutes
from domain.forum.aggregate import Forum
from domain.forum.standing import StandingItem
from domain.forum.state import FORUM_ROLES, NUMBERING_LABELS, ForumSettings, Member
from domain.forum.template import template_for


def member_line(m: Member) -> str:
    text = m.name
    details = [d for d in (m.title, m.party) if d]
    if details:
        text += f" ({', '.join(details)})"
    if m.email:
        text += f" <{m.email}>"
    text += f", {m.role}"
    if m.substitutes:
        text += f"; stedfortrædere: {', '.join(m.substitutes)}"
    return text


def standing_line(place: str, item: StandingItem | None, chosen: bool = True) -> str:
    label = "Første punkt" if place == "first" else "Sidste punkt"
    if not chosen:
        return f"{label}: ikke valgt (som på forummets seneste møde)"
    if item is None:
        return f"{label}: intet"
    text = f"{label}: {item.title}"
    if item.kind:
        text += f" ({item.kind})"
    if item.recommendation:
        text += f"; indstilling: {item.recommendation}"
    return text


def settings_lines(s: ForumSettings) -> list[str]:
    times = "-".join(f"{t:%H:%M}" for t in (s.start, s.end) if t is not None)
    return [
        f"Organisation: {s.organisation or '-'}",
        f"Mødested: {s.place or '-'}",
        f"Mødetid: {times or '-'}",
        f"Tidszone: {s.time_zone}",
        f"Dokument: {s.document}",
        f"Nummerering: {s.numbering} ({NUMBERING_LABELS[s.numbering]})",
        # Shown when set (the forum screen's pictures stay as they were otherwise).
        *([f"Dagsorden udsendes: {s.agenda_days} dage før mødet"] if s.agenda_days != 4 else []),
    ]


def forum_lines(minutes: Minutes, forum: Forum) -> list[str]:
    s = forum.state
    lines = [s.name]
    for person, roles in sorted(s.roles.items()):
        lines.append(f"Rolle: {person}: {', '.join(FORUM_ROLES[r] for r in roles)}")
    lines.extend(f"Medlem: {member_line(member)}" for member in s.members)
    sections = tuple(s.sections) or template_for(minutes, s.name).sections
    lines.append(f"Afsnit: {', '.join(sections)}")
    lines.append(standing_line("first", s.standing_first, "first" in s.standing_set))
    lines.append(standing_line("last", s.standing_last, "last" in s.standing_set))
    lines.extend(settings_lines(s.settings))
    return lines
