"""One settings object for every Python service; values come from the environment (prefix TLDVC_)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from settings.keys import KEY_MIN_CHARS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# scheme://host[:port], nothing after: what a browser sends as a page's origin.
ORIGIN = re.compile(r"https?://[^\s/:?#]+(:\d{1,5})?")


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
    # Rasa's conversation history, so a citizen can resume after a restart.
    tracker_db: Path = PROJECT_ROOT / "var" / "rasa_tracker.sqlite3"

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

    rasa_url: str = "http://127.0.0.1:5005"
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

    @property
    def widget_origins(self) -> list[str]:
        return self.widget_allowed_origins.replace(",", " ").split()


@lru_cache
def get_settings() -> Settings:
    return Settings()
