"""Vietnamese working days: weekends and public holidays off, plus the province's own adjustments.

Public holidays (Tết and Giỗ Tổ Hùng Vương follow the lunar calendar) come from the maintained `holidays`
package; each year the government also moves days (a Saturday worked to bridge a holiday), which the
province profile lists as extra days off and make-up working days.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import holidays

if TYPE_CHECKING:
    from knowledge_base.profile import ProvinceProfile


class WorkingCalendar:
    def __init__(
        self, extra_days_off: Iterable[date] = (), make_up_working_days: Iterable[date] = ()
    ) -> None:
        self._public_holidays = holidays.country_holidays("VN")
        self._extra_days_off = frozenset(extra_days_off)
        self._make_up_working_days = frozenset(make_up_working_days)

    @classmethod
    def for_profile(cls, profile: ProvinceProfile) -> WorkingCalendar:
        return cls(profile.extra_days_off, profile.make_up_working_days)

    def is_working_day(self, day: date) -> bool:
        if day in self._make_up_working_days:
            return True
        return day.weekday() < 5 and day not in self._public_holidays and day not in self._extra_days_off

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after start (start itself does not count)."""
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        while days:
            current += timedelta(days=1)
            if self.is_working_day(current):
                days -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after start up to and including end; 0 when end is not after start."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count


class StaffHours:
    """When staff answer: periods of the day ("07:30-11:30") on working days."""

    def __init__(self, periods: Iterable[str], calendar: WorkingCalendar) -> None:
        self._periods = sorted(_period(text) for text in periods)
        self._calendar = calendar

    def next_opening(self, now: datetime) -> datetime | None:
        """None while staff are at work; otherwise when they next start (in now's time zone)."""
        if not self._periods:
            return None  # no hours configured: staff are assumed available
        day = now.date()
        for _ in range(60):  # Tết and a weekend are never this long
            if self._calendar.is_working_day(day):
                for start, end in self._periods:
                    opening = datetime.combine(day, start, now.tzinfo)
                    if day == now.date() and opening <= now < datetime.combine(day, end, now.tzinfo):
                        return None
                    if opening > now:
                        return opening
            day += timedelta(days=1)
        raise ValueError("no working period in the next 60 days")


def _period(text: str) -> tuple[time, time]:
    start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
    if end <= start:
        raise ValueError(f"a period ends after it starts: {text!r}")
    return start, end
