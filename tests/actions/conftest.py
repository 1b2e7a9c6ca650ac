"""Actions record conversation events into a fresh database per test, never into var/."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from actions import conversation_events, stores
from storage import SenderPseudonyms, make_engine, upgrade_database
from storage.conversation_events import conversation_events as events_table

TEST_PSEUDONYMS = SenderPseudonyms("khoa-gia-danh-chi-dung-cho-thu-nghiem")


@pytest.fixture(autouse=True)
def events_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'events.sqlite3'}")
    upgrade_database(engine)
    monkeypatch.setattr(stores, "engine", lambda: engine)
    monkeypatch.setattr(conversation_events, "sender_pseudonyms", lambda: TEST_PSEUDONYMS)
    yield engine
    engine.dispose()


@pytest.fixture
def recorded(events_engine: Engine) -> Callable[[], list[dict]]:
    """The events recorded so far, oldest first."""

    def read() -> list[dict]:
        with events_engine.connect() as connection:
            rows = connection.execute(select(events_table).order_by(events_table.c.id)).all()
        return [dict(row._mapping) for row in rows]

    return read
