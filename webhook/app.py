"""FastAPI gateway: channels in, Rasa behind. `uvicorn webhook.app:create_app --factory`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from knowledge_base.loader import load_profile
from settings import Settings, get_settings
from text_matching import install_log_scrubbing
from webhook.rasa_client import RasaClient
from webhook.routes import chat, health, profile

# The citizen's web chat: plain HTML, CSS and JS, served as they are (no build step, nothing external).
WEB_CHAT_DIR = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    install_log_scrubbing()  # uvicorn has configured its logging by the time it calls this factory

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.profile = load_profile(settings.province_dir)
        app.state.rasa = RasaClient(settings.rasa_url)
        yield
        await app.state.rasa.aclose()

    app = FastAPI(title="Trợ lý Dịch vụ công", version="0.1.0", lifespan=lifespan)
    app.include_router(chat.router)
    app.include_router(profile.router)
    app.include_router(health.router)
    # Mounted last: every API route above takes precedence over a static file of the same path.
    app.mount("/", StaticFiles(directory=WEB_CHAT_DIR, html=True), name="web-chat")
    return app
