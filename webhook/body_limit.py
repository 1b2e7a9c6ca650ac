"""A cap on the size of request bodies, before any route reads one: 413 with a Vietnamese `detail`.

Pure ASGI, so it sees the body as it arrives: a Content-Length over the cap is refused before a byte is
read, and a body sent without one (chunked) is counted as it comes and refused once it passes the cap. A
body within the cap is kept and handed to the app as one piece.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def _kib(limit: int) -> str:
    return f"{limit / 1024:.0f} KB" if limit >= 1024 else f"{limit} byte"


class BodySizeLimit:
    """Refuses a request whose body is longer than `limit` bytes, or `limits[path]` for those paths."""

    def __init__(self, app: ASGIApp, limit: int, limits: dict[str, int] | None = None) -> None:
        self.app, self.limit, self.limits = app, limit, limits or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.limit)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            await self._refuse(send, limit)
            return
        chunks: list[bytes] = []
        size, message = 0, await receive()
        while message["type"] == "http.request":  # else the client went away: the app sees that
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                await self._refuse(send, limit)
                return
            if not message.get("more_body", False):
                break
            message = await receive()
        await self.app(scope, _replay(b"".join(chunks), message, receive), send)

    @staticmethod
    async def _refuse(send: Send, limit: int) -> None:
        body = json.dumps(
            {"detail": f"Nội dung gửi lên quá lớn: tối đa {_kib(limit)}. Vui lòng rút gọn rồi gửi lại."},
            ensure_ascii=False,
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, last: Message, receive: Receive) -> Receive:
    """A receive that gives the app the whole body read so far, then whatever the client sends next."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        if last["type"] != "http.request":
            return last  # a disconnect before the body was complete
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
