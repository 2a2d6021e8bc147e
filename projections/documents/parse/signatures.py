"""After the items: the signatures (Godkendelse) and the corrections (Rettelser)."""

from __future__ import annotations

import re

import msgspec

from projections.documents import interchange as ix
from projections.documents.parse.dates import moment
from projections.documents.parse.items import ends_items
from projections.documents.parse.report import fail
from projections.documents.parse.tokens import Heading, Reader
from projections.documents.render import layout as lo
from projections.documents.render import pdf as printed
from projections.documents.render import phrases

# The name ends at the first " d. " (as a lazy match would, but without trying every later
# one: that took seconds on a long line of "d."s).
_SIGNER = r"(?P<by>(?:(?! d\. ).)+) d\. "
_APPROVAL = re.compile(
    rf"^{phrases.APPROVED_BY}{_SIGNER}(?P<when>.+? kl\. [\d:]+)"
    rf"(?:{re.escape(phrases.RECORDED_BY)}(?P<recorded_by>[^)]+)\))?"
    rf"(?P<via>{re.escape(phrases.APPROVED_VIA_LINK)})?"
    rf"(?:{phrases.RESERVATION}(?P<reservation>.+))?$",
    re.DOTALL,
)
# The PDF's signature table: "Navn | Godkendt | Underskrift", one signer a row, and a
# reservation on the line under its signer.
_TABLE_ROW = re.compile(
    r"^(?P<by>.+?)\s+(?P<when>\d{1,2}\.\s*[a-zæøå]+\s+\d{4}\s+kl\.\s*[\d:]+)\s+"
    rf"(?:{re.escape(printed.ON_PAPER)}(?P<recorded_by>.+)|{re.escape(printed.SIGNED_HERE)})$"
)
_TABLE_TOP = {printed.APPROVED_INTRO, " ".join(printed.COLUMNS)}
_NOT_APPROVED = re.compile(r"^referatet er (?:endnu )?ikke godkendt\.?$", re.IGNORECASE)
_CORRECTED = re.compile(rf"^{phrases.CORRECTED_BY}{_SIGNER}(?P<when>.+? kl\. [\d:]+)$")


def read_approvals(reader: Reader, first: int) -> list[ix.Approval]:
    """The signatures under "Godkendelse": each begins "Godkendt af"; a printed page (text
    or PDF) may have wrapped one onto the next line and set several in one paragraph."""
    out: list[ix.Approval] = []
    joint = "\n" if reader.report.source == "markdown" else " "
    signatures: list[tuple[int, str]] = []
    for paragraph in reader.paragraphs():
        for offset, raw in enumerate(paragraph.lines):
            text = raw.strip()
            if text.startswith(lo.CHECKSUM_LABEL) or _NOT_APPROVED.match(text):
                continue  # the store's checkpoint, or the signature page of a draft
            if " ".join(text.split()) in _TABLE_TOP:
                continue  # the PDF's words over its table of signatures
            if text.startswith(printed.RESERVATION) and signatures:
                at, before = signatures[-1]
                reservation = text[len(printed.RESERVATION) :]
                signatures[-1] = (at, f"{before}{phrases.RESERVATION}{reservation}")
                continue
            row = _TABLE_ROW.match(" ".join(text.split()))
            if row:  # the PDF's table row, as the text export writes the signature
                text = f"{phrases.APPROVED_BY}{row['by']} d. {row['when']}" + (
                    f"{phrases.RECORDED_BY}{row['recorded_by']})" if row["recorded_by"] else ""
                )
                signatures.append((paragraph.line + offset, text))
                continue
            if text.startswith(phrases.APPROVED_BY) or not signatures or offset == 0:
                signatures.append((paragraph.line + offset, text))
            else:
                at, before = signatures[-1]
                signatures[-1] = (at, f"{before}{joint}{text}")
    for line, text in signatures:
        match = _APPROVAL.match(text)
        if not match:
            raise fail(
                line,
                "forventede en underskrift som 'Godkendt af Navn d. 11. marts 2026 kl. 09:05'",
            )
        reader.where[f"meeting.approvals[{first + len(out)}]"] = line
        out.append(
            ix.Approval(
                by=match["by"].strip(),
                at=moment(match["when"], line),
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
        if token.text == phrases.CORRECTION_OF_ALL:
            item = None
        elif token.text.startswith(phrases.CORRECTION_OF_ITEM):
            item = token.text[len(phrases.CORRECTION_OF_ITEM) :].strip()
        else:
            raise fail(token.line, f"uventet overskrift '{token.text}' blandt rettelserne")
        paragraphs = reader.paragraphs()
        by = _CORRECTED.match(paragraphs[0].text) if paragraphs else None
        reason = paragraphs[1].text if len(paragraphs) > 1 else ""
        if not by or not reason.startswith(phrases.REASON) or len(paragraphs) < 3:
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
                reason=reason[len(phrases.REASON) :].strip(),
                text="\n\n".join(p.text for p in paragraphs[2:]),
            )
        )
    return out
