"""Vietnamese working days: weekends and public holidays off, plus the province's own adjustments.

Public holidays (Tết and Giỗ Tổ Hùng Vương follow the lunar calendar) come from the maintained `holidays`
package; each year the government also moves days (a Saturday worked to bridge a holiday), which the
province profile lists as extra days off and make-up working days.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import holidays


class WorkingCalendar:
    def __init__(
        self, extra_days_off: Iterable[date] = (), make_up_working_days: Iterable[date] = ()
    ) -> None:
        self._public_holidays = holidays.country_holidays("VN")
        self._extra_days_off = frozenset(extra_days_off)
        self._make_up_working_days = frozenset(make_up_working_days)

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
