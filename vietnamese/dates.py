"""Dates as citizens type them: "hôm qua", "15/11", "ngày 3 tháng trước", "thứ hai vừa rồi", accents optional.

Text is folded to unaccented lower case first, so every rule below is written once, without diacritics.
Rules are tried in order and the first one that matches decides, even when the date it names is
invalid: "31/02" is None rather than whatever a looser rule might make of the digits.
"""

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from vietnamese.folding import fold_diacritics

_NUMBER_WORDS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(_NUMBER_WORDS) + ")"
# "thứ hai" / "thứ 2" is Monday (date.weekday() 0); Sunday is "chủ nhật", never "thứ 8".
_WEEKDAYS = {
    "hai": 0, "2": 0, "ba": 1, "3": 1, "tu": 2, "4": 2,
    "nam": 3, "5": 3, "sau": 4, "6": 4, "bay": 5, "7": 5,
}  # fmt: skip
_UNIT = r"(?P<unit>ngay|hom|bua|tuan|thang)"
_SUNDAY = 6

_Rule = Callable[[re.Match[str], date, bool], date | None]


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_of(today: date, months: int) -> tuple[int, int]:
    """(year, month) that lies `months` months after today's month (negative for earlier)."""
    year, month_index = divmod(today.year * 12 + today.month - 1 + months, 12)
    return year, month_index + 1


def _shift_months(today: date, months: int) -> date:
    """Same day `months` months away, clamped to the month's end (31/03 one month back is 28 or 29/02)."""
    year, month = _month_of(today, months)
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _acceptable(candidate: date | None, today: date, prefer_future: bool) -> bool:
    if candidate is None:
        return False
    return candidate >= today if prefer_future else candidate <= today


def _nearest_day_month(day: int, month: int, today: date, prefer_future: bool) -> date | None:
    """A day and month without a year: the nearest such date on the wanted side of today."""
    if _valid_date(2000, month, day) is None:  # 2000 is a leap year, so only impossible dates fail here
        return None
    step = 1 if prefer_future else -1
    # Eight years always reach the next or previous 29 February.
    for years in range(9):
        candidate = _valid_date(today.year + step * years, month, day)
        if _acceptable(candidate, today, prefer_future):
            return candidate
    return None


def _nearest_day(day: int, today: date, prefer_future: bool) -> date | None:
    """A bare day of the month ("ngày 20"): the nearest such date on the wanted side of today."""
    if not 1 <= day <= 31:
        return None
    step = 1 if prefer_future else -1
    for months in range(13):
        candidate = _valid_date(*_month_of(today, step * months), day)
        if _acceptable(candidate, today, prefer_future):
            return candidate
    return None


def _count(match: re.Match[str]) -> int:
    word = match["count"]
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _offset(today: date, unit: str, count: int) -> date:
    if unit == "thang":
        return _shift_months(today, count)
    return today + timedelta(days=count * (7 if unit == "tuan" else 1))


def _numeric(match: re.Match[str], today: date, prefer_future: bool) -> date | None:
    day, month, year = int(match["day"]), int(match["month"]), match["year"]
    if year is None:
        return _nearest_day_month(day, month, today, prefer_future)
    return _valid_date(int(year) + (2000 if len(year) == 2 else 0), month, day)


def _day_of_relative_month(match: re.Match[str], today: date, prefer_future: bool) -> date | None:
    which = match["which"]
    months = -1 if which in ("truoc", "roi") else 1 if which in ("sau", "toi") else 0
    return _valid_date(*_month_of(today, months), int(match["day"]))


def _day_only(match: re.Match[str], today: date, prefer_future: bool) -> date | None:
    return _nearest_day(int(match["day"]), today, prefer_future)


def _weekday(match: re.Match[str], today: date, prefer_future: bool) -> date | None:
    weekday = _SUNDAY if match["sunday"] else _WEEKDAYS[match["weekday"]]
    modifier = match["modifier"] or ""
    if modifier.startswith("tuan"):
        # Calendar weeks start on Monday: "thứ hai tuần trước" is Monday of last week, not the last Monday.
        week = 0 if "nay" in modifier else 1 if modifier.endswith(("sau", "toi")) else -1
        monday = today - timedelta(days=today.weekday())
        return monday + timedelta(weeks=week, days=weekday)
    if modifier:  # "vừa rồi", "rồi", "trước": the last such day strictly before today
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    if prefer_future:
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _fixed(unit: str, count: int) -> _Rule:
    return lambda match, today, prefer_future: _offset(today, unit, count)


