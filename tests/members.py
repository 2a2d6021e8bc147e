"""A meeting with three members who have e-mail addresses, a closed item with content and
a member inhabil on it; a real SMTP server (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

import email
import os
import re
import signal
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, time
from email.message import EmailMessage
from email.policy import default
from io import BytesIO
from pathlib import Path
from time import monotonic, sleep
from uuid import UUID

import httpx
from aiosmtpd.controller import Controller
from pypdf import PdfReader

from domain.application import Minutes
from projections.mail.mailing import send
from tests.site_server import CHEFFORUM

SECRETARY = "Karen Dahl"
FORUM = "Teknik- og Miljøudvalget"
MEMBERS = {
    "Anne Holm": "anne.holm@example.dk",
    "Bo Lind": "bo.lind@example.dk",
    "Cecilie Ravn": "cecilie.ravn@example.dk",
}
SECRET = "Grunden sælges for 4,2 mio. kr. til Nordbyg A/S"
LINK = re.compile(r"https?://\S+/medlem/[0-9a-f]{32}/[A-Za-z0-9_-]{43,}")


def meeting_with_members(app: Minutes, day: date = date(2026, 11, 18)) -> UUID:
    mid = app.schedule(SECRETARY, FORUM, day, start=time(16), place="Mødelokale 1")
    app.change_roles(SECRETARY, FORUM, SECRETARY, "chair", grant=True)
    app.add_participant(mid, SECRETARY, "Anne Holm", role="chair", email=MEMBERS["Anne Holm"])
    app.add_participant(mid, SECRETARY, "Bo Lind", email=MEMBERS["Bo Lind"])
    app.add_participant(mid, SECRETARY, "Cecilie Ravn", email=MEMBERS["Cecilie Ravn"])
    app.add_agenda_item(mid, SECRETARY, "Vejplan for bymidten")
    app.write_section(mid, SECRETARY, "1", "Sagsfremstilling", "Planen omfatter tre gader.")
    app.add_agenda_item(mid, SECRETARY, "Salg af grund", closed=True)
    app.write_section(mid, SECRETARY, "2", "Sagsfremstilling", SECRET)
    app.record_member_absence(mid, SECRETARY, "2", "Bo Lind", "inhabil")
    app.publish_agenda(mid, SECRETARY)
    return mid


def hold(app: Minutes, mid: UUID) -> None:
    app.start_meeting(mid, SECRETARY, time(16))
    app.record_decision(mid, SECRETARY, "1", "Godkendt.")
    app.record_decision(mid, SECRETARY, "2", "Salget blev godkendt.")
    app.end_meeting(mid, SECRETARY, time(17))


@dataclass
class Inbox:
    mails: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        content: bytes = envelope.content  # type: ignore[attr-defined]
        self.mails.append(email.message_from_bytes(content, policy=default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> EmailMessage:
        found = [m for m in self.mails if address in str(m["To"])]
        assert len(found) == 1, [str(m["To"]) for m in self.mails]
        return found[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, str]]:
    """A real SMTP server on 127.0.0.1; yields its inbox and CHEFFORUM_SMTP_URL."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, f"smtp://127.0.0.1:{port}"
    finally:
        controller.stop()


def pdf_text(msg: EmailMessage) -> str:
    parts = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert len(parts) == 1
    data = parts[0].get_content()
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)


def link_in(msg: EmailMessage) -> str:
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None
    found = LINK.search(body.get_content())
    assert found is not None
    return found.group(0)


@contextmanager
def serving_logged(store: str, log: Path) -> Iterator[str]:
    """`chefforum serve` with everything it prints (stdout and stderr) kept in `log`."""
    port = free_port()
    env = {**os.environ, "CHEFFORUM_ACTOR": "Webserver"}
    with log.open("w") as out:
        process = subprocess.Popen(
            [CHEFFORUM, "--db", store, "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = monotonic() + 30
            while True:
                assert process.poll() is None, log.read_text()
                try:
                    httpx.get(base + "/site.css", timeout=2)
                    break
                except httpx.TransportError:
                    assert monotonic() < deadline
                    sleep(0.1)
            yield base
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def drafts(app: Minutes, mid: UUID, folder: Path, kind: str = "udkast") -> dict[str, str]:
    """Send the meeting's `kind` as .eml files; each member's personal link."""
    results = send(app, mid, SECRETARY, kind, env={"CHEFFORUM_MAIL_DIR": str(folder)})
    links: dict[str, str] = {}
    for r in results:
        assert r.where is not None, r
        mail = email.message_from_bytes(Path(r.where).read_bytes(), policy=default)
        links[r.name] = link_in(mail)
    return links


def hidden(page: str, name: str, form: str) -> str:
    """The value of a hidden field of the form whose class is `form`."""
    start = page.index(f'class="{form}"')
    found = re.search(rf'name="{name}" value="([^"]*)"', page[start:])
    assert found is not None
    return found.group(1)
