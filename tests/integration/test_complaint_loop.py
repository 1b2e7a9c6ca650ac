"""The loop closes: a complaint filed in the chat is answered by a manager through the backend's API, and
the citizen's status lookup in the chat shows that public reply (never the internal note)."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.integration.conftest import MANAGER, Conversation

pytestmark = pytest.mark.integration


RECEIPT = "Mã phản ánh của bạn"


def _answer_every_question(conversation: Conversation) -> None:
    conversation.say("phản ánh cán bộ né tránh không trả lời")
    for answer in ("không rõ", "không có", "UBND xã Mỹ Hạnh", "không nhớ", "không có",
                   "hỏi ba lần đều bảo chờ", "Trần Thị Mai", "0987 654 321"):  # fmt: skip
        conversation.say(answer)


def _button(conversation: Conversation, title: str) -> str:
    return next(button["payload"] for button in conversation.buttons if button["title"] == title)


def _file_complaint(conversation: Conversation) -> str:
    _answer_every_question(conversation)
    conversation.press("Đồng ý")
    receipt = conversation.press("Đúng, gửi đi")
    code = re.search(r"PA-[A-Z0-9]{7}", receipt)
    assert code, receipt
    return code[0]


def test_a_manager_answer_reaches_the_citizen_in_the_chat(conversation: Conversation, gateway: httpx.Client):
    code = _file_complaint(conversation)
    token = gateway.post("/api/auth/token", data={"username": MANAGER[0], "password": MANAGER[1]})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    queue = gateway.get("/api/complaints", params={"status": "new"}, headers=headers).json()
    assert code in [item["reference_code"] for item in queue["items"]]
    for step in (
        ("assign", {"assignee": MANAGER[0], "note": "tự xử lý"}),
        ("status", {"status": "in_progress", "note": "đã gọi xã, số nội bộ 1234"}),
        ("status", {"status": "resolved", "public_reply": "UBND xã đã trả lời bằng văn bản ngày 20/11."}),
    ):
        response = gateway.post(f"/api/complaints/{code}/{step[0]}", json=step[1], headers=headers)
        assert response.status_code == 200, response.text

    status = conversation.say(f"tra cứu {code}")
    assert "Đã giải quyết" in status and "UBND xã đã trả lời bằng văn bản ngày 20/11." in status
    assert "số nội bộ" not in status and "0987654321" not in status


def test_a_mistyped_code_is_caught_by_its_check_character(conversation: Conversation):
    code = _file_complaint(conversation)
    typo = code[:-1] + ("2" if code[-1] != "2" else "3")
    assert "gõ nhầm" in conversation.say(f"tra cứu {typo}")


def test_a_press_sent_again_never_sends_a_read_back_the_citizen_did_not_see(conversation: Conversation):
    """The page sends a press again when its reply was lost: a consent sent twice must not confirm the
    read-back (tests/integration/test_durability.py found one stored with answers the citizen never saw), and
    the "send" button of a read-back the answers changed since must read back again."""
    _answer_every_question(conversation)
    consent = _button(conversation, "Đồng ý")
    conversation.say(consent)
    again = conversation.say(consent)
    assert RECEIPT not in again and "Bạn kiểm tra lại phản ánh" in again, again

    older_send = _button(conversation, "Đúng, gửi đi")
    conversation.press("Sửa thông tin")
    conversation.say(next(b["payload"] for b in conversation.buttons if '"phone"' in b["payload"]))
    conversation.say("0912 345 678")
    stale = conversation.say(older_send)
    assert RECEIPT not in stale and "đã thay đổi" in stale and "0912345678" in stale, stale
    receipt = conversation.press("Đúng, gửi đi")
    assert RECEIPT in receipt, receipt
