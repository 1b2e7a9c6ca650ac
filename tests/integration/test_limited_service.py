"""With Rasa or the action server stopped, a citizen's procedure question through /api/chat is still answered:
the bot's card from the backend's procedure search, marked limited, after the note with the hotline. Once the
service is back and healthy, the next question is answered by the bot again."""

from __future__ import annotations

import uuid

import httpx
import pytest

from ops.services import RunningServices

pytestmark = pytest.mark.integration

QUESTION = "làm giấy khai sinh cần gì"
BIRTH = "1.001193"


def _ask(gateway: httpx.Client) -> dict:
    sender = f"test-limited-{uuid.uuid4().hex[:10]}"
    response = gateway.post("/api/chat", json={"sender_id": sender, "text": QUESTION})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("stopped", ["rasa", "action_server"])
def test_a_stopped_service_gives_the_limited_card_then_the_bot_answers_again(
    product: RunningServices, gateway: httpx.Client, stopped: str
) -> None:
    product.stop_one(stopped)
    try:
        reply = _ask(gateway)
    finally:
        product.start_one(stopped)
        product.wait_healthy()
    assert reply["limited"] is True
    note, card = (message["text"] for message in reply["messages"])
    assert note.startswith("⚠️ Trợ lý đang tạm hoạt động hạn chế") and "CHƯA được gửi đi" in note
    assert card.startswith(f"📄 Thủ tục đăng ký khai sinh (mã {BIRTH})")
    assert "Giấy chứng sinh" in card

    again = _ask(gateway)
    assert again["limited"] is False
    answer = "\n".join(message["text"] or "" for message in again["messages"])
    assert f"(mã {BIRTH})" in answer and "Giấy chứng sinh" in answer
    assert "hạn chế" not in answer
