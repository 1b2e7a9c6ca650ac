"""How often one sender or one client may write to the bot or fail to sign in (README: "Limits").

Moving windows from the maintained `limits` library: a request is allowed while fewer than N were allowed in
the last window, so there is no clock boundary to burst across. A refused request is not counted. The counts
live in the storage the settings name: memory:// is this process's own, so several backends behind a load
balancer need a shared one (redis://…), or each would allow the full amount.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import yaml
from fastapi import HTTPException, Request, status
from limits import RateLimitItem, parse_many
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from settings import Settings
from storage.fields import LINE_MAX


class Scope(StrEnum):
    """Whose limit a request passed: it decides the words of the refusal (refusals.yml)."""

    SENDER = "sender"  # one conversation (web sender id, Zalo user) or one username
    CLIENT = "client"  # one network address, which many people may share


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_s: int = 0  # whole seconds until the request would be allowed again
    scope: Scope | None = None
    limit: RateLimitItem | None = None  # the exhausted limit that frees up last


ALLOWED = Verdict(allowed=True)
# (limits, whose, (namespace, identifier)): one counter per limit and identifier.
Check = tuple[list[RateLimitItem], Scope, tuple[str, str]]


def async_storage_url(url: str) -> str:
    """The settings name a storage as one would anywhere (memory://, redis://…); the library's async flavour
    of it is spelt async+memory://."""
    return url if url.startswith("async+") else f"async+{url}"


class RateLimits:
    def __init__(self, settings: Settings) -> None:
        storage = storage_from_string(async_storage_url(settings.rate_limit_storage_url))
        self._limiter = MovingWindowRateLimiter(storage)
        self._chat_sender = parse_many(settings.chat_limit_per_sender)
        self._chat_client = parse_many(settings.chat_limit_per_client)
        self._sign_in_username = parse_many(settings.sign_in_limit_per_username)
        self._sign_in_client = parse_many(settings.sign_in_limit_per_client)

    async def chat(self, sender_id: str, client: str | None) -> Verdict:
        """Counts a web-chat message, unless its sender or its client address is past a limit."""
        return await self._take(
            [
                (self._chat_sender, Scope.SENDER, ("chat-sender", sender_id)),
                *self._client_check(self._chat_client, "chat-client", client),
            ]
        )

    async def zalo(self, sender_id: str) -> Verdict:
        """Counts a Zalo citizen's event, unless they are past the per-sender limit (every event comes from
        Zalo's servers, so there is no client address of the citizen's own)."""
        return await self._take([(self._chat_sender, Scope.SENDER, ("zalo-sender", sender_id))])

    async def zalo_notice_due(self, sender_id: str, refused: Verdict) -> bool:
        """Whether a refused Zalo citizen should be told now: once per window of the limit they passed."""
        if refused.limit is None:
            return False
        once = type(refused.limit)(1, refused.limit.multiples)
        return await self._limiter.hit(once, "zalo-notice", sender_id, str(refused.limit))

    async def sign_in_blocked(self, username: str, client: str | None) -> Verdict:
        """Refused when the username or the client failed to sign in too often lately, right password or not:
        otherwise guessing would just go on."""
        return await self._check(self._sign_in_checks(username, client))

    async def sign_in_failed(self, username: str, client: str | None) -> None:
        """Counts a failed sign-in (a successful one is not counted: a team behind one address signs in at
        the start of a shift)."""
        for limits, _, key in self._sign_in_checks(username, client):
            for limit in limits:
                await self._limiter.hit(limit, *key)

    def _sign_in_checks(self, username: str, client: str | None) -> list[Check]:
        # Cut: the key is kept in the storage, and no account has a longer name.
        return [
            (self._sign_in_username, Scope.SENDER, ("sign-in-username", username[: LINE_MAX + 1])),
            *self._client_check(self._sign_in_client, "sign-in-client", client),
        ]

    @staticmethod
    def _client_check(limits: list[RateLimitItem], namespace: str, client: str | None) -> list[Check]:
        # No address (a Unix socket without a proxy's forwarded headers): nothing to tell clients apart by.
        return [(limits, Scope.CLIENT, (namespace, client))] if client else []

    async def _take(self, checks: list[Check]) -> Verdict:
        verdict = await self._check(checks)
        if not verdict.allowed:
            return verdict
        for limits, _, key in checks:
            for limit in limits:
                if not await self._limiter.hit(limit, *key):
                    # Another request took the last place since the check (a shared storage).
                    return await self._check(checks)
        return ALLOWED

    async def _check(self, checks: list[Check]) -> Verdict:
        refused = ALLOWED
        for limits, scope, key in checks:
            for limit in limits:
                if await self._limiter.test(limit, *key):
                    continue
                stats = await self._limiter.get_window_stats(limit, *key)
                wait_s = max(1, math.ceil(stats.reset_time - time.time()))
                if wait_s > refused.retry_after_s:
                    refused = Verdict(allowed=False, retry_after_s=wait_s, scope=scope, limit=limit)
        return refused


@lru_cache(maxsize=1)
def refusal_texts() -> dict[str, str]:
    return yaml.safe_load(Path(__file__).with_name("refusals.yml").read_text(encoding="utf-8"))


def refusal(name: str, verdict: Verdict, **fields: str) -> str:
    """The words of refusal `name` (refusals.yml) for this verdict, its wait in seconds or minutes."""
    texts, seconds = refusal_texts(), verdict.retry_after_s
    wait = (
        texts["seconds"].format(n=seconds)
        if seconds < 60
        else texts["minutes"].format(n=math.ceil(seconds / 60))
    )
    return texts[name].format(wait=wait, **fields)


def too_many_requests(name: str, verdict: Verdict) -> HTTPException:
    """429 with Retry-After and the refusal's words as the `detail` the web pages show."""
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS,
        refusal(name, verdict),
        headers={"Retry-After": str(verdict.retry_after_s)},
    )


def client_address(request: Request) -> str | None:
    """The address the request came from; behind a proxy, uvicorn takes it from X-Forwarded-For only for the
    proxies --forwarded-allow-ips names, else every citizen would be the proxy."""
    return request.client.host if request.client else None
