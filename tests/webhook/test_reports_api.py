"""The managers' reports over HTTP: roles, the ranking as JSON and as CSV for Excel, the date range, and the
unanswered questions grouped and scrubbed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from settings import Settings
from storage import (
    ConversationEventDraft,
    ConversationEventKind,
    ConversationEventStore,
    FeedbackDraft,
    FeedbackStore,
    SenderPseudonyms,
    UserRole,
    UserStore,
    make_engine,
    upgrade_database,
)
from webhook.app import create_app
from webhook.core.security import hash_password

PASSWORD = "mat-khau-du-dai"
PSEUDONYM_KEY = "khoa-gia-danh-chi-dung-cho-thu-nghiem"
ENDPOINTS = ["/api/reports/friction", "/api/reports/friction.csv", "/api/reports/unanswered"]
BIRTH = ("1.001193", "Thủ tục đăng ký khai sinh")
MARRIAGE = ("1.000894", "Thủ tục đăng ký kết hôn")


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    engine = make_engine(url)
    upgrade_database(engine)
    UserStore(engine).add("quanly", "Lê Quản Lý", UserRole.MANAGER, hash_password(PASSWORD))
    UserStore(engine).add("tongdai", "Phạm Tổng Đài", UserRole.STAFF, hash_password(PASSWORD))
    events = ConversationEventStore(engine)
    pseudonyms = SenderPseudonyms(PSEUDONYM_KEY)

    def event(sender: str, kind: ConversationEventKind, procedure=(None, None), question=None) -> None:
        events.add(
            ConversationEventDraft(
                sender_key=pseudonyms(sender),
                kind=kind,
                procedure_code=procedure[0],
                procedure_name=procedure[1],
                question=question,
            )
        )

    for sender in ("web-1", "web-2"):
        event(sender, ConversationEventKind.ANSWERED, BIRTH)
    event("web-3", ConversationEventKind.ANSWERED, MARRIAGE)
    event(
        "web-3", ConversationEventKind.NOT_UNDERSTOOD, (MARRIAGE[0], None), "kết hôn với người nước ngoài sao"
    )
    event("web-3", ConversationEventKind.HANDOFF, (MARRIAGE[0], None))
    FeedbackStore(engine).add(FeedbackDraft(sender_id="web-3", rating=2))  # joined through the key
    event(
        "web-4",
        ConversationEventKind.NO_MATCH,
        question="em tên Hoa, số 0987 654 321, hỏi trợ cấp thất nghiệp",
    )
    event("web-5", ConversationEventKind.NO_MATCH, question="tro cap that nghiep nhan o dau")
    engine.dispose()
    return url


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    settings = Settings(
        database_url=database_url,
        secret_key="khoa-bi-mat-chi-dung-cho-thu-nghiem-0123456789",
        pseudonym_key=PSEUDONYM_KEY,
        rasa_url="http://127.0.0.1:9",
    )
    with TestClient(create_app(settings)) as client:
        yield client


def _login(client: TestClient, username: str) -> dict[str, str]:
    response = client.post("/api/auth/token", data={"username": username, "password": PASSWORD})
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.mark.parametrize("path", ENDPOINTS)
def test_reports_are_for_managers_only(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 401
    assert client.get(path, headers=_login(client, "tongdai")).status_code == 403


def test_procedures_come_ranked_with_their_counts(client: TestClient) -> None:
    rows = client.get("/api/reports/friction", headers=_login(client, "quanly")).json()
    assert [row["procedure_code"] for row in rows] == [MARRIAGE[0], BIRTH[0]]
    marriage = rows[0]
    assert (marriage["conversations"], marriage["unanswered"], marriage["handoffs"]) == (1, 1, 1)
    assert (marriage["average_rating"], marriage["friction_score"]) == (2.0, 3)
    assert rows[1]["conversations"] == 2


def test_the_csv_opens_in_excel_with_vietnamese_headings(client: TestClient) -> None:
    response = client.get("/api/reports/friction.csv", headers=_login(client, "quanly"))
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:3] == ["Mã thủ tục", "Tên thủ tục", "Điểm vướng mắc"]
    assert [line[:3] for line in lines[1:]] == [[*MARRIAGE, "3"], [*BIRTH, "0"]]


def test_the_date_range_filters_and_is_checked(client: TestClient) -> None:
    manager = _login(client, "quanly")
    past = {"date_from": "2020-01-01", "date_to": "2020-12-31"}
    assert client.get("/api/reports/friction", params=past, headers=manager).json() == []
    assert client.get("/api/reports/unanswered", params=past, headers=manager).json() == []
    backwards = {"date_from": "2026-12-31", "date_to": "2026-01-01"}
    response = client.get("/api/reports/friction", params=backwards, headers=manager)
    assert response.status_code == 422 and "Ngày bắt đầu" in response.json()["detail"]


def test_unanswered_questions_come_grouped_and_scrubbed(client: TestClient) -> None:
    groups = client.get("/api/reports/unanswered", headers=_login(client, "quanly")).json()
    assert [(group["questions"], group["conversations"]) for group in groups] == [(2, 2), (1, 1)]
    examples = " ".join(groups[0]["examples"])
    assert "thất nghiệp" in examples and "that nghiep" in examples
    assert "0987" not in examples and "Hoa" not in examples and "[SĐT]" in examples


def test_the_reports_are_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/reports/friction", "/api/reports/friction.csv", "/api/reports/unanswered"} <= set(paths)
    assert "3 × complaints" in paths["/api/reports/friction"]["get"]["description"]
