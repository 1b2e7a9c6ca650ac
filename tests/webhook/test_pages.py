"""The gateway serves the web chat and the province facts it shows, without Rasa."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from settings import Settings
from storage import upgrade_database_at
from webhook.app import create_app


def _closed_port() -> int:
    """A port nothing listens on: bound, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def province_dir(tmp_path: Path) -> Path:
    """Another province than the shipped one, so the page's title provably comes from configuration."""
    (tmp_path / "profile.yml").write_text(
        "province: Lâm Đồng\n"
        'hotline: "0263 3822 222"\n'
        "provincial_portal_url: https://dichvucong.lamdong.gov.vn\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.fixture
def client(province_dir: Path) -> Iterator[TestClient]:
    database_url = f"sqlite:///{province_dir / 'backend.sqlite3'}"
    upgrade_database_at(database_url)
    settings = Settings(
        rasa_url=f"http://127.0.0.1:{_closed_port()}",
        province_dir=province_dir,
        secret_key_file=province_dir / "secret_key",
        database_url=database_url,
    )
    with TestClient(create_app(settings)) as client:
        yield client


def test_root_serves_the_vietnamese_chat_page(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Trợ lý Dịch vụ công" in response.text
    assert client.get("/chat.js").status_code == 200


def test_the_page_loads_nothing_from_the_internet(client: TestClient) -> None:
    page = client.get("/").text
    assets = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert assets == ["chat.css", "chat.js"]
    assert "chat-client.js" in client.get("/chat.js").text


def test_profile_tells_the_configured_province(client: TestClient) -> None:
    assert client.get("/api/profile").json() == {
        "province": "Lâm Đồng",
        "hotline_text": "0263 3822 222",
        "portal_url": "https://dichvucong.lamdong.gov.vn",
    }


def test_chat_answers_limited_with_the_configured_hotline_when_rasa_is_down(client: TestClient) -> None:
    response = client.post("/api/chat", json={"sender_id": "citizen-1", "text": "xin chào"})
    assert response.status_code == 200
    assert response.json()["limited"] is True
    note = response.json()["messages"][0]["text"]
    assert note.startswith("⚠️ Trợ lý đang tạm hoạt động hạn chế") and "0263 3822 222" in note


def test_a_message_over_the_limit_is_refused_in_vietnamese_with_the_limit(client: TestClient) -> None:
    response = client.post("/api/chat", json={"sender_id": "citizen-1", "text": "a" * 2001})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Tin nhắn dài quá: tối đa 2.000 ký tự. Bạn vui lòng rút gọn rồi gửi lại."
    }


@pytest.mark.parametrize(
    ("body", "says"),  # raw bytes, since a broken body is one of the cases
    [
        (b'{"sender_id": "citizen-1", "text": ', "không phải JSON hợp lệ"),
        (b"[1, 2]", "phải là một đối tượng JSON"),
        (b'{"sender_id": "citizen-1"}', "Thiếu nội dung tin nhắn"),
        (b'{"sender_id": "citizen-1", "text": ""}', "Tin nhắn đang trống"),
        (b'{"sender_id": "citizen-1", "text": "  \\n "}', "Tin nhắn đang trống"),
        (b'{"sender_id": "a b", "text": "hi"}', "Mã người gửi (trường sender_id) không hợp lệ"),
    ],
)
def test_a_malformed_chat_request_is_explained_in_vietnamese(
    client: TestClient, body: bytes, says: str
) -> None:
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert says in response.json()["detail"]
