"""A chat request the gateway cannot accept gets a Vietnamese sentence saying why, not FastAPI's English list.

The web chat shows `detail` to the citizen as it is, so every message here is written for them, naming the
JSON field only where an API client is the likelier sender.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

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


class VietnameseValidationRoute(APIRoute):
    """Keeps the 422 status but answers with an `ErrorReply`, like the gateway's other errors."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_in_vietnamese(request: Request) -> Response:
            try:
                return await handle(request)
            except RequestValidationError as error:
                reply = ErrorReply(detail=explain(error.errors()))
                return JSONResponse(reply.model_dump(), status_code=422)

        return handle_in_vietnamese
