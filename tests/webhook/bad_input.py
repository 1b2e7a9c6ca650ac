"""The backend the bad-input corpus runs against, and what every refusal must look like.

One backend per test module, with every dependency real or a real HTTP fake on loopback (Rasa, the action
server's /health, Zalo's API), the Zalo channel configured, accounts of every kind, one complaint and one
handoff for the routes that need them. A refusal is checked the same way whatever the case: a 4xx, a
Vietnamese `detail`, no table with a row more or less than before, and /health still OK afterwards.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import anyio
import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from settings import Settings
from storage import (
    ComplaintDraft,
    ComplaintKind,
    ComplaintService,
    HandoffDraft,
    HandoffReason,
    HandoffStore,
    WorkingCalendar,
    make_engine,
)
from storage.db import metadata
from tests.browser.servers import FakeRasa, ServerThread
from tests.databases import empty_database
from tests.webhook.backend import PASSWORD, prepare_database
from tests.webhook.zalo_fake import FakeZalo
from webhook.app import create_app
from webhook.channels.zalo.signature import expected_signature
from webhook.core.security import create_access_token

SECRET_KEY = "khoa-bi-mat-chi-dung-cho-thu-nghiem-0123456789"
APP_ID, OA_SECRET = "1234567890", "oa-secret-key"
CITIZEN = "8011122233344455"
ONE_MEGABYTE = 1024 * 1024

# A letter only Vietnamese (among the languages a refusal could be in) writes: a message has at least one.
VIETNAMESE = re.compile(
    "[\u00c0-\u00fd\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)
# What FastAPI, Starlette and pydantic say on their own: none of it may reach a client.
ENGLISH = (
    "Field required", "Input should", "Not Found", "Method Not Allowed", "error parsing", "Internal Server",
    "Content Too Large", "Unprocessable", "String should", "value is not", "JSON decode",
)  # fmt: skip


# The corpus sends hundreds of requests in seconds from one client, the fuzzer many failed sign-ins: past the
# real limits a 429 could stand in for the refusal under test. The limits have test_rate_limits.py.
LIMITS = (
    "chat_limit_per_sender",
    "chat_limit_per_client",
    "sign_in_limit_per_username",
    "sign_in_limit_per_client",
)
UNLIMITED = dict.fromkeys(LIMITS, "100000/1 minute")


def fake_action_server() -> FastAPI:
    app = FastAPI()

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


@dataclass
class Backend:
    client: TestClient
    engine: Engine
    settings: Settings
    rasa: FakeRasa
    zalo: FakeZalo
    complaint_code: str
    handoff_id: int
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # "manager", "staff" -> Authorization

    def row_counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {
                name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in metadata.tables.items()
            }

    def refuses(self, send: Callable[[], httpx.Response], *statuses: int) -> httpx.Response:
        """Sends the request; asserts it was refused cleanly and left nothing behind."""
        before = self.row_counts()
        response = send()
        assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
        if statuses:
            assert response.status_code in statuses, (response.status_code, response.text[:300])
        assert_vietnamese(response.status_code, response.headers.get("content-type", ""), response.content)
        assert self.row_counts() == before, "a refused request wrote to the database"
        self.assert_healthy()
        return response

    def assert_healthy(self) -> None:
        health = self.client.get("/health")
        assert health.status_code == 200 and health.json()["status"] == "ok", health.text

    def raw(self, method: str, raw_path: bytes, body: bytes = b"") -> tuple[int, str, bytes]:
        """A request as a server hands it to the app, the path not normalised (httpx would drop the ..)."""
        path, _, query = raw_path.partition(b"?")
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
            "scheme": "http", "path": unquote(path.decode("latin-1")), "raw_path": path, "root_path": "",
            "query_string": query, "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
        }  # fmt: skip
        sent: list[dict] = []

        async def call() -> None:
            done = anyio.Event()
            given = False

            async def receive() -> dict:
                nonlocal given
                if not given:
                    given = True
                    return {"type": "http.request", "body": body, "more_body": False}
                await done.wait()
                return {"type": "http.disconnect"}

            async def send(message: dict) -> None:
                sent.append(message)
                if message["type"] == "http.response.body" and not message.get("more_body", False):
                    done.set()

            await self.client.app(scope, receive, send)

        assert self.client.portal is not None
        self.client.portal.call(call)
        headers = dict(sent[0].get("headers", []))
        content = b"".join(m.get("body", b"") for m in sent[1:])
        return sent[0]["status"], headers.get(b"content-type", b"").decode(), content

    def zalo_post(self, body: bytes, signature: str | None) -> httpx.Response:
        headers = {"X-ZEvent-Signature": signature} if signature is not None else {}
        return self.client.post("/webhooks/zalo", content=body, headers=headers)


def assert_vietnamese(status: int, content_type: str, content: bytes) -> None:
    assert content_type.startswith("application/json"), (status, content_type, content[:200])
    detail = json.loads(content)["detail"]
    assert isinstance(detail, str), detail
    assert VIETNAMESE.search(detail), detail
    assert not any(phrase in detail for phrase in ENGLISH), detail


def zalo_event(
    text: str | None = "xin chao", *, msg_id: str = "msg-1", age_ms: int = 0, **changes: object
) -> dict:
    body = {
        "app_id": APP_ID, "event_name": "user_send_text", "timestamp": str(int(time.time() * 1000) - age_ms),
        "sender": {"id": CITIZEN}, "recipient": {"id": "oa-1"}, "message": {"msg_id": msg_id, "text": text},
    }  # fmt: skip
    return {**body, **changes}


def signed(body: dict, *, secret: str = OA_SECRET) -> tuple[bytes, str]:
    raw = json.dumps(body).encode()
    return raw, expected_signature(APP_ID, raw, str(body.get("timestamp", "")), secret)


def token(
    username: str, *, key: str = SECRET_KEY, lifetime: timedelta = timedelta(hours=1)
) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_access_token(username, key, lifetime)}"}


@contextmanager
def bad_input_backend(folder: Path, rasa: FakeRasa, database: str = "sqlite") -> Iterator[Backend]:
    """On SQLite, or on PostgreSQL (database="postgresql") when TLDVC_TEST_POSTGRES_URL is set."""
    with empty_database(database, folder) as url:
        yield from _backend_on(url, folder, rasa)


def _backend_on(url: str, folder: Path, rasa: FakeRasa) -> Iterator[Backend]:
    prepare_database(url)  # quanly (manager), tongdai (staff), nghiviec (disabled)
    engine = make_engine(url)
    draft = ComplaintDraft(
        kind=ComplaintKind.SLOW, agency="UBND xã Hòa Thành", description="Quá hẹn hai tuần chưa có kết quả",
        citizen_name="Nguyễn Thị Lan", phone="0912345678", contact_consent=True, sender_id="web-1",
        channel="web",
    )  # fmt: skip
    code = ComplaintService(engine, WorkingCalendar()).file(draft).reference_code
    handoff = HandoffStore(engine).add(
        HandoffDraft(sender_id="web-cho", reason=HandoffReason.REQUESTED, last_message="cho tôi gặp cán bộ")
    )
    zalo = FakeZalo()
    with ExitStack() as stack:
        zalo.url = stack.enter_context(ServerThread(zalo.app())).url
        action_server = stack.enter_context(ServerThread(fake_action_server()))
        settings = Settings(
            database_url=url, secret_key=SECRET_KEY, rasa_url=rasa.url, action_server_url=action_server.url,
            zalo_app_id=APP_ID, zalo_oa_secret_key=OA_SECRET, zalo_app_secret_key="app-secret",
            zalo_access_token="token-1", zalo_refresh_token="refresh-1", zalo_api_url=zalo.url,
            zalo_oauth_url=zalo.url, **UNLIMITED,
        )  # fmt: skip
        client = stack.enter_context(TestClient(create_app(settings), raise_server_exceptions=False))
        backend = Backend(client, engine, settings, rasa, zalo, code, handoff.id)
        for role, username in (("manager", "quanly"), ("staff", "tongdai")):
            response = client.post("/api/auth/token", data={"username": username, "password": PASSWORD})
            backend.headers[role] = {"Authorization": f"Bearer {response.json()['access_token']}"}
        yield backend
    engine.dispose()
