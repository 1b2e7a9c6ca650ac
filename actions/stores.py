"""The action server's connections to durable storage, opened once.

The schema belongs to the migrations, run at setup and start (`python -m storage upgrade`), never from here.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Engine

from actions.knowledge import province_profile
from storage import ComplaintService, ConversationEventStore, FeedbackStore, HandoffStore, make_engine


@lru_cache(maxsize=1)
def engine() -> Engine:
    return make_engine()


def complaint_service() -> ComplaintService:
    return ComplaintService.for_profile(engine(), province_profile())


def feedback_store() -> FeedbackStore:
    return FeedbackStore(engine())


def handoff_store() -> HandoffStore:
    return HandoffStore(engine())


def conversation_event_store() -> ConversationEventStore:
    return ConversationEventStore(engine())
