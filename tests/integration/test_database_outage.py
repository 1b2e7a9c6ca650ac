"""If the database is briefly unavailable, complaint intake fails loudly and asks the citizen to retry; it
never acknowledges falsely. The real product (Rasa, action server, gateway) runs on a PostgreSQL server of
its own, which goes down just as the citizen confirms the read-back and comes back after the citizen was told.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from sqlalchemy import create_engine, text

from ops.services import RunningServices
from settings import Settings
from tests.conftest import fresh_settings, running_product
from tests.integration.complaint_citizens import STORED_COLUMNS, Answers, Citizen
from tests.integration.conftest import Conversation, gateway_url
from tests.integration.postgres_server import PostgresServer, postgres_bin

pytestmark = pytest.mark.integration

DEADLINE_S = 300.0


@pytest.fixture(scope="module")
def database() -> Iterator[PostgresServer]:
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.skip("needs PostgreSQL's server binaries (Debian package postgresql; make test installs it)")
    server = PostgresServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def product_on_postgres(
    database: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RunningServices, Settings]]:
    settings = fresh_settings(tmp_path_factory.mktemp("outage"), database_url=database.url)
    with running_product(settings) as services:
        yield services, settings


@dataclass
class CitizenDuringOutage(Citizen):
    """Confirms the read-back while the database is down; the database comes back once the citizen is told
    that nothing was received (the gateway's 503) or that nothing was stored (the complaint action)."""

    database: PostgresServer | None = None
    told_to_retry: list[str] = field(default_factory=list)
    down: bool = False

    def _answer(self, step: str, reply: str, conversation: Conversation, answers: Answers) -> str:
        assert self.database is not None
        if step == "readback" and not self.told_to_retry and not self.down:
            self.database.stop()
            self.down = True
        if step == "store_failed":
            assert self.down, f"the complaint could not be stored while the database was up: {reply}"
            self._back(reply)
        return super()._answer(step, reply, conversation, answers)

    def _refused(self, error: httpx.HTTPError) -> None:
        assert self.down, f"a request failed while the database was up: {error!r}"
        assert isinstance(error, httpx.HTTPStatusError), (
            f"no answer at all while the database was down: {error!r}"
        )
        assert error.response.status_code == 503, error.response.text
        assert error.response.headers["Retry-After"]
        self._back(error.response.json()["detail"])

    def _back(self, told: str) -> None:
        assert self.database is not None
        self.told_to_retry.append(told)
        self.database.start()
        self.down = False


def test_a_complaint_confirmed_while_the_database_is_down_is_not_acknowledged_and_is_filed_on_retry(
    product_on_postgres: tuple[RunningServices, Settings], database: PostgresServer
):
    _, settings = product_on_postgres
    citizen = CitizenDuringOutage(
        0, gateway_url(settings), random.Random(0), time.monotonic() + DEADLINE_S, group="outage",
        database=database,
    )  # fmt: skip
    finished = threading.Event()
    finished.set()  # one complaint, then stop
    citizen.run(finished)

    [told] = citizen.told_to_retry  # once: the database was back for the retry
    assert "gửi lại" in told, told
    [filed] = citizen.filed
    assert filed.code, "the citizen could not file the complaint once the database was back"
    with create_engine(settings.database_url).connect() as db:
        rows = db.execute(
            text(f"SELECT reference_code, {STORED_COLUMNS} FROM complaints WHERE sender_id LIKE 'outage-%'")
        ).all()
    assert [(row[0], tuple(row[1:])) for row in rows] == [(filed.code, filed.answers.as_stored())]
