"""Rate limits against the real backend in uvicorn, behind a pretend proxy (X-Forwarded-For from loopback, as
uvicorn's --forwarded-allow-ips lets through) so that clients can differ: a web-chat sender or client address
past its limit gets 429 with Retry-After and Vietnamese words while others go on, and goes on itself once the
window has passed; sign-in is limited per username and per address after failures; a Zalo citizen past the
limit gets one notice, then nothing, then answers again. Small limits from the settings keep windows short."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from settings import Settings
from storage import ChannelStore, make_engine
from tests.browser.servers import FakeRasa, ServerThread
from tests.webhook.backend import PASSWORD, prepare_database
from tests.webhook.bad_input import UNLIMITED, VIETNAMESE
from tests.webhook.zalo_fake import FakeZalo
from webhook.app import create_app
from webhook.channels.zalo.signature import expected_signature

APP_ID, OA_SECRET = "1234567890", "oa-secret-key"
CITIZEN, OTHER_CITIZEN = "8011122233344455", "8099988877766655"
PROXY = {"proxy_headers": True, "forwarded_allow_ips": "127.0.0.1"}


@pytest.fixture
def start(tmp_path: Path, fake_rasa: FakeRasa, fake_zalo: FakeZalo) -> Iterator[Callable[..., httpx.Client]]:
    """Starts the backend with these limits (the others out of reach) and gives a client for it."""
    fake_zalo.sent.clear()
    url = f"sqlite:///{tmp_path / 'limits.sqlite3'}"
    prepare_database(url)  # quanly (manager), tongdai (staff)
    with _started(url, fake_rasa, fake_zalo) as starter:
        yield starter


@contextmanager
def _started(url: str, rasa: FakeRasa, zalo: FakeZalo) -> Iterator[Callable[..., httpx.Client]]:
    servers: list[ServerThread] = []
    clients: list[httpx.Client] = []

    def starter(**limits: str) -> httpx.Client:
        settings = Settings(
            database_url=url, secret_key="k" * 40, pseudonym_key="p" * 40, rasa_url=rasa.url,
            action_server_url=rasa.url, zalo_app_id=APP_ID, zalo_oa_secret_key=OA_SECRET,
            zalo_access_token="token-1", zalo_refresh_token="refresh-1", zalo_api_url=zalo.url,
            zalo_oauth_url=zalo.url, **(UNLIMITED | limits),
        )  # fmt: skip
        servers.append(ServerThread(create_app(settings), **PROXY).__enter__())
        clients.append(httpx.Client(base_url=servers[-1].url, timeout=30))
        return clients[-1]

    try:
        yield starter
    finally:
        for client in clients:
            client.close()
        for server in servers:
            server.__exit__()


def from_address(address: str) -> dict[str, str]:
    return {"X-Forwarded-For": address}


def chat(client: httpx.Client, sender: str, address: str = "203.0.113.1") -> httpx.Response:
    return client.post(
        "/api/chat", json={"sender_id": sender, "text": "khai sinh"}, headers=from_address(address)
    )


def assert_refused(response: httpx.Response, words: str, max_wait_s: int) -> int:
    """429, a Retry-After within the window, and the refusal's Vietnamese words; returns the wait."""
    assert response.status_code == 429, response.text
    wait_s = int(response.headers["Retry-After"])
    assert 1 <= wait_s <= max_wait_s
    detail = response.json()["detail"]
    assert words in detail and VIETNAMESE.search(detail), detail
    return wait_s


def assert_healthy(client: httpx.Client) -> None:
    health = client.get("/health")
    assert health.status_code == 200 and health.json()["status"] == "ok", health.text


def test_a_chat_sender_past_its_limit_waits_while_others_go_on(start, fake_rasa) -> None:
    client = start(chat_limit_per_sender="3/5 seconds")  # room for a slow machine
    assert [chat(client, "web-nhanh").status_code for _ in range(3)] == [200, 200, 200]
    wait_s = assert_refused(chat(client, "web-nhanh"), "Bạn đang gửi tin nhắn hơi nhanh", 5)
    assert "giây" in chat(client, "web-nhanh").json()["detail"]
    assert fake_rasa.received.count(("web-nhanh", "khai sinh")) == 3  # the bot never saw the refused ones
    # Another conversation, even from the same address, is not held back.
    assert chat(client, "web-khac").status_code == 200
    assert_healthy(client)
    time.sleep(wait_s)  # Retry-After is honest: the window has moved on by then
    assert chat(client, "web-nhanh").status_code == 200


def test_an_address_past_its_limit_waits_whatever_the_sender(start) -> None:
    client = start(chat_limit_per_client="4/1 minute")
    assert [chat(client, f"web-{n}").status_code for n in range(4)] == [200] * 4
    wait_s = assert_refused(chat(client, "web-moi"), "từ cùng mạng Internet với bạn", 60)
    assert wait_s > 30  # the window is a minute: "khoảng 1 phút"
    assert "1 phút" in chat(client, "web-moi").json()["detail"]
    # Another address is another client.
    assert chat(client, "web-moi", address="198.51.100.9").status_code == 200
    assert_healthy(client)


