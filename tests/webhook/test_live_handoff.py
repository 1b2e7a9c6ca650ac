"""Live handoff over the backend: staff take a handed-over conversation, the bot stays quiet, staff replies
reach the web chat, and the bot answers again once staff release it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from settings import Settings
from storage import (
    HandoffDraft,
    HandoffReason,
    HandoffStore,
    UserRole,
    UserStore,
    make_engine,
    upgrade_database,
)
from tests.browser.servers import FakeRasa
from webhook.app import create_app
from webhook.core.security import hash_password

PASSWORD = "mat-khau-du-dai"
CITIZEN = "web-live-1"


@pytest.fixture
def rasa(fake_rasa: FakeRasa) -> FakeRasa:
    return fake_rasa


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    engine = make_engine(url)
    upgrade_database(engine)
    for username in ("tongdai1", "tongdai2"):
        UserStore(engine).add(username, username, UserRole.STAFF, hash_password(PASSWORD))
    return url


@pytest.fixture
def client(database_url: str, rasa: FakeRasa) -> Iterator[TestClient]:
    settings = Settings(
        database_url=database_url, secret_key="k" * 40, rasa_url=rasa.url, action_server_url=rasa.url
    )
    with TestClient(create_app(settings)) as client:
        yield client


def _login(client: TestClient, username: str) -> dict[str, str]:
    token = client.post("/api/auth/token", data={"username": username, "password": PASSWORD}).json()
    return {"Authorization": f"Bearer {token['access_token']}"}


def _say(client: TestClient, text: str) -> dict:
    response = client.post("/api/chat", json={"sender_id": CITIZEN, "text": text})
    assert response.status_code == 200
    return response.json()


def test_staff_take_over_answer_and_give_back(client: TestClient, database_url: str, rasa: FakeRasa) -> None:
    assert _say(client, "xin chào")["handoff_open"] is False
    assert client.get(f"/api/chat/{CITIZEN}/staff-messages").headers["X-Handoff-Open"] == "false"
    # What the action server records when the bot hands over.
    handoff = HandoffStore(make_engine(database_url)).add(
        HandoffDraft(sender_id=CITIZEN, reason=HandoffReason.REQUESTED, last_message="cho tôi gặp nhân viên")
    )
    # Waiting for staff: the bot still answers, and the web chat starts polling for staff replies.
    waiting = _say(client, "cho tôi gặp nhân viên")
    assert (waiting["with_staff"], waiting["handoff_open"]) == (False, True)
    staff, other = _login(client, "tongdai1"), _login(client, "tongdai2")
    assert [h["id"] for h in client.get("/api/staff/handoffs", headers=staff).json()] == [handoff.id]
    assert (
        client.post(f"/api/staff/handoffs/{handoff.id}/reply", json={"text": "x"}, headers=staff).status_code
        == 409
    )
    assert (
        client.post(f"/api/staff/handoffs/{handoff.id}/take", headers=staff).json()["taken_by"] == "tongdai1"
    )
    assert client.post(f"/api/staff/handoffs/{handoff.id}/take", headers=other).status_code == 409

    quiet = _say(client, "em muốn hỏi về sổ đỏ")
    assert (
        quiet == {"messages": [], "with_staff": True, "handoff_open": True, "limited": False}
        and len(rasa.received) == 2
    )
    detail = client.get(f"/api/staff/handoffs/{handoff.id}", headers=staff).json()
    assert detail["transcript"][-1] == {
        **detail["transcript"][-1],
        "author": "citizen",
        "text": "em muốn hỏi về sổ đỏ",
    }

    reply = {"text": "Chào chị, chị cần cấp đổi hay cấp lần đầu ạ?"}
    assert (
        client.post(f"/api/staff/handoffs/{handoff.id}/reply", json=reply, headers=staff).status_code == 200
    )
    polling = client.get(f"/api/chat/{CITIZEN}/staff-messages")
    polled = polling.json()
    assert [m["text"] for m in polled] == [reply["text"]] and polling.headers["X-Handoff-Open"] == "true"
    assert client.get(f"/api/chat/{CITIZEN}/staff-messages", params={"after": polled[-1]["id"]}).json() == []

    assert client.post(f"/api/staff/handoffs/{handoff.id}/release", headers=other).status_code == 409
    assert (
        client.post(f"/api/staff/handoffs/{handoff.id}/release", headers=staff).json()["state"] == "released"
    )
    assert client.get(f"/api/chat/{CITIZEN}/staff-messages").headers["X-Handoff-Open"] == "false"
    after_release = _say(client, "cảm ơn")
    assert (after_release["with_staff"], after_release["handoff_open"]) == (False, False)
    assert rasa.received[-1] == (CITIZEN, "cảm ơn")
    assert client.get("/api/staff/handoffs", headers=staff).json() == []


def test_the_staff_api_needs_a_signed_in_account(client: TestClient) -> None:
    assert client.get("/api/staff/handoffs").status_code == 401
    assert client.post("/api/staff/handoffs/1/take").status_code == 401
