"""Mail to the members from the meeting screen: the warning when the agenda is late by the
forum's days-before setting, and `M` sending each member their mail (as .eml files here;
tests/integration/test_member_mail.py sends through a real SMTP server)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from chefforum_tui.widgets.preview import Preview
from projections.documents.referat import digest
from tests.members import MEMBERS, SECRETARY, hold, meeting_with_members
from tests.tui.tui_pilot import FORUM, fill, notified, opened, running, settle


@pytest.fixture
def soon(db: str) -> str:
    """A published meeting two days from now of a forum that sends agendas 4 days before."""
    with opened(db) as minutes:
        meeting_with_members(minutes, date.today() + timedelta(days=2))
    return db


async def test_a_late_agenda_is_warned_of_and_m_sends_it_to_every_member(
    soon: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = tmp_path / "post"
    monkeypatch.setenv("CHEFFORUM_MAIL_DIR", str(post))
    monkeypatch.delenv("CHEFFORUM_SMTP_URL", raising=False)
    async with running(soon) as pilot:
        assert "Dagsordenen skulle være sendt senest" in notified(pilot)
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Sendt til 3 medlem(mer)." in notified(pilot)
    files = sorted(p.name for p in post.glob("*.eml"))
    assert len(files) == 3 and all("-dagsorden-" in name for name in files)
    with opened(soon) as minutes:
        (mid,) = minutes.meeting_ids()
        state = minutes.get(mid).state
        assert sorted(m.address for m in state.mails) == sorted(MEMBERS.values())
    # Sent: opened again, the meeting warns no more.
    async with running(soon) as pilot:
        assert "Dagsordenen skulle være sendt" not in notified(pilot)


async def test_a_members_address_is_kept_from_the_forum_screen(scheduled: str) -> None:
    async with running(scheduled, open_meeting=False) as pilot:
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await fill(pilot, {"name": "Anne Holm", "email": "anne-uden-snabel-a"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ikke en e-mailadresse" in notified(pilot)
        await pilot.press("m")
        await settle(pilot)
        await fill(pilot, {"name": "Anne Holm", "email": "anne.holm@example.dk"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = str(pilot.app.screen.query_one("#forum").render())
        assert "Anne Holm <anne.holm@example.dk>, medlem" in shown
    with opened(scheduled) as minutes:
        forum = minutes.forum(FORUM)
        assert forum is not None
        assert [(m.name, m.email) for m in forum.state.members] == [
            ("Anne Holm", "anne.holm@example.dk")
        ]


async def test_a_signature_given_through_a_link_shows_in_the_open_meeting(db: str) -> None:
    with opened(db) as minutes:
        mid = meeting_with_members(minutes)
        hold(minutes, mid)
    async with running(db, size=(200, 50)) as pilot:
        preview = pilot.app.screen.query_one(Preview)
        assert not any("personligt link" in line for line in preview.lines_shown)
        # Meanwhile, on the site, Bo Lind signs through his link.
        with opened(db) as minutes:
            now = datetime.now(UTC)
            token, _ = minutes.issue_member_link(mid, SECRETARY, "Bo Lind", "udkast", now, 14)
            minutes.approve_via_link(mid, token, "Med forbehold.", digest, now)
        for _ in range(100):  # the screen follows the store by itself
            await settle(pilot)
            text = " ".join(preview.lines_shown)
            if "godkendt via personligt link" in text:
                break
            await asyncio.sleep(0.1)
        assert "Godkendt af Bo Lind" in text and "(godkendt via personligt link)" in text
