"""A citizen's question goes through the gateway, Rasa, the action server and search, and is answered."""

from __future__ import annotations

import re

import httpx
import pytest

from knowledge_base.loader import load_profile
from knowledge_base.national_names import load_national_names
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
    # Not a procedure the province KB holds, nor one the national names know.
    answer = conversation.say("đăng ký nuôi chó cần gì?")
    assert answer.startswith("Mình chưa chắc đã hiểu đúng")
    assert not PROCEDURE_CODE.search(answer)
    assert 1 <= len(conversation.buttons) <= 3
    answer = conversation.press(conversation.buttons[0]["title"])
    assert PROCEDURE_CODE.search(answer)  # the citizen chose it: now it is answered


def test_question_about_a_national_procedure_the_kb_lacks_names_it_and_links_its_page(
    conversation: Conversation,
):
    answer = conversation.say("xin giấy phép nhập khẩu thuốc thú y cần giấy tờ gì?")
    national = next(p for p in load_national_names() if p.code == "1.003462")
    assert f'"{national.name}" (mã 1.003462)' in answer
    assert national.url in answer and load_profile().hotline_text in answer
    assert PROCEDURE_CODE.findall(answer) == ["1.003462"]  # no procedure of the province KB
    assert conversation.buttons == []


def test_health_reports_every_service_up(gateway: httpx.Client):
    report = gateway.get("/health").json()
    assert report["status"] == "ok", report
    assert set(report["services"]) == {"gateway", "rasa", "action_server"}


def test_empty_message_is_rejected_with_a_clear_error(gateway: httpx.Client):
    response = gateway.post("/api/chat", json={"sender_id": "test-empty", "text": ""})
    assert response.status_code == 422
    assert response.json()["detail"] == "Tin nhắn đang trống, bạn vui lòng nhập câu hỏi."
