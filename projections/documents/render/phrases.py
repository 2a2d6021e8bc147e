"""Every phrase a printed referat says, in one place, so the renderers and the reader
(projections/documents/parse) agree: the title words, the header's field labels, the
headings of an item and the words of its lines, the signatures and corrections."""

from __future__ import annotations

from domain.meeting.state import Attendance, ItemKind, Role

REFERAT = "REFERAT"
# Under the title of a referat that nobody has signed yet, in every format but JSON
# (whose keys the interchange format fixes): printed, it is not taken for the minutes.
DRAFT = "UDKAST"
DRAFT_MARK = f"{DRAFT} – ikke godkendt"
AGENDA = "DAGSORDEN"
DOCUMENT_TITLES = {"referat": REFERAT, "beslutningsprotokol": "BESLUTNINGSPROTOKOL"}

# Header fields, in printed order.
F_ORGANISATION = "Organisation"
F_DATE = "Mødedato"
F_PLACE = "Mødested"
F_PRESENT = "Mødedeltagere"
F_EXCUSED = "Afbud"
F_ABSENT = "Fraværende"
F_CHAIR = "Formand"
F_SECRETARY = "Referent"
F_GUESTS = "Gæster"
F_SUBSTITUTES = "Stedfortrædere"
F_PARTIES = "Partier"
F_KIND = "Mødetype"
F_REMARKS = "Bemærkninger"
MEETING_KIND_LABELS = {
    "ordinært": "Ordinært møde",
    "ekstraordinært": "Ekstraordinært møde",
    "tillæg": "Tillægsdagsorden",
}
ATTENDANCE_FIELDS: dict[Attendance, str] = {
    "present": F_PRESENT,
    "excused": F_EXCUSED,
    "absent": F_ABSENT,
}
ROLE_FIELDS: dict[Role, str] = {
    "chair": F_CHAIR,
    "secretary": F_SECRETARY,
    "guest": F_GUESTS,
    "substitute": F_SUBSTITUTES,
}

H_TOC = "Indholdsfortegnelse"
H_RECOMMENDATION = "Indstilling"
H_CASE = "Sagsfremstilling"
H_EARLIER = "Tidligere beslutninger"
H_DECISION = "Beslutning"
H_ATTACHMENTS = "Bilag"
H_APPROVALS = "Godkendelse"
H_CORRECTIONS = "Rettelser"

KIND_LABELS: dict[ItemKind, str] = {
    "orientering": "Orienteringspunkt",
    "drøftelse": "Drøftelsespunkt",
    "beslutning": "Beslutningspunkt",
}
SUPPLEMENTARY = "tillægspunkt"
CLOSED_ATTACHMENT = "(lukket bilag)"
NOBODY_RECOMMENDS = "Det indstilles,"
RECOMMENDS = " indstiller,"
REMARK = "Protokolbemærkning fra "
ABSENCE = "Fraværende: "
SUBSTITUTE = ", stedfortræder: "
APPROVED_BY = "Godkendt af "
RESERVATION = ", med forbehold: "
RECORDED_BY = " (givet på papir, registreret af "
CORRECTED_BY = "Rettet af "
REASON = "Begrundelse: "
CORRECTION_OF_ITEM = "Rettelse af punkt "
CORRECTION_OF_ALL = "Rettelse af referatet"
POSTPONED = "Udsat"
POSTPONED_TO = "Punktet er flyttet til "
CARRIED_FROM = "Udsat fra "
WITHDRAWN = "Punktet blev trukket"
REMARK_LABELS = {
    "protokolbemærkning": "Protokolbemærkning fra ",
    "mindretalsudtalelse": "Mindretalsudtalelse fra ",
}
ENTERED_BY = " (indført af "
# A signature or remark the member gave through their personal link (spec: `via`).
APPROVED_VIA_LINK = " (godkendt via personligt link)"
ENTERED_VIA_LINK = " (indført via personligt link)"
MOTION = "Afstemning om "
MOTION_BY = "forslag fra "
RESULT_LABELS = {"vedtaget": "Vedtaget", "forkastet": "Forkastet"}
