"""Where tests keep data: SQLite in a temporary folder, and PostgreSQL when TLDVC_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, make_url, text

from storage import make_engine

POSTGRES_URL = os.environ.get("TLDVC_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"]


@contextmanager
def empty_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of an empty database of that backend, emptied again afterwards; skips without PostgreSQL."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'var' / 'test.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip(
            "PostgreSQL variant: set TLDVC_TEST_POSTGRES_URL (scripts/start_test_postgres.sh prints one)"
        )
    drop_every_table(POSTGRES_URL)  # a clean slate, whatever an interrupted run left behind
    yield POSTGRES_URL
    drop_every_table(POSTGRES_URL)


def drop_every_table(url: str) -> None:
    """Every table there is, alembic_version and tables of older schemas included."""
    engine = make_engine(url)
    existing = MetaData()
    existing.reflect(engine)
    existing.drop_all(engine)
    engine.dispose()


@contextmanager
def scratch_postgres_database() -> Iterator[str]:
    """The URL of a new PostgreSQL database of its own, dropped afterwards: for a test whose tables must
    outlive the other tests that empty POSTGRES_URL's database; skips without PostgreSQL."""
    if not POSTGRES_URL:
        pytest.skip(
            "needs PostgreSQL: set TLDVC_TEST_POSTGRES_URL (scripts/start_test_postgres.sh prints one)"
        )
    name = f"tldvc_scratch_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
