"""A request the gateway cannot accept gets a Vietnamese sentence saying why, not FastAPI's English list.

The web chat shows `detail` to the citizen as it is, so every chat message here is written for them, naming
the JSON field only where an API client is the likelier sender. The staff pages show it to the member of
staff beside the form: the field's label, then what is wrong with it. Every other refusal (a route without
its own wording, an unknown address, a method a page does not take, a body that is not UTF-8) gets a
Vietnamese `detail` from the handlers `install_error_handlers` adds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Sequence
from datetime import date
from http import HTTPStatus
from typing import Any, get_args

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic_core.core_schema import ErrorType
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from storage.fields import UNPRINTABLE_MESSAGE
from webhook.rate_limits import refusal_texts
from webhook.schemas import ID_MAX, SENDER_ID_MAX_CHARS, TEXT_MAX_CHARS, ErrorReply

logger = logging.getLogger(__name__)


def _vietnamese_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# (field, pydantic error type) -> message; a None type covers the field's other errors, a None field the body.
MESSAGES: dict[tuple[str | None, str | None], str] = {
    ("text", "string_too_long"): (
        f"Tin nhắn dài quá: tối đa {_vietnamese_number(TEXT_MAX_CHARS)} ký tự. "
        "Bạn vui lòng rút gọn rồi gửi lại."
    ),
    ("text", "string_too_short"): "Tin nhắn đang trống, bạn vui lòng nhập câu hỏi.",
    ("text", "missing"): "Thiếu nội dung tin nhắn (trường text).",
    ("text", "text_unprintable"): f"Tin nhắn không gửi được. {UNPRINTABLE_MESSAGE}",
    ("text", None): "Nội dung tin nhắn (trường text) phải là một chuỗi ký tự.",
    ("sender_id", "missing"): "Thiếu mã người gửi (trường sender_id).",
    ("sender_id", None): (
        f"Mã người gửi (trường sender_id) không hợp lệ: cần từ 1 đến {SENDER_ID_MAX_CHARS} ký tự, chỉ gồm "
        "chữ, số và các dấu chấm, hai chấm, @, gạch ngang, gạch dưới."
    ),
    ("after", None): (
        "Tham số after phải là mã tin nhắn cuối cùng đã nhận: "
        f"một số nguyên từ 0 đến {_vietnamese_number(ID_MAX)}."
    ),
    (None, "json_invalid"): "Nội dung gửi lên không phải JSON hợp lệ.",
    (None, None): 'Nội dung gửi lên phải là một đối tượng JSON dạng {"sender_id": "…", "text": "…"}.',
}


def explain(errors: Sequence[Any]) -> str:
    """One sentence per distinct problem, in the order pydantic found them."""
    sentences = []
    for error in errors:
        location = error.get("loc", ())
        field = location[1] if len(location) > 1 and location[1] in ("sender_id", "text", "after") else None
        sentences.append(MESSAGES.get((field, error.get("type"))) or MESSAGES[(field, None)])
    return " ".join(dict.fromkeys(sentences))


# Errors pydantic raises itself; any other type is one of the project's own (storage.fields), worded in
# Vietnamese for whoever reads it.
PYDANTIC_ERRORS = frozenset(get_args(ErrorType))


def _value(bound: object) -> str:
    """A bound as the pages write it: 1.000.000, a date day first (pydantic gives it in ISO form)."""
    text = str(bound)
    if text.lstrip("-").isdigit():
        return _vietnamese_number(int(text))
    try:
        return date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text


def _problem(label: str, kind: str, context: dict[str, Any]) -> str:
    """What is wrong with the field, for the errors pydantic raises itself."""
    if kind == "missing":
        return f"Thiếu thông tin «{label}»."
    if kind == "extra_forbidden":
        return f"Không nhận thông tin «{label}»: không có trường này."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"«{label}» phải là một số nguyên."
    if kind == "greater_than_equal":
        return f"«{label}» phải từ {_value(context.get('ge'))} trở lên."
    if kind == "greater_than":
        return f"«{label}» phải lớn hơn {_value(context.get('gt'))}."
    if kind == "less_than_equal":
        return f"«{label}» tối đa là {_value(context.get('le'))}."
    if kind == "less_than":
        return f"«{label}» phải nhỏ hơn {_value(context.get('lt'))}."
    if kind == "string_too_long":
        return f"«{label}» dài quá: tối đa {context.get('max_length')} ký tự."
    if kind == "string_too_short":
        return f"«{label}» đang trống."
    if kind.startswith("date_"):
        return f"«{label}» phải là một ngày dạng năm-tháng-ngày, ví dụ 2025-11-03."
    if kind.startswith("bool_"):
        return f"«{label}» phải là true hoặc false."
    if kind in ("enum", "literal_error"):
        return f"«{label}» không phải một giá trị trong danh sách cho phép."
    return f"«{label}» không hợp lệ."


def _body_problem(kind: str) -> str:
    """What is wrong with the body as a whole (no field named)."""
    if kind == "missing":
        return "Thiếu nội dung gửi lên: cần một đối tượng JSON."
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return "Nội dung gửi lên phải là một đối tượng JSON."
    return "Dữ liệu gửi lên không hợp lệ."


def explain_fields(errors: Sequence[Any], labels: dict[str, str], special: dict[tuple[str, str], str]) -> str:
    """One sentence per problem for a staff form: `special` (field, error type) messages first, then the
    project's own Vietnamese messages, after the field's label unless they name it, then a generic one
    naming the field."""
    sentences = []
    for error in errors:
        location, kind = error.get("loc", ()), error.get("type", "")
        field = str(location[1]) if len(location) > 1 else None
        label = labels.get(field or "", field)
        if field and (field, kind) in special:
            sentences.append(special[(field, kind)])
        elif kind == "json_invalid":
            sentences.append(MESSAGES[(None, "json_invalid")])
        elif kind not in PYDANTIC_ERRORS:  # named once: "Số điện thoại di động không hợp lệ …" needs no label
            named = not field or error["msg"].lower().startswith(label.lower())
            sentences.append(error["msg"] if named else f"{label}: {error['msg']}")
        else:
            sentences.append(_problem(label, kind, error.get("ctx") or {}) if field else _body_problem(kind))
    return " ".join(dict.fromkeys(sentences))


def vietnamese_validation_route(explain: Callable[[Sequence[Any]], str]) -> type[APIRoute]:
    """A route class that keeps the 422 status but answers with an `ErrorReply`, like the gateway's other
    errors, its detail the sentence `explain` makes of pydantic's errors."""

    class VietnameseRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handle = super().get_route_handler()

            async def handle_in_vietnamese(request: Request) -> Response:
                try:
                    return await handle(request)
                except RequestValidationError as error:
                    reply = ErrorReply(detail=explain(error.errors()))
                    return JSONResponse(reply.model_dump(), status_code=422)

            return handle_in_vietnamese

    return VietnameseRoute


