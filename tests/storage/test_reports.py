"""The dashboard's figures: counted over Vietnamese calendar days, the same on SQLite and PostgreSQL."""

from datetime import date, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import update

from storage import (
    ComplaintKind,
    ComplaintState,
    FeedbackDraft,
    FeedbackStore,
    Granularity,
    Period,
    Reports,
    UserRole,
    UserStore,
)
from storage.complaints import VIETNAM_TIME, complaints
from storage.feedback import feedback

NOVEMBER = Period(first_day=date(2026, 11, 1), last_day=date(2026, 11, 30))


def vietnam(*args: int) -> datetime:
    return datetime(*args, tzinfo=VIETNAM_TIME)


@pytest.fixture
def file_at(engine, service, draft):
    """Files a complaint as if at `when` (Vietnam time), with the given changes to the draft."""

    def file(when: datetime, **changes: object) -> str:
        code = service.file(draft.model_copy(update=changes)).reference_code
        with engine.begin() as connection:
            connection.execute(
                update(complaints).where(complaints.c.reference_code == code).values(created_at=when)
            )
        return code

    return file


def test_an_empty_database_gives_zeros_every_state_and_no_average(engine):
    summary = Reports(engine).summary(NOVEMBER)
    assert summary.filed == summary.unresolved == summary.overdue == summary.other_agencies == 0
    assert [(s.status, s.count) for s in summary.by_status] == [(state, 0) for state in ComplaintState]
    assert summary.by_status[0].label == "Mới tiếp nhận"
    assert summary.by_agency == []
    assert (summary.satisfaction.ratings, summary.satisfaction.average) == (0, None)
    assert summary.satisfaction.distribution == [0, 0, 0, 0, 0]


def test_the_period_is_counted_in_vietnam_days_both_ends_included(engine, file_at):
    file_at(vietnam(2026, 10, 31, 23, 50))  # the evening before: outside
    file_at(vietnam(2026, 11, 1, 0, 10))  # 31 October in UTC, but 1 November for the citizen
    file_at(vietnam(2026, 11, 30, 23, 50))
    file_at(vietnam(2026, 12, 1, 0, 10))  # still 30 November in UTC: outside
    assert Reports(engine).summary(NOVEMBER).filed == 2


def test_statuses_count_current_states_of_complaints_filed_in_the_period(engine, service, file_at):
    manager = UserStore(engine).add("quanly", "Lê Quản Lý", UserRole.MANAGER, "x")
    first = file_at(vietnam(2026, 11, 3, 9))
    file_at(vietnam(2026, 11, 4, 9))
    rejected = file_at(vietnam(2026, 11, 5, 9))
    service.assign(first, assignee_id=manager.id, actor_id=manager.id)
    service.change_status(rejected, ComplaintState.REJECTED, actor_id=manager.id, public_reply="Trùng.")
    counts = {s.status: s.count for s in Reports(engine).summary(NOVEMBER).by_status}
    assert counts == {
        ComplaintState.NEW: 1, ComplaintState.ASSIGNED: 1, ComplaintState.IN_PROGRESS: 0,
        ComplaintState.RESOLVED: 0, ComplaintState.CLOSED: 0, ComplaintState.REJECTED: 1,
    }  # fmt: skip


def test_agencies_merge_case_and_spacing_rank_and_count_the_rest(engine, file_at):
    day = vietnam(2026, 11, 10, 9)
    for agency in ["Ủy ban nhân dân xã Hòa Hội", "ủy ban  nhân dân xã hòa hội", "Ủy ban nhân dân xã Hòa Hội"]:
        file_at(day, agency=agency)
    for agency in ["Công an huyện Châu Thành", "Công an huyện Châu Thành", "Sở Tư pháp", "Bảo hiểm xã hội"]:
        file_at(day, agency=agency)
    summary = Reports(engine).summary(NOVEMBER, top_agencies=2)
    assert [(a.agency, a.count) for a in summary.by_agency] == [
        ("Ủy ban nhân dân xã Hòa Hội", 3),
        ("Công an huyện Châu Thành", 2),
    ]
    assert summary.other_agencies == 2


