"""Each store test runs on SQLite in tmp_path and, when TLDVC_TEST_POSTGRES_URL is set, on PostgreSQL."""

import os
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, MetaData

from storage import (
    ComplaintDraft,
    ComplaintKind,
    ComplaintService,
    WorkingCalendar,
    make_engine,
    upgrade_database,
)

POSTGRES_URL = os.environ.get("TLDVC_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'var' / 'test.sqlite3'}"
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


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade_database(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def service(engine: Engine) -> ComplaintService:
    return ComplaintService(engine, WorkingCalendar(), answer_working_days=10)


@pytest.fixture
def draft() -> ComplaintDraft:
    return ComplaintDraft(
        kind=ComplaintKind.SLOW,
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        dossier_code="000.00.12.H57-241115-0001",
        agency="UBND phường Tân Ninh",
        submitted_on=date(2026, 11, 2),
        promised_on=date(2026, 11, 5),
        description="Đã quá hẹn hai tuần mà chưa nhận được giấy khai sinh.",
        citizen_name="Nguyễn Thị Lan",
        phone="0912 345 678",
        contact_consent=True,
        sender_id="web-3f2a",
        channel="web",
    )
