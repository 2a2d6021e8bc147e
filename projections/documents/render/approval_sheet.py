"""The approval sheet (`chefforum export MØDE --format godkendelse`): who approved the
minutes, when and how (in chefforum, on paper, through their personal link), with their
reservations, who has not yet, and the Kontrolsum of the last signature. As text, and as
a PDF typeset by the referat's Typst template (its title, header fields and signature
page, nothing of the items)."""

from __future__ import annotations

from typing import Any

import msgspec

from domain.meeting.state import MeetingState
from domain.text import nfc
from projections.documents import interchange as ix
from projections.documents.referat import document
from projections.documents.render import layout as lo
from projections.documents.render import pdf, phrases, printed_dates

TITLE = "GODKENDELSE AF REFERAT"
H_PENDING = "Endnu ikke godkendt af"
NOBODY_PENDING = "Alle medlemmer, der var til stede, har godkendt referatet."


def how(a: ix.Approval) -> str:
    if a.recorded_by:
        return pdf.ON_PAPER + a.recorded_by
    if ix.given(a.via, None) == "link":
        return pdf.VIA_LINK
    return pdf.SIGNED_HERE


def _title(m: ix.Meeting) -> str:
    return f"{TITLE}: {m.forum} {printed_dates.long_date(m.date)}"


def text(doc: ix.Document, pending: list[str]) -> str:
    m = doc.meeting
    zone = ix.given(m.time_zone, None)
    title = _title(m)
    lines = [title, "=" * len(title), ""]
    lines += [f"{f.label}: {f.value}" for f in lo.header(m) if isinstance(f, lo.Field)]
    lines += ["", phrases.H_APPROVALS, "-" * len(phrases.H_APPROVALS)]
    if not m.approvals:
        lines.append(pdf.NOT_APPROVED)
    for a in m.approvals:
        lines.append(f"{a.by}: {printed_dates.moment(a.at, zone)}; {how(a)}")
        if a.reservation:
            lines.append(f"  {pdf.RESERVATION}{a.reservation}")
    lines += ["", H_PENDING, "-" * len(H_PENDING)]
    lines += pending or [NOBODY_PENDING]
    checksum = lo.CHECKSUM.get()
    if checksum and m.approvals:
        lines += ["", lo.CHECKSUM_LABEL + checksum]
    return "\n".join(lines) + "\n"


def render_pdf(doc: ix.Document, pending: list[str]) -> bytes:
    m = doc.meeting
    signatures: dict[str, Any] = pdf._signatures(m)
    blocks: list[dict[str, Any]] = [
        {"kind": "fields", "rows": [{"label": f.label, "value": f.value}]}
        for f in lo.header(m)
        if isinstance(f, lo.Field)
    ]
    if blocks:
        rows = [row for block in blocks for row in block["rows"]]
        blocks = [{"kind": "fields", "rows": rows}]
    blocks = [
        {"kind": "title", "text": _title(m)},
        *blocks,
        signatures,
        {"kind": "heading", "text": H_PENDING, "level": 2},
        {"kind": "para", "lines": pending or [NOBODY_PENDING]},
    ]
    data = {"title": _title(m), "words": {"page": pdf.PAGE, "of": pdf.OF}, "blocks": blocks}
    inputs = {"referat": nfc(msgspec.json.encode(data).decode("utf-8"))}
    import typst  # loaded only when a sheet is typeset (as in pdf.py)

    out = typst.compile(
        pdf._template(),
        sys_inputs=inputs,
        ignore_system_fonts=True,
        format="pdf",
        pdf_standards="ua-1",
    )
    assert isinstance(out, bytes)
    return out


def render(state: MeetingState, pending: list[str], fmt: str, checksum: str | None) -> bytes:
    """The sheet as a PDF (fmt "pdf") or as text; checksum: the Kontrolsum to print."""
    doc = document(state)
    token = lo.CHECKSUM.set(checksum)
    try:
        if fmt == "pdf":
            return render_pdf(doc, pending)
        return text(doc, pending).encode("utf-8")
    finally:
        lo.CHECKSUM.reset(token)
