"""After the items: the signatures (Godkendelse) and the corrections (Rettelser)."""

from __future__ import annotations

import re

import msgspec

from projections.documents import interchange as ix
from projections.documents.parse.dates import moment
from projections.documents.parse.items import ends_items
from projections.documents.parse.tokens import Heading, Reader, fail
from projections.documents.render import layout as lo

# The name ends at the first " d. " (as a lazy match would, but without trying every later
# one: that took seconds on a long line of "d."s).
_SIGNER = r"(?P<by>(?:(?! d\. ).)+) d\. "
_APPROVAL = re.compile(
    rf"^{lo.APPROVED_BY}{_SIGNER}(?P<when>.+? kl\. [\d:]+)"
    rf"(?:{re.escape(lo.RECORDED_BY)}(?P<recorded_by>[^)]+)\))?"
    rf"(?P<via>{re.escape(lo.APPROVED_VIA_LINK)})?"
    rf"(?:{lo.RESERVATION}(?P<reservation>.+))?$",
    re.DOTALL,
)
_NOT_APPROVED = re.compile(r"^referatet er (?:endnu )?ikke godkendt\.?$", re.IGNORECASE)
_CORRECTED = re.compile(rf"^{lo.CORRECTED_BY}{_SIGNER}(?P<when>.+? kl\. [\d:]+)$")


def read_approvals(reader: Reader, first: int) -> list[ix.Approval]:
    out: list[ix.Approval] = []
    for paragraph in reader.paragraphs():
        if paragraph.text.startswith(lo.CHECKSUM_LABEL):
            continue  # the store's checkpoint as exported: not part of the minutes
        if _NOT_APPROVED.match(paragraph.text):
            continue  # the PDF's signature page of minutes not yet approved
        match = _APPROVAL.match(paragraph.text)
        if not match:
            raise fail(
                paragraph.line,
                "forventede en underskrift som 'Godkendt af Navn d. 11. marts 2026 kl. 09:05'",
            )
        reader.where[f"meeting.approvals[{first + len(out)}]"] = paragraph.line
        out.append(
            ix.Approval(
                by=match["by"].strip(),
                at=moment(match["when"], paragraph.line),
                reservation=match["reservation"],
                recorded_by=match["recorded_by"] or msgspec.UNSET,
                via="link" if match["via"] else msgspec.UNSET,
            )
        )
    return out


def read_corrections(reader: Reader, first: int) -> list[ix.Correction]:
    out: list[ix.Correction] = []
    if stray := reader.paragraphs():
        raise fail(stray[0].line, "forventede en overskrift som '### Rettelse af punkt 2'")
    while (token := reader.peek()) is not None and not ends_items(token):
        assert isinstance(token, Heading)
        reader.advance()
        if token.text == lo.CORRECTION_OF_ALL:
            item = None
        elif token.text.startswith(lo.CORRECTION_OF_ITEM):
            item = token.text[len(lo.CORRECTION_OF_ITEM) :].strip()
        else:
            raise fail(token.line, f"uventet overskrift '{token.text}' blandt rettelserne")
        paragraphs = reader.paragraphs()
        by = _CORRECTED.match(paragraphs[0].text) if paragraphs else None
        reason = paragraphs[1].text if len(paragraphs) > 1 else ""
        if not by or not reason.startswith(lo.REASON) or len(paragraphs) < 3:
            raise fail(
                token.line,
                "en rettelse skal have 'Rettet af Navn d. …', 'Begrundelse: …' og en tekst",
            )
        reader.where[f"meeting.corrections[{first + len(out)}]"] = token.line
        out.append(
            ix.Correction(
                by=by["by"].strip(),
                at=moment(by["when"], paragraphs[0].line),
                item=item,
                reason=reason[len(lo.REASON) :].strip(),
                text="\n\n".join(p.text for p in paragraphs[2:]),
            )
        )
    return out
