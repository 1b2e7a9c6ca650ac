"""The hotline console's API, for staff and managers: procedure suggestions for what a caller asks, a
procedure's full entry, and a complaint taken down on the caller's behalf.

Suggestions come from the bot's own search (loaded once per process, on the first question) and carry the
bot card's facts; a complaint goes through the same workflow service as the bot's, with channel "hotline".
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, status

from actions.procedure_choices import leading_choices
from search_index import SearchHit
from storage import ComplaintDraft
from webhook.api.deps import ComplaintsDep, CurrentUser, ProfileDep, SearchDep, get_search
from webhook.hotline_schemas import (
    QUESTION_MAX_CHARS,
    FiledComplaint,
    HotlineComplaint,
    Match,
    ProcedureEntry,
    Suggestions,
    suggestion,
)
from webhook.request_errors import explain_fields, vietnamese_validation_route
from webhook.schemas import SIGNED_IN_ONLY, ErrorReply

SUGGESTIONS = 5
MAX_CHOICES = 3  # as the bot: at most three procedures offered as fitting about equally
CHANNEL = "hotline"

LABELS = {
    "q": "Câu hỏi",
    "code": "Mã thủ tục",
    "kind": "Loại phản ánh",
    "citizen_name": "Họ tên người gọi",
    "phone": "Số điện thoại",
    "agency": "Cơ quan bị phản ánh",
    "procedure_code": "Mã thủ tục",
    "procedure_name": "Thủ tục",
    "dossier_code": "Mã hồ sơ",
    "submitted_on": "Ngày nộp hồ sơ",
    "promised_on": "Ngày hẹn trả kết quả",
    "description": "Nội dung phản ánh",
    "contact_consent": "Đồng ý được gọi lại",
}
EMPTY_QUESTION = "Hãy nhập câu hỏi của người gọi để tìm thủ tục."
SPECIAL = {
    ("q", "missing"): EMPTY_QUESTION,
    ("q", "string_too_short"): EMPTY_QUESTION,
    ("q", "string_pattern_mismatch"): EMPTY_QUESTION,
    ("q", "string_too_long"): (
        f"Câu hỏi dài quá: tối đa {QUESTION_MAX_CHARS} ký tự. Hãy ghi ngắn gọn ý chính của người gọi."
    ),
    ("kind", "enum"): "Loại phản ánh phải là một trong các loại trong danh sách.",
    ("submitted_on", "date_from_datetime_parsing"): "Ngày nộp hồ sơ không hợp lệ.",
    ("promised_on", "date_from_datetime_parsing"): "Ngày hẹn trả kết quả không hợp lệ.",
}

router = APIRouter(
    prefix="/api/staff",
    tags=["staff"],
    route_class=vietnamese_validation_route(lambda errors: explain_fields(errors, LABELS, SPECIAL)),
)

_INVALID = {422: {"model": ErrorReply, "description": "What is wrong with the request, in Vietnamese"}}


@router.get(
    "/suggestions",
    response_model=Suggestions,
    responses={**SIGNED_IN_ONLY, **_INVALID},
    summary="The procedures a caller's question is most likely about, with facts and an answer to read",
    description=(
        "The top five procedures the bot's search finds for the question (typed with or without "
        "diacritics), the best first. Each has the search's confidence, whether the search is sure of it, "
        "how the bot would treat it (`match`), the key facts of the bot card and a spoken answer in plain "
        "Vietnamese. The first question after the backend starts loads the search (several seconds); later "
        "ones take milliseconds."
    ),
)
def suggestions(
    user: CurrentUser,  # before the search: a request without a valid token never loads it
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=QUESTION_MAX_CHARS,
            pattern=r"\S",
            description="The caller's question as the agent types it",
        ),
    ],
    search: SearchDep,
    profile: ProfileDep,
) -> Suggestions:
    question = q.strip()
    hits = search.search(question, k=SUGGESTIONS)
    best, choices = leading_choices(hits, MAX_CHOICES)
    outright = best is not None and best.sure and len(choices) < 2

    def match(hit: SearchHit) -> Match:
        if outright and hit is best:
            return Match.HIGH
        return Match.ASK if hit.confident else Match.LOW

    found = [
        suggestion(hit, match(hit), procedure, profile)
        for hit in hits
        if (procedure := search.procedure(hit.code)) is not None
    ]
    return Suggestions(question=question, ask_which=len(choices) > 1, suggestions=found)


@router.get(
    "/procedures/{code}",
    response_model=ProcedureEntry,
    responses={**SIGNED_IN_ONLY, 404: {"model": ErrorReply, "description": "No procedure has this code"}},
    summary="A procedure's full entry, facts under review withheld",
)
def procedure_entry(
    user: CurrentUser,
    code: Annotated[str, Path(max_length=16, description="The procedure code, e.g. 1.001193")],
    search: SearchDep,
    profile: ProfileDep,
) -> ProcedureEntry:
    procedure = search.procedure(code.strip())
    if procedure is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Không có thủ tục mã «{code}» trong dữ liệu.")
    return ProcedureEntry.of(procedure, profile)


@router.post(
    "/complaints",
    response_model=FiledComplaint,
    status_code=status.HTTP_201_CREATED,
    responses={**SIGNED_IN_ONLY, **_INVALID},
    summary="File a complaint on a caller's behalf",
    description="Stored through the complaint workflow like one the bot takes, with channel `hotline` and "
    "the signed-in account as the actor of its first history entry. The answer is the reference code to "
    "read to the caller (its last character is a check character) and the date the answer is due.",
)
def file_complaint(body: HotlineComplaint, user: CurrentUser, service: ComplaintsDep) -> FiledComplaint:
    procedure_name = body.procedure_name
    if body.procedure_code:  # only then is the search needed (it is loaded once, on first use)
        procedure = get_search().procedure(body.procedure_code)
        if procedure is None:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                f"Không có thủ tục mã «{body.procedure_code}» trong dữ liệu.",
            )
        # As the bot files a procedure search recognised: its short name and code.
        procedure_name = f"{procedure.short_name} ({procedure.code})"
    complaint = service.file(
        ComplaintDraft(
            **body.model_dump(exclude={"procedure_name"}),
            procedure_name=procedure_name,
            sender_id=f"{CHANNEL}:{user.username}",
            channel=CHANNEL,
        ),
        actor_id=user.id,
    )
    return FiledComplaint(
        reference_code=complaint.reference_code,
        answer_due=complaint.answer_due,
        kind_label=complaint.kind.label,
        procedure_name=complaint.procedure_name,
        channel=complaint.channel,
    )
