"""What a hotline agent reads aloud: the bot card's facts in plain spoken sentences, nothing under review."""

from __future__ import annotations

import re

from knowledge_base.profile import ProvinceProfile
from knowledge_base.schema import (
    Channel,
    DocumentRequirement,
    OnlineAvailability,
    Procedure,
    ReviewedFact,
    SubmissionMode,
)
from knowledge_base.spoken_answer import site_name, spoken_answer

PROFILE = ProvinceProfile(
    province="Tây Ninh", provincial_portal_url="https://dichvucong.tayninh.example/", hotline="0276 1022"
)
# Anything a reader would have to translate into speech: bullets, emoji, symbols, a clickable address.
NOT_SPOKEN = re.compile(r"[•📄🌐⏱💰🏢✅]|https?://|\n\s*[-*\d]+[.)]?\s")


def procedure(**overrides) -> Procedure:
    fields = {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "short_name": "Đăng ký khai sinh",
        "online": OnlineAvailability.partial,
        "modes": [
            SubmissionMode(channel=Channel.online, processing_time="1 ngày", fee="Miễn phí"),
            SubmissionMode(channel=Channel.direct, processing_time="1 ngày", fee="Miễn phí"),
        ],
        "documents": [
            DocumentRequirement(name="Tờ khai đăng ký khai sinh", originals=1, case="nếu nộp trực tiếp"),
            DocumentRequirement(name="Giấy chứng sinh", originals=1),
        ],
        "submit_at": ["Bộ phận Một cửa UBND xã nơi cư trú"],
    }
    return Procedure(**{**fields, **overrides})


def test_the_answer_is_the_cards_facts_as_sentences_online_first():
    lines = spoken_answer(procedure(), PROFILE).splitlines()
    assert lines == [
        "Thủ tục Đăng ký khai sinh, mã số 1.001193.",
        "Anh chị có thể nộp hồ sơ trực tuyến trên trang dichvucong.tayninh.example, nhưng vẫn có bước phải "
        "làm trực tiếp, ví dụ xuất trình bản chính hoặc nhận kết quả.",
        "Hồ sơ gồm 2 loại giấy tờ:",
        "Thứ nhất, Tờ khai đăng ký khai sinh, 1 bản chính, nếu nộp trực tiếp.",
        "Thứ hai, Giấy chứng sinh, 1 bản chính.",
        "Thời gian giải quyết: 1 ngày.",
        "Phí, lệ phí: miễn phí.",
        "Nơi nộp hồ sơ: Bộ phận Một cửa UBND xã nơi cư trú.",
    ]
    assert not NOT_SPOKEN.search("\n" + "\n".join(lines))


def test_the_procedures_own_online_page_is_said_by_its_site_name():
    own = procedure(
        online_url="https://www.dichvucong.gov.vn/thu-tuc/123?x=1", online=OnlineAvailability.full
    )
    assert (
        "làm trọn thủ tục này trực tuyến, không cần đến nơi, trên trang dichvucong.gov.vn."
        in spoken_answer(own, PROFILE)
    )
    assert site_name("https://www.dichvucong.gov.vn/thu-tuc/123") == "dichvucong.gov.vn"


def test_a_fee_under_review_on_one_channel_is_never_read_out():
    reviewed = procedure(
        modes=[
            SubmissionMode(channel=Channel.online, processing_time="Không quá 15 ngày", fee="7.000 đồng"),
            SubmissionMode(
                channel=Channel.direct,
                processing_days=7,
                fee="125 đồng",
                needs_review={ReviewedFact.fee: "Danh mục quốc gia ghi «125 VNĐ» (lỗi định dạng)"},
            ),
        ]
    )
    answer = spoken_answer(reviewed, PROFILE)
    assert "125" not in answer and "lỗi định dạng" not in answer
    assert (
        "Thời gian giải quyết: nộp trực tuyến thì không quá 15 ngày, nộp trực tiếp thì 7 ngày làm việc."
        in answer
    )
    assert "Phí, lệ phí: nộp trực tuyến thì 7.000 đồng, nộp trực tiếp thì đang được xác minh lại." in answer
    assert "Mức phí đang được xác minh lại nên tổng đài chưa báo con số" in answer


def test_a_time_under_review_everywhere_is_only_said_to_be_checked():
    reviewed = procedure(
        modes=[
            SubmissionMode(
                channel=channel,
                processing_time="5",
                needs_review={ReviewedFact.processing_time: "thời hạn «5» không đơn vị"},
            )
            for channel in (Channel.online, Channel.direct)
        ]
    )
    answer = spoken_answer(reviewed, PROFILE)
    assert "Thời gian giải quyết:" not in answer and "5" not in answer.replace("1.001193", "")
    assert "Thời hạn giải quyết đang được xác minh lại nên tổng đài chưa báo" in answer


def test_missing_facts_are_said_to_be_missing_and_offline_procedures_say_where():
    bare = procedure(modes=[SubmissionMode(channel=Channel.direct)], documents=[], submit_at=[], online=None)
    answer = spoken_answer(bare, PROFILE)
    assert "Thủ tục này chưa nhận hồ sơ trực tuyến, anh chị nộp trực tiếp." in answer
    for missing in ("Danh mục giấy tờ", "Thời gian giải quyết", "Phí, lệ phí", "Nơi nộp hồ sơ"):
        assert f"{missing} chưa có trong dữ liệu" in answer or f"{missing} của thủ tục này chưa có" in answer
