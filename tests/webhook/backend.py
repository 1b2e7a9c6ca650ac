"""The backend as the managers' tests need it: a migrated database with accounts, a client, a sign-in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient

from settings import Settings
from storage import UserRole, UserStore, make_engine, upgrade_database
from webhook.app import create_app
from webhook.core.security import hash_password

PASSWORD = "mat-khau-du-dai"


def prepare_database(url: str) -> None:
    """Migrate, then add a manager (quanly), a staff member (tongdai) and a disabled account (nghiviec)."""
    engine = make_engine(url)
    upgrade_database(engine)
    users = UserStore(engine)
    users.add("quanly", "Lê Quản Lý", UserRole.MANAGER, hash_password(PASSWORD))
    users.add("tongdai", "Phạm Tổng Đài", UserRole.STAFF, hash_password(PASSWORD))
    users.add("nghiviec", "Đã Nghỉ", UserRole.STAFF, hash_password(PASSWORD))
    users.set_active("nghiviec", False)
    engine.dispose()


@contextmanager
def backend_client(database_url: str) -> Iterator[TestClient]:
    settings = Settings(
        database_url=database_url,
        secret_key="khoa-bi-mat-chi-dung-cho-thu-nghiem-0123456789",
        rasa_url="http://127.0.0.1:9",
    )
    with TestClient(create_app(settings)) as client:
        yield client


def login(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    response = client.post("/api/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