def test_the_longer_window_of_a_sender_counts_too(start) -> None:
    client = start(chat_limit_per_sender="10/1 second;4/1 hour")
    assert [chat(client, "web-ca-ngay").status_code for _ in range(4)] == [200] * 4
    wait_s = assert_refused(chat(client, "web-ca-ngay"), "hơi nhanh", 3600)
    assert wait_s > 3500 and "60 phút" in chat(client, "web-ca-ngay").json()["detail"]


def sign_in(
    client: httpx.Client, username: str, password: str, address: str = "203.0.113.1"
) -> httpx.Response:
    return client.post(
        "/api/auth/token", data={"username": username, "password": password}, headers=from_address(address)
    )


def test_failed_sign_ins_for_one_username_block_it_even_with_the_right_password(start) -> None:
    client = start(sign_in_limit_per_username="3/15 minutes")
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):  # guessed from several places
        assert sign_in(client, "quanly", "doan-sai", address).status_code == 401
    refused = sign_in(client, "quanly", PASSWORD, "198.51.100.9")
    wait_s = assert_refused(refused, "Có quá nhiều lần đăng nhập không thành công", 900)
    assert wait_s > 850 and "15 phút" in refused.json()["detail"]
    # Another account is not held back, and signing in successfully is never counted.
    for _ in range(5):
        assert sign_in(client, "tongdai", PASSWORD).status_code == 200
    assert_healthy(client)


def test_failed_sign_ins_from_one_address_block_it_for_every_username(start) -> None:
    client = start(sign_in_limit_per_client="4/15 minutes")
    for username in ("admin", "root", "quanly", "tongdai"):
        assert sign_in(client, username, "doan-sai", "203.0.113.66").status_code == 401
    assert_refused(sign_in(client, "tongdai", PASSWORD, "203.0.113.66"), "đăng nhập không thành công", 900)
    assert sign_in(client, "tongdai", PASSWORD, "198.51.100.9").status_code == 200
    assert_healthy(client)


def zalo_post(client: httpx.Client, msg_id: str, text: str = "khai sinh", sender: str = CITIZEN) -> dict:
    body = {
        "app_id": APP_ID, "event_name": "user_send_text", "timestamp": str(int(time.time() * 1000)),
        "sender": {"id": sender}, "recipient": {"id": "oa-1"}, "message": {"msg_id": msg_id, "text": text},
    }  # fmt: skip
    raw = json.dumps(body).encode()
    signature = expected_signature(APP_ID, raw, body["timestamp"], OA_SECRET)
    response = client.post("/webhooks/zalo", content=raw, headers={"X-ZEvent-Signature": signature})
    assert response.status_code == 200, response.text  # always: Zalo sends again whatever is not a 200
    return response.json()


def wait_for(condition: Callable[[], bool], timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def test_a_zalo_citizen_past_the_limit_gets_one_notice_then_nothing_then_answers(
    start, fake_rasa, fake_zalo, tmp_path, caplog
) -> None:
    client = start(chat_limit_per_sender="2/6 seconds")
    assert [zalo_post(client, f"m{n}")["status"] for n in range(2)] == ["accepted"] * 2
    counted_by = time.monotonic()  # both were counted before their answer came back
    wait_for(lambda: len(fake_zalo.texts_to(CITIZEN)) == 4)  # two bot messages per answer
    with caplog.at_level(logging.WARNING, logger="webhook.api.routes.zalo"):
        assert [zalo_post(client, f"m{n}")["status"] for n in range(2, 6)] == ["limited"] * 4
        # A platform retry of an event already accepted is still only a duplicate.
        assert zalo_post(client, "m3")["status"] == "duplicate"
    wait_for(lambda: len(fake_zalo.texts_to(CITIZEN)) == 5)
    notice = fake_zalo.texts_to(CITIZEN)[4]
    assert notice.startswith("Bạn đang nhắn nhiều tin liên tiếp") and "giây" in notice
    assert "Cần hỗ trợ ngay, bạn gọi" in notice
    # Every dropped event is logged with the sender's masked id, never the id itself.
    dropped = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
    assert len(dropped) == 4 and not any(CITIZEN in line for line in dropped)
    assert len({line.split()[4] for line in dropped}) == 1  # "Zalo event from sender <id> dropped"
    # Dropped events are recorded as handled, not left for a restart to handle.
    store = ChannelStore(make_engine(f"sqlite:///{tmp_path / 'limits.sqlite3'}"), "zalo")
    wait_for(lambda: store.unhandled() == [])
    # Another citizen is answered meanwhile.
    assert zalo_post(client, "k1", sender=OTHER_CITIZEN)["status"] == "accepted"
    wait_for(lambda: len(fake_zalo.texts_to(OTHER_CITIZEN)) == 2)
    assert len(fake_zalo.texts_to(CITIZEN)) == 5  # one notice, then nothing
    assert fake_rasa.received.count((CITIZEN, "khai sinh")) == 2
    # Once the window has passed, the citizen is answered again.
    time.sleep(max(0.0, counted_by + 6.1 - time.monotonic()))
    assert zalo_post(client, "m9", "ket hon")["status"] == "accepted"
    wait_for(lambda: (CITIZEN, "ket hon") in fake_rasa.received)
    wait_for(lambda: len(fake_zalo.texts_to(CITIZEN)) == 7)
    assert_healthy(client)


def test_a_limit_the_library_cannot_read_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="chat_limit_per_sender"):
        Settings(chat_limit_per_sender="twenty a minute")
