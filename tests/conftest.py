"""Fixtures several test packages share: a fake of Rasa's REST channel, as a real HTTP server on loopback; the
real product (Rasa server, action server, gateway) for the integration tests, started once per session."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from ops.services import RunningServices, product_services
from ops.training import ensure_trained_model
from settings import Settings
from storage import upgrade_database_at
from tests.browser.servers import FakeRasa, ServerThread


@pytest.fixture(scope="session")
def fake_rasa_server() -> Iterator[FakeRasa]:
    fake = FakeRasa()
    with ServerThread(fake.app()) as server:
        fake.url = server.url
        yield fake


@pytest.fixture
def fake_rasa(fake_rasa_server: FakeRasa) -> FakeRasa:
    """The fake, answering again and with nothing received yet."""
    fake_rasa_server.down = False
    fake_rasa_server.actions_down = False
    fake_rasa_server.delay_s = 0.0
    fake_rasa_server.received.clear()
    fake_rasa_server.input_channels.clear()
    fake_rasa_server.trackers.clear()
    return fake_rasa_server


OVERRIDDEN = [
    "rasa_url", "action_server_url", "gateway_port", "database_url", "tracker_db", "secret_key_file",
    "first_manager_username", "first_manager_password", "chat_limit_per_client",
]  # fmt: skip
# Every test citizen writes from 127.0.0.1, several at once (the durability test): as one address they would
# pass the per-address limit that many citizens behind one network share. Limits have tests of their own.
ONE_ADDRESS_FOR_ALL = "100000/1 minute"
MANAGER = ("quanly", "mat-khau-thu-nghiem")
# Staff hours left empty mean staff are always at work (storage.working_days.StaffHours): a handoff then gets
# the same answer whenever the tests run, rather than "ngoài giờ làm việc" at night and at weekends.
ALWAYS_STAFFED = {"TLDVC_PROFILE_STAFF_HOURS": "[]"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def product_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Free ports and a fresh database, so tests never touch a running instance or its data."""
    state = tmp_path_factory.mktemp("state")
    return Settings(
        rasa_url=f"http://127.0.0.1:{_free_port()}",
        action_server_url=f"http://127.0.0.1:{_free_port()}",
        gateway_port=_free_port(),
        database_url=f"sqlite:///{state / 'product.sqlite3'}",
        tracker_db=state / "tracker.sqlite3",
        secret_key_file=state / "secret_key",
        first_manager_username=MANAGER[0],
        first_manager_password=MANAGER[1],
        chat_limit_per_client=ONE_ADDRESS_FOR_ALL,
    )


@pytest.fixture(scope="session")
def product(product_settings: Settings) -> Iterator[RunningServices]:
    """The three real services, started once for the session; a test may restart one and wait for it."""
    settings = product_settings
    env = {f"TLDVC_{name.upper()}": str(getattr(settings, name)) for name in OVERRIDDEN} | ALWAYS_STAFFED
    upgrade_database_at(settings.database_url)  # as `make run` does before starting the services
    services = RunningServices(product_services(settings, ensure_trained_model()), env=env)
    services.start()
    try:
        services.wait_healthy()
        yield services
    finally:
        services.stop()
