"""Answers questions about a procedure from the knowledge base, or says honestly that it does not know."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import procedure_card
from actions.knowledge import portal_url, procedure_search


class ActionAnswerProcedure(Action):
    def name(self) -> str:
        return "action_answer_procedure"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        search = procedure_search()
        hits = search.search(tracker.latest_message.get("text") or "", k=3)
        if not hits or not hits[0].confident:
            dispatcher.utter_message(response="utter_no_match")
            return []
        procedure = search.procedure(hits[0].code)
        dispatcher.utter_message(text=procedure_card.card(procedure, portal_url()))
        return []
