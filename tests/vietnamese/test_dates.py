"""Every date phrase the complaint form accepts, with and without diacritics, against a fixed today."""

from datetime import date

import pytest

from vietnamese import fold_diacritics, parse_vietnamese_date

TODAY = date(2026, 11, 18)  # a Wednesday

PAST_PHRASES = [
    ("hôm nay", date(2026, 11, 18)),
    ("bữa nay", date(2026, 11, 18)),
    ("hôm qua", date(2026, 11, 17)),
    ("bữa qua", date(2026, 11, 17)),
    ("hôm kia", date(2026, 11, 16)),
    ("3 hôm trước", date(2026, 11, 15)),
    ("5 ngày trước", date(2026, 11, 13)),
    ("hai tuần trước", date(2026, 11, 4)),
    ("cách đây 2 tháng", date(2026, 9, 18)),
    ("tuần trước", date(2026, 11, 11)),
    ("tháng trước", date(2026, 10, 18)),
    ("ngày 3 tháng trước", date(2026, 10, 3)),
    ("ngày 3 tháng này", date(2026, 11, 3)),
    ("15/11", date(2026, 11, 15)),
    ("15-11", date(2026, 11, 15)),
    ("20/12", date(2025, 12, 20)),
    ("15/11/2026", date(2026, 11, 15)),
    ("15.11.26", date(2026, 11, 15)),
    ("ngày 15 tháng 11", date(2026, 11, 15)),
    ("mùng 5 tháng 11", date(2026, 11, 5)),
    ("ngày 15 tháng 11 năm 2026", date(2026, 11, 15)),
    ("ngày 20", date(2026, 10, 20)),
    ("thứ hai vừa rồi", date(2026, 11, 16)),
    ("thứ 2 tuần trước", date(2026, 11, 9)),
    ("thứ hai tuần rồi", date(2026, 11, 9)),
    ("thứ tư vừa rồi", date(2026, 11, 11)),
    ("chủ nhật", date(2026, 11, 15)),
    ("tôi nộp hồ sơ hôm 10/11 ở bộ phận một cửa", date(2026, 11, 10)),
    ("29/02", date(2024, 2, 29)),
]

FUTURE_PHRASES = [
    ("15/11", date(2027, 11, 15)),
    ("20/12", date(2026, 12, 20)),
    ("ngày 25 tháng 11", date(2026, 11, 25)),
    ("ngày 20", date(2026, 11, 20)),
    ("thứ sáu", date(2026, 11, 20)),
    ("thứ 6 tuần sau", date(2026, 11, 27)),
    ("ngày mai", date(2026, 11, 19)),
    ("ngày mốt", date(2026, 11, 20)),
    ("3 ngày nữa", date(2026, 11, 21)),
    ("tuần sau", date(2026, 11, 25)),
    ("tháng sau", date(2026, 12, 18)),
    ("hôm qua", date(2026, 11, 17)),  # explicit words keep their meaning
]

NOT_DATES = [
    "31/02",
    "31/04/2026",
    "32/1",
    "ngày 31 tháng 13",
    "0912.345.678",
    "mã hồ sơ 12345",
    "không nhớ",
    "",
]


@pytest.mark.parametrize(("phrase", "expected"), PAST_PHRASES)
@pytest.mark.parametrize("spelling", [str, fold_diacritics], ids=["accented", "unaccented"])
def test_past_phrases(phrase, expected, spelling):
    assert parse_vietnamese_date(spelling(phrase), TODAY) == expected


@pytest.mark.parametrize(("phrase", "expected"), FUTURE_PHRASES)
@pytest.mark.parametrize("spelling", [str, fold_diacritics], ids=["accented", "unaccented"])
def test_promised_dates_prefer_future(phrase, expected, spelling):
    assert parse_vietnamese_date(spelling(phrase), TODAY, prefer_future=True) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_invalid_or_missing_dates_are_none(text):
    assert parse_vietnamese_date(text, TODAY) is None


def test_upper_case_and_extra_spaces():
    assert parse_vietnamese_date("  NGÀY   3  THÁNG TRƯỚC ", TODAY) == date(2026, 10, 3)


def test_last_month_clamps_to_month_end():
    assert parse_vietnamese_date("tháng trước", date(2026, 3, 31)) == date(2026, 2, 28)


def test_day_of_last_month_that_does_not_exist_is_none():
    assert parse_vietnamese_date("ngày 31 tháng trước", date(2026, 3, 15)) is None
