"""A member's personal link on a running `chefforum serve`, over HTTP, on both stores:
the member approves with a reservation and enters a minority statement through plain
forms; each is the member's own event marked via link, printed in the referat and the
log; a form sent again stores nothing; and the attacks: a forged, expired, revoked,
replaced and another meeting's token, a POST without or with a wrong CSRF token, a link
that may only read, the token in no log line, 1,000 wrong tokens from one client."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from domain.meeting.events.meeting import MinutesApproved
from projections.documents.render.export import render_meeting
from projections.readmodels.runner import ReadModels
from projections.store.connect import open_minutes
from tests.members import SECRETARY, drafts, hidden, hold, meeting_with_members, serving_logged

RESERVATION = "Jeg tager forbehold for økonomien i punkt 1."
STATEMENT = "Venstre kan ikke støtte vejplanen."
DEFAULT_SITE = "http://127.0.0.1:8000"


def _at(base: str, link: str) -> str:
    """The link as the test's server answers it (the mails name the default address)."""
    return base + link.removeprefix(DEFAULT_SITE)


def test_a_member_approves_with_a_reservation_through_their_link(
    store: str, tmp_path: Path
) -> None:
    app = open_minutes(store)
    mid = meeting_with_members(app)
    hold(app, mid)
    links = drafts(app, mid, tmp_path / "post")
    bo = links["Bo Lind"]
    token = bo.rsplit("/", 1)[1]
    log = tmp_path / "serve.log"
    with serving_logged(store, log) as base, httpx.Client() as web:
        url = _at(base, bo)
        page = web.get(url)
        assert page.status_code == 200
        assert page.headers["cache-control"] == "no-store"
        assert page.headers["referrer-policy"] == "no-referrer"
        assert "Godkend med forbehold" in page.text
        # Bo Lind is inhabil on the closed item: its content is not on his page.
        assert "Nordbyg" not in page.text and "Salg af grund" in page.text
        form = {
            "action": "reservation",
            "csrf": hidden(page.text, "csrf", "approve-reservation"),
            "reservation": RESERVATION,
        }
        sent = web.post(url, data=form)
        assert sent.status_code == 303
        assert sent.headers["cache-control"] == "no-store"
        after = web.get(url + sent.headers["location"])
        assert "Din godkendelse er gemt" in after.text
        assert "Du godkendte referatet" in after.text and RESERVATION in after.text
        assert "Godkend referatet</button>" not in after.text
        version = app.get(mid).version
        again = web.post(url, data=form)  # the form sent twice: nothing more is stored
        assert again.status_code == 303 and again.headers["location"] == "?udfald=uaendret"
        assert app.get(mid).version == version
        # A page loaded before the approval, its remark form used now: minutes approved.
        remark = {
            "action": "remark",
            "csrf": hidden(page.text, "csrf", "remark"),
            "item": "1",
            "kind": "mindretalsudtalelse",
            "text": STATEMENT,
        }
        refused = web.post(url, data=remark)
        assert refused.status_code == 409 and "Referatet er godkendt" in refused.text
        assert STATEMENT in refused.text  # what was typed is shown, not lost
    state = app.get(mid).state
    (signed,) = state.approvals
    assert (signed.by, signed.reservation, signed.via, signed.recorded_by) == (
        "Bo Lind",
        RESERVATION,
        "link",
        None,
    )
    approved = [e for e in app.events.get(mid) if isinstance(e, MinutesApproved)]
    assert [e.actor for e in approved] == ["Bo Lind"]
    referat = " ".join(render_meeting(app, mid, "text").decode().split())
    assert "Godkendt af Bo Lind d. " in referat
    assert "(godkendt via personligt link), med forbehold: " + RESERVATION in referat
    assert '"via": "link"' in render_meeting(app, mid, "json").decode()
    entries = [e.description for e in ReadModels.of(app).audit(mid)]
    assert (
        "Bo Lind noterede Bo Linds underskrift på referatet (godkendt via personligt link)"
        in entries
    )
    printed = log.read_text()
    assert token not in printed and "/medlem/" not in printed
    app.close()


def test_a_remark_through_the_link_is_the_members_own_and_stored_once(
    store: str, tmp_path: Path
) -> None:
    app = open_minutes(store)
    mid = meeting_with_members(app)
    hold(app, mid)
    links = drafts(app, mid, tmp_path / "post")
    with serving_logged(store, tmp_path / "serve.log") as base, httpx.Client() as web:
        url = _at(base, links["Cecilie Ravn"])
        page = web.get(url).text
        form = {
            "action": "remark",
            "csrf": hidden(page, "csrf", "remark"),
            "item": "1",
            "kind": "mindretalsudtalelse",
            "text": STATEMENT,
        }
        assert web.post(url, data=form).headers["location"] == "?udfald=bemaerkning"
        assert web.post(url, data=form).headers["location"] == "?udfald=uaendret"
        # A textarea's lines (CR LF, as browsers send them) make one paragraph.
        lines = {**form, "item": "2", "kind": "protokolbemærkning", "text": "Første.\r\nAnden."}
        assert web.post(url, data=lines).headers["location"] == "?udfald=bemaerkning"
    assert [r.text for r in app.get(mid).state.items[1].remarks] == ["Første. Anden."]
    (remark,) = app.get(mid).state.items[0].remarks
    assert (remark.by, remark.kind, remark.via, remark.recorded_by) == (
        "Cecilie Ravn",
        "mindretalsudtalelse",
        "link",
        None,
    )
    referat = " ".join(render_meeting(app, mid).decode().split())
    assert "Cecilie Ravn (indført via personligt link): " + STATEMENT in referat
    app.close()


