"""Short names derived for national-catalogue records, which have no curated one."""

from __future__ import annotations

import pytest

from knowledge_base.importer import import_record
from knowledge_base.names import derive_short_name
from knowledge_base.schema import SHORT_NAME_MAX


@pytest.mark.parametrize(
    ("name", "short_name"),
    [
        ("Thủ tục đăng ký khai sinh", "Đăng ký khai sinh"),
        ("Cấp lại thẻ căn cước (thực hiện tại cấp trung ương)", "Cấp lại thẻ căn cước (trung ương)"),
        (
            "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)",
            "Cấp hộ chiếu phổ thông ở trong nước (cấp tỉnh)",
        ),
        (
            "Đăng ký, cấp biển số xe lần đầu thực hiện bằng dịch vụ công một phần hoặc trực tiếp "
            "thực hiện tại cấp trung ương, cấp tỉnh, cấp xã",
            "Đăng ký, cấp biển số xe lần đầu",
        ),
        ("Cấp thẻ bảo hiểm y tế (thực hiện tại cấp Trung ương)", "Cấp thẻ bảo hiểm y tế (trung ương)"),
        ("Cấp Giấy phép thăm dò khoáng sản (cấp Bộ)", "Cấp Giấy phép thăm dò khoáng sản (trung ương)"),
        ("Thủ tục công nhận hòa giải viên (cấp xã)", "Công nhận hòa giải viên (cấp xã)"),
        ("Cấp thẻ thường trú (thực hiện tại cấp tinh)", "Cấp thẻ thường trú (cấp tỉnh)"),
        (  # commas separate list items, so the name is cut at a word instead
            "Thủ tục đăng ký nhận cha, mẹ, con có yếu tố nước ngoài tại khu vực biên giới",
            "Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài tại khu vực…",
        ),
    ],
)
def test_derived_short_names(name: str, short_name: str) -> None:
    assert derive_short_name(name) == short_name


def test_every_catalogue_record_gets_a_short_name_that_fits(records: dict[str, dict]) -> None:
    short_names = [import_record(record).procedure.short_name for record in records.values()]
    assert len(short_names) == len(records)
    assert max(len(name) for name in short_names) <= SHORT_NAME_MAX
    assert all(name[:1].isupper() for name in short_names)
