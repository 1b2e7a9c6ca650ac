"""Request and response models of the hotline console's API, and how a KB procedure becomes them.

Every fact comes from knowledge_base.procedure_card, the bot card's own helpers: a fee or time an editor has
marked for review is withheld here as it is in the bot ("đang được xác minh lại"), never sent as a figure.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from knowledge_base import procedure_card
from knowledge_base.procedure_card import OnlineReach
from knowledge_base.profile import ProvinceProfile
from knowledge_base.schema import Channel, Procedure, ReviewedFact
from knowledge_base.spoken_answer import spoken_answer
from search_index import SearchHit
from storage import ComplaintKind
from storage.complaints import date_order_problem
from storage.fields import Line, MobilePhone, OptionalLine, Paragraph
from text_matching.codes import as_dossier_code

QUESTION_MAX_CHARS = 500
# As the bot asks: a sentence at least (utter_description_too_short), a named agency (utter_invalid_agency).
DESCRIPTION_MIN_CHARS = 10
AGENCY_MIN_CHARS = 3


class Match(str, Enum):
    """How the console words a suggestion's fit, by the bot's own rules."""

    HIGH = "high"  # the bot would answer this one outright: search is sure, nothing else fits as well
    ASK = "ask"  # likely, but ask the caller first: search is not sure, or several fit about equally
    LOW = "low"  # search is not even confident: only if the caller confirms it


class StatedValue(BaseModel):
    text: str | None = Field(
        description="As the KB states it, one value or one per channel; a value under review reads "
        "«đang được xác minh lại»; null when the KB states none"
    )
    under_review: bool = Field(description="Some channel's value is under review: never tell it as certain")

    @classmethod
    def of(cls, procedure: Procedure, fact: ReviewedFact) -> StatedValue:
        stated = procedure_card.stated_fact(procedure, fact)
        return cls(text=stated.text, under_review=stated.under_review)


class OnlineFacts(BaseModel):
    reach: OnlineReach = Field(
        description="full: the whole procedure online; partial: the dossier online, a step in person; "
        "submit: the dossier online; none / none_or_post: in person (or by post) only"
    )
    url: str | None = Field(description="The procedure's own online page, when the KB has one")
    portal_url: str = Field(description="The province's portal (the national one until it is configured)")


class KeyFacts(BaseModel):
    documents: list[str] = Field(description="Each document with its form, copies and when it applies")
    processing_time: StatedValue
    fee: StatedValue
    submit_at: list[str] = Field(description="Where to submit in the province")
    online: OnlineFacts

    @classmethod
    def of(cls, procedure: Procedure, profile: ProvinceProfile) -> KeyFacts:
        return cls(
            documents=[procedure_card.document_line(document) for document in procedure.documents],
            processing_time=StatedValue.of(procedure, ReviewedFact.processing_time),
            fee=StatedValue.of(procedure, ReviewedFact.fee),
            submit_at=procedure_card.submit_places(procedure),
            online=OnlineFacts(
                reach=procedure_card.online_reach(procedure),
                url=procedure.online_url,
                portal_url=profile.portal_url,
            ),
        )


class Suggestion(BaseModel):
    code: str
    name: str = Field(description="The official name")
    short_name: str = Field(description="The name citizens use")
    confidence: float = Field(ge=0, le=1, description="The search's calibrated confidence")
    sure: bool = Field(description="The search is sure of it (the bot would answer it without asking)")
    match: Match
    facts: KeyFacts
    spoken_answer: str = Field(
        description="Plain spoken Vietnamese to read to the caller, one sentence a line; figures under "
        "review are not in it"
    )


class Suggestions(BaseModel):
    question: str
    ask_which: bool = Field(description="Several procedures fit about equally: ask the caller which one")
    suggestions: list[Suggestion] = Field(description="At most five, the best first")


def suggestion(hit: SearchHit, match: Match, procedure: Procedure, profile: ProvinceProfile) -> Suggestion:
    return Suggestion(
        code=procedure.code,
        name=procedure.name,
        short_name=procedure.short_name,
        confidence=round(hit.confidence, 3),
        sure=hit.sure,
        match=match,
        facts=KeyFacts.of(procedure, profile),
        spoken_answer=spoken_answer(procedure, profile),
    )


class ModeEntry(BaseModel):
    channel: Channel
    processing_time: str | None = Field(description="«đang được xác minh lại» when under review")
    fee: str | None = Field(description="«đang được xác minh lại» when under review")
    note: str | None
    under_review: list[ReviewedFact]


class DocumentEntry(BaseModel):
    name: str
    details: str = Field(description="Form, copies and when it applies, e.g. «mẫu CT01; 1 bản chính»")
    how_to_get: str | None


# The entry's fields that are the KB's own, as they are.
_AS_IN_THE_KB = {
    "code", "name", "short_name", "aliases", "field", "implementing_agency", "receiving_agency", "audience",
    "howto", "steps", "conditions", "result", "source_url", "updated",
}  # fmt: skip


class ProcedureEntry(BaseModel):
    """Everything the KB holds about a procedure that the console shows, facts under review withheld."""

    code: str
    name: str
    short_name: str
    aliases: list[str]
    field: str | None
    levels: list[str]
    implementing_agency: str | None
    receiving_agency: str | None
    audience: list[str]
    modes: list[ModeEntry]
    documents: list[DocumentEntry]
    howto: list[str]
    steps: list[str]
    conditions: list[str]
    result: str | None
    legal_basis: list[str]
    source_url: str | None
    updated: date | None
    facts: KeyFacts
    spoken_answer: str

    @classmethod
    def of(cls, procedure: Procedure, profile: ProvinceProfile) -> ProcedureEntry:
        return cls(
            **procedure.model_dump(include=_AS_IN_THE_KB),
            levels=[level.value for level in procedure.levels],
            modes=[
                ModeEntry(
                    channel=mode.channel,
                    processing_time=procedure_card.mode_value(mode, ReviewedFact.processing_time),
                    fee=procedure_card.mode_value(mode, ReviewedFact.fee),
                    note=mode.note,
                    under_review=list(mode.needs_review),
                )
                for mode in procedure.modes
            ],
            documents=[
                DocumentEntry(
                    name=document.name,
                    details=procedure_card.document_details(document),
                    how_to_get=document.how_to_get,
                )
                for document in procedure.documents
            ],
            legal_basis=[
                f"{basis.number}: {basis.title}" if basis.title else basis.number
                for basis in procedure.legal_basis
            ],
            facts=KeyFacts.of(procedure, profile),
            spoken_answer=spoken_answer(procedure, profile),
        )


class HotlineComplaint(BaseModel):
    """A complaint a member of staff takes down for a caller; validated as the bot validates a citizen's."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: ComplaintKind
    citizen_name: Line
    phone: MobilePhone = Field(description="A Vietnamese mobile number, spaced or not; stored as 0912345678")
    agency: Line = Field(description="The agency complained about")
    procedure_code: OptionalLine = Field(default=None, description="A procedure of the KB, when known")
    procedure_name: OptionalLine = Field(
        default=None, description="The caller's own words for the procedure, when no code is given"
    )
    dossier_code: OptionalLine = None
    submitted_on: date | None = None
    promised_on: date | None = None
    description: Paragraph
    contact_consent: bool = Field(default=True, description="The caller agrees to be called back")

    @field_validator("agency")
    @classmethod
    def _agency_named(cls, agency: str) -> str:
        if len(agency) < AGENCY_MIN_CHARS:
            raise PydanticCustomError("agency_too_short", "Ghi rõ tên cơ quan (ví dụ «UBND xã Tân Phong»).")
        return agency

    @field_validator("description")
    @classmethod
    def _description_long_enough(cls, description: str) -> str:
        if len(description) < DESCRIPTION_MIN_CHARS:
            raise PydanticCustomError(
                "description_too_short",
                "Ghi cụ thể hơn (ít nhất {minimum} ký tự).",
                {"minimum": DESCRIPTION_MIN_CHARS},
            )
        return description

    @field_validator("dossier_code")
    @classmethod
    def _dossier_code_shape(cls, code: str | None) -> str | None:
        if code is None:
            return None
        found = as_dossier_code(code)
        if found is None:
            raise PydanticCustomError(
                "dossier_code_invalid",
                "Mã hồ sơ không đúng dạng: thường là 000.00.20.H57-251103-0012 (in trên giấy hẹn).",
            )
        return found

    @model_validator(mode="after")
    def _dates_in_order(self) -> HotlineComplaint:
        problem = date_order_problem(self.submitted_on, self.promised_on)
        if problem:
            raise PydanticCustomError("dates_out_of_order", problem)
        return self


class FiledComplaint(BaseModel):
    reference_code: str = Field(description="The code to read to the caller; its last character is a check")
    answer_due: date = Field(description="The date the administration must answer by")
    kind_label: str
    procedure_name: str | None
    channel: str
