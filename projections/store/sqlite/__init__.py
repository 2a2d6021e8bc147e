"""Everything chefforum says to SQLite, one concept a module: the durable connections
(connection), the hash-chained recorder (recorder), the Bilag's files (files), the
polling subscription (subscription) and the read models (readmodels). With postgres/, the
only SQL in chefforum (an import-linter contract)."""
