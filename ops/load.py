"""`python -m ops load`: a bounded load run through the whole product on loopback; where a turn's time goes.

It starts the product with its state in a temporary folder (the search index and the Rasa model are the
shared, already built ones), then for a fixed time drives N citizens chatting through the web-chat API, each
sending its next message as soon as the previous reply arrives, while hotline agents search the staff console.
It reports turns/s, latency percentiles and errors, the CPU each service spent per turn (the machine's cores
are the ceiling), and, on a quiet system afterwards, one conversation's turn split into gateway, Rasa NLU,
Rasa policies and actions.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import secrets
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ops.isolated import free_port, isolated_settings, running_product
from ops.services import RunningServices
from settings import Settings

# What citizens ask, in their own chat style: a conversation is one of these, sent turn after turn.
CONVERSATIONS = [
    ["xin chào", "làm giấy khai sinh cho con cần giấy tờ gì", "lệ phí bao nhiêu", "cảm ơn"],
    ["cap lai cccd bi mat o dau", "mất bao lâu", "nộp online được không"],
    ["đăng ký thường trú cần những gì", "có làm online được không", "ok cảm ơn nhé"],
    ["tôi muốn phản ánh hồ sơ bị trễ hẹn", "thôi", "tra cứu PA-ABC1234"],
    ["cho hỏi thủ tục đăng ký kết hôn", "bao lâu thì có", "lệ phí"],
    ["xin trợ cấp thất nghiệp ở đâu", "cần mang theo gì"],
]
AGENT_QUESTIONS = ["cấp đổi giấy phép lái xe", "dang ky khai tu", "chứng thực bản sao", "sang tên sổ đỏ",
                   "đăng ký hộ kinh doanh", "xin giấy phép xây dựng nhà ở"]  # fmt: skip
AGENT_THINK_S = 1.0  # an agent types, the console waits for a pause, then searches
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its waited-for children, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / TICKS


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def citizen(client: httpx.AsyncClient, number: int, deadline: float, tally: Tally) -> None:
    for run in itertools.count():
        sender = f"load-{number}-{run}"
        for text in CONVERSATIONS[(number + run) % len(CONVERSATIONS)]:
            if time.monotonic() >= deadline:
                return
            started = time.perf_counter()
            try:
                response = await client.post("/api/chat", json={"sender_id": sender, "text": text})
            except httpx.HTTPError as error:
                tally.errors[type(error).__name__] += 1
                continue
            if response.status_code == 200:
                tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            else:
                tally.errors[f"HTTP {response.status_code}"] += 1


async def agent(client: httpx.AsyncClient, token: str, deadline: float, tally: Tally) -> None:
    for question in itertools.cycle(AGENT_QUESTIONS):
        if time.monotonic() >= deadline:
            return
        started = time.perf_counter()
        try:
            response = await client.get(
                "/api/staff/suggestions", params={"q": question}, headers={"Authorization": f"Bearer {token}"}
            )
        except httpx.HTTPError as error:
            tally.errors[type(error).__name__] += 1
        else:
            if response.status_code == 200:
                tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            else:
                tally.errors[f"HTTP {response.status_code}"] += 1
        await asyncio.sleep(AGENT_THINK_S)


async def drive(url: str, token: str, conversations: int, agents: int, seconds: float) -> tuple[Tally, Tally]:
    chats, searches = Tally(), Tally()
    limits = httpx.Limits(max_connections=conversations + agents)
    async with httpx.AsyncClient(base_url=url, timeout=30.0, limits=limits) as client:
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(citizen(client, n, deadline, chats) for n in range(conversations)),
            *(agent(client, token, deadline, searches) for _ in range(agents)),
        )
    return chats, searches


def sign_in(url: str, username: str, password: str) -> str:
    response = httpx.post(f"{url}/api/auth/token", data={"username": username, "password": password})
    response.raise_for_status()
    return response.json()["access_token"]


def warm_up(url: str, token: str) -> None:
    """One turn of each conversation and one staff search, so no lazy loading is measured."""
    with httpx.Client(base_url=url, timeout=120.0) as client:
        for number, turns in enumerate(CONVERSATIONS):
            client.post(
                "/api/chat", json={"sender_id": f"warm-{number}", "text": turns[0]}
            ).raise_for_status()
        client.get("/api/staff/suggestions", params={"q": AGENT_QUESTIONS[0]},
                   headers={"Authorization": f"Bearer {token}"}).raise_for_status()  # fmt: skip


def turn_split(url: str, rasa_url: str, rounds: int = 3) -> dict[str, float]:
    """Mean ms of a turn, one at a time: through the gateway, to Rasa alone, to Rasa's NLU alone."""
    totals: Counter[str] = Counter()
    turns = 0
    with httpx.Client(timeout=60.0) as client:
        for run, (number, texts) in itertools.product(range(rounds), enumerate(CONVERSATIONS)):
            for text in texts:
                requests = {
                    "gateway": (f"{url}/api/chat", {"sender_id": f"split-g-{run}-{number}", "text": text}),
                    "rasa": (
                        f"{rasa_url}/webhooks/rest/webhook",
                        {"sender": f"split-r-{run}-{number}", "message": text},
                    ),
                    "nlu": (f"{rasa_url}/model/parse", {"text": text}),
                }
                for part, (address, body) in requests.items():
                    started = time.perf_counter()
                    client.post(address, json=body).raise_for_status()
                    totals[part] += (time.perf_counter() - started) * 1000
                turns += 1
    return {part: total / turns for part, total in totals.items()}


