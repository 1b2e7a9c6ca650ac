"""Colloquial questions, as citizens type them, land on the right procedure of the province KB."""

from __future__ import annotations

import pytest

from search_index import ProcedureSearch
from search_index.normalize import strip_diacritics

QUESTIONS = [
    ("Làm giấy khai sinh cho con cần giấy tờ gì?", "1.001193"),
    ("đk tạm trú ở đâu vậy", "1.004194"),
    ("Mất bằng lái xe thì làm lại thế nào?", "3.000348"),
    ("cho em hỏi chứng thực bản sao giấy tờ ở đâu", "2.000815"),
    ("xin giấy xác nhận độc thân để lấy vợ", "1.004873"),
    ("muốn sang tên xe máy đã mua lại", "1.013076"),
    ("tách hộ khẩu ra riêng cần gì", "1.010038"),
    ("bố tôi mới mất, làm khai tử thế nào", "1.000656"),
    ("mở hộ kinh doanh bán tạp hóa cần giấy tờ gì", "1.001612"),
    ("nhà nghèo muốn xin luật sư miễn phí", "2.000829"),
    ("muốn nhận con nuôi thì làm sao", "2.001263"),
    ("làm di chúc ở ủy ban xã", "2.001019"),
    ("mới nghỉ việc muốn xin trợ cấp thất nghiệp thì làm sao", "9.000001"),
    ("bị công ty cho nghỉ, lãnh tiền bảo hiểm thất nghiệp ở đâu", "9.000001"),
    ("con tôi bị khuyết tật nặng, xin trợ cấp hằng tháng thế nào", "1.001776"),
    ("mẹ đơn thân nhà nghèo nuôi con nhỏ có được trợ cấp không", "1.001776"),
    ("bà nội 78 tuổi không có lương hưu xin trợ cấp ở đâu", "1.014027"),
    ("trợ cấp hưu trí xã hội cho người già làm thế nào", "1.014027"),
    ("người nhà đang hưởng bảo trợ xã hội mất, xin tiền mai táng", "1.001731"),
    ("xin hỗ trợ mai táng phí cho người nghèo qua đời", "1.001731"),
    ("ông đang nhận trợ cấp hưu trí xã hội vừa mất, xin tiền mai táng", "1.014028"),
    ("con trai đủ 17 tuổi đăng ký nghĩa vụ quân sự ở đâu", "1.013133"),
    ("đăng ký nghĩa vụ quân sự lần đầu cần mang gì", "1.013133"),
    ("muốn chuyển trường cấp 3 cho con sang tỉnh khác", "2.002854"),
    ("xin chuyển trường cấp 2 cho con cần giấy tờ gì", "2.002854"),
    ("vợ chồng muốn ly hôn thì nộp đơn ở đâu", "9.000002"),
    ("thủ tục ly dị đơn phương thế nào", "9.000002"),
    ("cửa hàng muốn bán thuốc lá có cần xin giấy phép không", "2.000181"),
    ("xin giấy phép bán lẻ thuốc lá ở đâu", "2.000181"),
    ("mở cửa hàng bán rượu cần xin giấy phép gì", "9.000003"),
    ("xin giấy phép bán lẻ rượu", "9.000003"),
    ("mở quán cơm cần giấy chứng nhận an toàn thực phẩm không", "9.000004"),
    ("xin giấy vệ sinh an toàn thực phẩm cho quán ăn", "9.000004"),
]


@pytest.mark.parametrize(("question", "code"), QUESTIONS)
def test_with_diacritics(province_search: ProcedureSearch, question: str, code: str) -> None:
    assert province_search.search(question, k=1)[0].code == code


@pytest.mark.parametrize(("question", "code"), QUESTIONS)
def test_without_diacritics(province_search: ProcedureSearch, question: str, code: str) -> None:
    assert province_search.search(strip_diacritics(question), k=1)[0].code == code


def test_off_topic_question_is_not_confident(province_search: ProcedureSearch) -> None:
    assert not province_search.search("Thời tiết hôm nay thế nào?", k=1)[0].confident
