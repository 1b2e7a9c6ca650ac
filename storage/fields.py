"""Field types shared by the storage models; their errors are worded for whoever shows them to a citizen."""

import re
from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from vietnamese import normalize_mobile

# One line of text (a name, an agency) fits VARCHAR(255); a paragraph is TEXT but still bounded.
LINE_MAX = 255
PARAGRAPH_MAX = 4000

# Characters no one types into a form: C0 and C1 controls but tab and line breaks (PostgreSQL refuses NUL in
# text), the bidirectional overrides and isolates that make text read other than it is stored, and lone
# surrogates (JSON's "\ud800" decodes to one; no database can store it as UTF-8).
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
UNPRINTABLE_MESSAGE = (
    "Nội dung có ký tự không hợp lệ (ký tự điều khiển như NUL, ký tự đảo chiều chữ hay mã Unicode hỏng), "
    "vui lòng gõ lại."
)


def printable(value: str) -> str:
    """The text as it is, or a Vietnamese error when it holds an UNPRINTABLE character."""
    if UNPRINTABLE.search(value):
        raise PydanticCustomError("text_unprintable", UNPRINTABLE_MESSAGE)
    return value


def _bounded(max_length: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip()
        if not value:
            raise PydanticCustomError("text_required", "Thông tin này không được để trống.")
        if len(value) > max_length:
            raise PydanticCustomError(
                "text_too_long", "Nội dung quá dài (tối đa {max_length} ký tự).", {"max_length": max_length}
            )
        return printable(value)

    return check


def _blank_to_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


def _mobile(value: str) -> str:
    normalized = normalize_mobile(value)
    if normalized is None:
        raise PydanticCustomError(
            "mobile_invalid", "Số điện thoại di động không hợp lệ (ví dụ đúng: 0912 345 678)."
        )
    return normalized


Line = Annotated[str, AfterValidator(_bounded(LINE_MAX))]
Paragraph = Annotated[str, AfterValidator(_bounded(PARAGRAPH_MAX))]
# Optional text: a blank answer ("", "  ") means "not given", not an error.
OptionalLine = Annotated[Line | None, BeforeValidator(_blank_to_none)]
OptionalParagraph = Annotated[Paragraph | None, BeforeValidator(_blank_to_none)]
# Stored as "0912345678" whatever form the citizen typed.
MobilePhone = Annotated[str, AfterValidator(_mobile)]
