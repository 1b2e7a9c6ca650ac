"""Editorial checks on the province KB that the schema cannot express.

Citizens read an entry's words as the authority's answer, so an editor's working notes ("(lỗi định dạng),
cần xác nhận", "Danh mục thủ tục quốc gia chỉ ghi…") must never be in them: a fact that needs checking is
marked in `needs_review` instead, where the bot withholds it. Since 1 July 2025 Vietnam has no district
level, so no entry may send a citizen to a district body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from knowledge_base.profile import PLACEHOLDER_PREFIX, ProvinceProfile
from knowledge_base.schema import Procedure, ReviewedFact

# Editorial text, matched case-insensitively on the text as written (editors write with diacritics).
EDITORIAL = {
    "ghi chú biên tập (lỗi định dạng)": re.compile(r"lỗi định dạng", re.IGNORECASE),
    "ghi chú biên tập (cần xác nhận)": re.compile(
        r"cần (?:được )?(?:xác nhận|kiểm tra|xác minh)", re.IGNORECASE
    ),
    "nhắc tới danh mục thủ tục (ghi chú biên tập)": re.compile(
        r"danh mục (?:thủ tục )?(?:hành chính )?quốc gia|danh mục thủ tục|(?:bảng|theo|trong) danh mục"
        r"|danh mục (?:chỉ )?ghi|bảng phí ghi|phần mô tả|không (?:ghi|kèm) đơn vị",
        re.IGNORECASE,
    ),
    "việc còn dở (TODO)": re.compile(r"\b(?:TODO|FIXME|XXX)\b"),
    "chỗ trống chờ điền (CẦN ĐIỀN)": re.compile(re.escape(PLACEHOLDER_PREFIX), re.IGNORECASE),
    "ghi chú thiếu thông tin": re.compile(
        r"chưa có thông tin|mâu thuẫn|chưa (?:xác minh|kiểm chứng)", re.IGNORECASE
    ),
    "dấu hỏi đánh dấu chỗ nghi vấn": re.compile(r"\?"),
}
# A body of a level that no longer exists (districts, and the towns and district-level towns under them).
DISTRICT = re.compile(r"\b(?:huyện|quận|thị xã|thị trấn)\b", re.IGNORECASE)
DISTRICT_PROBLEM = "cơ quan cấp huyện không còn từ 01/7/2025 (chuyển về xã, phường hoặc cấp tỉnh)"
# Fields that tell a citizen where to go: no district body may appear in them.
WHERE_FIELDS = re.compile(
    r"^(?:implementing_agency|receiving_agency|submit_at|howto|steps|modes\[\d+\]\.note"
    r"|documents\[\d+\]\.how_to_get)\b"
)
# Fields citizens never read: identifiers, links, the importer's leftovers and the editors' own notes.
NOT_SHOWN = re.compile(
    r"^(?:code|source_url|online_url|updated|unparsed|case_questions\[\d+\]\.key|modes\[\d+\]\.needs_review)\b"
)
QUESTIONS = re.compile(r"^case_questions\[\d+\]\.question$")


@dataclass(frozen=True)
class Finding:
    """One problem, as `<where>: <field>: <problem>: «<text>»`."""

    where: str
    field: str
    problem: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.problem}: «{self.text}»"


@dataclass(frozen=True)
class ReviewMark:
    """A fact marked for review, withheld from citizens until an editor checks it."""

    code: str
    short_name: str
    channel: str
    fact: ReviewedFact
    reason: str

    def __str__(self) -> str:
        return f"{self.code} ({self.short_name}): {self.channel}, {self.fact.value}: {self.reason}"


def _strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a dumped model, with its dotted path (documents[2].name)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def editorial_problems(field: str, text: str) -> list[str]:
    """What makes `text` in `field` unfit for citizens (empty when it is fit)."""
    if NOT_SHOWN.match(field):
        return []
    problems = [
        label
        for label, pattern in EDITORIAL.items()
        if pattern.search(text) and not (label.startswith("dấu hỏi") and QUESTIONS.match(field))
    ]
    if WHERE_FIELDS.match(field) and DISTRICT.search(text):
        problems.append(DISTRICT_PROBLEM)
    return problems


def lint_procedure(procedure: Procedure, where: str) -> list[Finding]:
    findings = [
        Finding(where, field, problem, text)
        for field, text in _strings(procedure.model_dump(mode="json"))
        for problem in editorial_problems(field, text)
    ]
    case_keys = {case.key for case in procedure.case_questions}
    for index, document in enumerate(procedure.documents):
        for key in document.applies_when.answers.keys() - case_keys:
            findings.append(
                Finding(where, f"documents[{index}].applies_when", "không có câu hỏi tình huống này", key)
            )
    return findings


def lint_short_names(procedures: list[Procedure]) -> list[Finding]:
    """Two procedures with the same short name would read as one on a choice button."""
    seen: dict[str, str] = {}
    findings = []
    for procedure in procedures:
        key = procedure.short_name.casefold()
        if key in seen:
            findings.append(
                Finding(procedure.code, "short_name", f"trùng tên ngắn với {seen[key]}", procedure.short_name)
            )
        seen.setdefault(key, procedure.code)
    return findings


def lint_profile(profile: ProvinceProfile, where: str) -> list[Finding]:
    """District bodies and editorial text in the profile; deployment placeholders are reported elsewhere."""
    findings = []
    for field, text in _strings(profile.model_dump(mode="json")):
        if text.startswith(PLACEHOLDER_PREFIX):
            continue
        problems = [label for label, pattern in EDITORIAL.items() if pattern.search(text)]
        if DISTRICT.search(text):
            problems.append(DISTRICT_PROBLEM)
        findings += [Finding(where, field, problem, text) for problem in problems]
    return findings


def review_marks(procedures: list[Procedure]) -> list[ReviewMark]:
    return [
        ReviewMark(procedure.code, procedure.short_name, mode.channel.value, fact, reason)
        for procedure in procedures
        for mode in procedure.modes
        for fact, reason in mode.needs_review.items()
    ]
