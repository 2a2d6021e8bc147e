# Over 400 lines: all of chefforum's PostgreSQL is in this one module (import-linter contract).
"""Everything chefforum says to PostgreSQL: setting up a store's schema, the hash-chained
recorder, and the read models' tables and queries. The only module besides sqlite.py
that speaks SQL (an import-linter contract). Live changes arrive by eventsourcing's own
PostgresSubscription (LISTEN/NOTIFY), which the recorder inherits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Literal
from uuid import UUID

import psycopg
from eventsourcing.persistence import ProgrammingError, StoredEvent
from eventsourcing.postgres import (
    PostgresApplicationRecorder,
    PostgresDatastore,
    PostgresFactory,
    PostgresTrackingRecorder,
)
from psycopg.sql import SQL, Composed, Identifier

from domain.errors import RuleViolation
from projections.readmodels.view import (
    CARRIED_SCHEMA,
    SCHEMA,
    SEARCH_WINDOW,
    AuditRow,
    MeetingRows,
    Row,
    SearchFilter,
    Stale,
)
from projections.store.chain import (
    CHAIN_TABLE,
    STORE_TABLE,
    Chain,
    ChainRow,
    StoredRow,
    StoreInfo,
    as_hex_id,
    chain_rows,
    check_mode,
    store_info,
    stored_row,
)
from projections.store.checkpoints import WritesCheckpoints
from projections.store.link_token import LINK_TOKEN

# What psycopg raises itself (eventsourcing wraps most, not all: see damage.py).
DRIVER_ERRORS = (psycopg.Error,)
# Any fixed numbers: the keys of the advisory locks that serialise table creation.
_SETUP_LOCK = 7_261_526
_READ_MODELS_LOCK = 7_261_527
# The store's tables, functions and triggers as this version makes them; a store set up
# at this version opens without creating anything (which only its owner may do).
# 2: the server checks each event's JSON, its actor and the lifecycle after approval;
# writers read the read models and snapshots and do not write them.
# 3: the site's role and the members' links (the section at the end).
STORE_SETUP = 3
PEOPLE_TABLE = "chefforum_people"
# The prefix of the messages the identity trigger raises, meant for the user.
_REFUSAL = "chefforum: "
# Every connection has deadlines: a table locked by someone (LOCK TABLE needs only the
# UPDATE a writer holds) or a statement that runs away makes a command fail in one line
# instead of waiting without end. eventsourcing retries a read ten times, so a lock held by
# someone else fails a command after some 20 s. Saves set their own lock_timeout
# (POSTGRES_LOCK_TIMEOUT) and retry until SAVE_DEADLINE; the read models' writes wait
# longer (READ_MODELS_LOCK_TIMEOUT: only the owner's processes can lock those tables).
# The longest statement (a rebuild's batch, verify's reads) takes seconds on a million
# events.
LOCK_TIMEOUT = "2s"
READ_MODELS_LOCK_TIMEOUT = "60s"
STATEMENT_TIMEOUT = "120s"
SESSION_OPTIONS = f"-c lock_timeout={LOCK_TIMEOUT} -c statement_timeout={STATEMENT_TIMEOUT}"


class DeadlinePostgresFactory(PostgresFactory):
    """eventsourcing's factory whose pool gives every connection the deadlines
    (SESSION_OPTIONS): the pool connects on first use, after this."""

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        kwargs = self.datastore.pool.kwargs
        assert isinstance(kwargs, dict)
        kwargs["options"] = SESSION_OPTIONS


@contextmanager
def setup_lock(env: Mapping[str, str], *, create: bool = True) -> Iterator[bool]:
    """Create the schema if it is missing (unless not create), and hold the lock under
    which one process at a time makes the store's tables. Yields whether the store is
    already set up at this version (then nothing needs creating, and a role that may not
    create can open it).

    eventsourcing (re)creates its tables and functions on every start; two processes
    doing so at the same moment collide ("tuple concurrently updated"), hence the lock.
    """
    with psycopg.connect(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"],
        port=int(env["POSTGRES_PORT"]),
        user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"] or None,
        connect_timeout=5,
        autocommit=True,
        options=SESSION_OPTIONS,
    ) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_SETUP_LOCK,))
        try:
            schema = env.get("POSTGRES_SCHEMA") or "public"
            found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
            if found.fetchone() is None and create:
                conn.execute(SQL("CREATE SCHEMA IF NOT EXISTS {}").format(Identifier(schema)))
            yield _set_up(conn, schema)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK,))


def _set_up(conn: psycopg.Connection[Any], schema: str) -> bool:
    try:
        row = conn.execute(
            SQL("SELECT max(setup) FROM {}.{}").format(Identifier(schema), Identifier(STORE_TABLE))
        ).fetchone()
    except psycopg.Error:  # no table (a new or older store), or no right to read it
        return False
    return bool(row and row[0] == STORE_SETUP)


# -- the hash chain (chain.py), the store's identity, checkpoints (checkpoints.py) and
# -- who wrote each event (the database role, recorded by the server) ------------------


# -- Bilag as files (domain/file_cases.py): kept by their SHA-256 in bytea, written in the
# -- events' transaction; append-only like the events ------------------------------------

FILES_TABLE = "chefforum_files"
_FILES_STATEMENTS = (
    "CREATE TABLE IF NOT EXISTS {files} (sha256 text PRIMARY KEY, size bigint NOT NULL, "
    "media_type text NOT NULL, data bytea NOT NULL, text bytea NOT NULL)",
    # Already compressed (PDF, images) or small: stored as given, out of line.
    "ALTER TABLE {files} ALTER COLUMN data SET STORAGE EXTERNAL",
    "CREATE OR REPLACE TRIGGER chefforum_append_only BEFORE UPDATE OR DELETE "
    "ON {files} FOR EACH ROW EXECUTE FUNCTION {s}.chefforum_append_only()",
)


class PostgresFiles:
    datastore: Any
    _s: Identifier

    @property
    def files_table(self) -> Composed:
        return SQL("{}.{}").format(self._s, Identifier(FILES_TABLE))

    def files_statements(self) -> list[Composed]:
        return [SQL(t).format(files=self.files_table, s=self._s) for t in _FILES_STATEMENTS]

    def insert_files(self, curs: Any, files: Sequence[Any]) -> None:
        """The same file attached twice is kept once (its hash is its key)."""
        if files:
            curs.executemany(
                SQL("INSERT INTO {} VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING").format(
                    self.files_table
                ),
                [(f.sha256, f.size, f.media_type, f.data, f.text) for f in files],
            )

    def _file_query(self, statement: str, params: Sequence[Any]) -> list[Any]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(SQL(statement).format(files=self.files_table), params)
            return list(curs.fetchall())

    def read_file(self, sha256: str) -> tuple[int, str, bytes] | None:
        """(size, media type, data as stored) of a file, or None."""
        rows = self._file_query(
            "SELECT size, media_type, data FROM {files} WHERE sha256 = %s", (sha256,)
        )
        if not rows:
            return None
        return int(rows[0]["size"]), rows[0]["media_type"], bytes(rows[0]["data"])

    def file_text(self, sha256: str) -> bytes | None:
        rows = self._file_query("SELECT text FROM {files} WHERE sha256 = %s", (sha256,))
        return bytes(rows[0]["text"]) if rows else None

    def file_rows(self, after: str, limit: int) -> list[tuple[str, int, bytes]]:
        """(hash, size, data as stored) of the files after a hash, in hash order."""
        rows = self._file_query(
            "SELECT sha256, size, data FROM {files} WHERE sha256 > %s "
            "ORDER BY sha256 COLLATE \"C\" LIMIT %s",
            (after, limit),
        )
        return [(r["sha256"], int(r["size"]), bytes(r["data"])) for r in rows]

    def files_size(self) -> int:
        """The bytes the files take in the server (the benchmark's figure)."""
        rows = self._file_query("SELECT pg_total_relation_size('{files}'::regclass) AS n", ())
        return int(rows[0]["n"])


class ChainedPostgresRecorder(PostgresFiles, WritesCheckpoints, PostgresApplicationRecorder):
    def __init__(self, datastore: Any, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        # The chain this process writes with: open_minutes decides it for the store.
        self.chain = Chain.from_env()
        # On an encrypted store the server cannot read the declared actor: open_minutes
        # sets a check the client makes instead (connect.py).
        self.declared_check: Callable[[Sequence[StoredEvent]], None] | None = None
        self._written = threading.local()
        self._s = Identifier(self.datastore.schema)
        self._events = SQL("{}.{}").format(self._s, Identifier(self.events_table_name))
        self.chain_table = SQL("{}.{}").format(self._s, Identifier(CHAIN_TABLE))
        self.store_table = SQL("{}.{}").format(self._s, Identifier(STORE_TABLE))
        self.people_table = SQL("{}.{}").format(self._s, Identifier(PEOPLE_TABLE))
        # The server's record of who wrote the event, returned to go into its hash.
        self.insert_events_statement += SQL(", db_user")
        self.sql_create_statements.extend(
            self._sql(statement)
            for statement in (
                "CREATE TABLE IF NOT EXISTS {chain} (notification_id bigint PRIMARY KEY, "
                "originator_id text NOT NULL, originator_version bigint NOT NULL, "
                "event_hash text NOT NULL, link text NOT NULL)",
                "CREATE TABLE IF NOT EXISTS {store} (id text NOT NULL, chain text NOT NULL, "
                "key_check text, setup integer)",
                "CREATE TABLE IF NOT EXISTS {people} (role name PRIMARY KEY, "
                "display_name text NOT NULL)",
                "REVOKE ALL ON {people} FROM PUBLIC",
                "ALTER TABLE {events} ADD COLUMN IF NOT EXISTS db_user text",
                _JSON_FUNCTION,
                _AFTER_APPROVAL_FUNCTION,
                _STAMP_FUNCTION,
                # The signatures of a meeting, found by one index lookup per event saved.
                "CREATE INDEX IF NOT EXISTS chefforum_approvals ON {events} (originator_id) "
                "WHERE topic = 'chefforum:MinutesApproved'",
                "CREATE OR REPLACE TRIGGER chefforum_stamp BEFORE INSERT ON {events} "
                "FOR EACH ROW EXECUTE FUNCTION {s}.chefforum_stamp()",
                _APPEND_ONLY_FUNCTION,
                "CREATE OR REPLACE TRIGGER chefforum_append_only BEFORE UPDATE OR DELETE "
                "ON {events} FOR EACH ROW EXECUTE FUNCTION {s}.chefforum_append_only()",
                "CREATE OR REPLACE TRIGGER chefforum_no_truncate BEFORE TRUNCATE ON {events} "
                "FOR EACH STATEMENT EXECUTE FUNCTION {s}.chefforum_append_only()",
                "CREATE OR REPLACE TRIGGER chefforum_append_only BEFORE UPDATE OR DELETE "
                "ON {chain} FOR EACH ROW EXECUTE FUNCTION {s}.chefforum_append_only()",
                "CREATE OR REPLACE TRIGGER chefforum_no_truncate BEFORE TRUNCATE ON {chain} "
                "FOR EACH STATEMENT EXECUTE FUNCTION {s}.chefforum_append_only()",
                *_SITE_STATEMENTS,
            )
        )
        self.sql_create_statements.extend(self.files_statements())

    def _sql(self, text: str) -> Composed:
        return SQL(text).format(
            s=self._s,
            events=self._events,
            chain=self.chain_table,
            store=self.store_table,
            people=self.people_table,
        )

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        try:
            ids = super().insert_events(stored_events, **kwargs)  # committed
        except ProgrammingError as e:
            message = str(e).strip().splitlines()[0] if str(e).strip() else ""
            if message.startswith(_REFUSAL):
                raise IdentityRefused(message.removeprefix(_REFUSAL)) from None
            raise
        rows = getattr(self._written, "rows", [])
        if rows:
            self.write_checkpoint(
                self.chain.mode,
                rows,
                [e.topic for e in stored_events],
                [as_hex_id(e.originator_id) for e in stored_events],
            )
        return ids

    def _insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        self._written.rows = []
        present_link_token(curs)
        if self.declared_check is not None:
            self.declared_check(stored_events)
        super()._insert_events(curs, stored_events, **kwargs)
        self.insert_files(curs, kwargs.get("files", ()))

    def _fetch_ids_after_insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # Runs inside the insert transaction, under eventsourcing's table lock.
        returned = curs.fetchall()
        ids = [row["notification_id"] for row in returned]
        if ids:
            curs.execute(
                self._sql(
                    "SELECT (SELECT link FROM {chain} ORDER BY notification_id DESC LIMIT 1) "
                    "AS link, (SELECT chain FROM {store} LIMIT 1) AS mode"
                )
            )
            found = curs.fetchone()
            check_mode(found["mode"], self.chain)
            rows = chain_rows(
                self.chain,
                found["link"] or self.chain.start(self.store_id),
                ids,
                stored_events,
                [row["db_user"] for row in returned],
            )
            curs.executemany(self._sql("INSERT INTO {chain} VALUES (%s, %s, %s, %s, %s)"), rows)
            self._written.rows = rows
        return ids

    # -- reading for verify --------------------------------------------------------------

    def _rows(self, statement: Composed | SQL, params: Sequence[Any] = ()) -> list[Any]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(statement, params)
            return list(curs.fetchall())

    def tables(self) -> set[str]:
        return {
            str(row["tablename"])
            for row in self._rows(
                SQL("SELECT tablename FROM pg_tables WHERE schemaname = %s"),
                (self.datastore.schema,),
            )
        }

    def read_chain(self, start: int = 1, limit: int | None = None) -> list[ChainRow]:
        """The chain's rows from notification id `start` (all, or `limit` of them)."""
        return [
            ChainRow(**dict(row))
            for row in self._rows(
                self._sql(
                    "SELECT * FROM {chain} WHERE notification_id >= %s "
                    "ORDER BY notification_id LIMIT %s"
                ),
                (start, limit),
            )
        ]

    def last_versions(self) -> dict[str, int]:
        """Each originator's (meeting's, forum's) last version, by id as hex."""
        return {
            as_hex_id(row["originator_id"]): row["version"]
            for row in self._rows(
                self._sql(
                    "SELECT originator_id, max(originator_version) AS version FROM {events} "
                    "GROUP BY originator_id"
                )
            )
        }

    def snapshot_versions(self) -> set[tuple[str, int]]:
        """(id as hex, version) of every stored snapshot: what verify will compare."""
        table = SQL("{}.{}").format(
            self._s, Identifier(self.events_table_name.replace("_events", "_snapshots"))
        )
        return {
            (as_hex_id(row["originator_id"]), row["originator_version"])
            for row in self._rows(
                SQL("SELECT originator_id, originator_version FROM {}").format(table)
            )
        }

    def stored_rows(self, start: int, limit: int) -> list[StoredRow]:
        return [
            stored_row(
                row["notification_id"],
                row["originator_id"],
                row["originator_version"],
                row["topic"],
                row["state"],
                row["db_user"],
            )
            for row in self._rows(
                self._sql(
                    "SELECT notification_id, originator_id, originator_version, topic, state, "
                    "db_user FROM {events} WHERE notification_id >= %s "
                    "ORDER BY notification_id LIMIT %s"
                ),
                (start, limit),
            )
        ]

    def chain_link(self, notification_id: int) -> str | None:
        rows = self._rows(
            self._sql("SELECT link FROM {chain} WHERE notification_id = %s"), (notification_id,)
        )
        return str(rows[0]["link"]) if rows else None

    def last_of(self, originator_id: UUID, version: int, topic: str) -> int | None:
        """The notification id of the meeting's last event of a topic up to a version."""
        rows = self._rows(
            self._sql(
                "SELECT notification_id FROM {events} WHERE originator_id = %s "
                "AND originator_version <= %s AND topic = %s "
                "ORDER BY originator_version DESC LIMIT 1"
            ),
            (originator_id, version, topic),
        )
        return int(rows[0]["notification_id"]) if rows else None

    # -- the store's row ----------------------------------------------------------------

    def store_row(self) -> tuple[StoreInfo | None, bool]:
        """The store's row (None: no table or no row) and whether it has events."""
        has_events = bool(
            self._rows(self._sql("SELECT EXISTS (SELECT 1 FROM {events}) AS e"))[0]["e"]
        )
        try:
            rows = self._rows(self._sql("SELECT id, chain, key_check FROM {store} LIMIT 1"))
        except ProgrammingError:  # no such table (an older store)
            return None, has_events
        if not rows:
            return None, has_events
        return store_info(rows[0]["id"], rows[0]["chain"], rows[0]["key_check"]), has_events

    def claim_store(self, store_id: str, mode: str, key_check: str | None) -> None:
        """Write the store's row if it has none; while it has no events, set its chain.
        (Called under setup_lock: claimants go one at a time.)"""
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self._sql(
                    "INSERT INTO {store} (id, chain, key_check) SELECT %s, %s, %s "
                    "WHERE NOT EXISTS (SELECT 1 FROM {store})"
                ),
                (store_id, mode, key_check),
            )
            c.execute(
                self._sql(
                    "UPDATE {store} SET chain = %s, key_check = %s "
                    "WHERE NOT EXISTS (SELECT 1 FROM {events})"
                ),
                (mode, key_check),
            )

    def mark_set_up(self) -> None:
        """Everything is created: later opens need create nothing (see setup_lock). The
        people's grants are made anew, as this version gives them (a store set up by an
        earlier version gave writers the snapshots and the read models)."""
        with self.datastore.transaction(commit=True) as c:
            c.execute(self._sql("UPDATE {store} SET setup = %s"), (STORE_SETUP,))
        for role, name in self.people():
            self.remove_person(role)
            self.add_person(role, name)

    def keeps_read_models(self) -> bool:
        """Whether this role may write the stored read models (the owner, a superuser, or
        a store still to be made); a writer only reads them (see _GRANTS)."""
        row = self._rows(
            SQL("SELECT coalesce(has_table_privilege(to_regclass(%s), 'UPDATE'), true) AS may"),
            (f'"{self.datastore.schema}"."{TRACKING_TABLE}"',),
        )[0]
        return bool(row["may"])

    # -- people: database roles and the names they write as -----------------------------

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
        (the section on the site's role at the end of this module)."""
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
            for statement in (*_SITE_GRANTS, "GRANT SELECT ON {people} TO {role}"):
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
_STAMP_FUNCTION = """
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
_JSON_FUNCTION = """
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
_AFTER_APPROVAL_FUNCTION = """
CREATE OR REPLACE FUNCTION {s}.chefforum_after_approval() RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
    SELECT ARRAY['chefforum:MinutesApproved', 'chefforum:CorrectionAdded',
                 'chefforum:AttachmentAddedByCorrection',
                 'chefforum:LinkIssued', 'chefforum:LinkRevoked', 'chefforum:MailSent']
$f$
"""

# Events and their chain are only ever added to: an update, a delete or a truncate is
# refused by the server, also for roles that hold UPDATE (which LOCK TABLE requires).
_APPEND_ONLY_FUNCTION = """
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


# -- the read models (projections/readmodels), in the store's own schema ----------------

TRACKING_TABLE = "rm_tracking"
_TABLES = (
    "CREATE TABLE IF NOT EXISTS {s}.rm_meetings (id text PRIMARY KEY, forum text NOT NULL, "
    "date text NOT NULL, status text NOT NULL, items integer NOT NULL, version integer NOT NULL, "
    "forum_key text NOT NULL)",
    "CREATE TABLE IF NOT EXISTS {s}.rm_audit (meeting_id text NOT NULL, "
    "position integer NOT NULL, at text NOT NULL, actor text NOT NULL, kind text NOT NULL, "
    "description text NOT NULL, item_id text, item_number text, before text, after text, "
    "PRIMARY KEY (meeting_id, position))",
    # seq: the order the texts were written in, newest last (search ranks the newest).
    "CREATE TABLE IF NOT EXISTS {s}.rm_search (meeting_id text NOT NULL, item_number text, "
    "item_title text, field text, public boolean NOT NULL, text text, "
    "tsv tsvector GENERATED ALWAYS AS (to_tsvector('danish', text)) STORED, "
    "seq bigint GENERATED ALWAYS AS IDENTITY)",
    "CREATE INDEX IF NOT EXISTS rm_search_seq ON {s}.rm_search (seq)",
    # Finding a meeting by FORUM/DATE, and the list newest first a page at a time.
    "CREATE INDEX IF NOT EXISTS rm_meetings_on ON {s}.rm_meetings (forum_key, date)",
    "CREATE INDEX IF NOT EXISTS rm_meetings_list ON {s}.rm_meetings (date, forum, id)",
    "CREATE INDEX IF NOT EXISTS rm_search_tsv ON {s}.rm_search USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS rm_search_meeting ON {s}.rm_search (meeting_id)",
)
_MODEL_TABLES = ("rm_meetings", "rm_audit", "rm_search")
# Search: the newest SEARCH_WINDOW matches (by seq) ranked by ts_rank, the best `limit`
# of them with their snippets; the planner finds the newest by the GIN index or by
# walking rm_search_seq backwards, whichever it expects to read fewer rows.
_SEARCH = (
    "WITH recent AS (SELECT s.seq, s.tsv FROM {{s}}.rm_search s {join} "
    "WHERE s.tsv @@ to_tsquery('danish', %s) {conditions} ORDER BY s.seq DESC LIMIT %s), "
    "best AS (SELECT seq, ts_rank(tsv, to_tsquery('danish', %s)) AS score FROM recent "
    "ORDER BY score DESC, seq DESC LIMIT %s) "
    "SELECT s.meeting_id, m.forum, m.date, s.item_number, s.item_title, s.field, "
    "ts_headline('danish', s.text, to_tsquery('danish', %s), "
    "'StartSel=»,StopSel=«,MaxWords=18,MinWords=6') AS snippet, best.score AS rank "
    # Each of the best found by its key (a lateral lookup, whatever the statistics say).
    "FROM best CROSS JOIN LATERAL (SELECT * FROM {{s}}.rm_search x WHERE x.seq = best.seq) s "
    "CROSS JOIN LATERAL (SELECT * FROM {{s}}.rm_meetings y WHERE y.id = s.meeting_id) m "
    "ORDER BY best.score DESC, best.seq DESC"
)
# The meeting list newest first, from a key on (keyset pagination on rm_meetings_list).
MEETINGS_PAGE = (
    "SELECT * FROM {{s}}.rm_meetings {where} ORDER BY date DESC, forum DESC, id DESC LIMIT %s"
)
_COUNT_TABLES = (
    "SELECT count(*) FROM pg_tables WHERE schemaname = %s "
    "AND tablename IN ('rm_meetings', 'rm_audit', 'rm_search')"
)
_OLD_TABLES = ("rm_position", "rm_minutes")  # schema 3


class PostgresReadModelView(PostgresTrackingRecorder):
    """The read models' tables, in the store's schema beside the events.

    The position is eventsourcing's tracking row (table rm_tracking, one row for the
    application "chefforum"), written in the same transaction as the rows it covers.
    eventsourcing's own insert_tracking only refuses to move it backwards, which would let
    two overlapping batches of two processes both commit; write() moves it by compare and
    set from the position the batch was read at instead (the row lock makes the second
    wait, then find the position moved).
    """

    query_syntax: Literal["fts5", "tsquery"] = "tsquery"
    writes_elsewhere = True

    def __init__(self, datastore: PostgresDatastore, *, application_name: str) -> None:
        super().__init__(datastore, tracking_table_name=TRACKING_TABLE)
        self.application_name = application_name
        self._composed: dict[str, Composed] = {}
        self.sql_create_statements.extend(self._sql(statement) for statement in _TABLES)

    def _sql(self, text: str) -> Composed:
        """A statement with {s} naming the store's schema (composed once)."""
        found = self._composed.get(text)
        if found is None:
            found = self._composed[text] = SQL(text).format(s=Identifier(self.datastore.schema))
        return found

    def _current(self) -> bool:
        try:
            with self.datastore.transaction(commit=False) as c:
                c.execute(
                    self._sql(
                        "SELECT (SELECT version FROM {s}.rm_schema) AS version, "
                        "(SELECT notification_id FROM {s}.rm_tracking "
                        "WHERE application_name = %s) AS position, "
                        f"({_COUNT_TABLES}) AS tables"
                    ),
                    (self.application_name, self.datastore.schema),
                )
                row = c.fetchone()
        except ProgrammingError:  # no such table
            return False
        return bool(
            row
            and row["version"] == SCHEMA
            and row["position"] is not None
            and row["tables"] == len(_MODEL_TABLES)
        )

    def create(self) -> None:
        if self._current():
            return
        with self.datastore.transaction(commit=True) as c:
            c.execute("SELECT pg_advisory_xact_lock(%s)", (_READ_MODELS_LOCK,))
            c.execute(
                self._sql("CREATE TABLE IF NOT EXISTS {s}.rm_schema (version integer NOT NULL)")
            )
            c.execute(
                self._sql(f"SELECT version, ({_COUNT_TABLES}) AS tables FROM {{s}}.rm_schema"),
                (self.datastore.schema,),
            )
            found = c.fetchone()
            # A table gone (dropped by hand): all of them anew, from position 0.
            complete = found is not None and found["tables"] == len(_MODEL_TABLES)
            carried = self._drop_old(c, found["version"] if found and complete else None)
            c.execute(
                "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = %s",
                (self.datastore.schema, TRACKING_TABLE),
            )
            self.tracking_table_exists = c.fetchone() is not None
            if self.tracking_table_exists:
                self.tracking_migration_previous = self._max_tracking_id(
                    self.table_migration_identifier, c
                )
            self._create_table(c)  # eventsourcing's: its tracking table, then _TABLES
            if carried is None:
                c.execute(
                    self._sql(
                        "INSERT INTO {s}.rm_tracking VALUES (%s, 0) "
                        "ON CONFLICT (application_name) DO NOTHING"
                    ),
                    (self.application_name,),
                )
            else:
                c.execute(
                    self._sql(
                        "INSERT INTO {s}.rm_tracking VALUES (%s, %s) "
                        "ON CONFLICT (application_name) "
                        "DO UPDATE SET notification_id = excluded.notification_id"
                    ),
                    (self.application_name, carried),
                )
            c.execute(self._sql("DELETE FROM {s}.rm_schema"))
            c.execute(self._sql("INSERT INTO {s}.rm_schema VALUES (%s)"), (SCHEMA,))

    def _drop_old(self, c: Any, version: int | None) -> int | None:
        """Tables of another schema go; returns the position to start from (None: keep)."""
        if version == SCHEMA:
            return None
        if version == CARRIED_SCHEMA:
            c.execute(self._sql("SELECT MIN(position) AS position FROM {s}.rm_position"))
            carried = int(c.fetchone()["position"] or 0)
            tables: Sequence[str] = _OLD_TABLES
        else:
            carried, tables = 0, (*_OLD_TABLES, *_MODEL_TABLES)
        for table in tables:
            c.execute(
                SQL("DROP TABLE IF EXISTS {}.{}").format(
                    Identifier(self.datastore.schema), Identifier(table)
                )
            )
        return carried

    def position(self) -> int | None:
        value = self.max_tracking_id(self.application_name)
        return value if isinstance(value, int) and value >= 0 else None

    def meeting_counts(self, meeting_id: str) -> tuple[int, int]:
        row = self._query(
            self._sql(
                "SELECT (SELECT count(*) FROM {s}.rm_audit WHERE meeting_id = %s) AS audit, "
                "(SELECT coalesce(max(version), 0) FROM {s}.rm_meetings WHERE id = %s) "
                "AS versions"
            ),
            (meeting_id, meeting_id),
        )[0]
        return int(row["audit"]), int(row["versions"])

    def write(
        self,
        start: int,
        end: int,
        audit: Sequence[AuditRow],
        meetings: Sequence[MeetingRows],
        *,
        durable: bool = True,
    ) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"SET LOCAL lock_timeout TO '{READ_MODELS_LOCK_TIMEOUT}'")
            if not durable:  # this transaction's commit does not wait for the WAL's flush
                c.execute("SET LOCAL synchronous_commit TO OFF")
            c.execute(
                self._sql(
                    "UPDATE {s}.rm_tracking SET notification_id = %s "
                    "WHERE application_name = %s AND notification_id = %s "
                    "RETURNING notification_id"
                ),
                (end, self.application_name, start),
            )
            if c.fetchone() is None:
                raise Stale
            # COPY: the rows streamed in one statement, not one statement each (a rebuild
            # writes a row per event); the search rows are computed (tsv) on the way in.
            with c.copy(self._sql("COPY {s}.rm_audit FROM STDIN")) as copy:
                for row in audit:
                    copy.write_row(row)
            c.executemany(
                self._sql(
                    "INSERT INTO {s}.rm_meetings VALUES (%s, %s, %s, %s, %s, %s, %s) "
                    "ON CONFLICT (id) DO UPDATE SET forum = excluded.forum, "
                    "date = excluded.date, status = excluded.status, items = excluded.items, "
                    "version = excluded.version, forum_key = excluded.forum_key"
                ),
                [
                    (m.key, m.forum, m.date, m.status, m.items, m.version, m.forum_key)
                    for m in meetings
                ],
            )
            c.execute(
                self._sql("DELETE FROM {s}.rm_search WHERE meeting_id = ANY(%s)"),
                ([m.key for m in meetings],),
            )
            with c.copy(
                self._sql(
                    "COPY {s}.rm_search (meeting_id, item_number, item_title, field, public, "
                    "text) FROM STDIN"
                )
            ) as copy:
                for m in meetings:
                    for row in m.search:
                        copy.write_row(row)

    def sync(self) -> None:
        # A commit that waits for the WAL's flush flushes every earlier commit with it.
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self._sql(
                    "UPDATE {s}.rm_tracking SET notification_id = notification_id "
                    "WHERE application_name = %s"
                ),
                (self.application_name,),
            )

    def analyze(self) -> None:
        # Autovacuum gathers them within a minute or so; until then the planner keeps the
        # statistics of the empty tables, and search took 37-76 ms at p99 instead of 17-28
        # (issue 26, 1M events).
        with self.datastore.transaction(commit=True) as c:
            c.execute(self._sql("ANALYZE {s}.rm_meetings, {s}.rm_audit, {s}.rm_search"))

    def reset(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"SET LOCAL lock_timeout TO '{READ_MODELS_LOCK_TIMEOUT}'")
            c.execute(
                self._sql(
                    "INSERT INTO {s}.rm_tracking VALUES (%s, 0) ON CONFLICT (application_name) "
                    "DO UPDATE SET notification_id = 0"
                ),
                (self.application_name,),
            )
            c.execute(self._sql("TRUNCATE {s}.rm_meetings, {s}.rm_audit, {s}.rm_search"))

    def _query(self, statement: Composed, params: Sequence[Any] = ()) -> list[Row]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(statement, params)
            return list(c.fetchall())

    def meetings(self) -> list[Row]:
        return self._query(self._sql("SELECT * FROM {s}.rm_meetings ORDER BY date, forum"))

    def meetings_by_prefix(self, prefix: str, limit: int) -> list[Row]:
        # A range on the primary key: the ids are lower-case hex, all below "g".
        return self._query(
            self._sql(
                "SELECT * FROM {s}.rm_meetings WHERE id >= %s AND id < %s ORDER BY id LIMIT %s"
            ),
            (prefix, prefix + "g", limit),
        )

    def meeting_on(self, forum_key: str, on: str) -> list[Row]:
        return self._query(
            self._sql("SELECT * FROM {s}.rm_meetings WHERE forum_key = %s AND date = %s LIMIT 1"),
            (forum_key, on),
        )

    def meetings_page(self, after: tuple[str, str, str] | None, limit: int) -> list[Row]:
        if after is None:
            return self._query(self._sql(MEETINGS_PAGE.format(where="")), (limit,))
        where = "WHERE (date, forum, id) < (%s, %s, %s)"
        return self._query(self._sql(MEETINGS_PAGE.format(where=where)), (*after, limit))

    def audit(self, meeting_key: str | None) -> list[Row]:
        if meeting_key is None:
            return self._query(
                self._sql("SELECT * FROM {s}.rm_audit ORDER BY at, meeting_id, position")
            )
        return self._query(
            self._sql("SELECT * FROM {s}.rm_audit WHERE meeting_id = %s ORDER BY position"),
            (meeting_key,),
        )

    def search(self, where: SearchFilter) -> list[Row]:
        conditions, params, join = [], [], ""
        if where.forum_key is not None:
            conditions.append("AND m.forum_key = %s")
            params.append(where.forum_key)
        if where.date_from:
            conditions.append("AND m.date >= %s")
            params.append(where.date_from)
        if where.date_to:
            conditions.append("AND m.date <= %s")
            params.append(where.date_to)
        if conditions:
            join = "JOIN {s}.rm_meetings m ON m.id = s.meeting_id"
        if not where.internal:
            conditions.append("AND s.public")
        statement = _SEARCH.format(join=join, conditions=" ".join(conditions))
        return self._query(
            self._sql(statement),
            [where.match, *params, SEARCH_WINDOW, where.match, where.limit, where.match],
        )


