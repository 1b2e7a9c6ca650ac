"""Choices between procedures that differ only in the level that handles them, on real province KB entries.

Search is replaced by the hits it gives for these questions (scores as measured), so no model is loaded.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import SlotSet

from actions.procedure_answers import ActionAnswerProcedure
from knowledge_base.loader import load_procedures
from knowledge_base.names import split_level
from knowledge_base.schema import Procedure
from search_index import SearchHit
from tests.actions.search_fakes import SURE, run_with_hits

PASSPORT_PROVINCE = "1.001456"
PASSPORT_CENTRAL = "1.001471"
LOST_PASSPORT_PROVINCE = "1.001445"
LOST_PASSPORT_COMMUNE = "1.010386"


@pytest.fixture(scope="module")
def procedures() -> dict[str, Procedure]:
    return {procedure.code: procedure for procedure in load_procedures()}


def ask(
    monkeypatch: pytest.MonkeyPatch,
    procedures: dict[str, Procedure],
    text: str,
    ranked: list[tuple[str, float, float]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The bot's messages and events for a question whose search ranks (code, score, confidence)."""
    hits = [
        SearchHit(code, procedures[code].name, score, confidence, certain=confidence >= SURE)
        for code, score, confidence in ranked
    ]
    return run_with_hits(
        ActionAnswerProcedure(),
        monkeypatch,
        procedures,
        hits,
        intents=["ask_procedure"],
        slots={"procedure_code": None, "pending_aspect": None},
        text=text,
    )


def test_a_procedure_done_in_the_province_and_centrally_is_answered_for_the_province(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure]
) -> None:
    messages, events = ask(
        monkeypatch,
        procedures,
        "hộ chiếu",
        [(PASSPORT_PROVINCE, 1.074, 0.98), (PASSPORT_CENTRAL, 1.056, 0.94)],
    )
    assert not any(message["buttons"] for message in messages)
    assert PASSPORT_PROVINCE in messages[0]["text"]
    assert SlotSet("procedure_code", PASSPORT_PROVINCE) in events


def test_local_levels_stay_choices_named_by_their_short_names(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure]
) -> None:
    messages, _ = ask(
        monkeypatch,
        procedures,
        "trình báo mất hộ chiếu",
        [(LOST_PASSPORT_PROVINCE, 1.085, 0.99), (LOST_PASSPORT_COMMUNE, 1.073, 0.98)],
    )
    assert [button["title"] for button in messages[0]["buttons"]] == [
        "Trình báo mất hộ chiếu tại Công an tỉnh",
        "Trình báo mất hộ chiếu tại Công an xã, phường",
    ]


def test_the_central_variant_leaves_a_choice_between_different_procedures(
    monkeypatch: pytest.MonkeyPatch, procedures: dict[str, Procedure]
) -> None:
    messages, _ = ask(
        monkeypatch,
        procedures,
        "làm hộ chiếu mất bao lâu",
        [
            (LOST_PASSPORT_PROVINCE, 1.058, 0.95),
            (PASSPORT_PROVINCE, 1.057, 0.94),
            (PASSPORT_CENTRAL, 1.05, 0.92),
        ],
    )
    assert [button["title"] for button in messages[0]["buttons"]] == [
        "Trình báo mất hộ chiếu tại Công an tỉnh",
        "Làm hộ chiếu tại Công an tỉnh",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "Đăng ký xe lần đầu trực tuyến toàn trình đối với xe nhập khẩu thực hiện tại cấp tỉnh, cấp xã",
        "Thủ tục Đăng ký cấp Giấy chứng nhận đăng ký hành nghề kiểm toán (Cấp mới)",
        "Cấp lại thẻ căn cước",
    ],
)
def test_a_name_without_a_single_level_qualifier_is_kept(name: str) -> None:
    assert split_level(name) == (name, None)
