"""The web widget's framing rule: which sites' pages may show the chat panel /widget/ in their widget.

widget.js (served from static/) puts a launcher on the host page and the chat in an iframe of /widget/, so
the chat talks to this backend from its own origin: no CORS, and the host page's styles and scripts cannot
reach into the conversation. This header is what limits the host pages.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from settings import Settings

Next = Callable[[Request], Awaitable[Response]]

WIDGET_PANEL = "/widget/"
# With no origin configured: this backend's own pages (the demo) and pages the browser loads from loopback
# (local development). A deployment names the province's sites.
LOOPBACK = ("http://127.0.0.1:*", "http://localhost:*")


def frame_ancestors(origins: list[str]) -> str:
    if "*" in origins:
        return "frame-ancestors *"
    return " ".join(["frame-ancestors", "'self'", *(origins or LOOPBACK)])


def install_widget_framing(app: FastAPI, settings: Settings) -> None:
    policy = frame_ancestors(settings.widget_origins)

    @app.middleware("http")
    async def widget_framing(request: Request, call_next: Next) -> Response:
        response = await call_next(request)
        if request.scope["path"].startswith(WIDGET_PANEL):
            response.headers["Content-Security-Policy"] = policy
        return response
