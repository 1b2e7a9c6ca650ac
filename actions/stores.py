"""The action server's connections to durable storage, opened once."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Engine

from actions.knowledge import province_profile
from storage import ComplaintStore, FeedbackStore, HandoffStore, create_schema, make_engine


@lru_cache(maxsize=1)
def engine() -> Engine:
    database = make_engine()
    create_schema(database)
    return database


def complaint_store() -> ComplaintStore:
    # The province's own commitment for answering complaints; 10 working days until it sets one.
    return ComplaintStore(
        engine(), answer_working_days=province_profile().complaint_answer_working_days or 10
    )


def feedback_store() -> FeedbackStore:
    return FeedbackStore(engine())


def handoff_store() -> HandoffStore:
    return HandoffStore(engine())