# -- the site's role (issue 24): it records only what a member's valid link allows -------
#
# The public site may connect as a role of its own (`chefforum people site ROLLE`). The
# stamp trigger hands such a role's events to chefforum_site_check, which lets one through
# only when the transaction presents a member's link token (set_config
# 'chefforum.link_token', done by present_link_token from LINK_TOKEN) whose hash is a
# link to that meeting, neither revoked, replaced nor expired, whose scope allows the
# event, and the event is that member's own: a signature or a remark by them, via link,
# recorded by nobody else. The links are kept from the LinkIssued and LinkRevoked events
# by an AFTER INSERT trigger, so the site cannot make one. The site role may not insert
# snapshots (none granted), and the people table stays closed to it. An encrypted store's
# events cannot be read by the server: there the site role can record nothing.

SITE_ROLES_TABLE = "chefforum_site_roles"
LINKS_TABLE = "chefforum_member_links"


def present_link_token(curs: Any) -> None:
    """Hand the link token to the server for this transaction only (is_local)."""
    token = LINK_TOKEN.get()
    if token is not None:
        curs.execute("SELECT set_config('chefforum.link_token', %s, true)", (token,))


_IS_SITE_FUNCTION = """
CREATE OR REPLACE FUNCTION {s}.chefforum_is_site() RETURNS boolean LANGUAGE sql
SECURITY DEFINER SET search_path = pg_catalog AS $f$
    SELECT EXISTS (SELECT 1 FROM {s}.chefforum_site_roles WHERE role = session_user)
$f$
"""

