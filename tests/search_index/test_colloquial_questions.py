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
]


@pytest.mark.parametrize(("question", "code"), QUESTIONS)
def test_with_diacritics(province_search: ProcedureSearch, question: str, code: str) -> None:
    assert province_search.search(question, k=1)[0].code == code


@pytest.mark.parametrize(("question", "code"), QUESTIONS)
def test_without_diacritics(province_search: ProcedureSearch, question: str, code: str) -> None:
    assert province_search.search(strip_diacritics(question), k=1)[0].code == code


def test_off_topic_question_is_not_confident(province_search: ProcedureSearch) -> None:
    assert not province_search.search("Thời tiết hôm nay thế nào?", k=1)[0].confident
