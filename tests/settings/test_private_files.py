"""Keys, databases and logs are readable by the account running the product only."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from ops.services import RunningServices, Service
from settings import Settings
from settings.keys import KEY_MIN_CHARS, WeakKey, load_or_create_key
from settings.private_files import keep_private, make_private_dir
from storage import make_engine


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_key_and_its_folder_are_the_owners_only(tmp_path):
    path = tmp_path / "var" / "secret_key"
    key = load_or_create_key(path)
    assert len(key) >= KEY_MIN_CHARS
    assert (mode(path.parent), mode(path)) == (0o700, 0o600)
    assert load_or_create_key(path) == key


def test_a_world_readable_key_file_is_restricted_and_said(tmp_path, caplog):
    path = tmp_path / "secret_key"
    path.write_text("k" * 40, encoding="ascii")
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="settings.private_files"):
        assert load_or_create_key(path) == "k" * 40
    assert mode(path) == 0o600
    assert "644" in caplog.text


@pytest.mark.parametrize("content", ["", "\n", "short"])
def test_a_key_file_too_short_to_sign_with_is_refused(tmp_path, content):
    path = tmp_path / "secret_key"
    path.write_text(content, encoding="ascii")
    with pytest.raises(WeakKey):
        load_or_create_key(path)


@pytest.mark.parametrize("name", ["secret_key", "pseudonym_key"])
def test_a_short_key_in_the_environment_is_refused(name):
    with pytest.raises(ValidationError):
        Settings(**{name: "k" * (KEY_MIN_CHARS - 1)})
    assert getattr(Settings(**{name: "k" * KEY_MIN_CHARS}), name) == "k" * KEY_MIN_CHARS


def test_a_sqlite_database_and_its_wal_are_the_owners_only(tmp_path):
    database = tmp_path / "var" / "db.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
            wal = database.with_name(database.name + "-wal")
            assert wal.exists()  # checked while the connection is open: SQLite removes it at the last close
            assert mode(wal) == 0o600
    finally:
        engine.dispose()
    assert (mode(database.parent), mode(database)) == (0o700, 0o600)


def test_an_existing_database_readable_by_others_is_restricted(tmp_path):
    database = tmp_path / "db.sqlite3"
    make_engine(f"sqlite:///{database}").dispose()
    database.chmod(0o664)
    make_engine(f"sqlite:///{database}").dispose()
    assert mode(database) == 0o600


def test_an_existing_folder_is_left_as_the_operator_made_it(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    make_private_dir(shared / "var")
    keep_private(shared / "var" / "file")
    assert (mode(shared), mode(shared / "var"), mode(shared / "var" / "file")) == (0o755, 0o700, 0o600)


def test_a_service_log_and_its_private_files_are_the_owners_only(tmp_path, monkeypatch):
    monkeypatch.setattr("ops.services.LOG_DIR", tmp_path / "logs")
    written = tmp_path / "state" / "tracker.sqlite3"
    service = Service(
        "echo", ["sh", "-c", f"echo hello >> {written}"], "http://127.0.0.1:9", private_files=(written,)
    )
    running = RunningServices([service])
    running.start()
    assert running.processes["echo"].wait(timeout=10) == 0
    log = tmp_path / "logs" / "echo.log"
    assert (mode(log.parent), mode(log), mode(written)) == (0o700, 0o600, 0o600)
    assert written.read_text() == "hello\n"
