"""The managers' complaints API: sign-in, roles, the workflow over HTTP, masked phones, audit, CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storage import AuditLog, ComplaintDraft, ComplaintKind, ComplaintService, WorkingCalendar, make_engine
from tests.webhook.backend import PASSWORD, backend_client, login, prepare_database


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'backend.sqlite3'}"
    prepare_database(url)
    return url


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    with backend_client(database_url) as client:
        yield client


@pytest.fixture
def filed(database_url: str) -> str:
    engine = make_engine(database_url)
    code = (
        ComplaintService(engine, WorkingCalendar())
        .file(
            ComplaintDraft(
                kind=ComplaintKind.EVASIVE,
                procedure_code="1.001193",
                procedure_name="Đăng ký khai sinh",
                agency="UBND phường Tân Ninh",
                promised_on=date(2026, 11, 5),
                description="Gọi mãi không ai nghe.",
                citizen_name="Nguyễn Thị Lan",
                phone="0912 345 678",
                contact_consent=True,
                sender_id="web-1",
                channel="web",
            )
        )
        .reference_code
    )
    engine.dispose()
    return code


def test_wrong_password_unknown_user_and_disabled_account_cannot_sign_in(client: TestClient) -> None:
    for username, password in [("quanly", "sai-mat-khau"), ("khongco", PASSWORD), ("nghiviec", PASSWORD)]:
        response = client.post("/api/auth/token", data={"username": username, "password": password})
        assert response.status_code == 401
        assert "Sai tên đăng nhập" in response.json()["detail"]


def test_no_or_forged_token_is_401(client: TestClient, filed: str) -> None:
    assert client.get("/api/complaints").status_code == 401
    forged = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxdWFubHkifQ.sai"}
    assert client.get(f"/api/complaints/{filed}", headers=forged).status_code == 401


def test_staff_get_403_on_manager_actions(client: TestClient, filed: str) -> None:
    staff = login(client, "tongdai")
    assert (
        client.post(
            f"/api/complaints/{filed}/assign", json={"assignee": "tongdai"}, headers=staff
        ).status_code
        == 403
    )
    assert client.get("/api/complaints/export.csv", headers=staff).status_code == 403


def test_staff_see_the_phone_masked_and_leave_no_audit_row(
    client: TestClient, filed: str, database_url: str
) -> None:
    detail = client.get(f"/api/complaints/{filed}", headers=login(client, "tongdai")).json()
    assert detail["phone"] == "09xx xxx 678"
    assert AuditLog(make_engine(database_url)).entries() == []


def test_a_manager_sees_full_contact_and_each_view_is_audited(
    client: TestClient, filed: str, database_url: str
) -> None:
    manager = login(client, "quanly")
    assert client.get(f"/api/complaints/{filed.lower()}", headers=manager).json()["phone"] == "0912345678"
    [entry] = AuditLog(make_engine(database_url)).entries()
    assert (entry.action, entry.subject) == ("view_complaint_contact", filed)


def test_manager_assigns_answers_and_resolves_with_history(client: TestClient, filed: str) -> None:
    manager = login(client, "quanly")
    assigned = client.post(
        f"/api/complaints/{filed}/assign",
        json={"assignee": "tongdai", "note": "Gọi UBND phường"},
        headers=manager,
    )
    assert (assigned.status_code, assigned.json()["assignee"]) == (200, "tongdai")
    refused = client.post(f"/api/complaints/{filed}/status", json={"status": "closed"}, headers=manager)
    assert refused.status_code == 409 and "Không thể chuyển" in refused.json()["detail"]
    no_reply = client.post(f"/api/complaints/{filed}/status", json={"status": "rejected"}, headers=manager)
    assert no_reply.status_code == 422
    client.post(f"/api/complaints/{filed}/status", json={"status": "in_progress"}, headers=manager)
    resolved = client.post(
        f"/api/complaints/{filed}/status",
        json={"status": "resolved", "note": "đã xử lý", "public_reply": "Hồ sơ đã giải quyết xong."},
        headers=manager,
    ).json()
    assert resolved["status_label"] == "Đã giải quyết"
    assert [(h["to_status"], h["actor"]) for h in resolved["history"]] == [
        ("new", None), ("assigned", "quanly"), ("in_progress", "quanly"), ("resolved", "quanly"),
    ]  # fmt: skip
    assert resolved["history"][1]["assignee"] == "tongdai"


def test_assigning_to_a_disabled_or_unknown_account_is_refused(client: TestClient, filed: str) -> None:
    manager = login(client, "quanly")
    for assignee in ("nghiviec", "khongco"):
        response = client.post(
            f"/api/complaints/{filed}/assign", json={"assignee": assignee}, headers=manager
        )
        assert response.status_code == 422


def test_mistyped_and_unknown_codes(client: TestClient, filed: str) -> None:
    manager = login(client, "quanly")
    typo = filed[:-1] + ("2" if filed[-1] != "2" else "3")
    assert client.get(f"/api/complaints/{typo}", headers=manager).status_code == 422
    assert client.get("/api/complaints/PA-222222", headers=manager).status_code == 404


def test_queue_filters_and_carries_no_personal_data(client: TestClient, filed: str) -> None:
    staff = login(client, "tongdai")
    page = client.get("/api/complaints", params={"kind": "evasive", "status": ["new"]}, headers=staff).json()
    assert page["total"] == 1 and page["items"][0]["reference_code"] == filed
    assert "0912345678" not in str(page) and "Nguyễn Thị Lan" not in str(page)
    assert client.get("/api/complaints", params={"agency": "xã khác"}, headers=staff).json()["total"] == 0
    assert client.get("/api/complaints", params={"status": "bogus"}, headers=staff).status_code == 422


def test_csv_export_has_a_bom_vietnamese_headers_and_is_audited(
    client: TestClient, filed: str, database_url: str
) -> None:
    response = client.get("/api/complaints/export.csv", headers=login(client, "quanly"))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã phản ánh", "Trạng thái", "Loại"]
    assert rows[1][0] == filed and "Nguyễn Thị Lan" in rows[1]
    assert [e.action for e in AuditLog(make_engine(database_url)).entries()] == ["export_complaints_csv"]
