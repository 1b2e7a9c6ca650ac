"""Zalo's OA API: consultation messages out, and the access token refreshed when it expires."""

from __future__ import annotations

import logging

import httpx
from tenacity import (
    AsyncRetrying,
    before_sleep_log,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from storage import ChannelStore

logger = logging.getLogger(__name__)

TOKEN_EXPIRED = -216


class ZaloApiError(RuntimeError):
    """The platform refused the request (a non-zero `error`)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"Zalo API error {code}: {message}")
        self.code = code


class ZaloUnreachable(RuntimeError):
    """The platform did not answer, or answered with a server error: worth another try."""


class ZaloClient:
    def __init__(
        self,
        *,
        api_url: str,
        oauth_url: str,
        app_id: str,
        app_secret_key: str,
        store: ChannelStore,
        attempts: int = 4,
        timeout_s: float = 10.0,
    ) -> None:
        self._http = httpx.AsyncClient(timeout=timeout_s)
        self._api_url, self._oauth_url = api_url.rstrip("/"), oauth_url.rstrip("/")
        self._app_id, self._app_secret_key = app_id, app_secret_key
        self._store = store
        self._attempts = attempts

    async def send_text(self, user_id: str, text: str) -> None:
        """Send one consultation message, retrying with backoff when the platform is unreachable and
        refreshing the token once when it has expired. Raises when it finally fails."""
        async for attempt in AsyncRetrying(
            retry=retry_if_exception_type(ZaloUnreachable),
            stop=stop_after_attempt(self._attempts),
            wait=wait_exponential(multiplier=0.5, max=8),
            before_sleep=before_sleep_log(logger, logging.WARNING),
            reraise=True,
        ):
            with attempt:
                try:
                    await self._post_message(user_id, text)
                except ZaloApiError as error:
                    if error.code != TOKEN_EXPIRED:
                        raise
                    await self.refresh_tokens()
                    await self._post_message(user_id, text)

    async def _post_message(self, user_id: str, text: str) -> None:
        tokens = self._store.tokens()
        if tokens is None:
            raise ZaloApiError(TOKEN_EXPIRED, "no access token configured")
        body = {"recipient": {"user_id": user_id}, "message": {"text": text}}
        data = await self._call(
            "POST",
            f"{self._api_url}/v3.0/oa/message/cs",
            headers={"access_token": tokens.access_token},
            json=body,
        )
        if data.get("error", 0) != 0:
            raise ZaloApiError(int(data["error"]), str(data.get("message", "")))

    async def refresh_tokens(self) -> None:
        """Trade the refresh token for a new pair and keep both: each refresh token works once."""
        tokens = self._store.tokens()
        if tokens is None:
            raise ZaloApiError(TOKEN_EXPIRED, "no refresh token configured")
        data = await self._call(
            "POST",
            f"{self._oauth_url}/v4/oa/access_token",
            headers={"secret_key": self._app_secret_key},
            data={
                "refresh_token": tokens.refresh_token,
                "app_id": self._app_id,
                "grant_type": "refresh_token",
            },
        )
        if "access_token" not in data or "refresh_token" not in data:
            raise ZaloApiError(int(data.get("error", -1)), str(data.get("message", "token refresh refused")))
        self._store.save_tokens(data["access_token"], data["refresh_token"])
        logger.info("Zalo access token refreshed")

    async def _call(self, method: str, url: str, **kwargs: object) -> dict:
        try:
            response = await self._http.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as error:
            raise ZaloUnreachable(str(error) or type(error).__name__) from error
        if response.status_code >= 500:
            raise ZaloUnreachable(f"HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError as error:
            raise ZaloUnreachable(f"unreadable answer (HTTP {response.status_code})") from error

    async def aclose(self) -> None:
        await self._http.aclose()
