"""A citizen's question goes through the gateway, Rasa, the action server and search, and is answered."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.integration.conftest import Conversation

pytestmark = pytest.mark.integration

PROCEDURE_CODE = re.compile(r"\b\d\.\d{6}\b")


@pytest.mark.parametrize(
    "question",
    ["Làm giấy khai sinh cho con cần giấy tờ gì?", "lam giay khai sinh cho con can giay to gi"],
)
def test_birth_registration_question_is_answered_with_code_and_documents(
    conversation: Conversation, question: str
):
    answer = conversation.say(question)
    assert "1.001193" in answer
    assert "Giấy chứng sinh" in answer


def test_unrelated_question_gets_an_honest_answer_without_a_procedure(conversation: Conversation):
    answer = conversation.say("Thời tiết hôm nay thế nào?")
    assert answer.startswith("Xin lỗi")
    assert not PROCEDURE_CODE.search(answer)


def test_question_the_kb_may_not_cover_is_confirmed_before_it_is_answered(conversation: Conversation):
    # Not a procedure the province KB holds.
    answer = conversation.say("xin giấy phép nhập khẩu thuốc thú y cần giấy tờ gì?")
    assert answer.startswith("Mình chưa chắc đã hiểu đúng")
    assert not PROCEDURE_CODE.search(answer)
    assert 1 <= len(conversation.buttons) <= 3
    answer = conversation.press(conversation.buttons[0]["title"])
    assert PROCEDURE_CODE.search(answer)  # the citizen chose it: now it is answered


def test_health_reports_every_service_up(gateway: httpx.Client):
    report = gateway.get("/health").json()
    assert report["status"] == "ok", report
    assert set(report["services"]) == {"gateway", "rasa", "action_server"}


def test_empty_message_is_rejected_with_a_clear_error(gateway: httpx.Client):
    response = gateway.post("/api/chat", json={"sender_id": "test-empty", "text": ""})
    assert response.status_code == 422
    assert response.json()["detail"] == "Tin nhắn đang trống, bạn vui lòng nhập câu hỏi."
