"""Sign-in for managers and staff: OAuth2 password flow, bearer tokens."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordRequestForm

from storage import UserStore
from storage.fields import LINE_MAX, UNPRINTABLE
from webhook.api.deps import CurrentUser, RateLimitsDep, SettingsDep, UsersDep
from webhook.complaint_schemas import Token, UserInfo
from webhook.core.security import create_access_token, verify_password
from webhook.rate_limits import Scope, client_address, too_many_requests
from webhook.schemas import ErrorReply

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/auth", tags=["auth"])


def _password_matches(users: UserStore, username: str, password: str) -> bool:
    # No account has a name like that (and PostgreSQL would refuse a NUL in the query): wrong credentials.
    possible = len(username) <= LINE_MAX and not UNPRINTABLE.search(username)
    return verify_password(password, users.password_hash(username) if possible else None)


@router.post(
    "/token",
    response_model=Token,
    responses={
        429: {
            "model": ErrorReply,
            "description": "Too many failed sign-ins lately for this username or from this address: wait the "
            "seconds Retry-After says (README: Limits)",
            "headers": {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}},
        }
    },
    summary="Sign in with username and password",
)
async def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    settings: SettingsDep,
    users: UsersDep,
    limits: RateLimitsDep,
) -> Token:
    client = client_address(request)
    blocked = await limits.sign_in_blocked(form.username, client)
    if not blocked.allowed:
        whose = "username" if blocked.scope is Scope.SENDER else "address"
        logger.warning("sign-in refused: too many failed attempts for the %s (%s)", whose, blocked.limit)
        raise too_many_requests("sign_in", blocked)
    # argon2 takes a while by design, and the account is read from the database: off the event loop.
    if not await asyncio.to_thread(_password_matches, users, form.username, form.password):
        await limits.sign_in_failed(form.username, client)
        logger.info("failed sign-in")
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    lifetime = timedelta(minutes=settings.token_lifetime_minutes)
    return Token(access_token=create_access_token(form.username, settings.secret_key, lifetime))


@router.get("/me", response_model=UserInfo, summary="The signed-in account")
def me(user: CurrentUser) -> UserInfo:
    return UserInfo(username=user.username, full_name=user.full_name, role=user.role.value)
