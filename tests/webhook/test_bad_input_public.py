"""Bad input on what anyone on the internet can reach: the web chat API, the Zalo webhook, the static pages
and scripts (chat, widget, staff pages), and methods the routes do not take.

Refusals get a 4xx with a Vietnamese detail, write nothing and leave /health OK (bad_input.Backend.refuses).
Odd but legitimate text (markup, SQL, emoji, other scripts, one very long word) is not refused: it reaches the
bot as it was typed and the answer is the bot's."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from tests.browser.servers import FakeRasa
from tests.databases import BACKENDS
from tests.webhook.bad_input import (
    APP_ID,
    CITIZEN,
    ONE_MEGABYTE,
    Backend,
    assert_vietnamese,
    bad_input_backend,
    signed,
    zalo_event,
)


@pytest.fixture(scope="module", params=BACKENDS)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fake_rasa_server: FakeRasa
) -> Iterator[Backend]:
    fake_rasa_server.down = False
    with bad_input_backend(tmp_path_factory.mktemp("public"), fake_rasa_server, request.param) as backend:
        yield backend


JSON = {"Content-Type": "application/json"}

# ---------------------------------------------------------------------------------------------- web chat

CHAT_BODIES = {
    "empty": b"",
    "spaces": b"   ",
    "newlines and tabs": b"\n\t\r\n",
    "invalid UTF-8": b"\xff\xfe\xfd",
    "invalid UTF-8 inside a string": b'{"sender_id": "web-1", "text": "\xc3\x28"}',
    "Latin-1 text": '{"sender_id": "web-1", "text": "xin chào"}'.encode("latin-1"),
    "unclosed object": b'{"sender_id": "web-1", "text": "hi"',
    "not JSON": b"sender_id=web-1&text=hi",
    "single quotes": b"{'sender_id': 'web-1', 'text': 'hi'}",
    "trailing comma": b'{"sender_id": "web-1", "text": "hi",}',
    "NaN": b'{"sender_id": "web-1", "text": NaN}',
    "null": b"null",
    "array": b'["web-1", "hi"]',
    "number": b"42",
    "string": b'"hi"',
    "boolean": b"true",
    "nested too deep": b"[" * 5000 + b"]" * 5000,
}


@pytest.mark.parametrize("body", CHAT_BODIES.values(), ids=CHAT_BODIES.keys())
def test_a_chat_body_that_is_no_message_is_refused(backend: Backend, body: bytes) -> None:
    backend.refuses(lambda: backend.client.post("/api/chat", content=body, headers=JSON), 400, 422)
    assert ("web-1", "hi") not in backend.rasa.received


CHAT_MESSAGES = {
    "no fields": {},
    "no text": {"sender_id": "web-1"},
    "no sender": {"text": "khai sinh"},
    "text a number": {"sender_id": "web-1", "text": 123},
    "text null": {"sender_id": "web-1", "text": None},
    "text a list": {"sender_id": "web-1", "text": ["khai", "sinh"]},
    "text an object": {"sender_id": "web-1", "text": {"$ne": ""}},
    "text true": {"sender_id": "web-1", "text": True},
    "text empty": {"sender_id": "web-1", "text": ""},
    "text spaces": {"sender_id": "web-1", "text": "   \t  "},
    "text too long": {"sender_id": "web-1", "text": "a" * 2001},
    "text too long in Vietnamese": {"sender_id": "web-1", "text": "ữ" * 2001},
    "text NUL": {"sender_id": "web-1", "text": "\x00"},
    "text with NUL": {"sender_id": "web-1", "text": "khai\x00sinh"},
    "text right-to-left override": {"sender_id": "web-1", "text": "khai sinh \u202egnol"},
    "text escape sequence": {"sender_id": "web-1", "text": "\x1b[31mđỏ"},
    "text lone surrogate": {"sender_id": "web-1", "text": "\ud800"},
    "text C1 control": {"sender_id": "web-1", "text": "khai\x85sinh"},
    "sender a number": {"sender_id": 5, "text": "hi"},
    "sender null": {"sender_id": None, "text": "hi"},
    "sender empty": {"sender_id": "", "text": "hi"},
    "sender with spaces": {"sender_id": "web 1", "text": "hi"},
    "sender path": {"sender_id": "../../etc/passwd", "text": "hi"},
    "sender markup": {"sender_id": "<script>alert(1)</script>", "text": "hi"},
    "sender SQL": {"sender_id": "x' OR '1'='1", "text": "hi"},
    "sender too long": {"sender_id": "w" * 129, "text": "hi"},
    "sender NUL": {"sender_id": "web\x00", "text": "hi"},
    "sender emoji": {"sender_id": "😀", "text": "hi"},
}


@pytest.mark.parametrize("message", CHAT_MESSAGES.values(), ids=CHAT_MESSAGES.keys())
def test_a_chat_message_that_breaks_the_rules_is_refused(backend: Backend, message: dict) -> None:
    raw = json.dumps(message).encode()  # json.dumps writes the lone surrogate as the escape \ud800
    received = len(backend.rasa.received)
    backend.refuses(lambda: backend.client.post("/api/chat", content=raw, headers=JSON), 422)
    assert len(backend.rasa.received) == received  # the bot never saw it


ODD_BUT_FINE = {
    "markup": '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "SQL": "'; DROP TABLE complaints; --",
    "SQL union": "1' UNION SELECT password_hash FROM users --",
    "template": "{{7*7}} ${7*7} {% raw %}",
    "emoji only": "😀🙏🏽👨‍👩‍👧‍👦🇻🇳",
    "mixed scripts": "Đăng ký khai sinh 出生登记 регистрация رجیستر जन्म",
    "decomposed diacritics": "khai sinh",
    "one very long word": "khaisinh" * 250,
    "zero-width characters": "khai\u200bsinh\u200d",
    "tabs and newlines": "khai sinh\n\tcần gì?\r\n",
    "right-to-left text": "مرحبا، أريد شهادة ميلاد",
}


@pytest.mark.parametrize("text", ODD_BUT_FINE.values(), ids=ODD_BUT_FINE.keys())
def test_odd_but_legitimate_text_reaches_the_bot_as_typed(backend: Backend, text: str) -> None:
    response = backend.client.post("/api/chat", json={"sender_id": "web-la", "text": text})
    assert response.status_code == 200, response.text
    assert response.json()["messages"][0]["text"].startswith("Hồ sơ gồm")
    assert backend.rasa.received[-1] == ("web-la", text.strip())
    backend.assert_healthy()


def test_a_megabyte_chat_message_is_refused_before_it_is_read(backend: Backend) -> None:
    body = json.dumps({"sender_id": "web-1", "text": "a" * ONE_MEGABYTE}).encode()
    backend.refuses(lambda: backend.client.post("/api/chat", content=body, headers=JSON), 413)


STAFF_MESSAGE_POLLS = {
    "after negative": "/api/chat/web-1/staff-messages?after=-1",
    "after a word": "/api/chat/web-1/staff-messages?after=abc",
    "after a float": "/api/chat/web-1/staff-messages?after=1.5",
    "after exponent": "/api/chat/web-1/staff-messages?after=1e3",
    "after past INTEGER": f"/api/chat/web-1/staff-messages?after={2**31}",
    "after past BIGINT": f"/api/chat/web-1/staff-messages?after={2**63}",
    "after huge": "/api/chat/web-1/staff-messages?after=" + "9" * 40,
    "sender with a space": "/api/chat/web%201/staff-messages",
    "sender markup": "/api/chat/%3Cscript%3E/staff-messages",
    "sender NUL": "/api/chat/web%00/staff-messages",
    "sender too long": "/api/chat/" + "w" * 129 + "/staff-messages",
    "sender traversal": "/api/chat/..%2F..%2Fetc/staff-messages",
}


@pytest.mark.parametrize("path", STAFF_MESSAGE_POLLS.values(), ids=STAFF_MESSAGE_POLLS.keys())
def test_a_bad_staff_messages_poll_is_refused(backend: Backend, path: str) -> None:
    backend.refuses(lambda: backend.client.get(path), 404, 422)


# ------------------------------------------------------------------------------------ static files, methods

TRAVERSALS = [
    b"/quan-ly/../../settings/__init__.py",
    b"/quan-ly/%2e%2e/%2e%2e/settings/__init__.py",
    b"/quan-ly/%2E%2E/%2E%2E/settings/__init__.py",
    b"/widget/..%2f..%2fpyproject.toml",
    b"/widget/%2e%2e%2f%2e%2e%2fpyproject.toml",
    b"/widget/..%5c..%5cpyproject.toml",
    b"/widget/..\\..\\pyproject.toml",
    b"/tong-dai/../../../webhook/app.py",
    b"/tong-dai/js/../../../../settings/keys.py",
    b"/widget-demo/....//....//pyproject.toml",
    b"/..",
    b"/../pyproject.toml",
    b"/%2e%2e/pyproject.toml",
    b"/../../../../../../etc/passwd",
    b"//etc/passwd",
    b"/%2fetc%2fpasswd",
    b"/widget//etc/passwd",
    b"/quan-ly//root/.bashrc",
    b"/widget/%00",
    b"/widget.js%00.html",
    b"/quan-ly/index.html%00.js",
    b"/quan-ly/%ff%fe",
    b"/.env",
    b"/.git/config",
    b"/../.git/HEAD",
    b"/widget/../../var/secret_key",
    b"/quan-ly/../../var/tro_ly_dvc.sqlite3",
]


@pytest.mark.parametrize("raw_path", TRAVERSALS, ids=[p.decode() for p in TRAVERSALS])
def test_no_path_reaches_a_file_outside_the_static_folder(backend: Backend, raw_path: bytes) -> None:
    before = backend.row_counts()
    status, content_type, content = backend.raw("GET", raw_path)
    assert status in (400, 404), (status, content[:200])
    assert_vietnamese(status, content_type, content)
    for secret in (b"[tool.ruff]", b"from __future__", b"root:", b"[core]", b"TLDVC", b"SQLite format"):
        assert secret not in content
    assert backend.row_counts() == before
    backend.assert_healthy()


PAGES = [
    "/",
    "/quan-ly/",
    "/tong-dai/",
    "/widget.js",
    "/widget/",
    "/widget-demo/",
    "/chat.js",
    "/quan-ly/index.html",
]
GET_ROUTES = ["/api/profile", "/health", "/health/live", "/api/auth/me", "/api/dashboard/choices"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "POST"])
@pytest.mark.parametrize("path", PAGES + GET_ROUTES)
def test_a_method_a_page_or_route_does_not_take_is_refused(backend: Backend, method: str, path: str) -> None:
    backend.refuses(lambda: backend.client.request(method, path, content=b"x"), 404, 405)
    assert backend.client.get(path).status_code in (200, 401)  # still served as before


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "PROPFIND", "FOO"])
def test_unknown_methods_are_refused(backend: Backend, method: str) -> None:
    backend.refuses(lambda: backend.client.request(method, "/"), 404, 405)
    backend.refuses(lambda: backend.client.request(method, "/api/chat"), 404, 405)


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_the_post_only_routes_refuse_other_methods(backend: Backend, method: str) -> None:
    for path in ("/api/chat", "/webhooks/zalo", "/api/auth/token", "/api/staff/complaints"):
        backend.refuses(lambda path=path: backend.client.request(method, path), 404, 405)


# ------------------------------------------------------------------------------------------ Zalo webhook


def _stale() -> dict:
    return zalo_event(age_ms=3_600_000, msg_id="stale-1")


ZALO_UNSIGNED_BODIES = {
    "empty": b"",
    "spaces": b"   ",
    "invalid UTF-8": b"\xff\xfe{",
    "not JSON": b"{not json",
    "array": b"[]",
    "null": b"null",
    "number": b"42",
    "no fields": b"{}",
    "no timestamp": json.dumps({"app_id": APP_ID, "event_name": "user_send_text"}).encode(),
    "timestamp a number": json.dumps({**zalo_event(), "timestamp": 1700000000000}).encode(),
    "timestamp words": json.dumps({**zalo_event(), "timestamp": "yesterday"}).encode(),
    "timestamp too long": json.dumps({**zalo_event(), "timestamp": "9" * 40}).encode(),
    "sender a string": json.dumps({**zalo_event(), "sender": CITIZEN}).encode(),
    "sender id empty": json.dumps({**zalo_event(), "sender": {"id": ""}}).encode(),
    "sender id too long": json.dumps({**zalo_event(), "sender": {"id": "1" * 65}}).encode(),
    "message a list": json.dumps({**zalo_event(), "message": ["hi"]}).encode(),
    "msg_id too long": json.dumps(zalo_event(msg_id="m" * 129)).encode(),
    "event name too long": json.dumps({**zalo_event(), "event_name": "e" * 65}).encode(),
}


@pytest.mark.parametrize("body", ZALO_UNSIGNED_BODIES.values(), ids=ZALO_UNSIGNED_BODIES.keys())
def test_what_is_no_zalo_event_is_refused(backend: Backend, body: bytes) -> None:
    backend.refuses(lambda: backend.zalo_post(body, "mac=" + "0" * 64), 400)


ZALO_FORGERIES = {
    "no signature": lambda: (signed(zalo_event(msg_id="f-1"))[0], None),
    "empty signature": lambda: (signed(zalo_event(msg_id="f-2"))[0], ""),
    "signed with another secret": lambda: signed(zalo_event(msg_id="f-3"), secret="not-the-secret"),
    "signature of another body": lambda: (
        signed(zalo_event("khác", msg_id="f-4"))[0],
        signed(zalo_event(msg_id="f-4"))[1],
    ),
    "signature without mac=": lambda: (
        signed(zalo_event(msg_id="f-5"))[0],
        signed(zalo_event(msg_id="f-5"))[1][4:],
    ),
    "signature upper case": lambda: (
        signed(zalo_event(msg_id="f-6"))[0],
        signed(zalo_event(msg_id="f-6"))[1].upper(),
    ),
    "signature garbage": lambda: (signed(zalo_event(msg_id="f-7"))[0], "mac=<script>"),
    "stale and signed": lambda: signed(_stale()),
    "from the future and signed": lambda: signed(zalo_event(age_ms=-3_600_000, msg_id="f-8")),
    "timestamp zero and signed": lambda: signed({**zalo_event(msg_id="f-9"), "timestamp": "0"}),
    "another app": lambda: signed({**zalo_event(msg_id="f-10"), "app_id": "someone-else"}),
}


@pytest.mark.parametrize("forge", ZALO_FORGERIES.values(), ids=ZALO_FORGERIES.keys())
def test_a_forged_or_stale_zalo_event_is_refused_and_not_processed(backend: Backend, forge) -> None:
    body, signature = forge()
    received = len(backend.rasa.received)
    backend.refuses(lambda: backend.zalo_post(body, signature), 401, 403)
    time.sleep(0.05)
    assert len(backend.rasa.received) == received and backend.zalo.texts_to(CITIZEN) == []


def test_a_megabyte_zalo_event_is_refused_before_it_is_read(backend: Backend) -> None:
    body, signature = signed(zalo_event("a" * ONE_MEGABYTE, msg_id="big-1"))
    backend.refuses(lambda: backend.zalo_post(body, signature), 413)


def test_a_replayed_event_is_answered_but_handled_once(backend: Backend) -> None:
    """Zalo sends an event again when it did not get a 200 in time, so a replay within the age limit is
    answered 200 "duplicate" (a 4xx would only make Zalo retry) and never reaches the bot a second time;
    once the timestamp is older than the limit, the same signed bytes are refused."""
    event = zalo_event("thủ tục kết hôn", msg_id="replay-1")
    body, signature = signed(event)
    # The fake Rasa serves the whole session: the SQLite run of this test already sent the same words.
    before = backend.rasa.received.count((CITIZEN, "thủ tục kết hôn"))
    first = backend.zalo_post(body, signature)
    assert first.status_code == 200 and first.json() == {"status": "accepted"}
    for _ in range(3):
        again = backend.zalo_post(body, signature)
        assert again.status_code == 200 and again.json() == {"status": "duplicate"}
    deadline = time.monotonic() + 10
    while backend.rasa.received.count((CITIZEN, "thủ tục kết hôn")) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    assert backend.rasa.received.count((CITIZEN, "thủ tục kết hôn")) == before + 1
    # The same event with a fresh timestamp but the old signature: the signature covers the timestamp.
    refreshed = json.dumps({**event, "timestamp": str(int(time.time() * 1000))}).encode()
    backend.refuses(lambda: backend.zalo_post(refreshed, signature), 401)
    # Replayed after the age limit (the timestamp checked is the signed one).
    old = zalo_event(
        "thủ tục kết hôn", msg_id="replay-1", age_ms=(backend.settings.zalo_event_max_age_seconds + 5) * 1000
    )
    backend.refuses(lambda: backend.zalo_post(*signed(old)), 403)


def test_a_signed_event_with_control_characters_is_taken_without_them(backend: Backend) -> None:
    body, signature = signed(zalo_event("khai\x00 sinh\u202e", msg_id="ctl-1"))
    response = backend.zalo_post(body, signature)
    assert response.status_code == 200 and response.json() == {"status": "accepted"}
    deadline = time.monotonic() + 10
    while (CITIZEN, "khai sinh") not in backend.rasa.received and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (CITIZEN, "khai sinh") in backend.rasa.received
    backend.assert_healthy()


def test_the_zalo_webhook_refuses_a_path_it_does_not_know(backend: Backend) -> None:
    backend.refuses(
        lambda: backend.client.post("/webhooks/zalo/../../api/chat", content=b"{}"), 404, 405, 422
    )
    backend.refuses(lambda: backend.client.post("/webhooks/zalo2", content=b"{}"), 404, 405)


def test_the_widget_files_are_still_served(backend: Backend) -> None:
    for path in PAGES:
        assert backend.client.get(path).status_code == 200, path
    assert "frame-ancestors" in backend.client.get("/widget/").headers["content-security-policy"]
