"""Each store test runs on SQLite in tmp_path and, when TLDVC_TEST_POSTGRES_URL is set, on PostgreSQL."""

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine

from storage import (
    ComplaintDraft,
    ComplaintKind,
    ComplaintService,
    WorkingCalendar,
    make_engine,
    upgrade_database,
)
from tests.databases import BACKENDS, empty_database


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    with empty_database(request.param, tmp_path) as url:
        yield url


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