_SITE_CHECK_FUNCTION = """
CREATE OR REPLACE FUNCTION {s}.chefforum_site_check(topic text, meeting text, state bytea)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $f$
DECLARE
    token text := current_setting('chefforum.link_token', true);
    link record;
    ev jsonb;
BEGIN
    IF token IS NULL OR token = '' THEN
        RAISE EXCEPTION 'chefforum: siden skriver kun med et gyldigt personligt link.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO link FROM {s}.chefforum_member_links
        WHERE token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex');
    IF NOT FOUND OR link.meeting_id <> meeting OR link.revoked OR link.replaced
            OR link.expires <= now() THEN
        RAISE EXCEPTION 'chefforum: linket er ikke gyldigt til dette møde.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF state IS NULL OR length(state) = 0 OR get_byte(state, 0) <> 123 THEN
        RAISE EXCEPTION 'chefforum: siden kan ikke skrive i et krypteret lager.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    ev := convert_from(state, 'UTF8')::jsonb;
    IF ev ->> 'actor' IS DISTINCT FROM link.member THEN
        RAISE EXCEPTION 'chefforum: et personligt link skriver kun som sit medlem.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF topic = 'chefforum:MinutesApproved' AND 'approve' = ANY (link.scope)
            AND ev -> 'approval' ->> 'by' = link.member
            AND ev -> 'approval' ->> 'via' = 'link'
            AND ev -> 'approval' ->> 'recorded_by' IS NULL
            AND ev ->> 'transcribed' = 'false' THEN
        RETURN;
    END IF;
    IF topic = 'chefforum:RemarkAdded' AND 'remark' = ANY (link.scope)
            AND ev -> 'remark' ->> 'by' = link.member
            AND ev -> 'remark' ->> 'via' = 'link'
            AND ev -> 'remark' ->> 'recorded_by' IS NULL THEN
        RETURN;
    END IF;
    RAISE EXCEPTION 'chefforum: et personligt link tillader ikke denne ændring (%).', topic
        USING ERRCODE = 'insufficient_privilege';
END
$f$
"""

