"""Base for forms whose questions depend on earlier answers."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict


class DynamicFormValidationAction(FormValidationAction, metaclass=ABCMeta):
    """Tells Rasa which slot to ask next, as computed by `required_slots` after validation.

    Rasa 3.6 otherwise asks the domain's static list; rasa-sdk 3.21 no longer reports the next slot itself.
    Abstract, so that the action server does not register the base class itself.
    """

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        tracker.add_slots(events)
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return [*events, next_slot] if next_slot else events
