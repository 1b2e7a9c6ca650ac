"""The KB lint: editorial text and district bodies never reach citizens; facts under review are listed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge_base.cli import main
from knowledge_base.lint import editorial_problems, lint_procedure, lint_profile, lint_short_names
from knowledge_base.profile import ProvinceProfile
from knowledge_base.schema import Procedure


def entry(**fields) -> Procedure:
    return Procedure.model_validate(
        {"code": "1.001193", "name": "Thủ tục đăng ký khai sinh", "short_name": "Đăng ký khai sinh", **fields}
    )


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("modes[0].fee", "125 VNĐ (lỗi định dạng), cần xác nhận"),
        ("modes[0].fee", "Danh mục thủ tục quốc gia chỉ ghi mức 10.000 đồng/người/lần"),
        ("modes[1].fee", "Lệ phí theo mức HĐND tỉnh quy định (danh mục thủ tục quốc gia ghi miễn phí)"),
        ("modes[0].note", 'Danh mục ghi thời hạn "5" nhưng không ghi đơn vị'),
        ("modes[0].processing_time", "2 ngày làm việc (bảng danh mục có dòng ghi 7 ngày làm việc)"),
        ("modes[0].fee", "Bảng phí ghi 5.000 đồng nhưng phần mô tả ghi 7.000 đồng"),
        ("howto[0]", "TODO: ghi nơi nộp"),
        ("submit_at[0]", "CẦN ĐIỀN: địa chỉ bộ phận một cửa"),
        ("modes[0].fee", "Chưa có thông tin về phí"),
        ("modes[0].fee", "50.000 đồng?"),
        ("conditions[0]", "Thời hạn hai bảng mâu thuẫn nhau"),
    ],
)
def test_editorial_text_is_caught(field: str, text: str) -> None:
    assert editorial_problems(field, text)


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("modes[0].fee", "Miễn phí"),
        ("name", "Sửa lỗi sai sót trong giao dịch"),
        ("case_questions[0].question", "Bạn có nhờ người khác đi làm thủ tục thay không?"),
        ("modes[0].needs_review.fee", "Danh mục quốc gia ghi 125 VNĐ (lỗi định dạng), cần xác nhận"),
        ("documents[0].name", "Giấy chứng nhận quyền sử dụng đất do UBND huyện cấp trước đây"),
    ],
)
def test_citizen_text_and_editors_notes_pass(field: str, text: str) -> None:
    assert editorial_problems(field, text) == []


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("submit_at[0]", "Bộ phận Một cửa UBND cấp huyện"),
        ("implementing_agency", "Phòng Tư pháp huyện"),
        ("howto[1]", "Nộp hồ sơ tại Ủy ban nhân dân quận, huyện nơi cư trú."),
        ("implementing_agency", "Ủy ban Nhân dân xã, phường, thị trấn"),
        ("documents[2].how_to_get", "Chi cục Thuế huyện"),
    ],
)
def test_a_district_body_as_the_place_to_go_is_caught(field: str, text: str) -> None:
    assert any("cấp huyện" in problem for problem in editorial_problems(field, text))


def test_lint_names_the_field_of_an_entry() -> None:
    procedure = entry(
        modes=[{"channel": "trực tiếp", "fee": "Danh mục thủ tục quốc gia ghi miễn phí"}],
        submit_at=["UBND cấp huyện nơi cư trú"],
    )
    assert {finding.field for finding in lint_procedure(procedure, procedure.code)} == {
        "modes[0].fee",
        "submit_at[0]",
    }


def test_a_document_condition_on_an_unknown_case_question_is_caught() -> None:
    procedure = entry(
        case_questions=[{"key": "uy_quyen", "question": "Bạn nhờ người khác nộp thay phải không?"}],
        documents=[{"name": "Văn bản ủy quyền", "applies_when": {"uy_quyen": True}},
                   {"name": "Tờ khai", "applies_when": {"uy_qyen": True}}],
    )  # fmt: skip
    assert [finding.text for finding in lint_procedure(procedure, procedure.code)] == ["uy_qyen"]


def test_two_entries_with_one_short_name_are_caught() -> None:
    first = entry()
    second = entry(code="1.000656", name="Thủ tục đăng ký khai tử", short_name="Đăng ký KHAI SINH")
    assert [finding.where for finding in lint_short_names([first, second])] == ["1.000656"]


def test_profile_placeholders_pass_but_district_bodies_do_not() -> None:
    profile = ProvinceProfile(
        province="Tây Ninh",
        hotline="CẦN ĐIỀN: số đường dây nóng",
        notes=["Hồ sơ cấp xã nộp tại bộ phận một cửa UBND huyện."],
    )
    assert [finding.field for finding in lint_profile(profile, "profile.yml")] == ["notes[0]"]


def write_entry(province_dir: Path, data: dict) -> None:
    (province_dir / "procedures" / "a.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )


def test_validate_fails_on_editorial_text(province_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_entry(
        province_dir,
        {
            "code": "1.001193",
            "name": "Đăng ký khai sinh",
            "short_name": "Đăng ký khai sinh",
            "modes": [{"channel": "trực tiếp", "fee": '"125 VNĐ" (lỗi định dạng), cần xác nhận'}],
        },
    )
    assert main(["validate", str(province_dir)]) == 1
    assert "1.001193: modes[0].fee: ghi chú biên tập (lỗi định dạng)" in capsys.readouterr().err


def test_validate_lists_facts_under_review(province_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_entry(
        province_dir,
        {
            "code": "1.001193",
            "name": "Đăng ký khai sinh",
            "short_name": "Đăng ký khai sinh",
            "modes": [
                {
                    "channel": "trực tiếp",
                    "needs_review": {"fee": "Danh mục quốc gia ghi 125 VNĐ, cần đối chiếu"},
                }
            ],
        },
    )
    assert main(["validate", str(province_dir)]) == 0
    assert (
        "1.001193 (Đăng ký khai sinh): trực tiếp, fee: Danh mục quốc gia ghi 125 VNĐ"
        in capsys.readouterr().out
    )
