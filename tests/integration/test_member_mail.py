"""The members' mail through a real SMTP server (aiosmtpd), on both stores: the agenda to
three members, each with their PDF and personal link; a member inhabil on a closed item
gets none of its content; a mail that cannot be delivered is shown and sent again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from pypdf import PdfReader

from domain.application import Minutes
from domain.forum.state import Member
from domain.meeting.member_links import token_hash
from projections.documents import interchange as ix
from projections.documents.parse.markdown import decode as decode_markdown
from projections.documents.referat import digest, document
from projections.documents.render import markdown
from projections.importing.document import import_document
from projections.mail.mailing import send
from projections.readmodels.runner import ReadModels
from projections.store.connect import open_minutes
from tests.members import (
    FORUM,
    MEMBERS,
    SECRET,
    SECRETARY,
    free_port,
    hold,
    link_in,
    meeting_with_members,
    pdf_text,
    smtp_server,
)


def test_the_agenda_goes_to_three_members_and_the_inhabil_one_reads_nothing_closed(
    minutes: Minutes,
) -> None:
    mid = meeting_with_members(minutes)
    with smtp_server() as (inbox, url):
        results = send(minutes, mid, SECRETARY, "dagsorden", env={"CHEFFORUM_SMTP_URL": url})
    assert [r.error for r in results] == [None, None, None]
    assert len(inbox.mails) == 3
    links = set()
    for name, address in MEMBERS.items():
        mail = inbox.to(address)
        assert mail["Subject"] == "Dagsorden: Teknik- og Miljøudvalget 18. november 2026"
        assert name in str(mail["To"])
        text = pdf_text(mail)
        assert "Vejplan for bymidten" in text and "Salg af grund" in text
        if name == "Bo Lind":  # inhabil on the closed item: its title only
            assert "4,2 mio" not in text and "Nordbyg" not in text
        else:
            assert "4,2 mio" in text, name
        links.add(link_in(mail))
    assert len(links) == 3  # one personal link each
    state = minutes.get(mid).state
    # Only the hashes are kept, never a token.
    tokens = {link.rsplit("/", 1)[1] for link in links}
    assert {link.token_hash for link in state.links} == {token_hash(t) for t in tokens}
    assert not any(t in repr(state) for t in tokens)
    log = [e.description for e in ReadModels.of(minutes).audit(mid)]
    for name, address in MEMBERS.items():
        assert f"{SECRETARY} sendte dagsordenen til {name} <{address}>" in log
    assert SECRET not in " ".join(str(m) for m in inbox.mails if "bo.lind" in str(m["To"]))


def test_a_mail_that_cannot_be_delivered_is_shown_and_sent_again(minutes: Minutes) -> None:
    mid = meeting_with_members(minutes)
    nobody = f"smtp://127.0.0.1:{free_port()}"  # nothing listens there
    results = send(minutes, mid, SECRETARY, "dagsorden", env={"CHEFFORUM_SMTP_URL": nobody})
    assert all(r.error for r in results)
    state = minutes.get(mid).state
    assert [m.delivered for m in state.mails] == [False, False, False]
    log = [e.description for e in ReadModels.of(minutes).audit(mid)]
    assert any(d.startswith(f"{SECRETARY} kunne ikke sende dagsordenen til Bo Lind") for d in log)
    with smtp_server() as (inbox, url):
        again = send(
            minutes, mid, SECRETARY, "dagsorden", to=("Bo Lind",), env={"CHEFFORUM_SMTP_URL": url}
        )
    assert [r.error for r in again] == [None]
    assert len(inbox.mails) == 1
    assert minutes.get(mid).state.mails[-1].delivered


def _cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chefforum_tui.cli", "--db", str(tmp_path / "events.db"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "CHEFFORUM_ACTOR": SECRETARY, **env},
        check=False,
    )


def test_without_smtp_the_mails_are_eml_files_and_sending_is_on_the_command_line(
    tmp_path: Path,
) -> None:
    post = tmp_path / "post"
    env = {"CHEFFORUM_MAIL_DIR": str(post), "CHEFFORUM_SITE_URL": "https://referater.example.dk"}
    ref = "Udvalget/2026-12-01"
    assert _cli(tmp_path, "new", "Udvalget", "2026-12-01").returncode == 0
    bad = _cli(tmp_path, "add-participant", ref, "Ib Holm", "--email", "ib-at-example")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1, bad.stderr
    assert "ikke en e-mailadresse" in bad.stderr
    assert (
        _cli(tmp_path, "add-participant", ref, "Ib Holm", "--email", "ib@example.dk").returncode
        == 0
    )
    assert _cli(tmp_path, "add-participant", ref, "Uden Post").returncode == 0
    early = _cli(tmp_path, "send", ref, "dagsorden", **env)
    assert early.returncode == 1 and "chefforum publish" in early.stderr
    assert _cli(tmp_path, "publish", ref).returncode == 0
    sent = _cli(tmp_path, "send", ref, "dagsorden", **env)
    # The member without an address is named, and the command says it was not complete.
    assert sent.returncode == 1, sent.stderr
    assert "IKKE sendt til Uden Post: ingen e-mailadresse" in sent.stdout
    files = list(post.glob("*.eml"))
    assert len(files) == 1 and oct(files[0].stat().st_mode & 0o777) == "0o600"
    mail = message_from_bytes(files[0].read_bytes(), policy=default)
    assert "ib@example.dk" in str(mail["To"])
    assert "https://referater.example.dk/medlem/" in link_in(mail)
    log = _cli(tmp_path, "log", ref).stdout
    assert "sendte dagsordenen til Ib Holm <ib@example.dk>" in log
    token = link_in(mail).rsplit("/", 1)[1]
    assert token not in log and token not in sent.stdout
    revoked = _cli(tmp_path, "links", "revoke", ref, "--member", "Ib Holm")
    assert revoked.stdout.strip() == "1 link(s) trukket tilbage."
    assert "trukket tilbage" in _cli(tmp_path, "links", "show", ref).stdout
    days = _cli(tmp_path, "forum", "settings", "Udvalget", "--agenda-days", "7")
    assert "Dagsorden udsendes: 7 dage før mødet" in days.stdout
    wrong = _cli(tmp_path, "forum", "settings", "Udvalget", "--agenda-days", "-1")
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1, wrong.stderr


def test_the_draft_after_the_meeting_and_a_reminder_to_those_who_have_not_signed(
    minutes: Minutes,
) -> None:
    mid = meeting_with_members(minutes)
    hold(minutes, mid)
    minutes.sign_minutes(mid, "Anne Holm", "Anne Holm", digest)
    with smtp_server() as (inbox, url):
        send(minutes, mid, SECRETARY, "påmindelse", env={"CHEFFORUM_SMTP_URL": url})
    assert sorted(str(m["To"]) for m in inbox.mails) == [
        "Bo Lind <bo.lind@example.dk>",
        "Cecilie Ravn <cecilie.ravn@example.dk>",
    ]
    assert inbox.mails[0]["Subject"].startswith("Påmindelse: godkend referatet")
    text = pdf_text(inbox.to("bo.lind"))
    assert "Salget blev godkendt" not in text and "Godkendt." in text


def test_the_approval_sheet_lists_who_approved_how_and_who_has_not(tmp_path: Path) -> None:
    store = str(tmp_path / "events.db")
    app = open_minutes(store)
    mid = meeting_with_members(app)
    hold(app, mid)
    token, _ = app.issue_member_link(mid, SECRETARY, "Bo Lind", "udkast", datetime.now(UTC), 14)
    app.approve_via_link(mid, token, "Forbehold for punkt 1.", digest, datetime.now(UTC))
    app.sign_minutes(mid, SECRETARY, "Anne Holm", digest)  # given on paper
    app.close()
    ref = "Teknik- og Miljøudvalget/2026-11-18"
    sheet = _cli(tmp_path, "export", ref, "--format", "godkendelse")
    assert sheet.returncode == 0, sheet.stderr
    lines = sheet.stdout.splitlines()
    assert lines[0] == "GODKENDELSE AF REFERAT: Teknik- og Miljøudvalget 18. november 2026"
    bo = next(i for i, line in enumerate(lines) if line.startswith("Bo Lind: "))
    assert lines[bo].endswith("; Godkendt via personligt link")
    assert lines[bo + 1] == "  Med forbehold: Forbehold for punkt 1."
    assert any(
        line.startswith("Anne Holm: ") and line.endswith("På papir, registreret af Karen Dahl")
        for line in lines
    )
    assert lines[lines.index("Endnu ikke godkendt af") + 2] == "Cecilie Ravn"
    assert any(line.startswith("Kontrolsum: ") for line in lines)
    out = tmp_path / "godkendelse.pdf"
    assert _cli(tmp_path, "export", ref, "--format", "godkendelse", "-o", str(out)).returncode == 0
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Godkendt via personligt link" in text and "Cecilie Ravn" in text
    assert "Kontrolsum: " in text


def test_via_link_is_written_and_read_back_in_json_and_markdown(
    minutes: Minutes, tmp_path: Path
) -> None:
    mid = meeting_with_members(minutes)
    hold(minutes, mid)
    now = datetime.now(UTC)
    token, _ = minutes.issue_member_link(mid, SECRETARY, "Bo Lind", "udkast", now, 14)
    assert minutes.remark_via_link(mid, token, "1", "mindretalsudtalelse", "Imod.", now)
    assert minutes.approve_via_link(mid, token, None, digest, now)
    doc = document(minutes.get(mid).state)
    data = ix.encode(doc)
    assert b'"recorded_by"' not in data  # only what is set is written
    assert json.loads(data)["meeting"]["approvals"][0]["via"] == "link"
    assert json.loads(data)["meeting"]["items"][0]["remarks"][0]["via"] == "link"
    back = decode_markdown(markdown.render(doc))
    assert ix.encode(back) == data
    other = open_minutes(str(tmp_path / "other.db"))
    try:
        again, _ = import_document(other, ix.decode(data), SECRETARY)
        state = other.get(again).state
        assert [a.via for a in state.approvals] == ["link"]
        assert [r.via for r in state.items[0].remarks] == ["link"]
    finally:
        other.close()


def test_a_participant_without_an_address_gets_the_forum_members(minutes: Minutes) -> None:
    mid = meeting_with_members(minutes)
    minutes.add_participant(mid, SECRETARY, "Dan Berg", role="substitute")
    minutes.set_forum_member(SECRETARY, FORUM, Member(name="Dan Berg", email="dan@example.dk"))
    addresses = {p.name: a for p, a in minutes.recipients(mid)}
    assert addresses["Dan Berg"] == "dan@example.dk"
    assert addresses["Bo Lind"] == MEMBERS["Bo Lind"]  # the participant's own comes first


def test_the_agenda_mail_carries_the_bilag_a_member_may_read_and_links_the_rest(
    minutes: Minutes,
) -> None:
    """Small Bilag ride in the mail; one past the limit is named with its public address;
    a Bilag of the closed item goes to those entitled to it, never to the inhabil member."""
    from projections.files.inspect import inspect

    mid = meeting_with_members(minutes)
    budget = b"Budget 2027 for vejene.\n" * 10
    minutes.attach_file(mid, SECRETARY, "1", "Budgetnotat", inspect(budget, "budget.txt"))
    plan = b"Lokalplanens kort og tekst.\n" * 100  # 2.7 kB: over the limit below
    minutes.attach_file(mid, SECRETARY, "1", "Lokalplan", inspect(plan, "plan.txt"))
    offer = f"Tilbud: {SECRET}\n".encode()
    minutes.attach_file(mid, SECRETARY, "2", "Tilbud fra køber", inspect(offer, "tilbud.txt"))
    env = {"CHEFFORUM_MAIL_BILAG_MB": "0.001", "CHEFFORUM_SITE_URL": "https://referat.example.dk"}
    with smtp_server() as (inbox, url):
        send(minutes, mid, SECRETARY, "dagsorden", env={**env, "CHEFFORUM_SMTP_URL": url})

    def carried(mail: EmailMessage) -> dict[str | None, str]:
        """The mail's text attachments by file name, decoded (get_content gives str)."""
        return {
            part.get_filename(): part.get_content()
            for part in mail.iter_attachments()
            if part.get_content_type() != "application/pdf"
        }

    anne = inbox.to(MEMBERS["Anne Holm"])
    files = carried(anne)
    assert files["Budgetnotat.txt"].encode() == budget
    assert SECRET in files["Tilbud fra køber.txt"]
    assert "Lokalplan.txt" not in files  # over the limit: named with its address instead
    body = anne.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    state = minutes.get(mid).state
    sha = next(a.sha256 for i in state.items for a in i.attachments if a.name == "Lokalplan")
    assert (
        "Lokalplan (" in body and f"https://referat.example.dk/moede/{mid.hex}/bilag/{sha}" in body
    )
    assert "Budgetnotat" in body and "vedhæftet" in body

    bo = inbox.to(MEMBERS["Bo Lind"])  # inhabil on the closed item
    assert set(carried(bo)) == {"Budgetnotat.txt"}
    assert "Tilbud" not in str(bo) and SECRET not in str(bo)
