"""A complaint is stored only once the citizen said "send" on the read-back they saw, whatever the form's
state.

Found by tests/integration/test_durability.py: "Sửa thông tin" whose validation never ran (the action server
was down) left a raw False in complaint_confirmed, and a later turn completed the still-active form and filed
the complaint with the answer the citizen was about to correct.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import Engine, func, select

from actions import complaints
from storage import ComplaintService, WorkingCalendar, make_engine, upgrade_database
from storage.complaints import complaints as complaints_table

ANSWERS = {
    "complaint_kind": "slow",
    "complaint_procedure": "Đăng ký thường trú (1.004222)",
    "dossier_code": "000.00.20.H57-251103-0012",
    "agency": "UBND phường 3",
    "submitted_on": "2026-11-02",
    "promised_on": "2026-11-16",
    "description": "gọi lên bộ phận một cửa nhiều lần mà không ai trả lời",
    "citizen_name": "Nguyễn Văn An",
    "phone": "0912345678",
    "contact_consent": True,
}


@pytest.fixture
def engine(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'complaints.sqlite3'}")
    upgrade_database(engine)
    monkeypatch.setattr(complaints, "complaint_service", lambda: ComplaintService(engine, WorkingCalendar()))
    yield engine
    engine.dispose()


def tracker_with(confirmed: Any, **changed: Any) -> Tracker:
    slots = {**ANSWERS, **changed, "complaint_confirmed": confirmed}
    return Tracker("citizen", slots, {"text": "…"}, [], False, None, {}, "complaint_form")


def shown_version(**changed: Any) -> str:
    """The version the "send" button of the read-back of these answers carries."""
    dispatcher = CollectingDispatcher()
    asyncio.run(complaints.ActionAskComplaintConfirmed().run(dispatcher, tracker_with(None, **changed), {}))
    [message] = dispatcher.messages
    assert message["response"] == "utter_complaint_readback"
    return message["version"]


def submit(confirmed: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    tracker = tracker_with(confirmed)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(complaints.ActionSubmitComplaint().run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def stored(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(complaints_table)).scalar_one()


@pytest.mark.parametrize("confirmed", [True, shown_version()], ids=["typed", "button of this read-back"])
def test_a_confirmed_complaint_is_stored_and_its_code_given(engine: Engine, confirmed: Any):
    messages, events = submit(confirmed)
    assert [message["response"] for message in messages] == ["utter_complaint_received"]
    assert stored(engine) == 1
    assert SlotSet("agency", None) in events


@pytest.mark.parametrize(
    ("confirmed", "asks_again"),
    [
        (False, [SlotSet("complaint_confirmed", None), SlotSet("complaint_fixing", True)]),
        (
            "agency",
            [
                SlotSet("agency", None),
                SlotSet("complaint_procedure_guess", None),
                SlotSet("complaint_confirmed", None),
                SlotSet("complaint_fixing", False),
            ],
        ),
        (None, [SlotSet("complaint_confirmed", None), SlotSet("complaint_fixing", True)]),
        # The "send" button of a read-back showing another phone number: read back again.
        (
            shown_version(phone="0987654321"),
            [SlotSet("complaint_confirmed", None), SlotSet("complaint_fixing", False)],
        ),
    ],
)
def test_a_complaint_not_confirmed_is_not_stored_and_the_form_asks_again(
    engine: Engine, confirmed: Any, asks_again: list[dict[str, Any]]
):
    messages, events = submit(confirmed)
    assert messages == []
    assert stored(engine) == 0
    assert events == [*asks_again, FollowupAction("complaint_form")]


def test_the_send_button_of_a_read_back_the_answers_changed_since_reads_back_again():
    """A press sent again after a lost reply, or on an older read-back, must not send answers the citizen
    has not seen: found by tests/integration/test_durability.py, where a consent sent again confirmed."""
    validator = complaints.ValidateComplaintForm()
    dispatcher = CollectingDispatcher()
    older = shown_version(agency="000.00.20.H57-251103-0012")
    answer = validator.validate_complaint_confirmed(older, dispatcher, tracker_with(older), {})
    assert answer == {"complaint_confirmed": None, "complaint_fixing": False}
    assert [message["response"] for message in dispatcher.messages] == ["utter_complaint_read_back_again"]
    current = shown_version()
    assert validator.validate_complaint_confirmed(current, dispatcher, tracker_with(current), {}) == {
        "complaint_confirmed": True
    }
