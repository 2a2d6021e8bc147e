"""The site's role in PostgreSQL (issue 24): it records only what a member's valid link
allows."""

from __future__ import annotations

from typing import Any

from projections.store.link_token import LINK_TOKEN

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

SITE_STATEMENTS = (
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
SITE_GRANTS = (
    "GRANT USAGE ON SCHEMA {s} TO {role}",
    "GRANT SELECT, INSERT, UPDATE ON {events} TO {role}",
    "GRANT SELECT ON {snapshots} TO {role}",
    "GRANT SELECT, INSERT ON {chain} TO {role}",
    "GRANT USAGE ON SEQUENCE {sequence} TO {role}",
    "GRANT SELECT ON {store}, {s}.rm_schema TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON {s}.rm_meetings, {s}.rm_audit, "
    "{s}.rm_search, {s}.rm_tracking TO {role}",
)
