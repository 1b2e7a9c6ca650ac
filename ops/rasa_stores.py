"""Where Rasa keeps conversations (tracker store) and their locks (lock store), as the environment that
bot/endpoints.yml reads: SQLite and in-process locks for one Rasa, PostgreSQL and Redis for several."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from settings import Settings

REDIS_DEFAULT_PORT = 6379
LOCK_KEYS = ("HOST", "PORT", "DB", "USERNAME", "PASSWORD")


def rasa_store_environment(settings: Settings) -> dict[str, str]:
    """Every variable endpoints.yml names is set, even those the chosen store ignores: Rasa refuses to start
    on an unset one."""
    return {"TLDVC_RASA_TRACKER_STORE_URL": tracker_store_url(settings), **_lock_store(settings)}


def tracker_store_url(settings: Settings) -> str:
    """An SQLAlchemy URL Rasa's SQL tracker store connects to as it is (a full URL in its `url` field)."""
    if not settings.rasa_tracker_store_url:
        return f"sqlite:///{settings.tracker_db}"
    # Rasa's environment has psycopg2 only; the backend's psycopg (3) spelling of a database is accepted.
    return re.sub(r"^postgresql(\+psycopg2?)?://", "postgresql+psycopg2://", settings.rasa_tracker_store_url)


def _lock_store(settings: Settings) -> dict[str, str]:
    if not settings.rasa_lock_store_url:
        return {"TLDVC_RASA_LOCK_STORE_TYPE": "in_memory"} | {
            f"TLDVC_RASA_LOCK_STORE_{key}": "" for key in LOCK_KEYS
        }
    url = urlsplit(settings.rasa_lock_store_url)
    return {
        "TLDVC_RASA_LOCK_STORE_TYPE": "redis",
        "TLDVC_RASA_LOCK_STORE_HOST": url.hostname or "localhost",
        "TLDVC_RASA_LOCK_STORE_PORT": str(url.port or REDIS_DEFAULT_PORT),
        "TLDVC_RASA_LOCK_STORE_DB": url.path.strip("/") or "0",
        "TLDVC_RASA_LOCK_STORE_USERNAME": unquote(url.username or ""),
        "TLDVC_RASA_LOCK_STORE_PASSWORD": unquote(url.password or ""),
    }
