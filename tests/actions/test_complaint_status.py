"""The status lookup checks the code itself: the slot is filled straight from the message ("tra cứu
PA-…"), so the form's validation may not have run, and a typo must get a clear message, not an error."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import complaints
from storage import ComplaintService, WorkingCalendar, make_engine, upgrade_database
from storage.reference_codes import check_character


@pytest.fixture(autouse=True)
def service(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ComplaintService]:
    engine = make_engine(f"sqlite:///{tmp_path / 'complaints.sqlite3'}")
    upgrade_database(engine)
    service = ComplaintService(engine, WorkingCalendar())
    monkeypatch.setattr(complaints, "complaint_service", lambda: service)
    yield service
    engine.dispose()


def look_up(code: str) -> tuple[list[dict[str, Any]], list[Any]]:
    tracker = Tracker(
        "citizen", {"complaint_code": code}, {"text": f"tra cứu {code}"}, [], False, None, {}, ""
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(complaints.ActionComplaintStatus().run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def test_a_code_with_a_wrong_check_character_is_called_a_typo():
    body = "7K3M9Q"
    wrong = next(char for char in "ABCDEFGHJK" if char != check_character(body))
    messages, events = look_up(f"PA-{body}{wrong}")
    assert [m["response"] for m in messages] == ["utter_complaint_code_mistyped"]
    assert events == [SlotSet("complaint_code", None)]


def test_a_valid_code_that_was_never_issued_is_not_found():
    body = "7K3M9Q"
    messages, _ = look_up(f"pa-{body}{check_character(body)}".lower())
    assert [m["response"] for m in messages] == ["utter_complaint_not_found"]
