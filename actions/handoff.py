"""Handing a conversation to staff: on request, or after the bot failed in two consecutive turns.

A failing turn sets `failed_attempts` to the failures in a row so far; a turn that sets nothing (the bot
handled it: an answer, a greeting, a form step) breaks the run, so the count is read from the previous turn
only, never carried over a handled one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_events import record_event
from actions.knowledge import province_profile
from actions.stores import handoff_store
from storage import ConversationEventKind, HandoffDraft, HandoffReason, WorkingCalendar
from storage.complaints import VIETNAM_TIME
from storage.working_days import StaffHours
from vietnamese import format_vietnamese_datetime

FAILURES_BEFORE_HANDOFF = 2


def next_staff_opening() -> datetime | None:
    """None while staff are at work; otherwise when they next start."""
    profile = province_profile()
    staff = StaffHours(profile.staff_hours, WorkingCalendar.for_profile(profile))
    return staff.next_opening(datetime.now(VIETNAM_TIME))


def hand_off(dispatcher: CollectingDispatcher, tracker: Tracker, reason: HandoffReason) -> list[EventType]:
    handoff_store().add(
        HandoffDraft(
            sender_id=tracker.sender_id,
            reason=reason,
            channel=tracker.get_latest_input_channel() or "web",
            last_message=tracker.latest_message.get("text"),
        )
    )
    record_event(tracker, ConversationEventKind.HANDOFF, tracker.get_slot("procedure_code"))
    opening = next_staff_opening()
    if opening is None:
        dispatcher.utter_message(response="utter_handoff")
    else:
        # Never promise an answer "now" when nobody is there to give it.
        dispatcher.utter_message(
            response="utter_handoff_after_hours", staff_back=format_vietnamese_datetime(opening)
        )
    return [SlotSet("failed_attempts", 0)]


def failures_in_a_row(tracker: Tracker) -> int:
    """The failures in a row up to the previous turn: what that turn set `failed_attempts` to, else 0."""
    turns = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            turns += 1
            if turns == 2:  # reached the previous turn's own message: it set nothing
                return 0
        elif turns == 1 and event.get("event") == "slot" and event.get("name") == "failed_attempts":
            return int(event.get("value") or 0)
    return 0


def register_failure(
    dispatcher: CollectingDispatcher, tracker: Tracker, response: str, kind: ConversationEventKind
) -> list[EventType]:
    """Record the question the bot could not answer (as `kind`) and say `response`; when the previous turn
    failed too, hand the conversation to staff instead."""
    record_event(tracker, kind, tracker.get_slot("procedure_code"))
    failures = failures_in_a_row(tracker) + 1
    if failures >= FAILURES_BEFORE_HANDOFF:
        return hand_off(dispatcher, tracker, reason=HandoffReason.REPEATED_FAILURE)
    dispatcher.utter_message(response=response)
    return [SlotSet("failed_attempts", failures)]


class ActionHandoff(Action):
    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return hand_off(dispatcher, tracker, reason=HandoffReason.REQUESTED)
