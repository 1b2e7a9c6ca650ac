"""Bad input on what staff and managers use: sign-in, bearer tokens of every wrong kind on every protected
route, and malformed parameters and bodies on the complaint, dashboard, report, live-handoff and hotline APIs.

Refusals get a 4xx with a Vietnamese detail, write nothing (no complaint stored from a refused hotline form,
no history from a refused status change, no audit row) and leave /health OK (bad_input.Backend.refuses)."""

from __future__ import annotations

import base64
import json
import warnings
from collections.abc import Iterator
from datetime import timedelta

import jwt
import pytest

from storage.db import utc_now
from tests.browser.servers import FakeRasa
from tests.databases import BACKENDS
from tests.webhook.backend import PASSWORD
from tests.webhook.bad_input import ONE_MEGABYTE, SECRET_KEY, Backend, bad_input_backend, token


@pytest.fixture(scope="module", params=BACKENDS)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fake_rasa_server: FakeRasa
) -> Iterator[Backend]:
    fake_rasa_server.down = False
    with bad_input_backend(tmp_path_factory.mktemp("staff"), fake_rasa_server, request.param) as backend:
        yield backend


JSON = {"Content-Type": "application/json"}
CALLER = {
    "kind": "slow",
    "citizen_name": "Nguyễn Thị Lan",
    "phone": "0912 345 678",
    "agency": "UBND phường Tân Ninh",
    "description": "Nộp hồ sơ khai sinh cho con đã quá hẹn ba ngày mà chưa có kết quả.",
}

# ------------------------------------------------------------------------------------------------ sign-in

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
LOGINS = {
    "empty": (b"", FORM),
    "spaces": (b"   ", FORM),
    "JSON instead of a form": (json.dumps({"username": "quanly", "password": PASSWORD}).encode(), JSON),
    "no password": (b"username=quanly", FORM),
    "no username": (b"password=x", FORM),
    "wrong password": (b"username=quanly&password=sai-mat-khau", FORM),
    "unknown account": (b"username=khongco&password=x", FORM),
    "disabled account": (f"username=nghiviec&password={PASSWORD}".encode(), FORM),
    "empty password": (b"username=quanly&password=", FORM),
    "SQL in the username": (b"username=quanly'%20OR%20'1'%3D'1&password=x", FORM),
    "SQL in the password": (b"username=quanly&password='%20OR%20'1'%3D'1", FORM),
    "NUL in the username": (b"username=quanly%00&password=x", FORM),
    "right-to-left override": (b"username=%E2%80%AEquanly&password=x", FORM),
    "username too long": (b"username=" + b"q" * 300 + b"&password=x", FORM),
    "invalid UTF-8": (b"username=\xff\xfe&password=\xff", FORM),
    "markup": (b"username=%3Cscript%3E&password=x", FORM),
    "broken multipart": (
        b"--x\r\nContent-Disposition: form-data\r\n\r\nquanly",
        {"Content-Type": "multipart/form-data; boundary=x"},
    ),
    "multipart without a boundary": (b"username=quanly", {"Content-Type": "multipart/form-data"}),
    "grant type other than password": (
        f"grant_type=client_credentials&username=quanly&password={PASSWORD}".encode(),
        FORM,
    ),
    "a megabyte": (b"username=quanly&password=" + b"x" * ONE_MEGABYTE, FORM),
}


@pytest.mark.parametrize(("body", "headers"), LOGINS.values(), ids=LOGINS.keys())
def test_a_bad_sign_in_is_refused(backend: Backend, body: bytes, headers: dict) -> None:
    backend.refuses(
        lambda: backend.client.post("/api/auth/token", content=body, headers=headers), 400, 401, 413, 422
    )


# ------------------------------------------------------------------------------------------ bearer tokens


def _none_algorithm() -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    exp = int((utc_now() + timedelta(hours=1)).timestamp())
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part({'sub': 'quanly', 'exp': exp})}."


