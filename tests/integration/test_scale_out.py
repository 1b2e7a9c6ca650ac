"""Scale-out on the engines we already run: two real Rasa servers share their conversations through Rasa's
SQL tracker store on PostgreSQL and its Redis lock store, with one action server and the complaints on the
same PostgreSQL. A complaint form started on one Rasa is finished on the other, turn by turn, and then
through the backend (TLDVC_RASA_URLS) after the conversation's own Rasa has been stopped; each complaint is
stored once. PostgreSQL and Redis are Debian's packages: a database of its own in the test cluster
(scripts/start_test_postgres.sh), a Redis started here. Two Rasa loads: a few minutes and about 3 GB.
`pytest -m scale_out` runs only this module.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import create_engine, text

from ops.isolated import free_port
from ops.services import RunningServices, product_services, rasa_service
from ops.training import ensure_trained_model
from settings import Settings
from storage import upgrade_database_at
from tests.conftest import ALWAYS_STAFFED
from tests.databases import scratch_postgres_database
from tests.integration.conftest import gateway_url
from tests.redis_server import redis_command, redis_server
from webhook.rasa_instances import preference

pytestmark = [pytest.mark.integration, pytest.mark.scale_out]

OPENING = "phản ánh cán bộ né tránh không trả lời"
# The complaint form's questions, answered as tests/integration/test_complaint_loop.py does, then consent
# and the read-back's confirmation (buttons).
ANSWERS = ["không rõ", "không có", "UBND xã Mỹ Hạnh", "không nhớ", "không có", "hỏi ba lần đều bảo chờ",
           "Trần Thị Mai", "0987 654 321"]  # fmt: skip
BUTTONS = ["Đồng ý", "Đúng, gửi đi"]
REFERENCE_CODE = re.compile(r"PA-[A-Z0-9]{7}")
SHARED = ["action_server_url", "gateway_port", "database_url", "secret_key_file", "pseudonym_key_file",
          "rasa_tracker_store_url", "rasa_lock_store_url", "rasa_urls"]  # fmt: skip


@dataclass(frozen=True)
class Cluster:
    services: RunningServices
    rasa_urls: list[str]  # rasa_a, rasa_b
    gateway: str
    database_url: str
    redis_port: int


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    state = tmp_path_factory.mktemp("scale_out")
    with scratch_postgres_database() as database_url, redis_server(state / "redis") as redis_url:
        rasa_urls = [f"http://127.0.0.1:{free_port()}" for _ in range(2)]
        settings = Settings(
            rasa_url=rasa_urls[0],
            rasa_urls=",".join(rasa_urls),
            action_server_url=f"http://127.0.0.1:{free_port()}",
            gateway_port=free_port(),
            database_url=database_url,
            secret_key_file=state / "secret_key",
            pseudonym_key_file=state / "pseudonym_key",
            rasa_tracker_store_url=database_url,
            rasa_lock_store_url=redis_url,
        )
        upgrade_database_at(database_url)
        model = ensure_trained_model()
        # The product's own Rasa servers are replaced by two named for the test.
        services = [s for s in product_services(settings, model) if not s.name.startswith("rasa")]
        for name, url in zip(("rasa_a", "rasa_b"), rasa_urls, strict=True):
            services.append(rasa_service(settings.model_copy(update={"rasa_url": url}), model, name))
        env = {f"TLDVC_{name.upper()}": str(getattr(settings, name)) for name in SHARED} | ALWAYS_STAFFED
        running = RunningServices(services, env=env)
        running.start()
        try:
            running.wait_healthy(timeout_s=600.0)  # two Rasa loads on a shared machine
            yield Cluster(
                running, rasa_urls, gateway_url(settings), database_url, urlsplit(redis_url).port or 0
            )
        finally:
            running.stop()


def _say_to(rasa_url: str, sender_id: str, text: str) -> tuple[str, list[dict[str, str]]]:
    """One turn straight to that Rasa's REST channel: the bot's text and its buttons."""
    response = httpx.post(
        f"{rasa_url}/webhooks/rest/webhook",
        json={"sender": sender_id, "message": text, "input_channel": "web"},
        timeout=60.0,
    )
    response.raise_for_status()
    messages = response.json()
    return (
        "\n".join(message["text"] for message in messages if message.get("text")),
        [button for message in messages for button in message.get("buttons", [])],
    )


def _say_through(gateway: str, sender_id: str, text: str) -> tuple[str, list[dict[str, str]]]:
    """One turn through the backend's chat API, answered by the bot (not by the limited service)."""
    response = httpx.post(f"{gateway}/api/chat", json={"sender_id": sender_id, "text": text}, timeout=60.0)
    response.raise_for_status()
    body = response.json()
    assert not body["limited"], body
    return (
        "\n".join(message["text"] for message in body["messages"] if message["text"]),
        [button for message in body["messages"] for button in message["buttons"]],
    )


def _payload(buttons: list[dict[str, str]], title: str) -> str:
    return next(button["payload"] for button in buttons if button["title"] == title)