_LINKS_FUNCTION = """
CREATE OR REPLACE FUNCTION {s}.chefforum_links() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog AS $f$
DECLARE
    ev jsonb;
BEGIN
    IF NEW.topic NOT IN ('chefforum:LinkIssued', 'chefforum:LinkRevoked')
            OR NEW.state IS NULL OR length(NEW.state) = 0 OR get_byte(NEW.state, 0) <> 123 THEN
        RETURN NULL;
    END IF;
    ev := convert_from(NEW.state, 'UTF8')::jsonb;
    IF NEW.topic = 'chefforum:LinkIssued' THEN
        UPDATE {s}.chefforum_member_links SET replaced = true
            WHERE meeting_id = NEW.originator_id::text AND member = ev -> 'link' ->> 'member';
        INSERT INTO {s}.chefforum_member_links VALUES (
            ev -> 'link' ->> 'token_hash', ev -> 'link' ->> 'id', NEW.originator_id::text,
            ev -> 'link' ->> 'member',
            ARRAY(SELECT jsonb_array_elements_text(ev -> 'link' -> 'scope')),
            (ev -> 'link' ->> 'expires')::timestamptz, false, false)
        ON CONFLICT (token_hash) DO NOTHING;
    ELSE
        UPDATE {s}.chefforum_member_links SET revoked = true WHERE link_id = ev ->> 'link_id';
    END IF;
    RETURN NULL;
END
$f$
"""

