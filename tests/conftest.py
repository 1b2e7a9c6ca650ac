"""Fixtures several test packages share: a fake of Rasa's REST channel, as a real HTTP server on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
    fake_rasa_server.received.clear()
    fake_rasa_server.input_channels.clear()
    fake_rasa_server.trackers.clear()
    return fake_rasa_server
