"""A complaint is stored only once the citizen said "send" on the read-back, whatever the form's state.

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


def submit(confirmed: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    slots = {**ANSWERS, "complaint_confirmed": confirmed}
    tracker = Tracker("citizen", slots, {"text": "…"}, [], False, None, {}, "complaint_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(complaints.ActionSubmitComplaint().run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def stored(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(complaints_table)).scalar_one()


def test_a_confirmed_complaint_is_stored_and_its_code_given(engine: Engine):
    messages, events = submit(True)
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
    ],
)
def test_a_complaint_not_confirmed_is_not_stored_and_the_form_asks_again(
    engine: Engine, confirmed: Any, asks_again: list[dict[str, Any]]
):
    messages, events = submit(confirmed)
    assert messages == []
    assert stored(engine) == 0
    assert events == [*asks_again, FollowupAction("complaint_form")]
