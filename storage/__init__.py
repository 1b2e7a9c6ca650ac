"""Durable state of conversations: complaints, satisfaction ratings and handoffs to staff."""

from storage.complaints import (
    Complaint,
    ComplaintDraft,
    ComplaintKind,
    ComplaintState,
    ComplaintStatus,
    ComplaintStore,
    UnknownReferenceCode,
    add_working_days,
    normalize_reference_code,
)
from storage.db import create_schema, make_engine, metadata
from storage.feedback import Feedback, FeedbackDraft, FeedbackStore
from storage.handoffs import Handoff, HandoffDraft, HandoffReason, HandoffStore

__all__ = [
    "Complaint",
    "ComplaintDraft",
    "ComplaintKind",
    "ComplaintState",
    "ComplaintStatus",
    "ComplaintStore",
    "Feedback",
    "FeedbackDraft",
    "FeedbackStore",
    "Handoff",
    "HandoffDraft",
    "HandoffReason",
    "HandoffStore",
    "UnknownReferenceCode",
    "add_working_days",
    "create_schema",
    "make_engine",
    "metadata",
    "normalize_reference_code",
]