def test_kinds_per_iso_week_in_vietnam_time_with_empty_weeks(engine, file_at):
    file_at(vietnam(2026, 11, 8, 23, 30), kind=ComplaintKind.SLOW)  # Sunday evening: week of 2 November
    file_at(vietnam(2026, 11, 9, 0, 30), kind=ComplaintKind.SLOW)  # Monday just after midnight
    file_at(vietnam(2026, 11, 9, 10), kind=ComplaintKind.EVASIVE)
    period = Period(first_day=date(2026, 11, 4), last_day=date(2026, 11, 24))
    over_time = Reports(engine).summary(period, Granularity.WEEK).kinds_over_time
    assert [(b.start, b.label) for b in over_time.buckets] == [
        (date(2026, 11, 2), "Tuần 45/2026"),
        (date(2026, 11, 9), "Tuần 46/2026"),
        (date(2026, 11, 16), "Tuần 47/2026"),
        (date(2026, 11, 23), "Tuần 48/2026"),
    ]
    series = {s.kind: s.counts for s in over_time.series}
    assert series[ComplaintKind.SLOW] == [1, 1, 0, 0]
    assert series[ComplaintKind.EVASIVE] == [0, 1, 0, 0]
    assert series[ComplaintKind.ATTITUDE] == series[ComplaintKind.OTHER] == [0, 0, 0, 0]
    assert over_time.series[1].label == "Né tránh, không trả lời"


def test_kinds_per_month_across_a_new_year_with_the_iso_year_of_a_week(engine, file_at):
    file_at(vietnam(2026, 12, 31, 9), kind=ComplaintKind.ATTITUDE)
    file_at(vietnam(2027, 1, 2, 9), kind=ComplaintKind.ATTITUDE)
    period = Period(first_day=date(2026, 11, 15), last_day=date(2027, 1, 10))
    reports = Reports(engine)
    by_month = reports.summary(period, Granularity.MONTH).kinds_over_time
    assert [b.label for b in by_month.buckets] == ["Tháng 11/2026", "Tháng 12/2026", "Tháng 1/2027"]
    assert next(s for s in by_month.series if s.kind is ComplaintKind.ATTITUDE).counts == [0, 1, 1]
    # 31 December 2026 and 2 January 2027 are both in ISO week 53 of 2026.
    by_week = reports.summary(period, Granularity.WEEK).kinds_over_time
    assert by_week.buckets[-2].label == "Tuần 53/2026"
    assert next(s for s in by_week.series if s.kind is ComplaintKind.ATTITUDE).counts[-2] == 2


def test_unresolved_and_overdue_are_counted_now_whenever_filed(engine, service, file_at):
    manager = UserStore(engine).add("quanly", "Lê Quản Lý", UserRole.MANAGER, "x")
    file_at(vietnam(2025, 3, 3, 9))  # long before the period, still waiting
    file_at(vietnam(2026, 11, 20, 9))
    answered = file_at(vietnam(2026, 11, 21, 9))
    with engine.begin() as connection:
        connection.execute(update(complaints).values(answer_due=date(2026, 11, 25)))
    service.change_status(answered, ComplaintState.REJECTED, actor_id=manager.id, public_reply="Trùng.")
    reports = Reports(engine)
    assert reports.summary(NOVEMBER, today=date(2026, 11, 25)).overdue == 0  # due today is not late
    summary = reports.summary(NOVEMBER, today=date(2026, 11, 26))
    assert (summary.filed, summary.unresolved, summary.overdue) == (2, 2, 2)


def test_satisfaction_averages_the_ratings_given_in_the_period(engine):
    store = FeedbackStore(engine)
    for rating, when in [(5, vietnam(2026, 11, 2, 8)), (4, vietnam(2026, 11, 3, 8)),
                         (4, vietnam(2026, 11, 30, 23)), (1, vietnam(2026, 12, 1, 1))]:  # fmt: skip
        given = store.add(FeedbackDraft(sender_id="web-1", rating=rating))
        with engine.begin() as connection:
            connection.execute(update(feedback).where(feedback.c.id == given.id).values(created_at=when))
    satisfaction = Reports(engine).summary(NOVEMBER).satisfaction
    assert (satisfaction.ratings, satisfaction.average) == (3, 4.33)
    assert satisfaction.distribution == [0, 0, 0, 2, 1]


@pytest.mark.parametrize(
    ("first_day", "last_day", "says"),
    [
        (date(2026, 11, 2), date(2026, 11, 1), "Ngày bắt đầu phải trước"),
        (date(2023, 11, 1), date(2026, 11, 1) + timedelta(days=30), "tối đa là 3 năm"),
    ],
)
def test_a_reversed_or_overlong_period_is_refused_in_vietnamese(first_day, last_day, says):
    with pytest.raises(ValidationError, match=says):
        Period(first_day=first_day, last_day=last_day)