VietnameseValidationRoute = vietnamese_validation_route(explain)


# The fields of the routes without wording of their own, as the managers' and staff's pages name them.
LABELS = {
    "username": "Tên đăng nhập", "password": "Mật khẩu", "status": "Trạng thái", "agency": "Cơ quan",
    "kind": "Loại phản ánh", "procedure_code": "Mã thủ tục", "overdue": "Quá hạn", "created_from": "Từ ngày",
    "created_to": "Đến ngày", "sort": "Sắp xếp", "page": "Trang", "page_size": "Số dòng mỗi trang",
    "date_from": "Từ ngày", "date_to": "Đến ngày", "granularity": "Chu kỳ", "top_agencies": "Số cơ quan",
    "limit": "Số nhóm", "assignee": "Cán bộ xử lý", "note": "Ghi chú nội bộ",
    "public_reply": "Trả lời người dân", "text": "Nội dung trả lời", "handoff_id": "Mã cuộc trò chuyện",
    "reference_code": "Mã phản ánh",
}  # fmt: skip

# FastAPI's and Starlette's own refusals say this in English; said again in Vietnamese.
BODY_UNREADABLE = "There was an error parsing the body"
HTTP_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần đăng nhập để dùng chức năng này.",
    403: "Không có quyền dùng chức năng này.",
    404: "Không tìm thấy địa chỉ này.",
    405: "Địa chỉ này không nhận yêu cầu {method}.",
}


def install_error_handlers(app: FastAPI) -> None:
    """Vietnamese `detail` for a refusal no route words itself: pydantic's errors on routes without a
    VietnameseRoute, an unreadable body, an unknown address, a method an address does not take."""

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        reply = ErrorReply(detail=explain_fields(error.errors(), LABELS, {}))
        return JSONResponse(reply.model_dump(), status_code=422)

    @app.exception_handler(OperationalError)
    async def database_unavailable(request: Request, error: OperationalError) -> Response:
        # Down, restarting or locked: nothing was stored, so the sender is told to send it again, never 500.
        logger.error("database unavailable on %s %s: %s", request.method, request.url.path, error.orig)
        reply = ErrorReply(detail=refusal_texts()["database_unavailable"])
        return JSONResponse(reply.model_dump(), status_code=503, headers={"Retry-After": "30"})

    @app.exception_handler(HTTPException)
    async def refused(request: Request, error: HTTPException) -> Response:
        if error.detail == BODY_UNREADABLE:
            detail = "Nội dung gửi lên không đọc được: cần là JSON (hoặc biểu mẫu) viết bằng UTF-8."
        elif isinstance(error.__context__, MultiPartException):  # Starlette's words for a broken form
            detail = "Biểu mẫu gửi lên không đúng định dạng multipart/form-data."
        elif error.detail == HTTPStatus(error.status_code).phrase and error.status_code in HTTP_MESSAGES:
            detail = HTTP_MESSAGES[error.status_code].format(method=request.method)
        else:
            return await http_exception_handler(request, error)
        return await http_exception_handler(request, HTTPException(error.status_code, detail, error.headers))
