"""Starts the real product (Rasa server, action server, gateway) once for all integration tests."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator

import httpx
import pytest

from ops.services import RunningServices, product_services
from ops.training import ensure_trained_model
from settings import Settings
from storage import upgrade_database_at

OVERRIDDEN = [
    "rasa_url", "action_server_url", "gateway_port", "database_url", "tracker_db", "secret_key_file",
    "first_manager_username", "first_manager_password",
]  # fmt: skip
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


@pytest.fixture(scope="session")
def gateway(product: RunningServices, product_settings: Settings) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=gateway_url(product_settings), timeout=60.0) as client:
        yield client


def gateway_url(settings: Settings) -> str:
    return f"http://127.0.0.1:{settings.gateway_port}"


class Conversation:
    """One citizen chatting through the gateway, as the web widget does."""

    def __init__(self, gateway: httpx.Client, sender_id: str | None = None) -> None:
        self._gateway = gateway
        self.sender_id = sender_id or f"test-{uuid.uuid4().hex[:10]}"
        self.buttons: list[dict[str, str]] = []

    def say(self, text: str) -> str:
        response = self._gateway.post("/api/chat", json={"sender_id": self.sender_id, "text": text})
        response.raise_for_status()
        messages = response.json()["messages"]
        self.buttons = [button for message in messages for button in message["buttons"]]
        return "\n".join(message["text"] for message in messages if message["text"])

    def press(self, title: str) -> str:
        """Click the button with this title, as a channel with buttons would."""
        payload = next(button["payload"] for button in self.buttons if button["title"] == title)
        return self.say(payload)

    def answer(self, intent: str) -> str:
        """Click the button that answers /affirm, /deny or /skip, whatever its title says."""
        return self.say(
            next(button["payload"] for button in self.buttons if button["payload"] == f"/{intent}")
        )


@pytest.fixture
def conversation(gateway: httpx.Client) -> Conversation:
    return Conversation(gateway)
