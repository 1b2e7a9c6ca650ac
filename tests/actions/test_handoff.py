"""Two failures in a row means two consecutive turns: a turn the bot handled in between resets the count."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import handoff
from actions.handoff import register_failure
from storage import ConversationEventKind
from storage.complaints import VIETNAM_TIME


def user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {}}


def bot_turn(action: str, failures: int | None = None) -> list[dict[str, Any]]:
    """What one turn of the bot leaves in the tracker; a failing turn sets its count of failures."""
    events = [{"event": "action", "name": action}, {"event": "bot", "text": "…"}]
    if failures is not None:
        events.append({"event": "slot", "name": "failed_attempts", "value": failures})
    return [*events, {"event": "action", "name": "action_listen"}]


class FakeHandoffs:
    def __init__(self) -> None:
        self.added: list[Any] = []

    def add(self, draft: Any) -> None:
        self.added.append(draft)


@pytest.fixture
def handoffs(monkeypatch: pytest.MonkeyPatch) -> FakeHandoffs:
    store = FakeHandoffs()
    monkeypatch.setattr(handoff, "handoff_store", lambda: store)
    monkeypatch.setattr(handoff, "next_staff_opening", lambda: None)  # staff at work
    return store


def fail_now(events: list[dict[str, Any]], slot_value: float) -> tuple[list[dict[str, Any]], list[Any]]:
    events = [*events, user("asdfgh zxcvbn")]
    tracker = Tracker(
        "citizen", {"failed_attempts": slot_value}, {"text": "asdfgh zxcvbn"}, events, False, None, {}, ""
    )
    dispatcher = CollectingDispatcher()
    return dispatcher.messages, register_failure(
        dispatcher, tracker, "utter_default", ConversationEventKind.NOT_UNDERSTOOD
    )


def test_a_failure_right_after_a_failure_hands_over(handoffs: FakeHandoffs) -> None:
    messages, events = fail_now([user("xyzzy plugh"), *bot_turn("action_not_understood", failures=1)], 1)
    assert [message["response"] for message in messages] == ["utter_handoff"]
    assert len(handoffs.added) == 1 and events == [SlotSet("failed_attempts", 0)]


def test_a_handled_turn_in_between_resets_the_count(handoffs: FakeHandoffs) -> None:
    earlier = [
        user("xyzzy plugh"),
        *bot_turn("action_not_understood", failures=1),
        user("xin chào"),
        *bot_turn("utter_greet"),
    ]
    messages, events = fail_now(earlier, 1)  # the slot still holds the old count: it is not trusted
    assert [message["response"] for message in messages] == ["utter_default"]
    assert handoffs.added == [] and events == [SlotSet("failed_attempts", 1)]


def test_a_first_failure_and_one_after_a_handoff_start_at_one(handoffs: FakeHandoffs) -> None:
    assert fail_now([], 0)[1] == [SlotSet("failed_attempts", 1)]
    after_handoff = [user("xyzzy"), *bot_turn("action_not_understood", failures=0)]
    assert fail_now(after_handoff, 0)[1] == [SlotSet("failed_attempts", 1)]
    assert handoffs.added == []


def test_outside_staff_hours_the_bot_says_when_staff_will_answer(handoffs, monkeypatch):
    monkeypatch.setattr(
        handoff, "next_staff_opening", lambda: datetime(2026, 12, 7, 7, 30, tzinfo=VIETNAM_TIME)
    )
    dispatcher = CollectingDispatcher()
    handoff.hand_off(
        dispatcher, Tracker("web-1", {}, {"text": "gặp nhân viên"}, [], False, None, {}, ""), "requested"
    )
    [message] = dispatcher.messages
    assert (message["response"], message["staff_back"]) == (
        "utter_handoff_after_hours",
        "7:30 thứ Hai, 07/12/2026",
    )
