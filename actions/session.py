"""Session start: put the province's facts into slots so every response can name them."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import province_profile


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        profile = province_profile()
        carried_over = [
            SlotSet(name, value)
            for name, value in tracker.current_slot_values().items()
            if value is not None and name not in ("province_name", "hotline")
        ]
        return [
            SessionStarted(),
            SlotSet("province_name", profile.province),
            SlotSet("hotline", profile.hotline_text),
            *carried_over,
            ActionExecuted("action_listen"),
        ]
