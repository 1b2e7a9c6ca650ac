from datetime import date

import pytest

from storage import add_working_days


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 18), 2, date(2026, 11, 20)),  # Wednesday to Friday
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday to Monday, over the weekend
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # filed on Saturday
        (date(2026, 11, 18), 10, date(2026, 12, 2)),  # two whole weeks
        (date(2026, 11, 18), 0, date(2026, 11, 18)),
    ],
)
def test_add_working_days_skips_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 18), -1)
