"""The request body cap: a declared Content-Length over it, or a chunked body that grows past it, gets 413
with a Vietnamese detail before the app reads anything; a body within it reaches the app whole."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from settings import Settings
from storage import upgrade_database_at
from tests.browser.servers import ServerThread
from webhook.app import create_app
from webhook.body_limit import BodySizeLimit


class Echo:
    """An ASGI app that answers with the body it read; remembers whether it was called."""

    def __init__(self) -> None:
        self.called = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.called = True
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})


def call(
    app, chunks: list[bytes], *, path: str = "/api/chat", length: int | None = None
) -> tuple[int, bytes]:
    """Send the body in these chunks (no Content-Length unless given, as a chunked request has none)."""
    headers = [(b"content-length", str(length).encode())] if length is not None else []
    scope = {"type": "http", "method": "POST", "path": path, "headers": headers}
    incoming = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
        for i, chunk in enumerate(chunks)
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_a_declared_length_over_the_cap_is_refused_before_the_body_is_read() -> None:
    echo = Echo()
    status, body = call(BodySizeLimit(echo, limit=1024), [b"x" * 10], length=1025)
    assert status == 413 and not echo.called
    assert json.loads(body) == {
        "detail": "Nội dung gửi lên quá lớn: tối đa 1 KB. Vui lòng rút gọn rồi gửi lại."
    }


def test_a_chunked_body_is_counted_and_refused_once_past_the_cap() -> None:
    echo = Echo()
    status, body = call(BodySizeLimit(echo, limit=1024), [b"x" * 600, b"y" * 600])
    assert status == 413 and not echo.called and "quá lớn" in json.loads(body)["detail"]
    # A Content-Length that lies low does not help: the bytes are counted all the same.
    status, _ = call(BodySizeLimit(Echo(), limit=1024), [b"x" * 600, b"y" * 600], length=10)
    assert status == 413


def test_a_body_within_the_cap_reaches_the_app_whole() -> None:
    chunks = [b"a" * 400, b"b" * 400, b"c" * 224]  # exactly 1024 bytes
    assert call(BodySizeLimit(Echo(), limit=1024), chunks) == (200, b"".join(chunks))
    assert call(BodySizeLimit(Echo(), limit=1024), [b""]) == (200, b"")


def test_a_path_can_have_its_own_cap() -> None:
    limited = BodySizeLimit(Echo(), limit=100, limits={"/webhooks/zalo": 1000})
    assert call(limited, [b"z" * 500], path="/webhooks/zalo")[0] == 200
    assert call(limited, [b"z" * 500], path="/api/chat")[0] == 413
    assert call(limited, [b"z" * 1001], path="/webhooks/zalo")[0] == 413


def test_other_scopes_pass_through() -> None:
    seen = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["type"])

    asyncio.run(BodySizeLimit(app, limit=1)({"type": "lifespan"}, None, None))  # type: ignore[arg-type]
    assert seen == ["lifespan"]


@pytest.fixture
def small_cap(tmp_path: Path) -> TestClient:
    url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    upgrade_database_at(url)
    settings = Settings(
        database_url=url, secret_key="k" * 40, rasa_url="http://127.0.0.1:9", max_body_bytes=2000,
        zalo_max_body_bytes=3000,
    )  # fmt: skip
    return TestClient(create_app(settings))


def test_the_backend_takes_its_caps_from_the_settings(small_cap: TestClient) -> None:
    with small_cap as client:
        too_long = {"sender_id": "web-1", "text": "á" * 1000}  # 2,000+ bytes of UTF-8
        response = client.post("/api/chat", json=too_long)
        assert response.status_code == 413
        assert (
            response.json()["detail"]
            == "Nội dung gửi lên quá lớn: tối đa 2 KB. Vui lòng rút gọn rồi gửi lại."
        )
        login = client.post("/api/auth/token", data={"username": "a" * 2500, "password": "x"})
        assert login.status_code == 413
        # The webhook's own cap: a body between the two reaches it (503 here: no Zalo channel configured).
        assert client.post("/webhooks/zalo", content=b"{" + b" " * 2500).status_code == 503
        assert client.post("/webhooks/zalo", content=b" " * 3001).status_code == 413
        assert client.get("/health/live").status_code == 200


def test_a_real_server_refuses_a_chunked_upload_that_grows_too_large(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    upgrade_database_at(url)
    app = create_app(Settings(database_url=url, secret_key="k" * 40, rasa_url="http://127.0.0.1:9"))

    def megabyte() -> Iterator[bytes]:  # no Content-Length: uvicorn reads it as Transfer-Encoding: chunked
        yield b'{"sender_id": "web-1", "text": "'
        for _ in range(64):
            yield b"x" * 16384
        yield b'"}'

    with ServerThread(app) as server:
        response = httpx.post(f"{server.url}/api/chat", content=megabyte(), timeout=30)
        assert response.status_code == 413 and "quá lớn" in response.json()["detail"]
        assert httpx.get(f"{server.url}/health/live").status_code == 200
