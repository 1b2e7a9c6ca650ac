"""Figures for the managers' dashboard: complaints by status, by agency and by kind over time, the overdue
count and the citizens' satisfaction, over a period of Vietnamese calendar days.

Counting is done in SQL that SQLite and PostgreSQL run alike. Two steps are done in Python, because portable
SQL cannot: putting a complaint in its week or month needs its date in Vietnam time (SQLite has no time
zones), and agency names typed by citizens are merged ignoring case and spacing (SQLite's lower() only
folds ASCII letters, so "Ủy ban" and "ủy ban" would stay apart there but not on PostgreSQL).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from enum import Enum

from pydantic import BaseModel, Field, computed_field, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Column, Engine, and_, func, select
from sqlalchemy.sql.elements import ColumnElement

from storage.complaints import (
    UNRESOLVED_STATES,
    VIETNAM_TIME,
    ComplaintKind,
    ComplaintState,
    complaints,
    overdue_condition,
    vietnam_day_start,
    vietnam_today,
)
from storage.feedback import feedback

# Three years of weeks is already more bars than a chart can show legibly.
MAX_PERIOD_DAYS = 3 * 366


class Granularity(str, Enum):
    WEEK = "week"  # ISO weeks, Monday to Sunday
    MONTH = "month"


class Period(BaseModel):
    """Calendar days in Vietnam, both ends included."""

    first_day: date
    last_day: date

    @model_validator(mode="after")
    def _sensible(self) -> Period:
        if self.last_day < self.first_day:
            raise PydanticCustomError("period_reversed", "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
        if (self.last_day - self.first_day).days >= MAX_PERIOD_DAYS:
            raise PydanticCustomError("period_too_long", "Khoảng thời gian thống kê tối đa là 3 năm.")
        return self

    def condition(self, column: Column) -> ColumnElement[bool]:
        """The stored UTC timestamp falls on one of the period's days in Vietnam."""
        return and_(
            column >= vietnam_day_start(self.first_day),
            column < vietnam_day_start(self.last_day + timedelta(days=1)),
        )


class StatusCount(BaseModel):
    status: ComplaintState
    count: int

    @computed_field
    @property
    def label(self) -> str:
        return self.status.label


class AgencyCount(BaseModel):
    agency: str = Field(description="The spelling citizens used most often for this agency")
    count: int


class TimeBucket(BaseModel):
    start: date = Field(description="Monday of the ISO week, or the first of the month")
    label: str


class KindSeries(BaseModel):
    kind: ComplaintKind
    counts: list[int] = Field(description="One count per bucket, in the buckets' order")

    @computed_field
    @property
    def label(self) -> str:
        return self.kind.label


class KindsOverTime(BaseModel):
    granularity: Granularity
    buckets: list[TimeBucket] = Field(
        description="Every week or month touching the period, empty ones included"
    )
    series: list[KindSeries]


class Satisfaction(BaseModel):
    ratings: int = Field(description="Ratings given in the period")
    average: float | None = Field(description="Mean rating from 1 to 5, two decimals; null without ratings")
    distribution: list[int] = Field(description="How many ratings of 1, 2, 3, 4 and 5")


class Summary(BaseModel):
    first_day: date
    last_day: date
    filed: int = Field(description="Complaints filed in the period")
    by_status: list[StatusCount] = Field(
        description="Complaints filed in the period by their current state, every state listed"
    )
    by_agency: list[AgencyCount] = Field(description="The agencies with the most complaints in the period")
    other_agencies: int = Field(description="Complaints in the period about agencies beyond that list")
    kinds_over_time: KindsOverTime
    unresolved: int = Field(description="Complaints waiting for the administration now, whenever filed")
    overdue: int = Field(description="Of those, past their answer date now")
    satisfaction: Satisfaction


