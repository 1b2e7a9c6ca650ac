"""Sign-in for managers and staff: OAuth2 password flow, bearer tokens."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm

from storage.fields import LINE_MAX, UNPRINTABLE
from webhook.api.deps import CurrentUser, SettingsDep, UsersDep
from webhook.complaint_schemas import Token, UserInfo
from webhook.core.security import create_access_token, verify_password

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.post("/token", response_model=Token, summary="Sign in with username and password")
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], settings: SettingsDep, users: UsersDep
) -> Token:
    # No account has a name like that (and PostgreSQL would refuse a NUL in the query): wrong credentials.
    possible = len(form.username) <= LINE_MAX and not UNPRINTABLE.search(form.username)
    if not verify_password(form.password, users.password_hash(form.username) if possible else None):
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
