"""FastAPI gateway: channels in, Rasa behind. `uvicorn webhook.app:create_app --factory`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from settings import Settings, get_settings
from webhook.rasa_client import RasaClient
from webhook.routes import chat, health


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.rasa = RasaClient(settings.rasa_url)
        yield
        await app.state.rasa.aclose()

    app = FastAPI(title="Trợ lý Dịch vụ công", version="0.1.0", lifespan=lifespan)
    app.include_router(chat.router)
    app.include_router(health.router)
    return app
