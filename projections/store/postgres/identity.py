"""Who may write what in a PostgreSQL store: the server's own checks on every event (the
functions its triggers run) and the people, the database roles that write and the names
they write as, with the grants writing takes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from psycopg.sql import SQL, Composed, Identifier

from domain.errors import RuleViolation
from projections.store.postgres.files import FILES_TABLE
from projections.store.postgres.site_role import SITE_GRANTS

PEOPLE_TABLE = "chefforum_people"
# The prefix of the messages the identity trigger raises, meant for the user.
REFUSAL = "chefforum: "


class IdentityRefused(RuleViolation):
    """A save by a role that may not write as the actor it declares; nothing was stored."""


# BEFORE INSERT on the events: the server, not the client, checks what it can see of each
# event (a writer's plain SQL goes past the client's checks):
# - who wrote it: session_user (the login, which SET ROLE does not change) is recorded;
#   once chefforum_people has a row, every role that writes must have one and declare
#   that row's name as its actor. While the table is empty the store's owner (and a
#   superuser), who can change anything anyway, writes as it declares; any other role
#   writes under its role name only.
# - its text: on a plain (unencrypted) store, whose first event is a JSON object, every
#   event must be one too. The actor is compared on the decoded JSON whatever its bytes
#   (a leading space, escapes), and the cast to jsonb refuses what every reader would
#   choke on later (\u0000, a lone surrogate, bytes that are not UTF-8).
# - the minutes' lifecycle: once a meeting has a signature, only the kinds in
#   chefforum_after_approval() may follow (another signature, a correction); the rest of
#   the domain's rules are the client's (domain/meeting/aggregate.py).
STAMP_FUNCTION = """
CREATE OR REPLACE FUNCTION {s}.chefforum_stamp() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
    shown text;
    declared text;
    doc jsonb;
    first_state bytea;
    plain boolean;
BEGIN
    NEW.db_user := session_user;
    IF {s}.chefforum_is_site() THEN  -- the site: only what a member's link allows
        PERFORM {s}.chefforum_site_check(NEW.topic, NEW.originator_id::text, NEW.state);
        RETURN NEW;
    END IF;
    SELECT display_name INTO shown FROM {people} WHERE role = session_user;
    IF shown IS NULL THEN
        IF EXISTS (SELECT 1 FROM {people}) THEN
            RAISE EXCEPTION 'chefforum: databaserollen % står ikke i chefforum_people og må '
                'ikke skrive; en administrator tilføjer den med ''chefforum people add''.',
                session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND rolsuper)
           AND NOT pg_has_role(session_user, (SELECT relowner FROM pg_class
                                              WHERE oid = TG_RELID), 'MEMBER') THEN
            shown := session_user;
        END IF;
    END IF;
    SELECT state INTO first_state FROM {events} ORDER BY notification_id LIMIT 1;
    plain := {s}.chefforum_json(coalesce(first_state, NEW.state)) IS NOT NULL;
    IF plain THEN
        doc := {s}.chefforum_json(NEW.state);
        IF doc IS NULL THEN
            RAISE EXCEPTION 'chefforum: hændelsen (%) er ikke et gyldigt JSON-objekt (tekst, '
                'der ikke er UTF-8, \\u0000 eller et enligt surrogat) og gemmes ikke.',
                NEW.topic USING ERRCODE = 'invalid_text_representation';
        END IF;
        declared := doc ->> 'actor';
        IF shown IS NOT NULL AND declared IS DISTINCT FROM shown THEN
            RAISE EXCEPTION 'chefforum: du er logget ind som % (%), men skriver som "%"; '
                'angiv --actor "%" eller ingen --actor.', session_user, shown, declared,
                shown USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    IF NOT (NEW.topic = ANY ({s}.chefforum_after_approval())) AND EXISTS (
        SELECT 1 FROM {events} WHERE originator_id = NEW.originator_id
        AND topic = 'chefforum:MinutesApproved'
    ) THEN
        RAISE EXCEPTION 'chefforum: referatet er godkendt; efter godkendelsen kan kun % '
            'tilføjes, ikke %.', array_to_string({s}.chefforum_after_approval(), ', '),
            NEW.topic USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$f$
"""

# An event's stored bytes as a JSON object, or NULL for anything else (the cast refuses
# invalid UTF-8, \u0000 and lone surrogates, which no reader can take).
JSON_FUNCTION = """
CREATE OR REPLACE FUNCTION {s}.chefforum_json(state bytea) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE
    doc jsonb;
BEGIN
    doc := convert_from(state, 'UTF8')::jsonb;
    RETURN CASE WHEN jsonb_typeof(doc) = 'object' THEN doc END;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$f$
"""

# The kinds of event a meeting may receive after its first signature: the aggregate
# refuses everything else there (Meeting._check_editable); the server refuses it too.
AFTER_APPROVAL_FUNCTION = """
CREATE OR REPLACE FUNCTION {s}.chefforum_after_approval() RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
    SELECT ARRAY['chefforum:MinutesApproved', 'chefforum:CorrectionAdded',
                 'chefforum:AttachmentAddedByCorrection',
                 'chefforum:LinkIssued', 'chefforum:LinkRevoked', 'chefforum:MailSent']
$f$
"""

# Events and their chain are only ever added to: an update, a delete or a truncate is
# refused by the server, also for roles that hold UPDATE (which LOCK TABLE requires).
APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION {s}.chefforum_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    RAISE EXCEPTION 'chefforum: % i % er ikke tilladt; hændelserne kan kun tilføjes.',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$f$
"""