def _hs512() -> str:
    """Signed with the right key but another algorithm than the one the backend accepts."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the key is short for HS512: beside the point here
        payload = {"sub": "quanly", "exp": utc_now() + timedelta(hours=1)}
        return jwt.encode(payload, SECRET_KEY, algorithm="HS512")


def _tampered() -> str:
    """The staff member's token with its payload swapped for the manager's: the signature no longer fits."""
    header, _, signature = token("tongdai")["Authorization"][7:].split(".")
    payload = token("quanly")["Authorization"][7:].split(".")[1]
    return f"{header}.{payload}.{signature}"


BAD_TOKENS = {
    "none": lambda: {},
    "empty bearer": lambda: {"Authorization": "Bearer "},
    "bearer alone": lambda: {"Authorization": "Bearer"},
    "basic": lambda: {"Authorization": "Basic cXVhbmx5Om1hdC1raGF1"},
    "malformed": lambda: {"Authorization": "Bearer abc"},
    "three dots": lambda: {"Authorization": "Bearer a.b.c"},
    "expired": lambda: token("quanly", lifetime=timedelta(minutes=-1)),
    "wrong signature": lambda: token("quanly", key="mot-khoa-khac-hoan-toan-0123456789abcdef"),
    "algorithm none": lambda: {"Authorization": f"Bearer {_none_algorithm()}"},
    "HS512": lambda: {"Authorization": f"Bearer {_hs512()}"},
    "no expiry": lambda: {"Authorization": "Bearer " + jwt.encode({"sub": "quanly"}, SECRET_KEY, "HS256")},
    "tampered payload": lambda: {"Authorization": f"Bearer {_tampered()}"},
    "unknown account": lambda: token("khongco"),
    "disabled account": lambda: token("nghiviec"),
}


def protected_routes(code: str, handoff_id: int) -> dict[str, tuple[str, str, dict | None]]:
    return {
        "me": ("GET", "/api/auth/me", None),
        "complaints": ("GET", "/api/complaints", None),
        "export": ("GET", "/api/complaints/export.csv", None),
        "complaint": ("GET", f"/api/complaints/{code}", None),
        "assign": ("POST", f"/api/complaints/{code}/assign", {"assignee": "tongdai"}),
        "status": (
            "POST",
            f"/api/complaints/{code}/status",
            {"status": "rejected", "public_reply": "Đã xử lý."},
        ),
        "users": ("GET", "/api/users", None),
        "summary": ("GET", "/api/dashboard/summary", None),
        "choices": ("GET", "/api/dashboard/choices", None),
        "friction": ("GET", "/api/reports/friction", None),
        "friction csv": ("GET", "/api/reports/friction.csv", None),
        "unanswered": ("GET", "/api/reports/unanswered", None),
        "handoffs": ("GET", "/api/staff/handoffs", None),
        "handoff": ("GET", f"/api/staff/handoffs/{handoff_id}", None),
        "take": ("POST", f"/api/staff/handoffs/{handoff_id}/take", None),
        "reply": ("POST", f"/api/staff/handoffs/{handoff_id}/reply", {"text": "Chào anh"}),
        "release": ("POST", f"/api/staff/handoffs/{handoff_id}/release", None),
        "suggestions": ("GET", "/api/staff/suggestions?q=khai+sinh", None),
        "procedure": ("GET", "/api/staff/procedures/1.001193", None),
        "hotline complaint": ("POST", "/api/staff/complaints", CALLER),
    }


ROUTE_NAMES = list(protected_routes("PA-X", 1))


@pytest.mark.parametrize("route", ROUTE_NAMES)
@pytest.mark.parametrize("bad_token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_every_protected_route_refuses_a_bad_token(backend: Backend, bad_token, route: str) -> None:
    method, path, body = protected_routes(backend.complaint_code, backend.handoff_id)[route]
    response = backend.refuses(
        lambda: backend.client.request(method, path, json=body, headers=bad_token()), 401
    )
    assert response.headers["www-authenticate"] == "Bearer"


MANAGER_ONLY = ["export", "assign", "status", "users", "summary", "friction", "friction csv", "unanswered"]


@pytest.mark.parametrize("route", MANAGER_ONLY)
def test_a_staff_token_is_refused_on_the_managers_routes(backend: Backend, route: str) -> None:
    method, path, body = protected_routes(backend.complaint_code, backend.handoff_id)[route]
    headers = backend.headers["staff"]
    response = backend.refuses(lambda: backend.client.request(method, path, json=body, headers=headers), 403)
    assert "cán bộ quản lý" in response.json()["detail"]


# -------------------------------------------------------------------------------- managers' query strings

MANAGER_QUERIES = [
    "/api/complaints?page=abc",
    "/api/complaints?page=0",
    "/api/complaints?page=-1",
    f"/api/complaints?page={2**70}",
    "/api/complaints?page_size=0",
    "/api/complaints?page_size=201",
    "/api/complaints?status=bogus",
    "/api/complaints?status=new&status=%3Cscript%3E",
    "/api/complaints?kind=x",
    "/api/complaints?overdue=maybe",
    "/api/complaints?sort=1;DROP",
    "/api/complaints?created_from=2020-13-01",
    "/api/complaints?created_from=0001-01-01",
    "/api/complaints?created_to=9999-12-31",
    "/api/complaints?created_from=yesterday",
    "/api/complaints?agency=UBND%00",
    "/api/complaints?agency=" + "a" * 256,
    "/api/complaints?procedure_code=%E2%80%AE1.001193",
    "/api/complaints/export.csv?created_to=9999-12-31",
    "/api/complaints/export.csv?status=zzz",
    "/api/dashboard/summary?date_from=2020-01-01&date_to=2010-01-01",
    "/api/dashboard/summary?date_from=1900-01-01",
    "/api/dashboard/summary?date_from=0001-01-01&date_to=0001-01-01",
    "/api/dashboard/summary?date_to=9999-12-31",
    "/api/dashboard/summary?date_from=2000-01-01&date_to=2100-12-31",
    "/api/dashboard/summary?granularity=century",
    "/api/dashboard/summary?top_agencies=0",
    "/api/dashboard/summary?top_agencies=51",
    "/api/dashboard/summary?top_agencies=abc",
    "/api/reports/friction?date_from=bad",
    "/api/reports/friction?date_from=2025-02-30",
    "/api/reports/friction?date_from=2025-05-01&date_to=2025-04-01",
    "/api/reports/friction?date_to=9999-12-31",
    "/api/reports/friction.csv?date_from=0001-01-01",
    "/api/reports/unanswered?limit=0",
    "/api/reports/unanswered?limit=201",
    "/api/reports/unanswered?limit=abc",
    "/api/reports/unanswered?limit=1e3",
    "/api/complaints/PA-0000000",
    "/api/complaints/%00",
    "/api/complaints/%3Cscript%3E",
    "/api/complaints/" + "P" * 3000,
    "/api/complaints/..%2F..%2Fsettings",
    "/api/complaints/x'%20OR%201=1",
]


@pytest.mark.parametrize("path", MANAGER_QUERIES)
def test_a_bad_query_from_a_manager_is_refused(backend: Backend, path: str) -> None:
    headers = backend.headers["manager"]
    backend.refuses(lambda: backend.client.get(path, headers=headers), 404, 422)


# ----------------------------------------------------------------------------------- managers' JSON bodies

BAD_JSON_BODIES = {
    "empty": b"",
    "spaces": b"  \n ",
    "invalid UTF-8": b'{"x": "\xff"}',
    "not JSON": b"{assignee: tongdai}",
    "null": b"null",
    "array": b"[]",
    "number": b"7",
}
ASSIGNS = {
    "assignee a number": {"assignee": 5},
    "assignee null": {"assignee": None},
    "no assignee": {},
    "extra field": {"assignee": "tongdai", "priority": "high"},
    "unknown officer": {"assignee": "khongco"},
    "disabled officer": {"assignee": "nghiviec"},
    "SQL officer": {"assignee": "' OR 1=1 --"},
    "NUL in the officer": {"assignee": "tongdai\x00"},
    "officer too long": {"assignee": "t" * 256},
    "note too long": {"assignee": "tongdai", "note": "n" * 4001},
    "note with an override": {"assignee": "tongdai", "note": "\u202eghi chú"},
    "note a list": {"assignee": "tongdai", "note": ["a"]},
}
STATUS_CHANGES = {
    "status unknown": {"status": "bogus"},
    "status a number": {"status": 5},
    "status a list": {"status": ["rejected"]},
    "no status": {},
    "extra field": {"status": "rejected", "public_reply": "Đã xử lý.", "admin": True},
    "rejected without a reply": {"status": "rejected"},
    "reply with NUL": {"status": "rejected", "public_reply": "Đã\x00 xử lý."},
    "reply too long": {"status": "rejected", "public_reply": "r" * 4001},
    "closed straight from new": {"status": "closed"},
    "note an object": {"status": "rejected", "public_reply": "Đã xử lý.", "note": {"a": 1}},
}


def _complaint_snapshot(backend: Backend) -> dict:
    return backend.client.get(
        f"/api/complaints/{backend.complaint_code}", headers=backend.headers["staff"]
    ).json()


@pytest.mark.parametrize("body", BAD_JSON_BODIES.values(), ids=BAD_JSON_BODIES.keys())
@pytest.mark.parametrize("action", ["assign", "status"])
def test_a_complaint_action_with_a_body_that_is_no_object_is_refused(
    backend: Backend, action: str, body
) -> None:
    path = f"/api/complaints/{backend.complaint_code}/{action}"
    headers = {**backend.headers["manager"], **JSON}
    before = _complaint_snapshot(backend)
    backend.refuses(lambda: backend.client.post(path, content=body, headers=headers), 400, 422)
    assert _complaint_snapshot(backend) == before


@pytest.mark.parametrize("body", ASSIGNS.values(), ids=ASSIGNS.keys())
def test_a_bad_assignment_is_refused(backend: Backend, body: dict) -> None:
    path = f"/api/complaints/{backend.complaint_code}/assign"
    before = _complaint_snapshot(backend)
    backend.refuses(
        lambda: backend.client.post(path, json=body, headers=backend.headers["manager"]), 409, 422
    )
    assert _complaint_snapshot(backend) == before


@pytest.mark.parametrize("body", STATUS_CHANGES.values(), ids=STATUS_CHANGES.keys())
def test_a_bad_status_change_is_refused(backend: Backend, body: dict) -> None:
    path = f"/api/complaints/{backend.complaint_code}/status"
    before = _complaint_snapshot(backend)
    backend.refuses(
        lambda: backend.client.post(path, json=body, headers=backend.headers["manager"]), 409, 422
    )
    assert _complaint_snapshot(backend) == before


def test_a_megabyte_status_change_is_refused(backend: Backend) -> None:
    path = f"/api/complaints/{backend.complaint_code}/status"
    body = {"status": "rejected", "public_reply": "r" * ONE_MEGABYTE}
    backend.refuses(lambda: backend.client.post(path, json=body, headers=backend.headers["manager"]), 413)


# -------------------------------------------------------------------------------------------- live handoff

HANDOFF_PATHS = ["0", "-1", "abc", "1.5", str(2**31), str(2**63), "9" * 40, "99999999", "%00", "1%20OR%201=1"]


@pytest.mark.parametrize("handoff", HANDOFF_PATHS)
@pytest.mark.parametrize("action", ["", "/take", "/release"])
def test_a_bad_handoff_id_is_refused(backend: Backend, handoff: str, action: str) -> None:
    method = "POST" if action else "GET"
    path = f"/api/staff/handoffs/{handoff}{action}"
    backend.refuses(lambda: backend.client.request(method, path, headers=backend.headers["staff"]), 404, 422)


REPLIES = {
    **{name: body for name, body in BAD_JSON_BODIES.items()},
    "text empty": {"text": ""},
    "text spaces": {"text": "   "},
    "text a number": {"text": 5},
    "text null": {"text": None},
    "no text": {},
    "extra field": {"text": "Chào anh", "as_user": "quanly"},
    "text NUL": {"text": "Chào\x00 anh"},
    "text override": {"text": "\u202eChào anh"},
    "text lone surrogate": {"text": "Chào \ud83d"},
    "text too long": {"text": "c" * 2001},
    "not taken yet": {"text": "Chào anh"},
}


@pytest.mark.parametrize("body", REPLIES.values(), ids=REPLIES.keys())
def test_a_bad_staff_reply_is_refused(backend: Backend, body) -> None:
    path = f"/api/staff/handoffs/{backend.handoff_id}/reply"
    headers = {**backend.headers["staff"], **JSON}
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    backend.refuses(lambda: backend.client.post(path, content=raw, headers=headers), 400, 409, 422)


# ------------------------------------------------------------------------------------------- hotline APIs

SUGGESTION_QUERIES = ["", "q=", "q=%20%20", "q=" + "a" * 501, "q=%09", "x=khai+sinh"]


@pytest.mark.parametrize("query", SUGGESTION_QUERIES)
def test_a_bad_suggestion_query_is_refused(backend: Backend, query: str) -> None:
    path = f"/api/staff/suggestions?{query}"
    backend.refuses(lambda: backend.client.get(path, headers=backend.headers["staff"]), 422)


@pytest.mark.parametrize("code", ["x" * 17, "9.999999", "%00", "%3Cscript%3E", "..%2F..%2Fpyproject.toml"])
def test_a_bad_procedure_code_is_refused(backend: Backend, code: str) -> None:
    path = f"/api/staff/procedures/{code}"
    backend.refuses(lambda: backend.client.get(path, headers=backend.headers["staff"]), 404, 422)


HOTLINE_COMPLAINTS = {
    "no fields": {},
    "only the kind": {"kind": "slow"},
    "kind unknown": {**CALLER, "kind": "rude"},
    "kind a number": {**CALLER, "kind": 3},
    "name null": {**CALLER, "citizen_name": None},
    "name spaces": {**CALLER, "citizen_name": "   "},
    "name NUL": {**CALLER, "citizen_name": "Lan\x00"},
    "name override": {**CALLER, "citizen_name": "\u202enaL ihT nễyugN"},
    "name lone surrogate": {**CALLER, "citizen_name": "Lan \udc00"},
    "name escape sequence": {**CALLER, "citizen_name": "\x1b[2JLan"},
    "name too long": {**CALLER, "citizen_name": "L" * 256},
    "name a list": {**CALLER, "citizen_name": ["Lan"]},
    "phone a number": {**CALLER, "phone": 912345678},
    "phone letters": {**CALLER, "phone": "không có"},
    "phone SQL": {**CALLER, "phone": "0912' OR '1'='1"},
    "phone a landline": {**CALLER, "phone": "0276 3822 222"},
    "agency too short": {**CALLER, "agency": "xã"},
    "agency NUL": {**CALLER, "agency": "UBND\x00 xã"},
    "description too short": {**CALLER, "description": "chậm"},
    "description too long": {**CALLER, "description": "d" * 4001},
    "description C1 control": {**CALLER, "description": "Quá hẹn ba ngày\x9b chưa có kết quả"},
    "dossier code wrong": {**CALLER, "dossier_code": "abc"},
    "submitted in the future": {**CALLER, "submitted_on": "2099-01-01"},
    "submitted not a date": {**CALLER, "submitted_on": "hôm qua"},
    "submitted a number": {**CALLER, "submitted_on": 20250101},
    "promised before submitted": {**CALLER, "submitted_on": "2025-11-10", "promised_on": "2025-11-01"},
    "consent a word": {**CALLER, "contact_consent": "có lẽ"},
    "extra field": {**CALLER, "status": "resolved"},
    "extra sender": {**CALLER, "sender_id": "web-1", "channel": "web"},
    "unknown procedure": {**CALLER, "procedure_code": "9.999999"},
}


@pytest.mark.parametrize("body", [*BAD_JSON_BODIES.values(), *HOTLINE_COMPLAINTS.values()],
                         ids=[*BAD_JSON_BODIES, *HOTLINE_COMPLAINTS])  # fmt: skip
def test_a_bad_hotline_complaint_is_refused_and_nothing_is_stored(backend: Backend, body) -> None:
    headers = {**backend.headers["staff"], **JSON}
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    backend.refuses(
        lambda: backend.client.post("/api/staff/complaints", content=raw, headers=headers), 400, 422
    )


def test_a_megabyte_hotline_complaint_is_refused(backend: Backend) -> None:
    body = {**CALLER, "description": "d" * ONE_MEGABYTE}
    headers = backend.headers["staff"]
    backend.refuses(lambda: backend.client.post("/api/staff/complaints", json=body, headers=headers), 413)


ODD_BUT_FINE = {
    "markup": "<script>alert(1)</script> UBND xã",
    "SQL": "'; DROP TABLE complaints; --",
    "emoji": "😡😡😡 chậm quá 🙏",
    "mixed scripts": "Đăng ký khai sinh 出生登记 регистрация",
    "one long word": "quáhạn" * 100,
}


@pytest.mark.parametrize("text", ODD_BUT_FINE.values(), ids=ODD_BUT_FINE.keys())
def test_odd_but_legitimate_text_is_stored_as_typed(backend: Backend, text: str) -> None:
    body = {**CALLER, "agency": text[:255], "description": text}
    response = backend.client.post("/api/staff/complaints", json=body, headers=backend.headers["staff"])
    assert response.status_code == 201, response.text
    code = response.json()["reference_code"]
    stored = backend.client.get(f"/api/complaints/{code}", headers=backend.headers["manager"]).json()
    assert (stored["agency"], stored["description"]) == (text[:255], text)
    found = backend.client.get(
        "/api/staff/suggestions", params={"q": text[:500]}, headers=backend.headers["staff"]
    )
    assert found.status_code == 200
    backend.assert_healthy()
