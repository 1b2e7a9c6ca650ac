"""The servers behind the browser tests: any app on a free port in a thread, the backend alone, and a fake
Rasa."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from playwright.sync_api import Page


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerThread:
    """A uvicorn server in a background thread, for as long as the test session needs it."""

    def __init__(self, app: FastAPI, **options: object) -> None:
        """`options`: more of uvicorn's settings, e.g. proxy_headers and forwarded_allow_ips."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", **options)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"server on port {self.port} did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


@contextmanager
def backend_server(database_url: str, state: Path, **settings: object) -> Iterator[str]:
    """The backend on that database, its secret key kept in `state`, with any other `settings`; Rasa and the
    action server are nowhere (the staff pages need neither). Yields its URL."""
    # Imported here: tests/conftest.py imports this module in every test session, the backend's own
    # tests or not.
    from settings import Settings
    from webhook.app import create_app

    backend_settings = Settings(
        database_url=database_url,
        rasa_url=f"http://127.0.0.1:{free_port()}",
        action_server_url=f"http://127.0.0.1:{free_port()}",
        secret_key_file=state / "secret_key",
        **settings,
    )
    with ServerThread(create_app(backend_settings)) as server:
        yield server.url


@dataclass
class FakeRasa:
    """Rasa's REST channel with canned answers; remembers what it was sent and can be made to fail. It also
    answers the action server's /health (point the backend's action_server_url at it too)."""

    url: str = ""
    down: bool = False
    actions_down: bool = False
    delay_s: float = 0.0  # before answering a message, to exceed the backend's reply timeout
    received: list[tuple[str, str]] = field(default_factory=list)
    input_channels: list[str] = field(default_factory=list)
    # Each conversation's user and bot events, as Rasa's tracker has them (the staff transcript reads it).
    trackers: dict[str, list[dict]] = field(default_factory=dict)

    def reply(self, sender: str, message: str) -> list[dict]:
        if self.down:
            raise HTTPException(500, "model not loaded")
        self.received.append((sender, message))
        replies = self._answer(sender, message)
        events = self.trackers.setdefault(sender, [])
        events.append({"event": "user", "timestamp": time.time(), "text": message})
        events += [{"event": "bot", "timestamp": time.time(), "text": reply["text"]} for reply in replies]
        return replies

    def _answer(self, sender: str, message: str) -> list[dict]:
        if message == "/ask_fee":
            return [{"recipient_id": sender, "text": "Lệ phí: miễn lệ phí."}]
        if message == "html":
            return [{"recipient_id": sender, "text": '<b>đậm</b><img src="x" onerror="window.hacked=1">'}]
        return [
            {
                "recipient_id": sender,
                "text": f"Hồ sơ gồm:\n1. Tờ khai\n2. Giấy chứng sinh\nHướng dẫn tại {self.url}/huong-dan.",
            },
            {
                "recipient_id": sender,
                "text": "Bạn muốn biết thêm gì?",
                "buttons": [
                    {"title": "Xem lệ phí", "payload": "/ask_fee"},
                    {"title": "Nộp ở đâu", "payload": "/ask_where"},
                ],
            },
        ]

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/webhooks/rest/webhook")
        async def webhook(request: Request) -> list[dict]:
            body = await request.json()
            self.input_channels.append(body.get("input_channel", "rest"))
            replies = self.reply(body["sender"], body["message"])
            # Received at once, answered late: a late append would land in the next test's record.
            if self.delay_s:
                await asyncio.sleep(self.delay_s)
            return replies

        @app.get("/conversations/{sender}/tracker")
        async def tracker(sender: str) -> dict:
            if self.down:
                raise HTTPException(500, "model not loaded")
            return {"sender_id": sender, "events": self.trackers.get(sender, [])}

        @app.get("/health")
        async def action_server_health() -> dict[str, str]:
            if self.actions_down:
                raise HTTPException(503, "down")
            return {"status": "ok"}

        @app.get("/status")
        async def status() -> dict[str, str]:
            return {"model_id": "fake"}

        @app.get("/huong-dan", response_class=HTMLResponse)
        async def guide() -> str:
            return "<!doctype html><title>Hướng dẫn</title><p>Hướng dẫn nộp hồ sơ</p>"

        return app


# What the backend answers when neither the bot nor its limited service can (or a proxy in front of it says).
UNAVAILABLE = {"detail": "Trợ lý đang tạm gián đoạn, bạn vui lòng thử lại sau ít phút."}


def make_chat_unavailable(page: Page) -> None:
    """Every chat request of the page (its frames too) answered 503, as when the backend cannot answer at all:
    with Rasa down the backend answers itself (limited), so this is how the web chat's retry is exercised."""
    page.route("**/api/chat", lambda route: route.fulfill(status=503, json=UNAVAILABLE))


def make_chat_available(page: Page) -> None:
    page.unroute("**/api/chat")
