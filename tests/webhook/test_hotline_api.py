"""The hotline console's API: suggestions from the bot's search with the bot card's facts and an answer to
read aloud, a procedure's full entry, and complaints filed for a caller into the bot's complaint workflow.

The real search over the province KB is used (loaded once per test session, as the backend loads it once).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from actions import knowledge
from storage import parse_reference_code
from tests.webhook.backend import backend_client, login, prepare_database

REVIEWED = "2.000522"  # Đăng ký lại khai sinh có yếu tố nước ngoài: its fee and time are marked for review
CALLER = {
    "kind": "slow",
    "citizen_name": "Nguyễn Thị Lan",
    "phone": "0912 345 678",
    "agency": "UBND phường Tân Ninh",
    "procedure_code": "1.001193",
    "dossier_code": "000.00.12.H57-251103-0012",
    "description": "Nộp hồ sơ khai sinh cho con đã quá hẹn ba ngày mà chưa có kết quả.",
}
NOT_SPOKEN = re.compile(r"[•📄🌐⏱💰🏢]|https?://")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    prepare_database(url)
    with backend_client(url) as client:
        yield client


@pytest.fixture
def staff(client: TestClient) -> dict[str, str]:
    return login(client, "tongdai")


def _suggest(client: TestClient, headers: dict[str, str], question: str) -> dict:
    response = client.get("/api/staff/suggestions", params={"q": question}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_every_hotline_route_needs_a_signed_in_account(client: TestClient) -> None:
    forged = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0b25nZGFpIn0.sai"}
    for headers in ({}, forged):
        assert client.get("/api/staff/suggestions?q=khai+sinh", headers=headers).status_code == 401
        assert client.get("/api/staff/procedures/1.001193", headers=headers).status_code == 401
        assert client.post("/api/staff/complaints", json=CALLER, headers=headers).status_code == 401


def test_a_colloquial_unaccented_question_suggests_birth_registration_first(
    client: TestClient, staff: dict[str, str]
) -> None:
    found = _suggest(client, staff, "lam giay khai sinh can gi")
    assert found["question"] == "lam giay khai sinh can gi" and not found["ask_which"]
    first, *others = found["suggestions"]
    assert len(others) == 4
    assert (first["code"], first["short_name"], first["sure"], first["match"]) == (
        "1.001193",
        "Đăng ký khai sinh",
        True,
        "high",
    )
    assert first["confidence"] >= 0.8 and all(o["confidence"] <= first["confidence"] for o in others)
    assert {o["match"] for o in others} <= {"ask", "low"}
    facts = first["facts"]
    assert any(d.startswith("Giấy chứng sinh") for d in facts["documents"])
    assert facts["processing_time"] == {"text": "1 ngày", "under_review": False}
    assert facts["fee"] == {"text": "Miễn phí", "under_review": False}
    assert facts["submit_at"] and facts["online"]["reach"] == "partial" and facts["online"]["url"] is None
    spoken = first["spoken_answer"]
    assert spoken.startswith("Thủ tục Đăng ký khai sinh, mã số 1.001193.\n")
    for said in (
        "Thứ nhất, Tờ khai đăng ký khai sinh",
        "Thời gian giải quyết: 1 ngày.",
        "Phí, lệ phí: miễn phí.",
    ):
        assert said in spoken
    assert not NOT_SPOKEN.search(spoken)


def test_the_search_is_loaded_once_not_per_request(client: TestClient, staff: dict[str, str]) -> None:
    before = knowledge._open_search.cache_info()
    for question in ("cap lai can cuoc", "dang ky ket hon"):
        assert _suggest(client, staff, question)["suggestions"]
    after = knowledge._open_search.cache_info()
    assert after.misses - before.misses <= 1 and after.hits - before.hits >= 1


def test_managers_may_ask_too_and_a_bare_topic_asks_which(client: TestClient) -> None:
    found = _suggest(client, login(client, "quanly"), "khai sinh")
    assert found["ask_which"] and found["suggestions"][0]["match"] == "ask"


def test_facts_under_review_are_never_stated_as_certain(client: TestClient, staff: dict[str, str]) -> None:
    first = _suggest(client, staff, "đăng ký lại khai sinh có yếu tố nước ngoài")["suggestions"][0]
    assert first["code"] == REVIEWED
    assert first["facts"]["fee"] == {"text": "Đang được xác minh lại", "under_review": True}
    assert first["facts"]["processing_time"]["under_review"]
    assert "Mức phí đang được xác minh lại nên tổng đài chưa báo con số" in first["spoken_answer"]
    entry = client.get(f"/api/staff/procedures/{REVIEWED}", headers=staff).json()
    assert {mode["fee"] for mode in entry["modes"]} == {"đang được xác minh lại"}
    assert all("fee" in mode["under_review"] for mode in entry["modes"])
    for shown in (first, entry):
        text = json.dumps(shown, ensure_ascii=False)
        # Neither the withheld figure nor the editor's reason reaches the console.
        assert "Lệ phí do HĐND tỉnh quy định" not in text and "chưa đối chiếu" not in text


EMPTY = "Hãy nhập câu hỏi của người gọi để tìm thủ tục."
TOO_LONG = "Câu hỏi dài quá: tối đa 500 ký tự. Hãy ghi ngắn gọn ý chính của người gọi."


def test_an_empty_or_overlong_question_is_explained_in_vietnamese(
    client: TestClient, staff: dict[str, str]
) -> None:
    for params, detail in [
        ({}, EMPTY),
        ({"q": ""}, EMPTY),
        ({"q": "   "}, EMPTY),
        ({"q": "khai sinh " * 60}, TOO_LONG),
    ]:
        response = client.get("/api/staff/suggestions", params=params, headers=staff)
        assert (response.status_code, response.json()) == (422, {"detail": detail}), params


def test_a_procedures_full_entry_and_an_unknown_code(client: TestClient, staff: dict[str, str]) -> None:
    entry = client.get("/api/staff/procedures/1.001193", headers=staff).json()
    assert (entry["name"], entry["levels"], entry["source_url"]) == (
        "Thủ tục đăng ký khai sinh",
        ["xã"],
        "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7",
    )
    assert entry["howto"] and entry["conditions"] and "60/2014/QH13: Luật Hộ tịch" in entry["legal_basis"]
    assert {"name": "Giấy tờ chứng minh nơi cư trú", "how_to_get": None}.items() <= entry["documents"][
        7
    ].items()
    assert entry["spoken_answer"].startswith("Thủ tục Đăng ký khai sinh")
    missing = client.get("/api/staff/procedures/9.999999", headers=staff)
    assert (missing.status_code, missing.json()) == (
        404,
        {"detail": "Không có thủ tục mã «9.999999» trong dữ liệu."},
    )


def test_a_complaint_filed_for_a_caller_reaches_the_managers_queue(
    client: TestClient, staff: dict[str, str]
) -> None:
    response = client.post("/api/staff/complaints", json=CALLER, headers=staff)
    assert response.status_code == 201, response.text
    filed = response.json()
    code = filed["reference_code"]
    assert parse_reference_code(code.lower()) == code  # the check character is right
    assert date.fromisoformat(filed["answer_due"]) > date.today()
    assert (filed["channel"], filed["kind_label"], filed["procedure_name"]) == (
        "hotline",
        "Trễ hẹn",
        "Đăng ký khai sinh (1.001193)",
    )

    manager = login(client, "quanly")
    queue = client.get("/api/complaints", params={"procedure_code": "1.001193"}, headers=manager).json()
    assert [(c["reference_code"], c["channel"]) for c in queue["items"]] == [(code, "hotline")]
    detail = client.get(f"/api/complaints/{code}", headers=manager).json()
    assert (detail["phone"], detail["citizen_name"], detail["dossier_code"], detail["contact_consent"]) == (
        "0912345678",
        "Nguyễn Thị Lan",
        "000.00.12.H57-251103-0012",
        True,
    )
    [first] = detail["history"]
    assert (first["actor"], first["to_status"]) == ("tongdai", "new")
    # The member of staff who took it down sees it as staff do, and cannot act as a manager.
    assert client.get(f"/api/complaints/{code}", headers=staff).json()["phone"] == "09xx xxx 678"
    refused = client.post(f"/api/complaints/{code}/assign", json={"assignee": "tongdai"}, headers=staff)
    assert refused.status_code == 403


INVALID = [
    (
        {"phone": "012 345"},
        "Số điện thoại di động không hợp lệ (ví dụ đúng: 0912 345 678).",
    ),
    ({"kind": "rude"}, "Loại phản ánh phải là một trong các loại trong danh sách."),
    ({"citizen_name": None}, "«Họ tên người gọi» không hợp lệ."),
    ({"citizen_name": "  "}, "Họ tên người gọi: Thông tin này không được để trống."),
    ({"description": "chậm"}, "Nội dung phản ánh: Ghi cụ thể hơn (ít nhất 10 ký tự)."),
    ({"agency": "xã"}, "Cơ quan bị phản ánh: Ghi rõ tên cơ quan (ví dụ «UBND xã Tân Phong»)."),
    (
        {"dossier_code": "abc"},
        "Mã hồ sơ không đúng dạng: thường là 000.00.20.H57-251103-0012 (in trên giấy hẹn).",
    ),
    ({"procedure_code": "9.999999"}, "Không có thủ tục mã «9.999999» trong dữ liệu."),
    ({"submitted_on": "2099-01-01"}, "Ngày nộp hồ sơ không thể sau hôm nay."),
]


def test_a_complaint_is_validated_as_the_bot_validates_one(client: TestClient, staff: dict[str, str]) -> None:
    for change, detail in INVALID:
        response = client.post("/api/staff/complaints", json={**CALLER, **change}, headers=staff)
        assert (response.status_code, response.json()) == (422, {"detail": detail}), change
    assert client.get("/api/complaints", headers=login(client, "quanly")).json()["total"] == 0


def test_missing_fields_are_named(client: TestClient, staff: dict[str, str]) -> None:
    response = client.post("/api/staff/complaints", json={"kind": "other"}, headers=staff)
    assert response.status_code == 422
    for label in ("Họ tên người gọi", "Số điện thoại", "Cơ quan bị phản ánh", "Nội dung phản ánh"):
        assert f"Thiếu thông tin «{label}»." in response.json()["detail"]


def test_the_console_api_is_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    suggestions = paths["/api/staff/suggestions"]["get"]
    assert {"200", "401", "422"} <= set(suggestions["responses"])
    assert {"/api/staff/procedures/{code}", "/api/staff/complaints"} <= set(paths)
