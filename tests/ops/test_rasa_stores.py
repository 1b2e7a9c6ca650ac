"""Rasa's stores as the settings choose them: what ops/rasa_stores.py puts in Rasa's environment, and that
it is exactly what bot/endpoints.yml reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from ops.paths import BOT_DIR
from ops.rasa_stores import rasa_store_environment
from settings import Settings


def test_one_rasa_keeps_its_conversations_in_sqlite_and_its_locks_in_process(tmp_path: Path):
    environment = rasa_store_environment(Settings(tracker_db=tmp_path / "tracker.sqlite3"))
    assert environment["TLDVC_RASA_TRACKER_STORE_URL"] == f"sqlite:///{tmp_path}/tracker.sqlite3"
    assert environment["TLDVC_RASA_LOCK_STORE_TYPE"] == "in_memory"


@pytest.mark.parametrize("scheme", ["postgresql", "postgresql+psycopg", "postgresql+psycopg2"])
def test_several_share_postgresql_through_the_driver_rasa_has(scheme: str):
    settings = Settings(rasa_tracker_store_url=f"{scheme}://rasa:p%40ss@db.internal:5433/trackers")
    assert rasa_store_environment(settings)["TLDVC_RASA_TRACKER_STORE_URL"] == (
        "postgresql+psycopg2://rasa:p%40ss@db.internal:5433/trackers"
    )


def test_several_share_locks_in_redis():
    url = "redis://locks:s%3Acret@cache.internal:6380/2"
    environment = rasa_store_environment(Settings(rasa_lock_store_url=url))
    lock_store = {key.removeprefix("TLDVC_RASA_LOCK_STORE_"): value for key, value in environment.items()}
    assert lock_store.items() >= {
        "TYPE": "redis", "HOST": "cache.internal", "PORT": "6380", "DB": "2", "USERNAME": "locks",
        "PASSWORD": "s:cret",
    }.items()  # fmt: skip
    bare = rasa_store_environment(Settings(rasa_lock_store_url="redis://cache.internal"))
    assert (bare["TLDVC_RASA_LOCK_STORE_PORT"], bare["TLDVC_RASA_LOCK_STORE_DB"]) == ("6379", "0")


@pytest.mark.parametrize(
    "settings",
    [{}, {"rasa_tracker_store_url": "postgresql://h/db", "rasa_lock_store_url": "redis://h:6379/1"}],
)
def test_every_variable_endpoints_yml_reads_is_set_whichever_stores(settings: dict[str, str]):
    """Rasa refuses to start on an endpoints file naming a variable the environment lacks."""
    endpoints = yaml.safe_load((BOT_DIR / "endpoints.yml").read_text(encoding="utf-8"))
    values = [str(value) for section in endpoints.values() for value in section.values()]
    read = {name for value in values for name in re.findall(r"\$\{(\w+)\}", value)}
    assert read - {"TLDVC_ACTION_SERVER_URL"} == set(rasa_store_environment(Settings(**settings)))


@pytest.mark.parametrize(
    ("field", "value"),
    [("rasa_tracker_store_url", "mysql://h/db"), ("rasa_tracker_store_url", "sqlite:///x.db"),
     ("rasa_lock_store_url", "h:6379"), ("rasa_lock_store_url", "rediss://h:6379")],
)  # fmt: skip
def test_a_store_rasa_cannot_use_is_refused_at_start(field: str, value: str):
    with pytest.raises(ValidationError, match="not a"):
        Settings(**{field: value})
