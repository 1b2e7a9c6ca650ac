"""Fixtures the webhook tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.servers import ServerThread
from tests.webhook.zalo_fake import FakeZalo


@pytest.fixture(scope="module")
def fake_zalo() -> Iterator[FakeZalo]:
    """Zalo's OA API as a real HTTP server on loopback, one per test module."""
    fake = FakeZalo()
    with ServerThread(fake.app()) as server:
        fake.url = server.url
        yield fake
