"""Passwords are stored as argon2 hashes; a login yields a signed bearer token (OAuth2 password flow)."""

from __future__ import annotations

import secrets
from datetime import timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from storage.db import utc_now

ALGORITHM = "HS256"
_hasher = PasswordHasher()
# Verifying against this when the username is unknown takes as long as a real check, so response
# times do not reveal which usernames exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def create_access_token(username: str, secret_key: str, lifetime: timedelta) -> str:
    payload = {"sub": username, "exp": utc_now() + lifetime}
    return jwt.encode(payload, secret_key, algorithm=ALGORITHM)


def username_from_token(token: str, secret_key: str) -> str | None:
    """The account a valid, unexpired token was issued to; None for anything else."""
    try:
        payload = jwt.decode(token, secret_key, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
    except jwt.PyJWTError:
        return None
    return payload["sub"]
