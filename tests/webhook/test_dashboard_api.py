"""The dashboard's API over HTTP, on SQLite and (when configured) PostgreSQL: summary figures, vocabulary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from storage import (
    ComplaintDraft,
    ComplaintKind,
    ComplaintService,
    FeedbackDraft,
    FeedbackStore,
    WorkingCalendar,
    make_engine,
)
from storage.complaints import complaints, vietnam_today
from tests.databases import BACKENDS, empty_database
from tests.webhook.backend import backend_client, login, prepare_database


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with empty_database(request.param, tmp_path) as url:
        prepare_database(url)
        yield url


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    with backend_client(database_url) as client:
        yield client


def _draft(kind: ComplaintKind, agency: str) -> ComplaintDraft:
    return ComplaintDraft(
        kind=kind,
        agency=agency,
        description="Quá hẹn mà chưa có kết quả.",
        citizen_name="Trần Văn Bình",
        phone="0987 654 321",
        contact_consent=False,
        sender_id="web-9",
        channel="web",
    )


@pytest.fixture
def filed(database_url: str) -> list[str]:
    """Three complaints filed today, one of them past an answer date set in the past; three ratings."""
    engine = make_engine(database_url)
    service = ComplaintService(engine, WorkingCalendar())
    codes = [
        service.file(_draft(kind, agency)).reference_code
        for kind, agency in [
            (ComplaintKind.SLOW, "UBND xã Hòa Hội"),
            (ComplaintKind.SLOW, "UBND xã Hòa Hội"),
            (ComplaintKind.ATTITUDE, "Công an huyện Châu Thành"),
        ]
    ]
    with engine.begin() as connection:
        connection.execute(
            update(complaints)
            .where(complaints.c.reference_code == codes[0])
            .values(answer_due=vietnam_today() - timedelta(days=10))
        )
    for rating in (5, 4, 2):
        FeedbackStore(engine).add(FeedbackDraft(sender_id="web-9", rating=rating))
    engine.dispose()
    return codes


def test_summary_needs_a_token_and_a_manager(client: TestClient) -> None:
    response = client.get("/api/dashboard/summary")
    assert response.status_code == 401 and "đăng nhập lại" in response.json()["detail"]
    staff = client.get("/api/dashboard/summary", headers=login(client, "tongdai"))
    assert staff.status_code == 403 and "cán bộ quản lý" in staff.json()["detail"]


def test_summary_counts_the_default_twelve_weeks(client: TestClient, filed: list[str]) -> None:
    response = client.get("/api/dashboard/summary", headers=login(client, "quanly"))
    assert response.status_code == 200
    summary = response.json()
    today = vietnam_today()
    assert (date.fromisoformat(summary["first_day"]), date.fromisoformat(summary["last_day"])) == (
        today - timedelta(days=83),
        today,
    )
    assert (summary["filed"], summary["unresolved"], summary["overdue"]) == (3, 3, 1)
    assert summary["by_status"][0] == {"status": "new", "count": 3, "label": "Mới tiếp nhận"}
    assert summary["by_agency"] == [
        {"agency": "UBND xã Hòa Hội", "count": 2},
        {"agency": "Công an huyện Châu Thành", "count": 1},
    ]
    over_time = summary["kinds_over_time"]
    assert over_time["granularity"] == "week" and len(over_time["buckets"]) in (12, 13)
    slow = next(s for s in over_time["series"] if s["kind"] == "slow")
    assert (slow["label"], sum(slow["counts"]), slow["counts"][-1]) == ("Trễ hẹn", 2, 2)
    assert summary["satisfaction"] == {"ratings": 3, "average": 3.67, "distribution": [0, 1, 0, 1, 1]}


def test_summary_by_month_with_top_agencies_and_the_rest(client: TestClient, filed: list[str]) -> None:
    today = vietnam_today()
    params = {
        "date_from": (today - timedelta(days=40)).isoformat(),
        "date_to": today.isoformat(),
        "granularity": "month",
        "top_agencies": 1,
    }
    summary = client.get("/api/dashboard/summary", params=params, headers=login(client, "quanly")).json()
    assert [a["agency"] for a in summary["by_agency"]] == ["UBND xã Hòa Hội"]
    assert summary["other_agencies"] == 1
    assert summary["kinds_over_time"]["buckets"][-1]["label"] == f"Tháng {today.month}/{today.year}"


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"date_from": "2026-11-02", "date_to": "2026-11-01"}, "Ngày bắt đầu phải trước"),
        ({"date_from": "2020-01-01", "date_to": "2026-11-01"}, "tối đa là 3 năm"),
    ],
)
def test_a_bad_period_is_refused_in_vietnamese(client: TestClient, params: dict, says: str) -> None:
    response = client.get("/api/dashboard/summary", params=params, headers=login(client, "quanly"))
    assert response.status_code == 422 and says in response.json()["detail"]


def test_choices_give_every_label_to_staff_too(client: TestClient) -> None:
    assert client.get("/api/dashboard/choices").status_code == 401
    choices = client.get("/api/dashboard/choices", headers=login(client, "tongdai")).json()
    assert choices["states"][0] == {"value": "new", "label": "Mới tiếp nhận"}
    assert [s["value"] for s in choices["states"]][-1] == "rejected"
    assert choices["unresolved_states"] == ["new", "assigned", "in_progress"]
    assert {"value": "evasive", "label": "Né tránh, không trả lời"} in choices["kinds"]


def test_a_complaint_tells_where_the_workflow_lets_it_go(client: TestClient, filed: list[str]) -> None:
    manager = login(client, "quanly")
    assert client.get(f"/api/complaints/{filed[0]}", headers=manager).json()["next_states"] == [
        "assigned",
        "rejected",
    ]
    client.post(f"/api/complaints/{filed[0]}/assign", json={"assignee": "tongdai"}, headers=manager)
    client.post(f"/api/complaints/{filed[0]}/status", json={"status": "in_progress"}, headers=manager)
    detail = client.get(f"/api/complaints/{filed[0]}", headers=manager).json()
    assert detail["next_states"] == ["assigned", "resolved", "rejected"]


def test_openapi_documents_the_summary_and_its_refusals(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/dashboard/summary"]["get"]
    assert {"200", "401", "403", "422"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} == {
        "date_from", "date_to", "granularity", "top_agencies",
    }  # fmt: skip
