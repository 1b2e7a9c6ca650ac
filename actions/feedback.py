"""Satisfaction rating at the end of a conversation, asked at most once."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.complaints import is_not_known
from actions.stores import feedback_store
from storage import FeedbackDraft


class ActionStartFeedback(Action):
    def name(self) -> str:
        return "action_start_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return [SlotSet("rating_asked", True)]


class ValidateFeedbackForm(FormValidationAction):
    def name(self) -> str:
        return "validate_feedback_form"

    def validate_rating(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        digits = re.findall(r"\d+", str(value))
        if len(digits) != 1 or not 1 <= int(digits[0]) <= 5:
            dispatcher.utter_message(response="utter_invalid_rating")
            return {"rating": None}
        return {"rating": float(digits[0])}

    def validate_rating_comment(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"rating_comment": "" if is_not_known(value) else str(value).strip()[:1000]}


class ActionSaveFeedback(Action):
    def name(self) -> str:
        return "action_save_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        feedback_store().add(
            FeedbackDraft(
                sender_id=tracker.sender_id,
                rating=int(tracker.get_slot("rating")),
                comment=tracker.get_slot("rating_comment") or None,
            )
        )
        dispatcher.utter_message(response="utter_thanks_for_rating")
        return [SlotSet("rating", None), SlotSet("rating_comment", None)]
