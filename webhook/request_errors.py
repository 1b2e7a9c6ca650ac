"""A request the gateway cannot accept gets a Vietnamese sentence saying why, not FastAPI's English list.

The web chat shows `detail` to the citizen as it is, so every chat message here is written for them, naming
the JSON field only where an API client is the likelier sender. The staff pages show it to the member of
staff beside the form: the field's label, then what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any, get_args

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic_core.core_schema import ErrorType

from webhook.schemas import SENDER_ID_MAX_CHARS, TEXT_MAX_CHARS, ErrorReply


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
    ("text", None): "Nội dung tin nhắn (trường text) phải là một chuỗi ký tự.",
    ("sender_id", "missing"): "Thiếu mã người gửi (trường sender_id).",
    ("sender_id", None): (
        f"Mã người gửi (trường sender_id) không hợp lệ: cần từ 1 đến {SENDER_ID_MAX_CHARS} ký tự, chỉ gồm "
        "chữ, số và các dấu chấm, hai chấm, @, gạch ngang, gạch dưới."
    ),
    (None, "json_invalid"): "Nội dung gửi lên không phải JSON hợp lệ.",
    (None, None): 'Nội dung gửi lên phải là một đối tượng JSON dạng {"sender_id": "…", "text": "…"}.',
}


def explain(errors: Sequence[Any]) -> str:
    """One sentence per distinct problem, in the order pydantic found them."""
    sentences = []
    for error in errors:
        location = error.get("loc", ())
        field = location[1] if len(location) > 1 and location[1] in ("sender_id", "text") else None
        sentences.append(MESSAGES.get((field, error.get("type"))) or MESSAGES[(field, None)])
    return " ".join(dict.fromkeys(sentences))


# Errors pydantic raises itself; any other type is one of the project's own (storage.fields), worded in
# Vietnamese for whoever reads it.
PYDANTIC_ERRORS = frozenset(get_args(ErrorType))


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
        elif kind == "missing":
            sentences.append(f"Thiếu thông tin «{label}».")
        else:
            sentences.append(f"«{label}» không hợp lệ." if field else "Dữ liệu gửi lên không hợp lệ.")
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
