"""When the bot cannot answer (Rasa down or too slow, the action server down) the citizen still gets an
answer from the bot's procedure search, marked `limited`, with a note that says complaints and status lookups
are unavailable and gives the hotline; nothing is filed, nothing reaches Rasa that it could half-process.

Rasa is the fake of tests/browser/servers.py (which also answers the action server's /health); the search is
the real one over the province KB, loaded once per test session as the backend loads it once.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from knowledge_base.loader import load_profile
from settings import Settings
from storage import upgrade_database_at
from tests.browser.servers import FakeRasa
from webhook import limited_service
from webhook.app import create_app
from webhook.limited_service import limited_text

BIRTH = "1.001193"  # Đăng ký khai sinh
REVIEWED = "2.000522"  # its fee and time are marked for review: never stated
NOT_SENT = "phản ánh của bạn CHƯA được gửi đi"
UNCONFIRMED = "chưa xác nhận được phản ánh đã được ghi nhận hay chưa"


@pytest.fixture
def settings(tmp_path: Path, fake_rasa: FakeRasa) -> Settings:
    database_url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    upgrade_database_at(database_url)
    return Settings(
        database_url=database_url,
        secret_key="k" * 40,
        rasa_url=fake_rasa.url,
        action_server_url=fake_rasa.url,
        rasa_reply_timeout_seconds=1.0,
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def unreachable_rasa(settings: Settings) -> Iterator[TestClient]:
    """The backend with nothing listening at Rasa's address (the action server, the fake, is up)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with TestClient(create_app(settings.model_copy(update={"rasa_url": closed}))) as client:
        yield client


@pytest.fixture
def hotline(settings: Settings) -> str:
    return load_profile(settings.province_dir).hotline_text


def _ask(client: TestClient, question: str, sender: str = "citizen-1") -> dict:
    response = client.post("/api/chat", json={"sender_id": sender, "text": question})
    assert response.status_code == 200, response.text
    return response.json()


def _stored(settings: Settings, table: str) -> int:
    engine = create_engine(settings.database_url)
    with engine.connect() as connection:
        count = connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    engine.dispose()
    return count


def test_the_bot_answering_is_not_limited(client: TestClient, fake_rasa: FakeRasa) -> None:
    reply = _ask(client, "làm giấy khai sinh cần gì")
    assert reply["limited"] is False
    assert reply["messages"][0]["text"].startswith("Hồ sơ gồm:")


def test_rasa_unreachable_a_sure_procedure_gets_its_card_after_the_note_with_the_hotline(
    unreachable_rasa: TestClient, fake_rasa: FakeRasa, hotline: str
) -> None:
    reply = _ask(unreachable_rasa, "làm giấy khai sinh cần gì")
    assert reply["limited"] is True and not reply["with_staff"]
    note, card = (message["text"] for message in reply["messages"])
    assert note.startswith("⚠️ Trợ lý đang tạm hoạt động hạn chế")
    assert "Gửi phản ánh và tra cứu tình trạng hồ sơ" in note
    assert NOT_SENT in note and UNCONFIRMED not in note
    assert f"bạn gọi {hotline}." in note
    assert card.startswith(f"📄 Thủ tục đăng ký khai sinh (mã {BIRTH})")
    assert "Giấy tờ cần chuẩn bị:" in card
    assert all(not message["buttons"] for message in reply["messages"])


def test_rasa_down_nothing_fitting_gets_the_note_alone(
    client: TestClient, fake_rasa: FakeRasa, hotline: str
) -> None:
    fake_rasa.down = True
    reply = _ask(client, "hôm nay trời có mưa không")
    note, nothing = (message["text"] for message in reply["messages"])
    assert reply["limited"] is True and hotline in note
    assert nothing == limited_text()["nothing"]


def test_several_fitting_procedures_are_listed_by_short_name_and_code(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.down = True
    listed = _ask(client, "khai sinh")["messages"][1]["text"]
    assert listed.startswith("Có vài thủ tục gần với câu hỏi của bạn:")
    assert f"• Đăng ký khai sinh (mã {BIRTH})" in listed
    assert "📄" not in listed


def test_a_fact_under_review_is_withheld_as_the_bot_withholds_it(
    client: TestClient, fake_rasa: FakeRasa, hotline: str
) -> None:
    fake_rasa.down = True
    # A choice button the bot showed before it went down: the procedure's card.
    card = _ask(client, f'/ask_procedure{{"procedure_code": "{REVIEWED}"}}')["messages"][1]["text"]
    assert card.startswith("📄") and f"(mã {REVIEWED})" in card
    assert f"mình chưa đưa mức phí để tránh sai; bạn gọi {hotline}" in card


def test_a_complaint_while_the_bot_is_down_is_not_acknowledged_nor_stored(
    client: TestClient, settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.actions_down = True
    words = "\n".join(
        message["text"]
        for question in ("tôi muốn phản ánh hồ sơ bị trễ hẹn", "Nguyễn Văn An", "có, tôi đồng ý gửi")
        for message in _ask(client, question)["messages"]
    )
    assert NOT_SENT in words
    assert "đã ghi nhận" not in words.replace("đã được ghi nhận hay chưa", "")
    assert _stored(settings, "complaints") == 0
    assert fake_rasa.received == []


def test_with_the_action_server_down_nothing_is_sent_to_rasa(client: TestClient, fake_rasa: FakeRasa) -> None:
    fake_rasa.actions_down = True
    reply = _ask(client, "làm giấy khai sinh cần gì")
    assert reply["limited"] is True
    assert NOT_SENT in reply["messages"][0]["text"]
    assert f"(mã {BIRTH})" in reply["messages"][1]["text"]
    # Rasa would have answered "I did not understand" for every message without its custom actions.
    assert fake_rasa.received == []
    fake_rasa.actions_down = False
    assert _ask(client, "làm giấy khai sinh cần gì")["limited"] is False


@pytest.mark.parametrize("failure", ["error", "too slow"])
def test_rasa_failing_is_answered_limited_without_claiming_the_complaint_was_not_sent(
    client: TestClient, fake_rasa: FakeRasa, failure: str
) -> None:
    # Rasa took the message: a complaint's last step may have been stored before it failed.
    if failure == "error":
        fake_rasa.down = True
    else:
        fake_rasa.delay_s = 2.0  # past the 1 s reply timeout of these settings
    reply = _ask(client, "làm giấy khai sinh cần gì")
    assert reply["limited"] is True
    note = reply["messages"][0]["text"]
    assert UNCONFIRMED in note and NOT_SENT not in note
    assert f"(mã {BIRTH})" in reply["messages"][1]["text"]


def test_when_the_limited_answer_fails_too_the_chat_says_so_with_503(
    client: TestClient, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("index missing")

    monkeypatch.setattr(limited_service, "procedure_search", broken)
    fake_rasa.down = True
    response = client.post("/api/chat", json={"sender_id": "citizen-1", "text": "khai sinh"})
    assert response.status_code == 503
    assert response.json()["detail"].startswith("Trợ lý đang tạm gián đoạn")


def test_limited_is_documented_in_the_openapi_schema(client: TestClient) -> None:
    reply = client.get("/openapi.json").json()["components"]["schemas"]["ChatReply"]
    assert reply["properties"]["limited"]["type"] == "boolean"
    assert "do not send it again" in reply["properties"]["limited"]["description"]
