"""The Zalo OA channel against real HTTP fakes of Zalo's API and of Rasa: signed events answered, forged and
stale ones refused, retries handled once (also across a restart), tokens refreshed, failures retried."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from settings import Settings
from storage import (
    ChannelStore,
    ComplaintDraft,
    ComplaintKind,
    ComplaintService,
    OutboundState,
    UserRole,
    UserStore,
    WorkingCalendar,
    make_engine,
    upgrade_database,
)
from tests.browser.servers import FakeRasa
from tests.webhook.zalo_fake import FakeZalo
from webhook.app import create_app
from webhook.channels.zalo.signature import expected_signature
from webhook.channels.zalo.texts import MAX_MESSAGE_CHARS, split_message
from webhook.core.security import hash_password

APP_ID, OA_SECRET = "1234567890", "oa-secret-key"
CITIZEN = "8011122233344455"


@pytest.fixture
def zalo(fake_zalo: FakeZalo) -> FakeZalo:
    fake_zalo.sent.clear()
    fake_zalo.refreshes.clear()
    fake_zalo.failures_to_come = 0
    fake_zalo.access_token, fake_zalo.refresh_token = "token-1", "refresh-1"
    return fake_zalo


@pytest.fixture
def rasa(fake_rasa: FakeRasa) -> FakeRasa:
    return fake_rasa


@pytest.fixture
def settings(tmp_path: Path, zalo: FakeZalo, rasa: FakeRasa) -> Settings:
    url = f"sqlite:///{tmp_path / 'zalo.sqlite3'}"
    upgrade_database(make_engine(url))
    return Settings(
        database_url=url,
        secret_key="k" * 40,
        rasa_url=rasa.url,
        action_server_url=rasa.url,
        zalo_app_id=APP_ID,
        zalo_oa_secret_key=OA_SECRET,
        zalo_app_secret_key="app-secret",
        zalo_access_token="token-1",
        zalo_refresh_token="refresh-1",
        zalo_api_url=zalo.url,
        zalo_oauth_url=zalo.url,
    )


@pytest.fixture
def backend(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def event(
    text: str | None = "lam giay khai sinh can gi",
    *,
    msg_id: str = "msg-1",
    name: str = "user_send_text",
    age_ms: int = 0,
) -> dict:
    body = {
        "app_id": APP_ID, "event_name": name, "timestamp": str(int(time.time() * 1000) - age_ms),
        "sender": {"id": CITIZEN}, "recipient": {"id": "oa-1"}, "message": {"msg_id": msg_id, "text": text},
    }  # fmt: skip
    return body


def post(client: TestClient, body: dict, *, secret: str = OA_SECRET) -> int:
    raw = json.dumps(body).encode()
    signature = expected_signature(APP_ID, raw, body["timestamp"], secret)
    return client.post("/webhooks/zalo", content=raw, headers={"X-ZEvent-Signature": signature}).status_code


def wait_for(condition: Callable[[], bool], timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def test_a_signed_text_event_gets_the_bot_reply_with_choices_as_numbers(backend, zalo, rasa):
    assert post(backend, event()) == 200
    wait_for(lambda: len(zalo.texts_to(CITIZEN)) == 2)
    assert rasa.received == [(CITIZEN, "lam giay khai sinh can gi")] and rasa.input_channels == ["zalo"]
    first, second = zalo.texts_to(CITIZEN)
    assert first.startswith("Hồ sơ gồm:")
    assert "Bạn trả lời bằng số để chọn:\n1. Xem lệ phí\n2. Nộp ở đâu" in second
    # A digit picks the numbered choice: Rasa gets the button's payload.
    assert post(backend, event("2", msg_id="msg-2")) == 200
    wait_for(lambda: len(rasa.received) == 2)
    assert rasa.received[1] == (CITIZEN, "/ask_where")


def test_with_rasa_down_the_limited_answer_goes_through_zalo(backend, zalo, rasa):
    rasa.down = True
    assert post(backend, event()) == 200
    wait_for(lambda: len(zalo.texts_to(CITIZEN)) == 2)
    note, card = zalo.texts_to(CITIZEN)
    assert note.startswith("⚠️ Trợ lý đang tạm hoạt động hạn chế") and "Nếu bạn đang gửi phản ánh" in note
    assert card.startswith("📄 Thủ tục đăng ký khai sinh (mã 1.001193)")


def test_forged_signature_and_stale_events_are_refused_and_not_processed(backend, zalo, rasa):
    assert post(backend, event(), secret="not-the-secret") == 401
    raw = json.dumps(event()).encode()
    assert backend.post("/webhooks/zalo", content=raw).status_code == 401  # no signature at all
    assert post(backend, event(age_ms=3_600_000)) == 403
    assert post(backend, {**event(), "app_id": "someone-else"}) == 403
    assert backend.post("/webhooks/zalo", content=b"{not json").status_code == 400
    time.sleep(0.3)
    assert rasa.received == [] and zalo.sent == []


def test_a_retried_event_is_handled_once_also_after_a_restart(settings, zalo, rasa):
    with TestClient(create_app(settings)) as backend:
        assert post(backend, event(msg_id="dup-1")) == 200
        assert post(backend, event(msg_id="dup-1")) == 200
        wait_for(lambda: len(zalo.texts_to(CITIZEN)) == 2)
    with TestClient(create_app(settings)) as restarted:
        assert post(restarted, event(msg_id="dup-1")) == 200
        time.sleep(0.5)
    assert len(rasa.received) == 1


def test_events_accepted_before_a_crash_are_handled_after_the_restart(settings, zalo, rasa):
    store = ChannelStore(make_engine(settings.database_url), "zalo")
    store.accept("before-crash", CITIZEN, "user_send_text", "thu tuc ket hon")
    with TestClient(create_app(settings)):
        wait_for(lambda: rasa.received == [(CITIZEN, "thu tuc ket hon")])
        wait_for(lambda: store.unhandled() == [])


def test_pictures_and_stickers_get_a_polite_text_only_reply(backend, zalo, rasa):
    assert post(backend, event(None, name="user_send_image", msg_id="img-1")) == 200
    wait_for(lambda: len(zalo.texts_to(CITIZEN)) == 1)
    assert "chỉ đọc được tin nhắn chữ" in zalo.texts_to(CITIZEN)[0] and rasa.received == []


def test_follow_gets_the_bot_greeting_and_echoes_are_ignored(backend, zalo, rasa):
    follow = {**event(None, name="follow"), "follower": {"id": CITIZEN}, "message": None}
    assert post(backend, follow) == 200
    wait_for(lambda: rasa.received == [(CITIZEN, "/greet")])
    assert post(backend, event("tin của OA", name="oa_send_text", msg_id="echo-1")) == 200
    assert post(backend, event(None, name="user_seen_message", msg_id="seen-1")) == 200
    time.sleep(0.3)
    assert len(rasa.received) == 1


def test_an_expired_token_is_refreshed_and_the_new_pair_kept(backend, settings, zalo):
    zalo.access_token, zalo.refresh_token = "token-9", "refresh-1"  # the platform expired token-1
    assert post(backend, event()) == 200
    wait_for(lambda: len(zalo.texts_to(CITIZEN)) == 2)
    assert zalo.refreshes[0] == {"refresh_token": "refresh-1", "app_id": APP_ID, "secret_key": "app-secret"}
    assert {m["access_token"] for m in zalo.sent} == {"token-2"}
    tokens = ChannelStore(make_engine(settings.database_url), "zalo").tokens()
    assert (tokens.access_token, tokens.refresh_token) == ("token-2", "refresh-2")


def test_a_failing_reply_is_retried_and_a_final_failure_is_recorded(backend, settings, zalo):
    zalo.failures_to_come = 2
    assert post(backend, event()) == 200
    wait_for(lambda: len(zalo.texts_to(CITIZEN)) == 2)
    zalo.failures_to_come = 100
    assert post(backend, event(msg_id="msg-lost")) == 200
    store = ChannelStore(make_engine(settings.database_url), "zalo")
    wait_for(lambda: len(store.messages(OutboundState.FAILED)) == 2, timeout_s=30)
    assert "HTTP 502" in store.messages(OutboundState.FAILED)[0].last_error


def test_long_answers_are_split_at_line_ends_never_inside_a_word():
    lines = [f"{n}. Giấy tờ số {n} cần nộp kèm bản sao có chứng thực" for n in range(120)]
    pieces = split_message("\n".join(lines))
    assert len(pieces) > 1 and all(len(p) <= MAX_MESSAGE_CHARS for p in pieces)
    assert "\n".join(pieces).split("\n") == lines
    words = split_message("từ " * 1500)
    assert all(len(p) <= MAX_MESSAGE_CHARS for p in words) and {w for p in words for w in p.split()} == {"từ"}


def _resolve_complaint_filed_on_zalo(client: TestClient, settings: Settings) -> str:
    engine = make_engine(settings.database_url)
    UserStore(engine).add("quanly", "Quản Lý", UserRole.MANAGER, hash_password("mat-khau-du-dai"))
    draft = ComplaintDraft(
        kind=ComplaintKind.SLOW, agency="UBND xã Hòa Thành", description="Quá hẹn 2 tuần", citizen_name="Lan",
        phone="0912345678", contact_consent=True, sender_id=CITIZEN, channel="zalo",
    )  # fmt: skip
    code = ComplaintService(engine, WorkingCalendar()).file(draft).reference_code
    token = client.post("/api/auth/token", data={"username": "quanly", "password": "mat-khau-du-dai"}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    body = {"status": "rejected", "public_reply": "Hồ sơ đã được trả ngày 20/11, mời chị kiểm tra."}
    assert client.post(f"/api/complaints/{code}/status", json=body, headers=headers).status_code == 200
    return code


def test_a_managers_reply_reaches_a_citizen_who_wrote_recently(backend, settings, zalo):
    assert post(backend, event()) == 200
    wait_for(lambda: len(zalo.texts_to(CITIZEN)) == 2)
    code = _resolve_complaint_filed_on_zalo(backend, settings)
    wait_for(lambda: len(zalo.texts_to(CITIZEN)) == 3)
    assert zalo.texts_to(CITIZEN)[2] == (
        f"Phản ánh {code}: Từ chối xử lý.\n"
        "Trả lời của cơ quan xử lý: Hồ sơ đã được trả ngày 20/11, mời chị kiểm tra."
    )


def test_outside_the_reply_window_the_reply_waits_for_the_next_message(backend, settings, zalo):
    code = _resolve_complaint_filed_on_zalo(backend, settings)  # the citizen never wrote on Zalo here
    time.sleep(0.3)
    assert zalo.sent == []
    assert post(backend, event("cam on")) == 200
    wait_for(lambda: len(zalo.texts_to(CITIZEN)) >= 1)
    assert zalo.texts_to(CITIZEN)[0].startswith(f"Phản ánh {code}")