def _stored_complaints(database_url: str, sender_id: str) -> list[tuple[str, str, str, str]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT reference_code, agency, citizen_name, phone FROM complaints WHERE sender_id = :s"
                ),
                {"s": sender_id},
            )
            return [tuple(row) for row in rows]
    finally:
        engine.dispose()


def _tracker_events(rasa_url: str, sender_id: str) -> list[dict[str, object]]:
    response = httpx.get(f"{rasa_url}/conversations/{sender_id}/tracker", params={"include_events": "ALL"})
    response.raise_for_status()
    return response.json()["events"]


def _redis_calls(port: int) -> int:
    """How many commands Redis has run: Rasa's lock store reads and writes a lock at every message."""
    stats = redis_command(port, "INFO", "commandstats")
    return sum(int(calls) for calls in re.findall(r"^cmdstat_\w+:calls=(\d+)", stats, re.MULTILINE))


def test_a_complaint_form_goes_on_turn_by_turn_across_two_rasa_instances(cluster: Cluster):
    sender_id = f"scale-{uuid.uuid4().hex[:10]}"
    redis_before = _redis_calls(cluster.redis_port)
    turns = [OPENING, *ANSWERS]
    for turn, words in enumerate(turns):  # even turns on rasa_a, odd ones on rasa_b
        reply, buttons = _say_to(cluster.rasa_urls[turn % 2], sender_id, words)
    for title in BUTTONS:
        turns.append(_payload(buttons, title))
        reply, buttons = _say_to(cluster.rasa_urls[(len(turns) - 1) % 2], sender_id, turns[-1])

    code = REFERENCE_CODE.search(reply)
    assert code, reply
    assert _stored_complaints(cluster.database_url, sender_id) == [
        (code[0], "UBND xã Mỹ Hạnh", "Trần Thị Mai", "0987654321")
    ]
    # Both instances read the one conversation from PostgreSQL; every turn is in it, whoever handled it.
    events_a, events_b = (_tracker_events(url, sender_id) for url in cluster.rasa_urls)
    assert events_a == events_b
    assert [event["text"] for event in events_a if event["event"] == "user"] == turns
    assert _redis_calls(cluster.redis_port) > redis_before + len(turns)


def test_two_messages_at_once_on_two_instances_are_taken_one_after_the_other(cluster: Cluster):
    """The Redis lock store: without it each instance would read the same tracker and one of the two turns
    would be lost when both write it back."""
    sender_id = f"scale-{uuid.uuid4().hex[:10]}"
    _say_to(cluster.rasa_urls[0], sender_id, "xin chào")
    messages = ["làm giấy khai sinh cần gì", "đăng ký kết hôn ở đâu"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        replies = list(pool.map(_say_to, cluster.rasa_urls, [sender_id] * 2, messages))
    assert all(text for text, _ in replies), replies

    events = _tracker_events(cluster.rasa_urls[1], sender_id)
    users = [i for i, event in enumerate(events) if event["event"] == "user"]
    assert sorted(events[i]["text"] for i in users[1:]) == sorted(messages)
    # Each turn answered before the next one began: a bot reply after every user message, in one thread.
    assert all(
        any(event["event"] == "bot" for event in events[start:end])
        for start, end in zip(users, [*users[1:], len(events)], strict=True)
    ), [(event["event"], event.get("text")) for event in events]


def test_the_backend_moves_a_conversation_to_the_other_rasa_when_its_own_stops(cluster: Cluster):
    # A sender the backend pins to rasa_a, so that stopping rasa_a is what moves the conversation.
    sender_id = next(
        sender
        for sender in (f"scale-{uuid.uuid4().hex[:10]}" for _ in range(100))
        if preference(sender, cluster.rasa_urls)[0] == 0
    )
    _say_through(cluster.gateway, sender_id, OPENING)
    for answer in ANSWERS[:4]:
        _say_through(cluster.gateway, sender_id, answer)
    events_before = len(_tracker_events(cluster.rasa_urls[1], sender_id))

    cluster.services.stop_one("rasa_a")
    health = httpx.get(f"{cluster.gateway}/health", timeout=30.0).json()["services"]["rasa"]
    assert health["status"] == "ok" and health["detail"].startswith("1/2 up"), health

    for answer in ANSWERS[4:]:
        reply, buttons = _say_through(cluster.gateway, sender_id, answer)
    for title in BUTTONS:
        reply, buttons = _say_through(cluster.gateway, sender_id, _payload(buttons, title))

    code = REFERENCE_CODE.search(reply)
    assert code, reply
    assert _stored_complaints(cluster.database_url, sender_id) == [
        (code[0], "UBND xã Mỹ Hạnh", "Trần Thị Mai", "0987654321")
    ]
    # rasa_b answered the second half of the form in the conversation rasa_a began: one tracker, grown.
    assert len(_tracker_events(cluster.rasa_urls[1], sender_id)) > events_before
