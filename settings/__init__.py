"""One settings object for every Python service; values come from the environment (prefix TLDVC_)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from limits import parse_many
from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from settings.keys import KEY_MIN_CHARS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# scheme://host[:port], nothing after: what a browser sends as a page's origin.
ORIGIN = re.compile(r"https?://[^\s/:?#]+(:\d{1,5})?")
# The drivers Rasa's environment has for its SQL tracker store (psycopg2); "+psycopg", the backend's driver,
# is accepted so that one URL form serves both, and is swapped for psycopg2 when Rasa starts.
TRACKER_STORE_URL = re.compile(r"postgresql(\+psycopg2?)?://")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TLDVC_", env_file=".env", extra="ignore")

    # Where the province's own facts and curated procedures live; swap the folder to deploy elsewhere.
    province_dir: Path = PROJECT_ROOT / "knowledge_base" / "provinces" / "tay_ninh"
    # Optional national-catalogue file (.jsonl.gz) searched alongside the province KB.
    national_catalogue: Path | None = None

    # Models, indexes and other rebuildable artefacts; never committed.
    cache_dir: Path = Path.home() / ".cache" / "tro-ly-dvc"
    # Any sentence-transformers folder or name; empty means the offline e5-small built at setup.
    embedding_model: str = ""

    # Durable state: complaints, ratings, handoffs.
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'tro_ly_dvc.sqlite3'}"
    # Rasa's conversation history, so a citizen can resume after a restart: SQLite in tracker_db, unless
    # rasa_tracker_store_url names a PostgreSQL database, which several Rasa instances share (README:
    # "Scale-out"), e.g. postgresql://rasa:password@db.internal:5432/tldvc_trackers.
    tracker_db: Path = PROJECT_ROOT / "var" / "rasa_tracker.sqlite3"
    rasa_tracker_store_url: str = ""
    # Rasa's per-conversation locks: in the Rasa process, unless this names a Redis, which several Rasa
    # instances share so that they never handle two messages of one conversation at once, e.g.
    # redis://:password@cache.internal:6379/1.
    rasa_lock_store_url: str = ""

    # Signs staff sign-in tokens. Empty: a random key is made once and kept in var/secret_key.
    secret_key: str = ""
    secret_key_file: Path = PROJECT_ROOT / "var" / "secret_key"
    token_lifetime_minutes: int = 8 * 60  # one working day
    # Keys the hash that stands for a citizen's sender id in conversation events (storage/pseudonyms.py).
    # The action server and the backend must share it. Empty: a random key is made once in the file.
    pseudonym_key: str = ""
    pseudonym_key_file: Path = PROJECT_ROOT / "var" / "pseudonym_key"
    # The first manager account, created at start when no account has this username.
    first_manager_username: str = ""
    first_manager_password: str = ""

    # Zalo Official Account (README: "Zalo"). The channel is off until the app id and keys are set.
    zalo_app_id: str = ""
    zalo_oa_secret_key: str = ""  # signs the events Zalo sends us
    zalo_app_secret_key: str = ""  # refreshes the access token
    zalo_access_token: str = ""  # first token pair; refreshed pairs are kept in the database
    zalo_refresh_token: str = ""
    zalo_api_url: str = "https://openapi.zalo.me"
    zalo_oauth_url: str = "https://oauth.zaloapp.com"
    zalo_event_max_age_seconds: int = 300
    # Zalo's events are small JSON: a message's text, or links to the pictures and files sent (never their
    # bytes), so the webhook needs no more room than the other routes; its own setting in case it ever does.
    zalo_max_body_bytes: int = 64 * 1024
    # The platform accepts consultation messages this long after the citizen last wrote.
    zalo_reply_window_hours: int = 48

    # Sites whose pages may show the web widget (README: "Web widget"), e.g.
    # "https://tayninh.gov.vn https://dichvucong.tayninh.gov.vn" (spaces or commas between); "*" for any.
    # Empty: only this backend's own pages and loopback pages (http://localhost:<any port>): development.
    widget_allowed_origins: str = ""

    # The largest request body the gateway reads (a chat message is at most 2,000 characters, a complaint
    # form a few KB); a larger one gets 413 before any route sees it.
    max_body_bytes: int = 64 * 1024

    # Rate limits (README: "Limits"), in the `limits` library's notation: "20/10 seconds;120/10 minutes" is
    # at most 20 in any 10 seconds and 120 in any 10 minutes. Per sender: a web chat's sender id or a Zalo
    # user; per client: the address the request came from (behind a proxy, see --forwarded-allow-ips).
    chat_limit_per_sender: str = "20/10 seconds;120/10 minutes"
    chat_limit_per_client: str = "60/10 seconds;600/10 minutes"
    # Failed sign-ins: past these, even the right password waits (guessing passwords stays slow).
    sign_in_limit_per_username: str = "10/15 minutes"
    sign_in_limit_per_client: str = "30/15 minutes"
    # Where the counts live: memory:// is one process's own; several backends share one, e.g. redis://host:6379.
    rate_limit_storage_url: str = "memory://"

    # The address Rasa and the action server listen on: loopback, so that only the backend faces the
    # network, unless backends on other machines call them (README: "Scale-out"): then a private one.
    internal_interface: str = "127.0.0.1"
    rasa_url: str = "http://127.0.0.1:5005"
    # Several Rasa instances for the backend, comma separated; empty: rasa_url alone. A conversation is
    # pinned to one of them by its sender id, and moves on while that one is down (webhook/rasa_instances.py).
    rasa_urls: str = ""
    action_server_url: str = "http://127.0.0.1:5055"
    # The backend's calls to Rasa and to the action server's /health. Past these the citizen gets the limited
    # answer from the procedure search (README: "When the bot is down") rather than waiting on.
    rasa_connect_timeout_seconds: float = 3.0
    rasa_reply_timeout_seconds: float = 20.0
    action_server_check_timeout_seconds: float = 2.0
    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8000

    @field_validator("secret_key", "pseudonym_key")
    @classmethod
    def _key_length(cls, value: str) -> str:
        if value and len(value) < KEY_MIN_CHARS:
            raise ValueError(f"at least {KEY_MIN_CHARS} characters, or unset to have one made in var/")
        return value

    @field_validator("widget_allowed_origins")
    @classmethod
    def _origins(cls, value: str) -> str:
        for origin in value.replace(",", " ").split():
            if origin != "*" and not ORIGIN.fullmatch(origin):
                raise ValueError(f"not an origin like https://example.gov.vn: {origin!r}")
        return value

    @field_validator(
        "chat_limit_per_sender",
        "chat_limit_per_client",
        "sign_in_limit_per_username",
        "sign_in_limit_per_client",
    )
    @classmethod
    def _rate_limits(cls, value: str) -> str:
        parse_many(value)  # raises ValueError on anything but "<amount>/<n> <unit>[;…]"
        return value

    @property
    def widget_origins(self) -> list[str]:
        return self.widget_allowed_origins.replace(",", " ").split()

    @field_validator("rasa_tracker_store_url")
    @classmethod
    def _tracker_store(cls, value: str) -> str:
        if value and not TRACKER_STORE_URL.match(value):
            raise ValueError(f"not a PostgreSQL URL like postgresql://user:password@host:5432/db: {value!r}")
        return value

    @field_validator("rasa_lock_store_url")
    @classmethod
    def _lock_store(cls, value: str) -> str:
        if value and not value.startswith("redis://"):
            raise ValueError(f"not a Redis URL like redis://:password@host:6379/1: {value!r}")
        return value

    @property
    def rasa_instance_urls(self) -> list[str]:
        return [url.strip() for url in self.rasa_urls.split(",") if url.strip()] or [self.rasa_url]


@lru_cache
def get_settings() -> Settings:
    return Settings()
