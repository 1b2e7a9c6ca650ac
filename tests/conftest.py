"""Fixtures several test packages share: a fake of Rasa's REST channel, as a real HTTP server on loopback; the
real product (Rasa server, action server, gateway) for the integration tests, started once per session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from ops import isolated
from ops.isolated import isolated_settings
from ops.services import RunningServices
from settings import Settings
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


# Every test citizen writes from 127.0.0.1, several at once (the durability test): as one address they would
# pass the per-address limit that many citizens behind one network share. Limits have tests of their own.
ONE_ADDRESS_FOR_ALL = "100000/1 minute"
MANAGER = ("quanly", "mat-khau-thu-nghiem")
# Staff hours left empty mean staff are always at work (storage.working_days.StaffHours): a handoff then gets
# the same answer whenever the tests run, rather than "ngoài giờ làm việc" at night and at weekends.
ALWAYS_STAFFED = {"TLDVC_PROFILE_STAFF_HOURS": "[]"}


def fresh_settings(state: Path, **overrides: object) -> Settings:
    """Free ports, a fresh database in state/, the tests' manager account, one address for all citizens."""
    defaults = {
        "first_manager_username": MANAGER[0],
        "first_manager_password": MANAGER[1],
        "chat_limit_per_client": ONE_ADDRESS_FOR_ALL,
    }
    return isolated_settings(state, **(defaults | overrides))


def running_product(settings: Settings) -> AbstractContextManager[RunningServices]:
    """The three real services with these settings, always staffed, healthy, and stopped afterwards."""
    return isolated.running_product(settings, ALWAYS_STAFFED)


@pytest.fixture(scope="session")
def product_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return fresh_settings(tmp_path_factory.mktemp("state"))


@pytest.fixture(scope="session")
def product(product_settings: Settings) -> Iterator[RunningServices]:
    """The three real services, started once for the session; a test may restart one and wait for it."""
    with running_product(product_settings) as services:
        yield services
