"""Durable state: complaints and their workflow, staff accounts and audit, ratings, handoffs, conversation
events, and the figures and friction report managers read from them.

The schema is owned by the Alembic migrations in storage/migrations (`python -m storage upgrade`).
"""

from storage.audit import AuditEntry, AuditLog
from storage.channel_messages import ChannelStore, InboundEvent, OutboundMessage, OutboundState
from storage.complaint_history import ComplaintChange
from storage.complaint_service import (
    ComplaintFilter,
    ComplaintPage,
    ComplaintService,
    ComplaintSort,
    PublicReplyRequired,
    TransitionNotAllowed,
    UnknownReferenceCode,
)
from storage.complaints import (
    UNRESOLVED_STATES,
    Complaint,
    ComplaintDraft,
    ComplaintKind,
    ComplaintState,
    ComplaintStatus,
)
from storage.conversation_events import (
    UNANSWERED_KINDS,
    ConversationEventDraft,
    ConversationEventKind,
    ConversationEventStore,
)
from storage.db import make_engine, metadata
from storage.feedback import Feedback, FeedbackDraft, FeedbackStore
from storage.handoffs import (
    Handoff,
    HandoffDraft,
    HandoffNotOpen,
    HandoffReason,
    HandoffState,
    HandoffStore,
    LiveAuthor,
    LiveMessage,
)
from storage.migrations import upgrade_database, upgrade_database_at
from storage.pseudonyms import SenderPseudonyms
from storage.reference_codes import MistypedReferenceCode, parse_reference_code
from storage.reports import Granularity, Period, Reports, Summary
from storage.users import User, UsernameTaken, UserRole, UserStore
from storage.working_days import WorkingCalendar

__all__ = [
    "UNANSWERED_KINDS",
    "UNRESOLVED_STATES",
    "AuditEntry",
    "AuditLog",
    "ChannelStore",
    "Complaint",
    "ComplaintChange",
    "ComplaintDraft",
    "ComplaintFilter",
    "ComplaintKind",
    "ComplaintPage",
    "ComplaintService",
    "ComplaintSort",
    "ComplaintState",
    "ComplaintStatus",
    "ConversationEventDraft",
    "ConversationEventKind",
    "ConversationEventStore",
    "Feedback",
    "FeedbackDraft",
    "FeedbackStore",
    "Granularity",
    "Handoff",
    "HandoffDraft",
    "HandoffNotOpen",
    "HandoffReason",
    "HandoffState",
    "HandoffStore",
    "InboundEvent",
    "LiveAuthor",
    "LiveMessage",
    "MistypedReferenceCode",
    "OutboundMessage",
    "OutboundState",
    "Period",
    "PublicReplyRequired",
    "Reports",
    "SenderPseudonyms",
    "Summary",
    "TransitionNotAllowed",
    "UnknownReferenceCode",
    "User",
    "UserRole",
    "UserStore",
    "UsernameTaken",
    "WorkingCalendar",
    "make_engine",
    "metadata",
    "parse_reference_code",
    "upgrade_database",
    "upgrade_database_at",
]
