"""On PostgreSQL the site writes through a role of its own, which the server lets record
only what a member's valid link allows, under the member's name: tried with raw SQL as
that role (other events, no token, another member, another meeting's, a revoked, an
expired or a read-only link, the tables beside the events), and through a real
`chefforum serve` logged in as that role."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import psycopg
import pytest

from projections.store.connect import open_minutes
from projections.store.recorders import postgres_people
from projections.tools.verify import verify
from tests.conftest import PG_SERVER
from tests.members import SECRETARY, drafts, hidden, hold, meeting_with_members, serving_logged


@pytest.fixture
def site_role(pg_store: str) -> Iterator[str]:
    role = f"t_site_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
    yield role
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        conn.execute(f'DROP OWNED BY "{role}"')
        conn.execute(f'DROP ROLE "{role}"')


def _as(store: str, role: str) -> str:
    url = urlparse(store)
    return url._replace(netloc=f"{role}@{url.hostname}:{url.port or 5432}").geturl()


def _schema(store: str) -> str:
    return parse_qs(urlparse(store).query)["schema"][0]


def _approval(member: str, **changes: Any) -> dict[str, Any]:
    approval = {
        "by": member,
        "at": datetime.now(UTC).isoformat(),
        "reservation": None,
        "recorded_by": None,
        "via": "link",
    }
    state = {"actor": member, "approval": approval, "digest": None, "transcribed": False}
    for key, value in changes.items():
        if key in approval:
            approval[key] = value
        else:
            state[key] = value
    return state


class Raw:
    """Raw SQL as the site's role; every try in its own transaction, rolled back."""

    def __init__(self, store: str, role: str) -> None:
        self.conn = psycopg.connect(_as(PG_SERVER, role))
        self.schema = _schema(store)

    def refused(self, sql: str, params: tuple[Any, ...] = (), token: str | None = None) -> str:
        try:
            with self.conn.transaction():
                if token is not None:
                    self.conn.execute(
                        "SELECT set_config('chefforum.link_token', %s, true)", (token,)
                    )
                self.conn.execute(sql.replace("{s}", f'"{self.schema}"'), params)
                raise _Accepted
        except _Accepted:
            return ""
        except psycopg.Error as e:
            return str(e).splitlines()[0]

    def insert(
        self, mid: str, version: int, topic: str, state: dict[str, Any], token: str | None = None
    ) -> str:
        return self.refused(
            "INSERT INTO {s}.chefforum_events (originator_id, originator_version, topic, state) "
            "VALUES (%s, %s, %s, %s)",
            (mid, version, topic, json.dumps(state).encode()),
            token,
        )


class _Accepted(Exception):
    """Raised to roll back a statement the server accepted."""


