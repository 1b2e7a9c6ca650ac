"""The backend for people and channels: citizens' chat, managers' and staff's API and pages.

`uvicorn webhook.app:create_app --factory`. Rasa and the action server stay on loopback behind it.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from knowledge_base.loader import load_profile
from settings import Settings, get_settings
from settings.keys import load_or_create_key
from storage import (
    AuditLog,
    ChannelStore,
    ComplaintService,
    HandoffStore,
    Reports,
    SenderPseudonyms,
    UsernameTaken,
    UserRole,
    UserStore,
    make_engine,
)
from storage.friction import FrictionReport
from text_matching import install_log_scrubbing
from webhook.api.routes import (
    auth,
    chat,
    complaints,
    dashboard,
    health,
    hotline,
    profile,
    reports,
    staff,
    zalo,
)
from webhook.body_limit import BodySizeLimit
from webhook.channels.zalo.channel import ZaloChannel
from webhook.conversations import Conversations
from webhook.core.security import hash_password
from webhook.limited_service import LimitedService
from webhook.rasa_client import ActionServerCheck
from webhook.rasa_instances import RasaInstances
from webhook.rate_limits import RateLimits
from webhook.request_errors import install_error_handlers
from webhook.widget import install_widget_framing

logger = logging.getLogger(__name__)

# Pages served as they are (no build step, nothing fetched from the internet).
STATIC_DIR = Path(__file__).resolve().parent / "static"


def ensure_first_manager(users: UserStore, settings: Settings) -> None:
    """Create the manager named in the settings when no account has that username yet."""
    username, password = settings.first_manager_username, settings.first_manager_password
    if not username or users.get(username) is not None:
        return
    if not password:
        logger.warning(
            "TLDVC_FIRST_MANAGER_USERNAME is set without TLDVC_FIRST_MANAGER_PASSWORD: not created"
        )
        return
    try:
        users.add(username, "Quản trị viên", UserRole.MANAGER, hash_password(password))
    except UsernameTaken:
        return  # another backend process created it at the same moment
    logger.info("created the first manager account")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    install_log_scrubbing()  # uvicorn has configured its logging by the time it calls this factory
    if not settings.secret_key:
        settings = settings.model_copy(update={"secret_key": load_or_create_key(settings.secret_key_file)})

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url)
        app.state.settings = settings
        app.state.profile = load_profile(settings.province_dir)
        app.state.rasa = RasaInstances(
            settings.rasa_instance_urls,
            connect_timeout_s=settings.rasa_connect_timeout_seconds,
            reply_timeout_s=settings.rasa_reply_timeout_seconds,
        )
        app.state.action_server = ActionServerCheck(
            settings.action_server_url, timeout_s=settings.action_server_check_timeout_seconds
        )
        app.state.complaints = ComplaintService.for_profile(engine, app.state.profile)
        app.state.users = UserStore(engine)
        app.state.audit = AuditLog(engine)
        app.state.handoffs = HandoffStore(engine)
        app.state.conversations = Conversations(
            app.state.rasa, app.state.handoffs, app.state.action_server, LimitedService(app.state.profile)
        )
        app.state.reports = Reports(engine)
        app.state.pseudonyms = SenderPseudonyms.from_settings(settings)
        app.state.friction = FrictionReport(engine, app.state.pseudonyms)
        app.state.rate_limits = RateLimits(settings)
        ensure_first_manager(app.state.users, settings)
        app.state.zalo_store = ChannelStore(engine, ZaloChannel.name)
        app.state.zalo = None
        if settings.zalo_app_id:
            app.state.zalo = ZaloChannel.from_settings(
                settings, app.state.zalo_store, app.state.conversations, app.state.profile.hotline_text
            )
            app.state.zalo.resume()
        yield
        if app.state.zalo is not None:
            await app.state.zalo.aclose()
        await app.state.rasa.aclose()
        await app.state.action_server.aclose()
        engine.dispose()

    app = FastAPI(title="Trợ lý Dịch vụ công", version="0.2.0", lifespan=lifespan)
    for router in (
        chat.router,
        profile.router,
        health.router,
        auth.router,
        complaints.router,
        dashboard.router,
        reports.router,
        staff.router,
        hotline.router,
        zalo.router,
    ):
        app.include_router(router)
    install_widget_framing(app, settings)
    install_error_handlers(app)
    app.add_middleware(
        BodySizeLimit, limit=settings.max_body_bytes, limits={"/webhooks/zalo": settings.zalo_max_body_bytes}
    )
    # Mounted last: every API route above takes precedence over a static file of the same path.
    app.mount("/", StaticFiles(directory=STATIC_DIR, html=True), name="static")
    return app
