"""The wording of procedure answers: online first, documents with copies, time, fee and place."""

from __future__ import annotations

import pytest

from knowledge_base.procedure_card import aspect_answer, card, document_line
from knowledge_base.schema import Channel, DocumentRequirement, Procedure, SubmissionMode

PORTAL = "https://dichvucong.tayninh.example"


def procedure(**overrides) -> Procedure:
    fields = {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "short_name": "Đăng ký khai sinh",
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


@pytest.mark.parametrize(
    ("document", "line"),
    [
        (
            DocumentRequirement(name="Tờ khai thay đổi thông tin cư trú", form_code="CT01", originals=1),
            "Tờ khai thay đổi thông tin cư trú (mẫu CT01; 1 bản chính)",
        ),
        (
            DocumentRequirement(name="Đơn đề nghị cấp giấy phép xây dựng", form_code="Mẫu số 1"),
            "Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 1)",
        ),
        (
            DocumentRequirement(
                name="Đơn đề nghị đổi giấy phép lái xe (mẫu Phụ lục XII Thông tư 12/2025/TT-BCA)",
                form_code="Phụ lục XII TT 12/2025/TT-BCA",
            ),
            "Đơn đề nghị đổi giấy phép lái xe (mẫu Phụ lục XII Thông tư 12/2025/TT-BCA)",
        ),
        (DocumentRequirement(name="Bản sao hộ chiếu", originals=1), "Bản sao hộ chiếu (1 bản)"),
    ],
)
def test_document_line_names_each_form_once_and_copies_as_copies(document: DocumentRequirement, line: str):
    assert document_line(document) == line