def test_forged_expired_revoked_replaced_and_other_meetings_tokens_and_bad_forms(
    store: str, tmp_path: Path
) -> None:
    app = open_minutes(store)
    mid = meeting_with_members(app)
    hold(app, mid)
    links = drafts(app, mid, tmp_path / "post")
    other = meeting_with_members(app, date(2026, 12, 9))
    theirs = drafts(app, other, tmp_path / "post2", "dagsorden")
    # An expired link: issued 15 days ago for 14 days.
    fifteen_days_ago = datetime.now(UTC) - timedelta(days=15)
    old, _ = app.issue_member_link(mid, SECRETARY, "Anne Holm", "udkast", fifteen_days_ago, 14)
    with serving_logged(store, tmp_path / "serve.log") as base, httpx.Client() as web:
        nothing = web.get(base + "/ingen/side/")
        forged = web.get(f"{base}/medlem/{mid.hex}/{secrets.token_urlsafe(32)}")
        no_meeting = web.get(f"{base}/medlem/{'0' * 32}/{secrets.token_urlsafe(32)}")
        wrong_meeting = web.get(f"{base}/medlem/{mid.hex}/{theirs['Bo Lind'].rsplit('/', 1)[1]}")
        for answer in (forged, no_meeting, wrong_meeting):
            assert answer.status_code == 404
            assert answer.text == nothing.text  # the same 404 as any unknown page
        expired = web.get(f"{base}/medlem/{mid.hex}/{old}")
        assert expired.status_code == 410 and "udløbet" in expired.text
        # Cecilie's draft link, revoked by the secretary.
        app.revoke_member_links(mid, SECRETARY, "Cecilie Ravn")
        revoked = web.get(_at(base, links["Cecilie Ravn"]))
        assert revoked.status_code == 410 and "trukket tilbage" in revoked.text
        # A later mail replaces Bo's draft link.
        newer = drafts(app, mid, tmp_path / "post3")
        replaced = web.get(_at(base, links["Bo Lind"]))
        assert replaced.status_code == 410 and "nyere link" in replaced.text
        url = _at(base, newer["Bo Lind"])
        page = web.get(url).text
        version = app.get(mid).version
        anne = web.get(_at(base, newer["Anne Holm"])).text  # another member's page
        forms = [
            {"action": "approve"},  # no CSRF token
            {"action": "approve", "csrf": "0" * 64},  # a wrong one
            {"action": "approve", "csrf": hidden(page, "csrf", "remark")},  # another form's
            {"action": "approve", "csrf": hidden(anne, "csrf", "approve")},  # another link's
        ]
        for form in forms:
            answer = web.post(url, data=form)
            assert answer.status_code == 403, answer.text
            assert "intet er gemt" in answer.text
        # A link that may only read (the agenda's): no form is shown, a POST is refused.
        read_only = _at(base, theirs["Anne Holm"])
        assert "Godkend referatet" not in web.get(read_only).text
        agenda_page = web.get(read_only).text
        assert "csrf" in agenda_page or "<form" in agenda_page  # the site's search form
        assert web.post(read_only, data={"action": "approve", "csrf": "x"}).status_code == 403
        assert app.get(mid).version == version
        assert app.get(other).state.approvals == []
        # The public pages still take no writes.
        assert web.post(base + f"/moede/{mid.hex}/").status_code == 405
    assert app.get(mid).state.approvals == []
    app.close()


def test_a_thousand_wrong_tokens_from_one_client_are_slowed_and_none_succeeds(
    tmp_path: Path,
) -> None:
    store = str(tmp_path / "events.db")
    app = open_minutes(store)
    mid = meeting_with_members(app)
    hold(app, mid)
    links = drafts(app, mid, tmp_path / "post")
    with serving_logged(store, tmp_path / "serve.log") as base, httpx.Client() as web:
        statuses: dict[int, int] = {}
        for _ in range(1000):
            answer = web.get(f"{base}/medlem/{mid.hex}/{secrets.token_urlsafe(32)}")
            statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
        assert 200 not in statuses
        assert statuses == {404: 10, 429: 990}
        # The client stays refused, even with a valid token, until the window has passed.
        valid = web.get(_at(base, links["Bo Lind"]))
        assert valid.status_code == 429 and int(valid.headers["retry-after"]) > 0
    app.close()