def _counted(sign: int) -> _Rule:
    return lambda match, today, prefer_future: _offset(today, match["unit"], sign * _count(match))


_RULES: list[tuple[re.Pattern[str], _Rule]] = [
    # 15/11, 15-11, 15/11/2026, 15.11.26 (one separator throughout; not part of a longer number)
    (
        re.compile(
            r"(?<![\d/.-])(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})"
            r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?(?![/.-]?\d)"
        ),
        _numeric,
    ),
    # ngày 15 tháng 11, mùng 5 tháng 11, ngày 15 tháng 11 năm 2026
    (
        re.compile(
            r"\b(?:(?:ngay|mung|mong) )?(?P<day>\d{1,2}) thang (?P<month>\d{1,2})"
            r"(?: (?:nam )?(?P<year>\d{4}))?\b"
        ),
        _numeric,
    ),
    # ngày 3 tháng trước, ngày 3 tháng này, ngày 5 tháng sau
    (
        re.compile(
            r"\b(?:ngay|mung|mong) (?P<day>\d{1,2}) (?:cua )?thang (?P<which>truoc|roi|nay|sau|toi)\b"
        ),
        _day_of_relative_month,
    ),
    # thứ hai vừa rồi, thứ 2 tuần trước, chủ nhật tuần này, thứ sáu tuần sau, thứ ba
    (
        re.compile(
            r"\b(?:thu (?P<weekday>hai|ba|tu|nam|sau|bay|[2-7])|(?P<sunday>chu nhat))"
            r"(?: (?P<modifier>tuan (?:truoc|roi|vua roi|qua|nay|sau|toi)"
            r"|vua roi|vua qua|roi|truoc))?\b"
        ),
        _weekday,
    ),
    # 3 hôm trước, 5 ngày trước, hai tuần trước, cách đây 2 tháng
    (re.compile(rf"\b{_COUNT} {_UNIT} truoc\b"), _counted(-1)),
    (re.compile(rf"\bcach day {_COUNT} {_UNIT}\b"), _counted(-1)),
    # 3 ngày nữa, 5 hôm sau, 2 tuần tới (promised dates)
    (re.compile(rf"\b{_COUNT} {_UNIT} (?:nua|sau|toi)\b"), _counted(1)),
    (re.compile(r"\b(?:hom|bua) nay\b"), _fixed("ngay", 0)),
    (re.compile(r"\b(?:hom|bua) qua\b"), _fixed("ngay", -1)),
    (re.compile(r"\b(?:hom|bua) kia\b"), _fixed("ngay", -2)),
    (re.compile(r"\bngay mai\b"), _fixed("ngay", 1)),
    # "ngày mốt" folds to "ngay mot", which could also start "ngày một tháng …"
    (re.compile(r"\bngay (?:kia|mot)\b(?! thang)"), _fixed("ngay", 2)),
    (re.compile(r"\btuan (?:truoc|roi|vua roi)\b"), _fixed("tuan", -1)),
    (re.compile(r"\btuan (?:sau|toi)\b"), _fixed("tuan", 1)),
    (re.compile(r"\bthang (?:truoc|roi|vua roi)\b"), _fixed("thang", -1)),
    (re.compile(r"\bthang (?:sau|toi)\b"), _fixed("thang", 1)),
    # ngày 20: last, or with prefer_future next, 20th of a month
    (re.compile(r"\b(?:ngay|mung|mong) (?P<day>\d{1,2})\b"), _day_only),
]


def parse_vietnamese_date(text: str, today: date, prefer_future: bool = False) -> date | None:
    """The date a citizen means, or None. A day and month without a year is the nearest such date
    not after today (citizens mostly report the past); prefer_future=True takes the nearest one on or
    after today instead, for promised dates (ngày hẹn trả). Explicit relative words ("hôm qua",
    "tuần sau") always mean what they say."""
    folded = " ".join(fold_diacritics(text).split())
    for pattern, rule in _RULES:
        match = pattern.search(folded)
        if match:
            return rule(match, today, prefer_future)
    return None


_WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def format_vietnamese_datetime(moment: datetime) -> str:
    """ "7:30 thứ Hai, 07/12/2026": how a time is told to a citizen."""
    return f"{moment.hour}:{moment.minute:02d} {_WEEKDAY_NAMES[moment.weekday()]}, {moment:%d/%m/%Y}"