# What a role needs to write minutes (UPDATE on the events for eventsourcing's LOCK TABLE
# ... IN EXCLUSIVE MODE; the append-only trigger refuses the update itself). Snapshots and
# the read models it may only read: what the list, the site and the exports show is
# written by the store's owner, and a writer's own process keeps its read models in
# memory (connect.py), so no writer's SQL can forge them.
_GRANTS = (
    "GRANT USAGE ON SCHEMA {s} TO {role}",
    "GRANT SELECT, INSERT, UPDATE ON {events} TO {role}",
    "GRANT SELECT, INSERT ON {chain} TO {role}",
    "GRANT SELECT ON {snapshots} TO {role}",
    "GRANT USAGE ON SEQUENCE {sequence} TO {role}",
    "GRANT SELECT ON {store}, {people}, {s}.rm_schema TO {role}",
    "GRANT SELECT ON {s}.rm_meetings, {s}.rm_audit, {s}.rm_search, {s}.rm_tracking TO {role}",
    f"GRANT SELECT, INSERT ON {{s}}.{FILES_TABLE} TO {{role}}",
)


class PostgresPeople:
    """The people: database roles and the names they write as. A part of
    ChainedPostgresRecorder, which sets the tables below and gives _rows and _sql."""

    datastore: Any
    events_table_name: str
    _s: Identifier
    _events: Composed
    chain_table: Composed
    store_table: Composed
    people_table: Composed
    _rows: Callable[..., list[Any]]
    _sql: Callable[[str], Composed]

    def signed_in(self) -> tuple[str, str | None, bool]:
        """(the session's role, its display name or None, whether identities are enforced:
        chefforum_people has a row)."""
        row = self._rows(
            self._sql(
                "SELECT session_user AS role, (SELECT display_name FROM {people} "
                "WHERE role = session_user) AS shown, EXISTS (SELECT 1 FROM {people}) AS enforced"
            )
        )[0]
        return str(row["role"]), row["shown"], bool(row["enforced"])

    def people(self) -> list[tuple[str, str]]:
        return [
            (str(row["role"]), str(row["display_name"]))
            for row in self._rows(self._sql("SELECT * FROM {people} ORDER BY role"))
        ]

    def add_person(self, role: str, display_name: str) -> None:
        """Record the name a role writes as, and grant it what writing takes. Only the
        store's owner (or a superuser) may: others have no right to the table."""
        with self.datastore.transaction(commit=True) as c:
            c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if c.fetchone() is None:
                raise IdentityRefused(f"databaserollen '{role}' findes ikke.")
            c.execute(
                self._sql(
                    "INSERT INTO {people} VALUES (%s, %s) "
                    "ON CONFLICT (role) DO UPDATE SET display_name = excluded.display_name"
                ),
                (role, display_name),
            )
            c.execute(
                "SELECT pg_get_serial_sequence(%s, 'notification_id') AS seq",
                (f'"{self.datastore.schema}"."{self.events_table_name}"',),
            )
            found = c.fetchone()
            # Quoted by the server as needed: safe to compose as SQL.
            sequence = str(found["seq"]) if found else ""
            for statement in _GRANTS:
                c.execute(
                    SQL(statement).format(
                        s=self._s,
                        events=self._events,
                        snapshots=SQL("{}.{}").format(
                            self._s,
                            Identifier(self.events_table_name.replace("_events", "_snapshots")),
                        ),
                        chain=self.chain_table,
                        store=self.store_table,
                        people=self.people_table,
                        sequence=SQL(sequence),
                        role=Identifier(role),
                    )
                )

    def add_site_role(self, role: str) -> None:
        """Let a role serve the site: it may record only what a member's link allows
        (site_role.py)."""
        with self.datastore.transaction(commit=True) as c:
            c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if c.fetchone() is None:
                raise IdentityRefused(f"databaserollen '{role}' findes ikke.")
            c.execute(
                self._sql(
                    "INSERT INTO {s}.chefforum_site_roles VALUES (%s) ON CONFLICT DO NOTHING"
                ),
                (role,),
            )
            c.execute(
                "SELECT pg_get_serial_sequence(%s, 'notification_id') AS seq",
                (f'"{self.datastore.schema}"."{self.events_table_name}"',),
            )
            found = c.fetchone()
            sequence = str(found["seq"]) if found else ""
            snapshots = Identifier(self.events_table_name.replace("_events", "_snapshots"))
            for statement in (*SITE_GRANTS, "GRANT SELECT ON {people} TO {role}"):
                c.execute(
                    SQL(statement).format(
                        s=self._s,
                        events=self._events,
                        snapshots=SQL("{}.{}").format(self._s, snapshots),
                        chain=self.chain_table,
                        store=self.store_table,
                        people=self.people_table,
                        sequence=SQL(sequence),
                        role=Identifier(role),
                    )
                )

    def remove_person(self, role: str) -> bool:
        with self.datastore.transaction(commit=True) as c:
            c.execute(self._sql("DELETE FROM {people} WHERE role = %s RETURNING role"), (role,))
            found = c.fetchone() is not None
            c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if c.fetchone() is not None:
                c.execute(
                    SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(
                        self._s, Identifier(role)
                    )
                )
                c.execute(
                    SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}").format(
                        self._s, Identifier(role)
                    )
                )
                c.execute(SQL("REVOKE ALL ON SCHEMA {} FROM {}").format(self._s, Identifier(role)))
            return found
