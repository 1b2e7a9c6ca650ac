"""The wording of procedure answers: online first, documents with copies, time, fee and place."""

from __future__ import annotations

from knowledge_base.procedure_card import aspect_answer, card
from knowledge_base.schema import Channel, DocumentRequirement, Procedure, SubmissionMode

PORTAL = "https://dichvucong.tayninh.example"


def procedure(**overrides) -> Procedure:
    fields = {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "modes": [
            SubmissionMode(channel=Channel.online, processing_time="1 ngày", fee="Miễn phí"),
            SubmissionMode(channel=Channel.direct, processing_time="1 ngày", fee="Miễn phí"),
        ],
        "documents": [DocumentRequirement(name="Giấy chứng sinh", originals=1)],
        "submit_at": ["UBND xã nơi cư trú"],
    }
    return Procedure(**{**fields, **overrides})


def test_card_puts_online_submission_before_documents():
    text = card(procedure(), PORTAL)
    assert text.index(PORTAL) < text.index("Giấy chứng sinh (1 bản chính)")
    assert "1.001193" in text and "UBND xã nơi cư trú" in text


def test_procedure_without_online_channel_says_so():
    offline = procedure(modes=[SubmissionMode(channel=Channel.direct, fee_vnd=50000)])
    assert "chưa nhận hồ sơ trực tuyến" in card(offline, PORTAL)
    assert "50.000 đồng" in aspect_answer(offline, "fee", PORTAL)


def test_times_that_differ_by_channel_are_listed_per_channel():
    mixed = procedure(
        modes=[
            SubmissionMode(channel=Channel.online, processing_days=15),
            SubmissionMode(channel=Channel.direct, processing_days=7),
        ]
    )
    assert aspect_answer(mixed, "time", PORTAL).endswith(
        "Trực tuyến: 15 ngày làm việc; Trực tiếp: 7 ngày làm việc"
    )
