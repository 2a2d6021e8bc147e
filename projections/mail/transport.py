"""Delivering a mail: through SMTP when CHEFFORUM_SMTP_URL is set
(smtp://user:password@host:587, STARTTLS whenever the server offers it; smtps:// for TLS
from the start), else as an .eml file in a folder (CHEFFORUM_MAIL_DIR, default
chefforum-post beside the working directory), so the embedded default works on one
machine. The standard library's smtplib and email do the work."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit

from domain.errors import InvalidInput

DEFAULT_FOLDER = "chefforum-post"
TIMEOUT = 30.0
LOCAL = ("localhost", "127.0.0.1", "::1")


class Undelivered(Exception):
    """The mail could not be handed over; the message says why, in one line."""


class Transport:
    def deliver(self, msg: EmailMessage, name: str) -> str:
        """Hand the mail over; returns where it went (for the secretary's lines)."""
        raise NotImplementedError


class SmtpTransport(Transport):
    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise InvalidInput(
                "CHEFFORUM_SMTP_URL skal have formen smtp://bruger:adgangskode@vært:587"
            )
        self.tls = parts.scheme == "smtps"
        self.host = parts.hostname
        self.port = parts.port or (465 if self.tls else 587)
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None

    def deliver(self, msg: EmailMessage, name: str) -> str:
        try:
            if self.tls:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, self.port, timeout=TIMEOUT, context=ssl.create_default_context()
                )
            else:
                smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
            with smtp:
                smtp.ehlo()
                if not self.tls and smtp.has_extn("starttls"):
                    smtp.starttls(context=ssl.create_default_context())
                    smtp.ehlo()
                if self.user is not None:
                    if not self.tls and not smtp.has_extn("starttls") and self.host not in LOCAL:
                        # A password is never sent in clear text over the network.
                        raise Undelivered(f"{self.host} tilbyder ikke STARTTLS; logger ikke ind")
                    smtp.login(self.user, self.password or "")
                refused = smtp.send_message(msg)
        except (smtplib.SMTPException, OSError) as e:
            raise Undelivered(" ".join(str(e).split()) or type(e).__name__) from e
        if refused:
            raise Undelivered(f"modtageren blev afvist: {', '.join(refused)}")
        return f"{self.host}:{self.port}"


class FolderTransport(Transport):
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def deliver(self, msg: EmailMessage, name: str) -> str:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / name
            # Only the owner may read it: it holds a personal link.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(msg.as_bytes())
        except OSError as e:
            raise Undelivered(f"kan ikke skrive {self.folder}: {e.strerror}") from e
        return str(path)


def transport(env: Mapping[str, str] | None = None) -> Transport:
    env = os.environ if env is None else env
    url = env.get("CHEFFORUM_SMTP_URL", "").strip()
    if url:
        return SmtpTransport(url)
    return FolderTransport(Path(env.get("CHEFFORUM_MAIL_DIR") or DEFAULT_FOLDER))
