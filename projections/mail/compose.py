"""One member's mail: a short Danish text, their personal link and the PDF as they may
read it. Members read the internal version, except a closed item's content, which goes
only to those entitled to it and never to a member recorded as inhabil on that item."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import msgspec

from domain.meeting.state import MeetingState, Participant
from projections.documents import interchange as ix
from projections.documents.referat import agenda, document
from projections.documents.render import pdf
from projections.documents.render.printed_dates import long_date
from projections.mail.bilag import MailFile, bilag_lines

# Participants who may read closed items (a guest is not).
ENTITLED_ROLES = ("member", "chair", "secretary", "substitute")
SUBJECTS = {
    "dagsorden": "Dagsorden",
    "udkast": "Udkast til referat",
    "referat": "Referat",
    "påmindelse": "Påmindelse: godkend referatet",
}
BODIES = {
    "dagsorden": "Hermed dagsordenen til mødet. Den er vedhæftet som PDF.",
    "udkast": (
        "Hermed udkastet til referatet af mødet, vedhæftet som PDF. Gennem dit personlige "
        "link kan du godkende det, godkende med forbehold, eller skrive en "
        "protokolbemærkning eller mindretalsudtalelse til et punkt."
    ),
    "referat": "Hermed det godkendte referat af mødet, vedhæftet som PDF.",
    "påmindelse": (
        "Du har endnu ikke godkendt referatet af mødet. Udkastet er vedhæftet som PDF; "
        "du godkender det gennem dit personlige link."
    ),
}


def entitled(member: Participant) -> bool:
    """Whether the member may read closed content at all (a guest may not)."""
    return member.role in ENTITLED_ROLES


def hidden_from(item: ix.Item, member: Participant) -> bool:
    """Whether a closed item's content is kept from this member."""
    if not item.closed:
        return False
    if not entitled(member):
        return True
    return any(a.name == member.name and a.reason == "inhabil" for a in item.absent)


def member_document(state: MeetingState, member: Participant, kind: str) -> ix.Document:
    """The referat (or, for the agenda, the dagsorden) as this member may read it."""
    doc = document(state)
    items = [
        ix.Item(number=item.number, title=item.title, closed=True, status=item.status)
        if hidden_from(item, member)
        else item
        for item in doc.meeting.items
    ]
    hidden = any(a is not b for a, b in zip(doc.meeting.items, items, strict=True))
    meeting = msgspec.structs.replace(doc.meeting, items=items)
    if hidden:  # a correction of a hidden item would tell its content
        meeting = msgspec.structs.replace(meeting, corrections=[])
    doc = msgspec.structs.replace(doc, meeting=meeting)
    return agenda(doc) if kind == "dagsorden" else doc


def file_name(state: MeetingState, kind: str) -> str:
    what = "dagsorden" if kind == "dagsorden" else "referat"
    return f"{what}-{state.date.isoformat()}.pdf"


def compose(
    state: MeetingState,
    member: Participant,
    address: str,
    kind: str,
    link: str | None,
    sender: str,
    pdf_bytes: bytes,
    files: Sequence[MailFile] = (),
) -> EmailMessage:
    msg = EmailMessage()
    title = f"{state.forum} {long_date(state.date)}"
    msg["Subject"] = f"{SUBJECTS[kind]}: {title}"
    msg["From"] = sender
    msg["To"] = Address(display_name=member.name, addr_spec=address)
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain="chefforum")
    lines = [f"Kære {member.name}", "", BODIES[kind], "", f"Møde: {title}"]
    if state.place:
        lines.append(f"Sted: {state.place}")
    if link is not None:
        lines += [
            "",
            "Dit personlige link (del det ikke med andre; det er dit og kun til dette møde):",
            link,
        ]
    lines += bilag_lines(list(files))
    lines += ["", "Venlig hilsen", "Sekretariatet", ""]
    msg.set_content("\n".join(lines))
    msg.add_attachment(
        pdf_bytes, maintype="application", subtype="pdf", filename=file_name(state, kind)
    )
    for f in files:
        if f.data is not None:
            maintype, _, subtype = f.media_type.partition("/")
            msg.add_attachment(
                f.data,
                maintype=maintype or "application",
                subtype=subtype or "octet-stream",
                filename=f.file_name,
                # Content is sniffed as text only when it is UTF-8 (files/inspect.py).
                params={"charset": "utf-8"} if maintype == "text" else None,
            )
    return msg


def render_pdf(state: MeetingState, member: Participant, kind: str) -> bytes:
    return pdf.render(member_document(state, member, kind), agenda=kind == "dagsorden")
