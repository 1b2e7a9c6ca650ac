"""Typed schema of an administrative procedure (thủ tục hành chính), shared by every part of the product."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")


class Level(StrEnum):
    """Administrative level that handles a procedure."""

    commune = "xã"
    province = "tỉnh"
    ministry = "bộ"
    other = "khác"


class Channel(StrEnum):
    """How a dossier can be submitted."""

    online = "trực tuyến"
    direct = "trực tiếp"
    post = "bưu chính"


class OnlineAvailability(StrEnum):
    """Whether the whole procedure can be done online (dịch vụ công toàn trình) or only partly."""

    full = "toàn trình"
    partial = "một phần"
    none = "không"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SubmissionMode(Model):
    """One row of the catalogue's mode/time/fee table."""

    channel: Channel
    processing_time: str | None = None  # as stated, e.g. "3 ngày làm việc"
    processing_days: float | None = Field(default=None, ge=0)
    fee: str | None = None  # as stated, e.g. "Miễn phí", "50.000 đồng"
    fee_vnd: int | None = Field(default=None, ge=0)  # None when the fee is not a single amount
    note: str | None = None


class DocumentRequirement(Model):
    """One document of the dossier (thành phần hồ sơ)."""

    name: str = Field(min_length=3)
    originals: int | None = Field(default=None, ge=0)
    copies: int | None = Field(default=None, ge=0)
    form_code: str | None = None  # template code, e.g. "TK1-TS"
    case: str | None = None  # when it applies, in words, e.g. "nếu nộp qua người được ủy quyền"
    # case-question key -> the answer that makes this document required
    applies_when: dict[str, bool] = Field(default_factory=dict)
    how_to_get: str | None = None
    present_only: bool = False  # shown (xuất trình), not handed in


class CaseQuestion(Model):
    """A yes/no question that decides which documents apply to a citizen."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    question: str


class LegalBasis(Model):
    number: str  # e.g. "123/2015/NĐ-CP"
    title: str | None = None


class Procedure(Model):
    """A procedure as the bot uses it, from the province KB or the national catalogue."""

    code: str
    name: str = Field(min_length=3)
    short_name: str | None = Field(default=None, max_length=60)
    aliases: list[str] = Field(default_factory=list)
    field: str | None = None
    levels: list[Level] = Field(default_factory=list)
    implementing_agency: str | None = None
    receiving_agency: str | None = None
    audience: list[str] = Field(default_factory=list)
    modes: list[SubmissionMode] = Field(default_factory=list)
    documents: list[DocumentRequirement] = Field(default_factory=list)
    case_questions: list[CaseQuestion] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list)
    howto: list[str] = Field(default_factory=list)  # short plain-Vietnamese steps for citizens
    conditions: list[str] = Field(default_factory=list)
    result: str | None = None
    legal_basis: list[LegalBasis] = Field(default_factory=list)
    online: OnlineAvailability | None = None
    online_url: str | None = None
    submit_at: list[str] = Field(default_factory=list)  # where to submit in the province
    source_url: str | None = None
    updated: date | None = None
    unparsed: dict[str, str] = Field(default_factory=dict)  # catalogue text the importer could not structure

    @field_validator("code")
    @classmethod
    def _code_shape(cls, code: str) -> str:
        if not PROCEDURE_CODE.match(code):
            raise ValueError(f"mã thủ tục phải có dạng 1.001193, nhận được {code!r}")
        return code

    @property
    def accepts_online(self) -> bool:
        return any(mode.channel is Channel.online for mode in self.modes) or bool(self.online_url)
