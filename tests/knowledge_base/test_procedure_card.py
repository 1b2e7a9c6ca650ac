"""The wording of procedure answers: online first, documents with copies, time, fee and place."""

from __future__ import annotations

import pytest

from knowledge_base.procedure_card import aspect_answer, card, document_line
from knowledge_base.profile import ProvinceProfile
from knowledge_base.schema import (
    Channel,
    DocumentRequirement,
    OnlineAvailability,
    Procedure,
    ReviewedFact,
    SubmissionMode,
)

PORTAL = "https://dichvucong.tayninh.example"
PROFILE = ProvinceProfile(province="Tây Ninh", provincial_portal_url=PORTAL, hotline="0276 1022")


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
    text = card(procedure(), PROFILE)
    assert text.index(PORTAL) < text.index("Giấy chứng sinh (1 bản chính)")
    assert "1.001193" in text and "UBND xã nơi cư trú" in text


def test_procedure_without_online_channel_says_so():
    offline = procedure(modes=[SubmissionMode(channel=Channel.direct, fee_vnd=50000)])
    assert "chưa nhận hồ sơ trực tuyến" in card(offline, PROFILE)
    assert "50.000 đồng" in aspect_answer(offline, "fee", PROFILE)


def test_times_that_differ_by_channel_are_listed_per_channel():
    mixed = procedure(
        modes=[
            SubmissionMode(channel=Channel.online, processing_days=15),
            SubmissionMode(channel=Channel.direct, processing_days=7),
        ]
    )
    assert aspect_answer(mixed, "time", PROFILE).endswith(
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


def test_a_fee_under_review_is_withheld_and_the_hotline_given():
    reviewed = procedure(
        modes=[
            SubmissionMode(channel=Channel.online, fee="7.000 đồng", fee_vnd=7000),
            SubmissionMode(
                channel=Channel.direct,
                fee="125 đồng",
                needs_review={ReviewedFact.fee: "Danh mục quốc gia ghi «125 VNĐ» (lỗi định dạng)"},
            ),
        ]
    )
    answer = aspect_answer(reviewed, "fee", PROFILE)
    assert "125" not in answer and "lỗi định dạng" not in answer
    assert "Trực tuyến: 7.000 đồng; Trực tiếp: đang được xác minh lại" in answer
    assert "0276 1022" in answer
    assert "0276 1022" in card(reviewed, PROFILE)


def test_a_time_under_review_on_every_channel_reads_as_one_line():
    reviewed = procedure(
        modes=[
            SubmissionMode(
                channel=channel, needs_review={ReviewedFact.processing_time: "thời hạn «5» không đơn vị"}
            )
            for channel in (Channel.online, Channel.direct)
        ]
    )
    assert aspect_answer(reviewed, "time", PROFILE).endswith(
        "Đang được xác minh lại (mình chưa đưa thời hạn để tránh sai; bạn gọi 0276 1022 để biết chính xác)"
    )


@pytest.mark.parametrize(
    ("online", "modes", "says", "never"),
    [
        (OnlineAvailability.full, [Channel.online], "không cần đến nơi", "phải làm trực tiếp"),
        (
            OnlineAvailability.partial,
            [Channel.online, Channel.direct],
            "phải làm trực tiếp",
            "không cần đến nơi",
        ),
        (OnlineAvailability.none, [Channel.direct], "bạn nộp trực tiếp.", "bưu chính"),
        (
            OnlineAvailability.none,
            [Channel.direct, Channel.post],
            "trực tiếp hoặc qua bưu chính",
            "trực tuyến tại",
        ),
    ],
)
def test_online_wording_goes_as_far_as_the_procedure_does(online, modes, says, never):
    text = card(procedure(online=online, modes=[SubmissionMode(channel=c) for c in modes]), PROFILE)
    assert says in text and never not in text


def test_follow_ups_name_the_procedure_by_its_short_name():
    answer = aspect_answer(
        procedure(name="Thủ tục đăng ký khai sinh (tên chính thức rất dài)"), "time", PROFILE
    )
    assert "«Đăng ký khai sinh»" in answer and "tên chính thức" not in answer
