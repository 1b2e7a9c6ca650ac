"""The legal-basis table (can_cu_phap_ly): `Tên văn bản pháp lýMã văn bản` then `<title><number>` pairs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge_base.importer.text import LOWER, UPPER, clean, is_empty
from knowledge_base.schema import LegalBasis

HEADER = "Tên văn bản pháp lýMã văn bản"
# The next page label, which the scraper sometimes left at the end of the field.
_NEXT_LABEL = "Cơ quan thực hiện"
# Number tokens are capitals and digits; a capital followed by a small letter starts the next title instead
# ("NĐ-CPThông tư …"). "TTg" (Thủ tướng) is the one mixed-case token.
_TOKEN = rf"(?:TTg|[{UPPER}](?![{LOWER}])(?:[{UPPER}](?![{LOWER}])|[0-9])*)"
# A number cell ("123/2015/NĐ-CP", "42/2024/QH15", "163/QĐ-BTP", "01/2012/QĐ- TTg", "46/2020") ends where
# the next title starts or the table ends. The atomic group keeps a number inside a title ("… 17/2023/TT-BGTVT
# ngày …") from matching a shortened prefix of itself.
_NUMBER = re.compile(
    rf"(?<![\d/])(?P<number>(?>\d+[a-z]?/(?:(?:\d{{4}}/)*{_TOKEN}(?:[-–/_] ?{_TOKEN})*|\d{{4}})))"
    rf"\.*(?=$|[{UPPER}][{LOWER}{UPPER}])"
)
# A title ending in the same number as its number cell glues the two ("…110/2015/QH13110/2015/QH13").
_REPEATED_NUMBER = re.compile(r"(\d+/\d{4}/[^\s/]+?)(?=\1)")
# A title ending in a date runs into the number cell ("ngày 29/6/202443/2024/QH15"): split them apart.
_DATE_THEN_DIGIT = re.compile(r"(\d{1,2}/\d{1,2}/\d{4})(?=\d)")
# A number cell sometimes repeats the document type ("Thông tư số 03/2023/TT-BTP"); that prefix is not title.
_TYPE_PREFIX = re.compile(
    r"(?:Luật|Bộ luật|Nghị định|Thông tư(?: liên tịch)?|Quyết định|Nghị quyết|Pháp lệnh)"
    r"(?: số)?:? ?$"
)


@dataclass
class LegalParse:
    legal_basis: list[LegalBasis] = field(default_factory=list)
    unparsed: str = ""
    problems: list[str] = field(default_factory=list)


def parse_legal_basis(text: str) -> LegalParse:
    result = LegalParse()
    text = clean(text)
    if is_empty(text):
        return result
    if not text.startswith(HEADER):
        result.unparsed = text
        result.problems.append("legal: thiếu tiêu đề bảng")
        return result
    body = text[len(HEADER) :]
    position = 0
    for match in _NUMBER.finditer(body):
        title = body[position : match.start()]
        position = match.end()
        title = _TYPE_PREFIX.sub("", title).strip(" ,;")
        number = re.sub(r"([-–/_]) ", r"\1", match["number"])
        result.legal_basis.append(LegalBasis(number=number, title=title or None))
    rest = body[position:].strip()
    if rest:
        result.unparsed = rest
        result.problems.append("legal: văn bản không tách được")
    return result
