"""Due dates and delays count Vietnamese working days: weekends, lunar and solar holidays, moved days."""

from datetime import date, datetime, timedelta, timezone

import pytest

from knowledge_base.profile import ProvinceProfile
from storage import ComplaintService, WorkingCalendar, make_engine
from storage.working_days import StaffHours

calendar = WorkingCalendar()


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 18), 2, date(2026, 11, 20)),  # Wednesday to Friday
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday to Monday, over the weekend
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # filed on Saturday
        (date(2026, 11, 18), 10, date(2026, 12, 3)),  # two weeks, and 24/11 (Ngày Văn hóa Việt Nam) off
        (date(2026, 11, 18), 0, date(2026, 11, 18)),
        # Tết 2027 (1 Tết is Saturday 6 February): 4–10 February are public holidays.
        (date(2027, 2, 3), 1, date(2027, 2, 11)),
        (date(2027, 2, 1), 5, date(2027, 2, 15)),
        # Giỗ Tổ Hùng Vương 2027 (10th of the 3rd lunar month) falls on Friday 16 April.
        (date(2027, 4, 15), 1, date(2027, 4, 19)),
        # 30/4 (Friday) and 1/5 (Saturday, observed on Monday 3/5) in 2027.
        (date(2027, 4, 29), 1, date(2027, 5, 4)),
    ],
)
def test_add_working_days(start, days, expected):
    assert calendar.add_working_days(start, days) == expected


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2026, 11, 18), -1)


def test_days_late_across_tet_and_a_weekend():
    # Promised Wednesday 3 February 2027; today Monday 15 February: 11, 12 and 15 February are working days.
    assert calendar.working_days_between(date(2027, 2, 3), date(2027, 2, 15)) == 3
    assert calendar.working_days_between(date(2027, 2, 15), date(2027, 2, 3)) == 0


def test_province_days_off_and_make_up_working_days():
    # The government moves a Saturday to work and gives the Monday before Tết off (an example, per year).
    moved = WorkingCalendar(extra_days_off=[date(2027, 2, 1)], make_up_working_days=[date(2027, 1, 23)])
    assert not moved.is_working_day(date(2027, 2, 1))
    assert moved.is_working_day(date(2027, 1, 23))  # a Saturday
    assert moved.add_working_days(date(2027, 1, 22), 1) == date(2027, 1, 23)
    assert moved.add_working_days(date(2027, 1, 29), 1) == date(2027, 2, 2)


def test_the_complaint_service_takes_the_days_and_answer_time_from_the_profile(tmp_path):
    profile = ProvinceProfile(
        province="Tây Ninh",
        complaint_answer_working_days=3,
        extra_days_off=[date(2027, 2, 1)],
        make_up_working_days=[date(2027, 1, 23)],
    )
    service = ComplaintService.for_profile(make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}"), profile)
    assert service.calendar.is_working_day(date(2027, 1, 23))
    assert not service.calendar.is_working_day(date(2027, 2, 1))
    assert ProvinceProfile(province="Tây Ninh").answer_working_days == 10


ICT = timezone(timedelta(hours=7))
hours = StaffHours(["13:30-17:00", "07:30-11:30"], WorkingCalendar())


@pytest.mark.parametrize(
    ("now", "opening"),
    [
        (datetime(2026, 12, 2, 9, 0, tzinfo=ICT), None),  # Wednesday morning: at work
        (datetime(2026, 12, 2, 12, 0, tzinfo=ICT), datetime(2026, 12, 2, 13, 30, tzinfo=ICT)),  # lunch
        (
            datetime(2026, 12, 4, 17, 30, tzinfo=ICT),
            datetime(2026, 12, 7, 7, 30, tzinfo=ICT),
        ),  # Friday evening
        (datetime(2027, 2, 5, 10, 0, tzinfo=ICT), datetime(2027, 2, 11, 7, 30, tzinfo=ICT)),  # Tết
    ],
)
def test_staff_hours_say_when_staff_next_answer(now, opening):
    assert hours.next_opening(now) == opening
