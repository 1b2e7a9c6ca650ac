"""The search is loaded once per action server worker, even when the warm-up and a question ask at once."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from actions import knowledge


class SlowSearch:
    """Stands in for ProcedureSearch: opening takes a while, like loading e5 and the index."""

    opened = 0

    @classmethod
    def open(cls, procedures: list, national: list) -> SlowSearch:
        cls.opened += 1
        time.sleep(0.3)
        return cls()


@pytest.fixture
def slow_search(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[SlowSearch]]:
    monkeypatch.setattr(knowledge, "ProcedureSearch", SlowSearch)
    monkeypatch.setattr(knowledge, "load_procedures", lambda *paths: [])
    monkeypatch.setattr(knowledge, "load_national_names", lambda *paths: [])
    knowledge._open_search.cache_clear()
    yield SlowSearch
    knowledge._open_search.cache_clear()


def test_a_question_during_the_warm_up_waits_for_the_same_load(slow_search: type[SlowSearch]) -> None:
    assert not knowledge.search_ready()
    found: list[object] = []
    askers = [threading.Thread(target=lambda: found.append(knowledge.procedure_search())) for _ in range(2)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert slow_search.opened == 1 and found[0] is found[1]
    assert knowledge.search_ready()
