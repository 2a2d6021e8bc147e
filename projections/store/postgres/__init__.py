"""Everything chefforum says to PostgreSQL, one concept a module: the connections and
the setup lock (connection), the hash-chained recorder (recorder), the Bilag's files
(files), who may write what (identity), the site's role (site_role) and the read models
(readmodels). With sqlite/, the only SQL in chefforum (an import-linter contract).

connect.py imports this package only when a store on PostgreSQL is opened (a command on
SQLite never loads psycopg), and reaches what it uses through it: hence the names below.
"""

from projections.store.postgres.connection import setup_lock
from projections.store.postgres.identity import IdentityRefused
from projections.store.postgres.readmodels import PostgresReadModelView
from projections.store.postgres.recorder import ChainedPostgresRecorder

__all__ = ["ChainedPostgresRecorder", "IdentityRefused", "PostgresReadModelView", "setup_lock"]
