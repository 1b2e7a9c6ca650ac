"""A real headless Chromium on the gateway's web chat, with Rasa replaced by a small fake REST endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from settings import Settings
from storage import upgrade_database_at
from tests.browser.servers import FakeRasa, ServerThread
from webhook.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
# As root on a closed network: no sandbox, and none of Chromium's own background connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def gateway_state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gateway")


@pytest.fixture(scope="session")
def gateway_database_url(gateway_state: Path) -> str:
    """The database of the gateway below, for tests that seed what staff do."""
    database_url = f"sqlite:///{gateway_state / 'gateway.sqlite3'}"
    upgrade_database_at(database_url)
    return database_url


@pytest.fixture(scope="session")
def gateway_url(fake_rasa_server: FakeRasa, gateway_state: Path, gateway_database_url: str) -> Iterator[str]:
    state, database_url = gateway_state, gateway_database_url
    settings = Settings(
        rasa_url=fake_rasa_server.url,
        action_server_url=fake_rasa_server.url,
        database_url=database_url,
        secret_key_file=state / "secret_key",
    )
    with ServerThread(create_app(settings)) as server:
        yield server.url


# Package scope: Playwright's sync API keeps an event loop running until it stops, and asyncio.run() in
# any later test (tests/webhook, tests/actions) would refuse to start inside it.
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test does it with root or sudo)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, gateway_url: str, fake_rasa: FakeRasa) -> Iterator[Page]:
    """A citizen's phone opening the chat for the first time (fresh storage)."""
    context = browser.new_context(viewport={"width": 390, "height": 780}, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(gateway_url)
    yield page
    context.close()