def test_the_site_role_records_only_what_a_valid_link_allows(
    pg_store: str, site_role: str, tmp_path: Path
) -> None:
    app = open_minutes(pg_store)
    mid = meeting_with_members(app)
    hold(app, mid)
    links = {
        name: link.rsplit("/", 1)[1] for name, link in drafts(app, mid, tmp_path / "p").items()
    }
    other = meeting_with_members(app, datetime(2026, 12, 9).date())
    hold(app, other)
    theirs = {n: t.rsplit("/", 1)[1] for n, t in drafts(app, other, tmp_path / "q").items()}
    agenda_only = meeting_with_members(app, datetime(2026, 12, 16).date())
    read_only = drafts(app, agenda_only, tmp_path / "r", "dagsorden")["Bo Lind"].rsplit("/", 1)[1]
    app.revoke_member_links(mid, SECRETARY, "Cecilie Ravn")
    expired, _ = app.issue_member_link(
        other, SECRETARY, "Anne Holm", "udkast", datetime.now(UTC) - timedelta(days=20), 14
    )
    postgres_people(app).add_site_role(site_role)
    version = app.get(mid).version + 1
    m = str(mid)
    app.close()
    raw = Raw(pg_store, site_role)
    bo = _approval("Bo Lind")
    # The member's own signature through their valid link: accepted (and rolled back).
    assert raw.insert(m, version, "chefforum:MinutesApproved", bo, links["Bo Lind"]) == ""
    refusals = {
        "no token": raw.insert(m, version, "chefforum:MinutesApproved", bo),
        "wrong token": raw.insert(m, version, "chefforum:MinutesApproved", bo, "x" * 43),
        "as another member": raw.insert(
            m, version, "chefforum:MinutesApproved", _approval("Anne Holm"), links["Bo Lind"]
        ),
        "another's name inside": raw.insert(
            m,
            version,
            "chefforum:MinutesApproved",
            _approval("Bo Lind", by="Anne Holm"),
            links["Bo Lind"],
        ),
        "not via link": raw.insert(
            m,
            version,
            "chefforum:MinutesApproved",
            _approval("Bo Lind", via=None),
            links["Bo Lind"],
        ),
        "recorded by another": raw.insert(
            m,
            version,
            "chefforum:MinutesApproved",
            _approval("Bo Lind", recorded_by="X"),
            links["Bo Lind"],
        ),
        "another meeting's token": raw.insert(
            m, version, "chefforum:MinutesApproved", bo, theirs["Bo Lind"]
        ),
        "revoked": raw.insert(
            m,
            version,
            "chefforum:MinutesApproved",
            _approval("Cecilie Ravn"),
            links["Cecilie Ravn"],
        ),
        "expired": raw.insert(
            str(other), 99, "chefforum:MinutesApproved", _approval("Anne Holm"), expired
        ),
        "read-only link": raw.insert(
            str(agenda_only), 99, "chefforum:MinutesApproved", bo, read_only
        ),
        "another event": raw.insert(
            m,
            version,
            "chefforum:DecisionRecorded",
            {"actor": "Bo Lind", "item_id": str(uuid.uuid4()), "text": "Forkastet."},
            links["Bo Lind"],
        ),
        "a link of its own": raw.insert(
            m, version, "chefforum:LinkIssued", {"actor": "Bo Lind"}, links["Bo Lind"]
        ),
        "update": raw.refused("UPDATE {s}.chefforum_events SET topic = topic"),
        "delete": raw.refused("DELETE FROM {s}.chefforum_events"),
        "people": raw.refused("INSERT INTO {s}.chefforum_people VALUES ('x', 'Bo Lind')"),
        "links": raw.refused(
            "INSERT INTO {s}.chefforum_member_links VALUES "
            "('h', 'i', 'm', 'Bo Lind', '{approve}', now() + interval '1 day', false, false)"
        ),
        "site roles": raw.refused("INSERT INTO {s}.chefforum_site_roles VALUES ('x')"),
        "a chain row of no event of its own": raw.refused(
            "INSERT INTO {s}.chefforum_chain VALUES (999999, %s, 1, 'h', 'l')", (m,)
        ),
        "snapshots": raw.refused(
            "INSERT INTO {s}.chefforum_snapshots (originator_id, originator_version, topic, state) "
            "VALUES (%s, 1, 'x', 'x')",
            (m,),
        ),
    }
    accepted = [what for what, refusal in refusals.items() if not refusal]
    assert accepted == []
    assert "gyldigt personligt link" in refusals["no token"]
    assert "ikke gyldigt til dette møde" in refusals["revoked"]
    assert "tillader ikke denne ændring" in refusals["another event"]
    assert "permission denied" in refusals["people"]
    assert "kæderækker for sine egne hændelser" in refusals["a chain row of no event of its own"]
    raw.conn.close()


def test_the_site_as_its_own_role_records_a_members_approval(
    pg_store: str, site_role: str, tmp_path: Path
) -> None:
    app = open_minutes(pg_store)
    mid = meeting_with_members(app)
    hold(app, mid)
    links = drafts(app, mid, tmp_path / "post")
    postgres_people(app).add_site_role(site_role)
    with (
        serving_logged(_as(pg_store, site_role), tmp_path / "serve.log") as base,
        httpx.Client() as web,
    ):
        url = base + links["Anne Holm"].removeprefix("http://127.0.0.1:8000")
        page = web.get(url)
        assert page.status_code == 200, page.text
        form = {"action": "approve", "csrf": hidden(page.text, "csrf", "approve")}
        assert web.post(url, data=form).headers["location"] == "?udfald=godkendt"
    (signed,) = app.get(mid).state.approvals
    assert (signed.by, signed.via) == ("Anne Holm", "link")
    with psycopg.connect(PG_SERVER) as conn:
        row = conn.execute(
            f'SELECT db_user FROM "{_schema(pg_store)}".chefforum_events '
            "WHERE topic = 'chefforum:MinutesApproved'"
        ).fetchone()
    assert row is not None and row[0] == site_role
    problem, _ = verify(app)  # the chain the site's role wrote, and the signed digest
    assert problem is None, problem
    app.close()
