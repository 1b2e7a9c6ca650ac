"""The gateway of the real product (Rasa server, action server, gateway) for the integration tests; the
product itself is the `product` fixture of tests/conftest.py, started once and shared with the browser tests
marked integration."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from ops.services import RunningServices
from settings import Settings
from tests.conftest import MANAGER

__all__ = ["MANAGER", "Conversation", "gateway_url"]


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
