"""Whole conversations through the gateway and real servers: follow-ups, walkthrough, complaint, handoff."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from settings import Settings
from tests.integration.conftest import Conversation

pytestmark = pytest.mark.integration


def test_follow_up_questions_answer_about_the_procedure_in_context(conversation: Conversation):
    assert "1.001193" in conversation.say("đăng ký khai sinh cần những gì")
    assert "Thời gian giải quyết" in (answer := conversation.say("mất bao lâu?")) and "1.001193" in answer
    assert "Phí, lệ phí" in (answer := conversation.say("lệ phí bao nhiêu?")) and "1.001193" in answer
    assert "trực tuyến" in conversation.say("làm online được không?")


def test_a_new_procedure_named_in_a_follow_up_switches_the_topic(conversation: Conversation):
    conversation.say("đăng ký khai sinh cần những gì")
    answer = conversation.say("còn đăng ký kết hôn thì lệ phí bao nhiêu")
    assert "1.000894" in answer and "1.001193" not in answer


def test_walkthrough_goes_document_by_document_and_sums_up_what_is_missing(conversation: Conversation):
    first = conversation.say("hướng dẫn tôi chuẩn bị hồ sơ đăng ký khai sinh")
    assert "1.001193" in first and "Đúng thủ tục" in first
    reply = conversation.press("Có")
    answers = iter(["Chưa / Không", "Có", "Bỏ qua"])
    for _ in range(30):  # case questions, then one question per document
        if "Còn thiếu" in reply or "Đã có" in reply:
            break
        assert conversation.buttons, reply
        reply = conversation.press(next(answers, "Có"))
    assert "📋" in reply and "Giấy chứng sinh" in reply
    assert "trực tuyến" in reply


def test_walkthrough_can_be_paused_and_resumed(conversation: Conversation):
    conversation.say("hướng dẫn tôi chuẩn bị hồ sơ đăng ký khai sinh")
    conversation.press("Có")
    assert "tạm dừng" in conversation.say("thôi")
    assert "1.001193" in conversation.say("lệ phí bao nhiêu?")  # the paused walkthrough is still the topic
    assert "tiếp tục" in conversation.say("tiếp tục chuẩn bị hồ sơ")
    assert conversation.buttons


def test_complaint_is_stored_before_its_code_is_given_and_can_be_looked_up(
    conversation: Conversation, product_settings: Settings
):
    conversation.say("tôi muốn phản ánh hồ sơ bị trễ hẹn")
    conversation.say("đăng ký thường trú")
    conversation.say("000.00.20.H57-251103-0012")
    conversation.say("UBND phường 3")
    conversation.say("15/11")
    conversation.say("hôm qua")
    conversation.say("gọi lên bộ phận một cửa nhiều lần mà không ai trả lời")
    conversation.say("Nguyễn Văn An")
    assert "chưa đúng" in conversation.say("0123")  # not a mobile number: asked again
    conversation.say("0912 345 678")
    summary = conversation.press("Đồng ý")
    assert "0912345678" in summary and "Nguyễn Văn An" in summary and "UBND phường 3" in summary
    conversation.press("Sửa thông tin")
    conversation.press("Cơ quan")  # correct one answer without starting over
    assert "UBND phường 1" in conversation.say("UBND phường 1")
    receipt = conversation.press("Đúng, gửi đi")
    code = re.search(r"PA-[A-Z0-9]{7}", receipt)
    assert code, receipt

    with create_engine(product_settings.database_url).connect() as db:
        stored = db.execute(
            text("SELECT phone, agency FROM complaints WHERE reference_code = :c"), {"c": code[0]}
        ).one()
    assert (stored.phone, stored.agency) == ("0912345678", "UBND phường 1")

    status = conversation.say(f"tra cứu phản ánh {code[0]}")
    assert code[0] in status and "Mới tiếp nhận" in status
    assert "0912345678" not in status and "Nguyễn Văn An" not in status


def test_asking_for_a_person_hands_the_conversation_to_staff(
    conversation: Conversation, product_settings: Settings
):
    assert "cán bộ" in conversation.say("cho tôi gặp nhân viên")
    with create_engine(product_settings.database_url).connect() as db:
        reasons = (
            db.execute(
                text("SELECT reason FROM handoffs WHERE sender_id = :s"), {"s": conversation.sender_id}
            )
            .scalars()
            .all()
        )
    assert reasons == ["requested"]


def test_two_failures_in_a_row_hand_the_conversation_to_staff(conversation: Conversation):
    conversation.say("xyzzy plugh qwertyuiop")
    assert "cán bộ" in conversation.say("asdfgh zxcvbn poiuyt")


def test_leaving_asks_for_a_rating_once_and_stores_it(conversation: Conversation, product_settings: Settings):
    conversation.say("làm hộ chiếu cần giấy tờ gì")
    assert "1 (rất tệ) đến 5" in conversation.say("tạm biệt")
    assert "góp ý" in conversation.press("5")
    assert "Cảm ơn bạn đã đánh giá" in conversation.say("trả lời nhanh, dễ hiểu")
    with create_engine(product_settings.database_url).connect() as db:
        rows = db.execute(
            text("SELECT rating, comment FROM feedback WHERE sender_id = :s"), {"s": conversation.sender_id}
        ).all()
    assert [tuple(row) for row in rows] == [(5, "trả lời nhanh, dễ hiểu")]
    assert "1 (rất tệ)" not in conversation.say("bye")


@pytest.mark.parametrize("message", ["👍", "5", "?", "hjhjhj"])
def test_odd_messages_get_a_short_fitting_reply(conversation: Conversation, message: str):
    reply = conversation.say(message)
    assert reply and not re.search(r"\b\d\.\d{6}\b", reply)