class Reports:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def summary(
        self,
        period: Period,
        granularity: Granularity = Granularity.WEEK,
        *,
        top_agencies: int = 10,
        today: date | None = None,
    ) -> Summary:
        c = complaints.c
        filed_in_period = period.condition(c.created_at)
        with self._engine.connect() as connection:
            statuses = dict(
                connection.execute(
                    select(c.status, func.count()).where(filed_in_period).group_by(c.status)
                ).all()
            )
            agencies = connection.execute(
                select(c.agency, func.count()).where(filed_in_period).group_by(c.agency)
            ).all()
            filings = connection.execute(select(c.kind, c.created_at).where(filed_in_period)).all()
            unresolved = connection.execute(
                select(func.count()).where(c.status.in_(UNRESOLVED_STATES))
            ).scalar_one()
            overdue = connection.execute(
                select(func.count()).where(overdue_condition(today or vietnam_today()))
            ).scalar_one()
            ratings = dict(
                connection.execute(
                    select(feedback.c.rating, func.count())
                    .where(period.condition(feedback.c.created_at))
                    .group_by(feedback.c.rating)
                ).all()
            )
        by_agency = _merge_agencies(agencies)
        top = by_agency[:top_agencies]
        return Summary(
            first_day=period.first_day,
            last_day=period.last_day,
            filed=sum(statuses.values()),
            by_status=[StatusCount(status=s, count=statuses.get(s, 0)) for s in ComplaintState],
            by_agency=top,
            other_agencies=sum(a.count for a in by_agency[top_agencies:]),
            kinds_over_time=_kinds_over_time(filings, period, granularity),
            unresolved=unresolved,
            overdue=overdue,
            satisfaction=_satisfaction(ratings),
        )


def _agency_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _merge_agencies(rows: list[tuple[str, int]]) -> list[AgencyCount]:
    """One entry per agency however citizens capitalised or spaced it, most complaints first."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name, count in rows:
        spellings[_agency_key(name)][name] += count
    merged = [
        AgencyCount(agency=names.most_common(1)[0][0], count=names.total()) for names in spellings.values()
    ]
    return sorted(merged, key=lambda a: (-a.count, _agency_key(a.agency)))


def _bucket_start(day: date, granularity: Granularity) -> date:
    if granularity is Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _next_bucket(start: date, granularity: Granularity) -> date:
    if granularity is Granularity.WEEK:
        return start + timedelta(days=7)
    return (start + timedelta(days=32)).replace(day=1)


def _bucket_label(start: date, granularity: Granularity) -> str:
    if granularity is Granularity.WEEK:
        year, week, _ = start.isocalendar()
        return f"Tuần {week}/{year}"
    return f"Tháng {start.month}/{start.year}"


def _kinds_over_time(
    filings: list[tuple[ComplaintKind, datetime]], period: Period, granularity: Granularity
) -> KindsOverTime:
    starts = []
    start = _bucket_start(period.first_day, granularity)
    while start <= period.last_day:
        starts.append(start)
        start = _next_bucket(start, granularity)
    position = {start: index for index, start in enumerate(starts)}
    counts = {kind: [0] * len(starts) for kind in ComplaintKind}
    for kind, created_at in filings:
        day = created_at.astimezone(VIETNAM_TIME).date()
        counts[kind][position[_bucket_start(day, granularity)]] += 1
    return KindsOverTime(
        granularity=granularity,
        buckets=[TimeBucket(start=s, label=_bucket_label(s, granularity)) for s in starts],
        series=[KindSeries(kind=kind, counts=counts[kind]) for kind in ComplaintKind],
    )


def _satisfaction(ratings: dict[int, int]) -> Satisfaction:
    distribution = [ratings.get(stars, 0) for stars in range(1, 6)]
    given = sum(distribution)
    average = sum(stars * n for stars, n in enumerate(distribution, start=1)) / given if given else None
    return Satisfaction(
        ratings=given, average=round(average, 2) if average is not None else None, distribution=distribution
    )
