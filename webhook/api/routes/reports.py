"""Reports for managers: the friction report (which procedures cause citizens trouble) and the questions
the bot could not answer, grouped, for the editors of the knowledge base. Neither holds personal data:
citizens appear only as conversations counted, their words only scrubbed."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import Response

from storage.friction import (
    COMPLAINT_WEIGHT,
    LOW_RATING,
    MAX_QUESTIONS,
    ProcedureFriction,
    ReportPeriod,
    UnansweredGroup,
)
from webhook.api.deps import FrictionDep, ManagerUser
from webhook.csv_export import csv_download
from webhook.schemas import FIRST_DAY, LAST_DAY

router = APIRouter(prefix="/api/reports", tags=["reports"])

SCORE = (
    f"Friction score = unanswered + handoffs + {COMPLAINT_WEIGHT} × complaints + low ratings "
    f"(ratings of {LOW_RATING} or less), all counted in conversations over the period. Highest first; "
    "ties go to the lower average rating, then to more conversations."
)
CSV_COLUMNS = [
    ("procedure_code", "Mã thủ tục"), ("procedure_name", "Tên thủ tục"), ("friction_score", "Điểm vướng mắc"),
    ("conversations", "Số cuộc hỏi"), ("unanswered", "Số cuộc bot chưa trả lời được"),
    ("handoffs", "Số cuộc chuyển cán bộ"), ("complaints", "Số phản ánh"), ("ratings", "Số lượt đánh giá"),
    ("average_rating", "Điểm hài lòng trung bình"), ("low_ratings", f"Số đánh giá thấp (1–{LOW_RATING})"),
    ("walkthroughs_started", "Số cuộc bắt đầu chuẩn bị hồ sơ"),
    ("walkthroughs_finished", "Số cuộc chuẩn bị hồ sơ đến cuối"),
]  # fmt: skip


def _period(
    date_from: Annotated[
        date | None, Query(ge=FIRST_DAY, le=LAST_DAY, description="First day (Vietnam time), included")
    ] = None,
    date_to: Annotated[
        date | None, Query(ge=FIRST_DAY, le=LAST_DAY, description="Last day (Vietnam time), included")
    ] = None,
) -> ReportPeriod:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."
        )
    return ReportPeriod(date_from=date_from, date_to=date_to)


PeriodDep = Annotated[ReportPeriod, Depends(_period)]


@router.get(
    "/friction",
    response_model=list[ProcedureFriction],
    summary="Procedures ranked by friction",
    description=SCORE,
)
def friction(period: PeriodDep, user: ManagerUser, report: FrictionDep) -> list[ProcedureFriction]:
    return report.procedures(period)


@router.get(
    "/friction.csv",
    summary="Procedures ranked by friction, as CSV (UTF-8 with BOM, for Excel)",
    description=SCORE,
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def friction_csv(period: PeriodDep, user: ManagerUser, report: FrictionDep) -> Response:
    rows = (procedure.model_dump() for procedure in report.procedures(period))
    return csv_download(CSV_COLUMNS, rows, "thu-tuc-vuong-mac.csv")


@router.get(
    "/unanswered",
    response_model=list[UnansweredGroup],
    summary="Questions the bot could not answer, grouped by similarity",
    description=(
        "Questions where the bot was unsure, found nothing fitting, or could not place the message, in "
        f"the period (the newest {MAX_QUESTIONS}), grouped by similarity of their words: groups from most "
        "conversations down, each with its most typical questions, scrubbed of personal data, and the "
        "procedure search offered for them, if any."
    ),
)
def unanswered(
    period: PeriodDep,
    user: ManagerUser,
    report: FrictionDep,
    limit: Annotated[int, Query(ge=1, le=200, description="Most groups returned")] = 50,
) -> list[UnansweredGroup]:
    return report.unanswered(period, limit)