# A chain row from the site's role must be that of an event it has just written (and
# may write): it cannot add rows that make the chain look broken.
_SITE_CHAIN_FUNCTION = """
CREATE OR REPLACE FUNCTION {s}.chefforum_site_chain() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog AS $f$
BEGIN
    IF {s}.chefforum_is_site() AND NOT EXISTS (
            SELECT 1 FROM {events} WHERE notification_id = NEW.notification_id
            AND db_user = session_user) THEN
        RAISE EXCEPTION 'chefforum: siden skriver kun kæderækker for sine egne hændelser.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$f$
"""

_SITE_STATEMENTS = (
    "CREATE TABLE IF NOT EXISTS {s}.chefforum_site_roles (role name PRIMARY KEY)",
    "REVOKE ALL ON {s}.chefforum_site_roles FROM PUBLIC",
    "CREATE TABLE IF NOT EXISTS {s}.chefforum_member_links (token_hash text PRIMARY KEY, "
    "link_id text NOT NULL, meeting_id text NOT NULL, member text NOT NULL, "
    "scope text[] NOT NULL, expires timestamptz NOT NULL, revoked boolean NOT NULL, "
    "replaced boolean NOT NULL)",
    "REVOKE ALL ON {s}.chefforum_member_links FROM PUBLIC",
    _IS_SITE_FUNCTION,
    _SITE_CHECK_FUNCTION,
    _LINKS_FUNCTION,
    "CREATE OR REPLACE TRIGGER chefforum_links AFTER INSERT ON {events} "
    "FOR EACH ROW EXECUTE FUNCTION {s}.chefforum_links()",
    _SITE_CHAIN_FUNCTION,
    "CREATE OR REPLACE TRIGGER chefforum_site_chain BEFORE INSERT ON {chain} "
    "FOR EACH ROW EXECUTE FUNCTION {s}.chefforum_site_chain()",
)

# What the site's role needs: reading everything it shows, adding events (the trigger
# decides which; UPDATE for eventsourcing's LOCK TABLE, refused row by row) and their
# chain rows, and keeping the read models it reads through. No snapshots, no people.
_SITE_GRANTS = (
    "GRANT USAGE ON SCHEMA {s} TO {role}",
    "GRANT SELECT, INSERT, UPDATE ON {events} TO {role}",
    "GRANT SELECT ON {snapshots} TO {role}",
    "GRANT SELECT, INSERT ON {chain} TO {role}",
    "GRANT USAGE ON SEQUENCE {sequence} TO {role}",
    "GRANT SELECT ON {store}, {s}.rm_schema TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON {s}.rm_meetings, {s}.rm_audit, "
    "{s}.rm_search, {s}.rm_tracking TO {role}",
)
