"""The migrations own the schema: they build exactly the models' tables, and upgrade a database made by the
first release (before migrations existed) in place, keeping every complaint."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from storage import (
    ComplaintService,
    ComplaintState,
    WorkingCalendar,
    make_engine,
    metadata,
    upgrade_database,
)

LEGACY = Path(__file__).parent / "legacy_databases"


def _differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, metadata)


def test_migrations_build_exactly_the_models_tables(engine):
    assert _differences(engine) == []


def test_upgrading_twice_changes_nothing(engine):
    upgrade_database(engine)
    assert _differences(engine) == []


@pytest.fixture
def legacy_engine(database_url):
    engine = make_engine(database_url)
    script = (LEGACY / f"{engine.dialect.name}.sql").read_text(encoding="utf-8")
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        raw.executescript(script)
        raw.close()
    else:
        with engine.begin() as connection:
            sql = "\n".join(line for line in script.splitlines() if not line.startswith("--"))
            for statement in filter(str.strip, sql.split(";\n")):
                connection.execute(text(statement))
    yield engine
    engine.dispose()


def test_a_database_of_the_first_release_is_upgraded_in_place(legacy_engine):
    upgrade_database(legacy_engine)
    assert _differences(legacy_engine) == []
    service = ComplaintService(legacy_engine, WorkingCalendar())
    # Codes issued before the check character keep working, with their data and public note.
    status = service.public_status("pa-k9yyuf")
    assert (status.status, status.public_reply) == (ComplaintState.ASSIGNED, "Đã chuyển Phòng Tư pháp.")
    complaint = service.get("PA-C99P5X")
    assert (complaint.citizen_name, complaint.phone, complaint.status) == (
        "Trần Văn Bình",
        "0912345678",
        ComplaintState.NEW,
    )
    # Each old complaint gets its filing as the first history entry; new ones file normally after it.
    assert [h.to_status for h in service.history(complaint.id)] == [ComplaintState.NEW]
    assert service.file(complaint).reference_code.startswith("PA-")
    with legacy_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM feedback")).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM handoffs")).scalar_one() == 1
