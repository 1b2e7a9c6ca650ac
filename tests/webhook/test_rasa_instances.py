"""The backend's several Rasa instances (webhook/rasa_instances.py), against fakes of Rasa's REST channel
served on loopback, and a port nothing listens on for an instance that is down."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Iterator

import pytest

from tests.browser.servers import FakeRasa, ServerThread, free_port
from webhook.rasa_client import RasaUnavailable
from webhook.rasa_instances import RasaInstances, preference

SENDERS = [f"citizen-{i}" for i in range(3000)]


@pytest.fixture
def fakes() -> Iterator[list[FakeRasa]]:
    fakes = [FakeRasa(), FakeRasa()]
    with ServerThread(fakes[0].app()) as first, ServerThread(fakes[1].app()) as second:
        fakes[0].url, fakes[1].url = first.url, second.url
        yield fakes


def _closed_url() -> str:
    return f"http://127.0.0.1:{free_port()}"


def _sender_pinned_to(index: int, urls: list[str]) -> str:
    return next(s for s in (uuid.uuid4().hex for _ in range(1000)) if preference(s, urls)[0] == index)


def test_conversations_spread_evenly_and_only_a_removed_instance_moves_its_own():
    urls = [f"http://rasa-{i}.internal:5005" for i in range(4)]
    pinned = {sender: urls[preference(sender, urls)[0]] for sender in SENDERS}
    shares = Counter(pinned.values())
    assert all(0.2 < shares[url] / len(SENDERS) < 0.3 for url in urls), shares
    fewer = urls[:2] + urls[3:]
    moved = [s for s in SENDERS if pinned[s] != fewer[preference(s, fewer)[0]]]
    assert moved and all(pinned[s] == urls[2] for s in moved)
    assert preference("citizen-7", urls) == preference("citizen-7", list(urls))  # same in every backend


def test_each_conversation_stays_on_its_own_instance(fakes: list[FakeRasa]):
    urls = [fake.url for fake in fakes]
    instances = RasaInstances(urls)
    senders = [_sender_pinned_to(0, urls), _sender_pinned_to(1, urls)]

    async def chat() -> None:
        for turn in range(3):
            for sender in senders:
                assert await instances.send(sender, f"câu {turn}")
        await instances.aclose()

    asyncio.run(chat())
    assert [sender for sender, _ in fakes[0].received] == [senders[0]] * 3
    assert [sender for sender, _ in fakes[1].received] == [senders[1]] * 3


def test_a_conversation_moves_on_while_its_instance_cannot_be_reached(fakes: list[FakeRasa]):
    urls = [_closed_url(), fakes[1].url]
    instances = RasaInstances(urls)
    sender = _sender_pinned_to(0, urls)

    async def chat() -> tuple[list[str], str]:
        replies = [(await instances.send(sender, f"câu {turn}"))[0].text or "" for turn in range(2)]
        health = await instances.health()
        await instances.aclose()
        return replies, f"{health.status} {health.detail}"

    replies, health = asyncio.run(chat())
    assert all(reply.startswith("Hồ sơ gồm") for reply in replies)
    assert fakes[1].received == [(sender, "câu 0"), (sender, "câu 1")]
    assert health.startswith("ok 1/2 up.") and f"{urls[0]}: down" in health


def test_a_message_an_instance_received_is_never_sent_to_another(fakes: list[FakeRasa]):
    """It may have acted on it (filed a complaint) before failing: the backend answers the limited way."""
    urls = [fake.url for fake in fakes]
    fakes[0].down = True  # answers 500: it got the message
    instances = RasaInstances(urls)
    sender = _sender_pinned_to(0, urls)

    async def send() -> None:
        try:
            await instances.send(sender, "nộp phản ánh")
        finally:
            await instances.aclose()

    with pytest.raises(RasaUnavailable) as failure:
        asyncio.run(send())
    assert failure.value.received and fakes[1].received == []


def test_reading_a_transcript_falls_over_on_any_failure(fakes: list[FakeRasa]):
    urls = [fake.url for fake in fakes]
    sender = _sender_pinned_to(0, urls)
    fakes[1].trackers[sender] = [{"event": "user", "timestamp": 1.0, "text": "xin chào"}]
    fakes[0].down = True
    instances = RasaInstances(urls)

    async def read() -> list[str]:
        lines = await instances.transcript(sender)
        await instances.aclose()
        return [line.text for line in lines]

    assert asyncio.run(read()) == ["xin chào"]


def test_no_instance_reachable_is_rasa_unavailable_and_down():
    instances = RasaInstances([_closed_url(), _closed_url()])

    async def chat() -> str:
        try:
            with pytest.raises(RasaUnavailable) as failure:
                await instances.send("citizen", "xin chào")
            assert not failure.value.received
            return (await instances.health()).status
        finally:
            await instances.aclose()

    assert asyncio.run(chat()) == "down"
