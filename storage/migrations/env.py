"""Alembic environment: runs on the engine handed over by storage.migrations.upgrade_database."""

from alembic import context

from storage.db import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    # render_as_batch: SQLite alters a table by copying it, which Alembic's batch mode does for us.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    context.run_migrations()
