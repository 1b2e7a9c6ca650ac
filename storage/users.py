"""Staff accounts: managers review and answer complaints, staff (hotline) see contact details masked."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Boolean, Column, Engine, Integer, String, Table, insert, select, update
from sqlalchemy.exc import IntegrityError

from storage.db import UtcDateTime, metadata, stored_enum, utc_now
from storage.fields import LINE_MAX

USERNAME_PATTERN = r"^[a-z0-9._-]{3,64}$"


class UserRole(str, Enum):
    MANAGER = "manager"
    STAFF = "staff"


class User(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    username: str
    full_name: str
    role: UserRole
    active: bool
    created_at: datetime


class UsernameTaken(ValueError):
    """Another account already has this username."""


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("full_name", String(LINE_MAX), nullable=False),
    Column("role", stored_enum(UserRole, "role"), nullable=False),
    # An argon2 hash (webhook/core/security.py); the password itself is never stored.
    Column("password_hash", String(LINE_MAX), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

_PUBLIC_COLUMNS = [users.c[name] for name in User.model_fields]


class UserStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, username: str, full_name: str, role: UserRole, password_hash: str) -> User:
        values = {
            "username": username,
            "full_name": full_name,
            "role": UserRole(role),
            "password_hash": password_hash,
            "active": True,
            "created_at": utc_now(),
        }
        try:
            with self._engine.begin() as connection:
                user_id = connection.execute(insert(users).values(**values)).inserted_primary_key[0]
        except IntegrityError as error:
            if self.get(username) is not None:
                raise UsernameTaken(username) from error
            raise
        return User(id=user_id, **{k: v for k, v in values.items() if k != "password_hash"})

    def get(self, username: str) -> User | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(*_PUBLIC_COLUMNS).where(users.c.username == username)).first()
        return User.model_validate(row._mapping) if row else None

    def get_by_id(self, user_id: int) -> User | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(*_PUBLIC_COLUMNS).where(users.c.id == user_id)).first()
        return User.model_validate(row._mapping) if row else None

    def password_hash(self, username: str) -> str | None:
        """The stored hash of an active account, for logging in; None for unknown or disabled accounts."""
        with self._engine.connect() as connection:
            return connection.execute(
                select(users.c.password_hash).where(users.c.username == username, users.c.active)
            ).scalar_one_or_none()

    def set_password_hash(self, username: str, password_hash: str) -> None:
        self._update(username, password_hash=password_hash)

    def set_active(self, username: str, active: bool) -> None:
        self._update(username, active=active)

    def all(self) -> list[User]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(*_PUBLIC_COLUMNS).order_by(users.c.username)).all()
        return [User.model_validate(row._mapping) for row in rows]

    def _update(self, username: str, **values: object) -> None:
        with self._engine.begin() as connection:
            result = connection.execute(update(users).where(users.c.username == username).values(**values))
        if result.rowcount == 0:
            raise LookupError(f"no user {username!r}")
