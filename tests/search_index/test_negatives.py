"""Which national procedures count as known negatives: those the KB holds neither by code nor by name."""

from __future__ import annotations

from knowledge_base.national_names import NationalProcedure
from knowledge_base.schema import Procedure
from search_index.negatives import known_negatives, name_key

PORTAL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"
KB = [
    Procedure(code="1.001193", name="Thủ tục đăng ký khai sinh", short_name="Khai sinh"),
    Procedure(code="1.004194", name="Đăng ký tạm trú", short_name="Tạm trú"),
]


def national(code: str, name: str) -> NationalProcedure:
    return NationalProcedure(code=code, name=name, url=f"{PORTAL}{code}")


def test_the_same_name_at_another_level_or_without_thu_tuc_has_the_same_key() -> None:
    assert name_key("Thủ tục đăng ký khai sinh") == name_key("Đăng ký  khai sinh (thực hiện tại cấp tỉnh)")
    assert name_key("Đăng ký khai sinh") != name_key("Đăng ký khai sinh lưu động")


def test_negatives_are_the_procedures_the_kb_holds_neither_by_code_nor_by_name() -> None:
    names = [
        national("1.004746", "Đăng ký khai sinh có yếu tố nước ngoài"),  # a sibling the KB lacks
        national("1.001193", "Đăng ký khai sinh"),  # its code
        national("2.000528", "Đăng ký tạm trú (thực hiện tại cấp tỉnh)"),  # its name, another level
        national("1.001432", "Cấp thẻ hướng dẫn viên du lịch quốc tế"),
    ]
    assert [n.code for n in known_negatives(KB, names)] == ["1.001432", "1.004746"]
