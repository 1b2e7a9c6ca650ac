"""The database: engine and the one `metadata` every table registers on.

Each table is declared next to the model it stores (storage/complaints.py, users.py, …); importing the
`storage` package imports them all, so `metadata` is complete whenever this module is usable. The
Alembic migrations (storage/migrations) own the schema; a test checks they produce exactly `metadata`.
Everything here is portable SQL: no SQLite-only features, so the same code runs on PostgreSQL.
"""

from datetime import datetime, timezone
from enum import Enum
from pathlib import Path

from sqlalchemy import DateTime, Engine, MetaData, TypeDecorator, create_engine, event, make_url
from sqlalchemy import Enum as SqlEnum

from settings import get_settings
from settings.private_files import keep_private

# Long enough for a sender id from any channel.
SENDER_ID_LENGTH = 255

# Named constraints keep future Alembic migrations deterministic on both databases.
metadata = MetaData(
    naming_convention={
        "pk": "pk_%(table_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "ix": "ix_%(table_name)s_%(column_0_name)s",
    }
)


class UtcDateTime(TypeDecorator[datetime]):
    """Timestamps stored as UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def stored_enum(enum: type[Enum], name: str) -> SqlEnum:
    """A Python Enum stored by value as VARCHAR with a CHECK constraint, the same on both databases
    (a native PostgreSQL ENUM type would need its own migrations for every new value)."""
    return SqlEnum(
        enum,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        name=name,
    )


def _prepare_sqlite(dbapi_connection: object, connection_record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # WAL lets the action server read while another worker writes; the busy timeout makes a writer
    # wait for the lock instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # In WAL mode the default NORMAL may lose the last commits on power loss; the citizen has
    # already been told the reference code by then, so every commit is synced.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """Engine for url (default: settings.database_url). A SQLite file is made, with its folder, for the
    owner only: it holds citizens' names and phone numbers (SQLite gives its WAL files the same mode)."""
    parsed = make_url(url or get_settings().database_url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        keep_private(Path(parsed.database).expanduser())
    engine = create_engine(parsed)
    event.listen(engine, "connect", _prepare_sqlite)
    return engine


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
