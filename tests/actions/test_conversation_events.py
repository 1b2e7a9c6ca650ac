"""What the actions record for the friction report: the outcome, the procedure, scrubbed words only for
questions the bot could not answer, the sender as a keyed hash; and a failure to record costs no answer."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from actions import stores
from actions.procedure_answers import ActionAnswerProcedure, ActionNotUnderstood
from knowledge_base.loader import load_procedures
from knowledge_base.schema import Procedure
from search_index import SearchHit
from tests.actions.conftest import TEST_PSEUDONYMS
from tests.actions.search_fakes import run_with_hits

BIRTH_REGISTRATION = "1.001193"
PERMANENT_RESIDENCE = "1.004222"
QUESTION_WITH_PHONE = "tôi tên Lan sđt 0912.345.678 hỏi về trợ cấp thất nghiệp"


@pytest.fixture(scope="module")
def procedures() -> dict[str, Procedure]:
    return {procedure.code: procedure for procedure in load_procedures()}


def _faint(procedures: dict[str, Procedure]) -> SearchHit:
    """What search gives for a question it has nothing for (confidence far below "likely")."""
    return SearchHit(PERMANENT_RESIDENCE, procedures[PERMANENT_RESIDENCE].name, 0.934, 0.04)


def test_a_question_nothing_fits_is_kept_scrubbed_under_a_keyed_hash(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure], recorded: Callable[[], list[dict]]
) -> None:
    run_with_hits(
        ActionNotUnderstood(),
        monkeypatch,
        procedures,
        [_faint(procedures)],
        intents=["nlu_fallback"],
        slots={"failed_attempts": 0, "procedure_code": BIRTH_REGISTRATION},
        text=QUESTION_WITH_PHONE,
    )
    [event] = recorded()
    assert event["kind"] == "not_understood"
    assert "0912" not in event["question"] and "345.678" not in event["question"]
    assert "Lan" not in event["question"] and "trợ cấp thất nghiệp" in event["question"]
    assert event["sender_key"] == TEST_PSEUDONYMS("citizen") != "citizen"
    assert event["procedure_code"] == BIRTH_REGISTRATION  # the topic it happened in


def test_a_likely_procedure_offered_unsure_is_kept_with_the_offer(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure], recorded: Callable[[], list[dict]]
) -> None:
    hit = SearchHit(PERMANENT_RESIDENCE, procedures[PERMANENT_RESIDENCE].name, 1.049, 0.92, certain=True)
    run_with_hits(
        ActionNotUnderstood(),
        monkeypatch,
        procedures,
        [hit],
        intents=["out_of_scope"],
        slots={"failed_attempts": 0},
        text="đăng ký thường trú cho vợ về nhà chồng cần gì",
    )
    [event] = recorded()
    assert (event["kind"], event["procedure_code"]) == ("unsure", PERMANENT_RESIDENCE)
    assert event["question"] == "đăng ký thường trú cho vợ về nhà chồng cần gì"


def test_an_answer_is_kept_without_the_citizens_words(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure], recorded: Callable[[], list[dict]]
) -> None:
    run_with_hits(
        ActionAnswerProcedure(),
        monkeypatch,
        procedures,
        [],
        intents=["ask_fee"],
        slots={"procedure_code": BIRTH_REGISTRATION, "pending_aspect": None},
        text="lệ phí bao nhiêu? sđt em 0912345678",
    )
    [event] = recorded()
    assert (event["kind"], event["procedure_code"]) == ("answered", BIRTH_REGISTRATION)
    assert (event["procedure_name"], event["question"]) == (procedures[BIRTH_REGISTRATION].name, None)


def test_the_second_failure_in_a_row_is_kept_and_handed_off(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure], recorded: Callable[[], list[dict]]
) -> None:
    messages, _ = run_with_hits(
        ActionAnswerProcedure(),
        monkeypatch,
        procedures,
        [_faint(procedures)],
        intents=["ask_procedure"],
        slots={"procedure_code": None, "pending_aspect": None, "failed_attempts": 1},
        text="xin visa đi Hàn Quốc",
        # The turn before failed too.
        past_events=[
            {"event": "user", "text": "asdfgh"},
            {"event": "slot", "name": "failed_attempts", "value": 1},
            {"event": "action", "name": "action_listen"},
        ],
    )
    assert [message["response"].startswith("utter_handoff") for message in messages] == [True]
    assert [(event["kind"], event["question"]) for event in recorded()] == [
        ("no_match", "xin visa đi Hàn Quốc"),
        ("handoff", None),
    ]


def test_the_citizen_is_answered_when_recording_fails(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure], caplog: pytest.LogCaptureFixture
) -> None:
    def no_database() -> None:
        raise OSError("database unreachable")

    monkeypatch.setattr(stores, "engine", no_database)
    with caplog.at_level(logging.ERROR):
        messages, _ = run_with_hits(
            ActionAnswerProcedure(),
            monkeypatch,
            procedures,
            [],
            intents=["ask_fee"],
            slots={"procedure_code": BIRTH_REGISTRATION, "pending_aspect": None},
            text="lệ phí bao nhiêu?",
        )
    assert BIRTH_REGISTRATION in messages[0]["text"]
    assert "could not record conversation event answered" in caplog.text
    assert "database unreachable" in caplog.text
