"""Records what came of a turn (storage/conversation_events.py) for the friction report.

Called where the outcome is decided. Recording is bookkeeping: if it fails, the citizen still gets the
answer, and the failure is logged with its cause.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from rasa_sdk import Tracker

from actions.stores import conversation_event_store
from storage import UNANSWERED_KINDS, ConversationEventDraft, ConversationEventKind, SenderPseudonyms

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def sender_pseudonyms() -> SenderPseudonyms:
    return SenderPseudonyms.from_settings()


def record_event(
    tracker: Tracker,
    kind: ConversationEventKind,
    procedure_code: str | None = None,
    procedure_name: str | None = None,
) -> None:
    """Record an outcome of this turn; for a question the bot could not answer, with its words (the model
    scrubs them). `procedure_code` means what storage/conversation_events.py says for the kind."""
    try:
        conversation_event_store().add(
            ConversationEventDraft(
                sender_key=sender_pseudonyms()(tracker.sender_id),
                channel=tracker.get_latest_input_channel(),
                kind=kind,
                procedure_code=procedure_code,
                procedure_name=procedure_name,
                question=tracker.latest_message.get("text") if kind in UNANSWERED_KINDS else None,
            )
        )
    except Exception:  # any failure (database down, key file unreadable) must not cost the citizen the turn
        logger.exception("could not record conversation event %s", kind.value)