def summary(tally: Tally) -> str:
    errors = sum(tally.errors.values())
    return (
        f"p50 / p95 / p99 {tally.percentile(0.5):.0f} / {tally.percentile(0.95):.0f} / "
        f"{tally.percentile(0.99):.0f} ms; errors: {errors}{f' {dict(tally.errors)}' if errors else ''}"
    )


def report(
    chats: Tally, searches: Tally, seconds: float, cpu: dict[str, float], split: dict[str, float]
) -> None:
    turns = len(chats.latencies_ms)
    print(f"\nweb-chat turns: {turns} in {seconds:.0f} s = {turns / seconds:.1f} turns/s; {summary(chats)}")
    print(f"staff-console searches: {len(searches.latencies_ms)}; {summary(searches)}")
    print("CPU per web-chat turn, by service (staff searches included; the machine's cores bound the sum):")
    for name, used in cpu.items():
        share = used / seconds * 100
        print(f"  {name:<14} {used / max(turns, 1) * 1000:6.1f} ms   ({share:.0f} % of one core)")
    nlu, rasa, gateway = split["nlu"], split["rasa"], split["gateway"]
    print(
        f"one conversation at a time, mean per turn: {gateway:.0f} ms through the gateway = "
        f"{gateway - rasa:.0f} gateway and its database + {rasa:.0f} Rasa "
        f"({nlu:.0f} NLU + {rasa - nlu:.0f} policies, actions, tracker store)"
    )


def run(conversations: int, agents: int, seconds: float, rasa_instances: int) -> None:
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="tldvc-load-") as state:
        settings: Settings = isolated_settings(
            Path(state),
            first_manager_username="load-manager",
            first_manager_password=password,
            # Every simulated citizen writes from 127.0.0.1: as one address they would pass the per-address
            # limit at once. The per-sender limit stays as deployed.
            chat_limit_per_client="1000000/1 minute",
            rasa_urls=",".join(f"http://127.0.0.1:{free_port()}" for _ in range(rasa_instances)),
        )
        print(f"Starting the product (state in {state}) …", flush=True)
        with running_product(settings) as services:
            url = f"http://127.0.0.1:{settings.gateway_port}"
            token = sign_in(url, "load-manager", password)
            warm_up(url, token)
            print(f"{conversations} citizens and {agents} hotline agents for {seconds:.0f} s …", flush=True)
            before = service_cpu(services)
            started = time.monotonic()
            chats, searches = asyncio.run(drive(url, token, conversations, agents, seconds))
            elapsed = time.monotonic() - started
            cpu = {name: used - before[name] for name, used in service_cpu(services).items()}
            report(chats, searches, elapsed, cpu, turn_split(url, settings.rasa_instance_urls[0]))


def service_cpu(services: RunningServices) -> dict[str, float]:
    return {name: cpu_seconds(process.pid) for name, process in services.processes.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ops load", description=__doc__)
    parser.add_argument("--conversations", type=int, default=8, help="citizens chatting at once (default 8)")
    parser.add_argument("--agents", type=int, default=2, help="hotline agents searching at once (default 2)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to drive the load (default 60)")
    parser.add_argument("--rasa", type=int, default=1, help="Rasa instances, conversations pinned by sender")
    args = parser.parse_args(argv)
    run(args.conversations, args.agents, args.seconds, args.rasa)
