"""Satisfaction ratings (1–5, optional comment) given at the end of a conversation."""

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic_core import PydanticCustomError
from sqlalchemy import CheckConstraint, Column, Engine, Integer, SmallInteger, String, Table, Text, insert

from storage.db import SENDER_ID_LENGTH, UtcDateTime, metadata, utc_now
from storage.fields import Line, OptionalParagraph


def _one_to_five(value: int) -> int:
    if not 1 <= value <= 5:
        raise PydanticCustomError("rating_range", "Điểm đánh giá phải từ 1 đến 5.")
    return value


class FeedbackDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sender_id: Line
    rating: Annotated[int, AfterValidator(_one_to_five)]
    comment: OptionalParagraph = None


class Feedback(FeedbackDraft):
    id: int
    created_at: datetime


feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(SENDER_ID_LENGTH), nullable=False, index=True),
    Column("rating", SmallInteger, nullable=False),
    Column("comment", Text),
    Column("created_at", UtcDateTime, nullable=False),
    CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
)


class FeedbackStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, draft: FeedbackDraft) -> Feedback:
        """Store a rating; committed when this returns."""
        created_at = utc_now()
        with self._engine.begin() as connection:
            result = connection.execute(insert(feedback).values(**draft.model_dump(), created_at=created_at))
        return Feedback(**draft.model_dump(), id=result.inserted_primary_key[0], created_at=created_at)
