"""The managers' dashboard: summary figures over a period, and the vocabulary its page shows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import ValidationError

from storage import UNRESOLVED_STATES, ComplaintKind, ComplaintState, Granularity, Period, Summary
from storage.complaints import vietnam_today
from webhook.api.deps import CurrentUser, ManagerUser, ReportsDep
from webhook.complaint_schemas import Choice, Choices
from webhook.schemas import FIRST_DAY, LAST_DAY, SIGNED_IN_ONLY, ErrorReply

router = APIRouter(prefix="/api/dashboard", tags=["dashboard"])

DEFAULT_PERIOD = timedelta(weeks=12)
_MANAGERS = {**SIGNED_IN_ONLY, 403: {"model": ErrorReply, "description": "The account is not a manager's"}}


@router.get(
    "/summary",
    response_model=Summary,
    responses={**_MANAGERS, 422: {"model": ErrorReply, "description": "The period is reversed or too long"}},
    summary="Complaints by status, agency and kind over time; overdue; satisfaction",
)
def summary(
    user: ManagerUser,
    reports: ReportsDep,
    date_from: Annotated[
        date | None,
        Query(
            ge=FIRST_DAY, le=LAST_DAY, description="First day (Vietnam time); default 12 weeks before date_to"
        ),
    ] = None,
    date_to: Annotated[
        date | None, Query(ge=FIRST_DAY, le=LAST_DAY, description="Last day, included; default today")
    ] = None,
    granularity: Granularity = Granularity.WEEK,
    top_agencies: Annotated[int, Query(ge=1, le=50, description="How many agencies to list")] = 10,
) -> Summary:
    last_day = date_to or vietnam_today()
    first_day = date_from or last_day - DEFAULT_PERIOD + timedelta(days=1)
    try:
        period = Period(first_day=first_day, last_day=last_day)
    except ValidationError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, error.errors()[0]["msg"]) from error
    return reports.summary(period, granularity, top_agencies=top_agencies)


@router.get(
    "/choices", response_model=Choices, responses=SIGNED_IN_ONLY, summary="States and kinds with labels"
)
def choices(user: CurrentUser) -> Choices:
    return Choices(
        states=[Choice(value=s.value, label=s.label) for s in ComplaintState],
        unresolved_states=[s for s in ComplaintState if s in UNRESOLVED_STATES],
        kinds=[Choice(value=k.value, label=k.label) for k in ComplaintKind],
    )
