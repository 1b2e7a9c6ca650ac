from __future__ import annotations

from pathlib import Path

import pytest

from knowledge_base.loader import load_procedures
from search_index import ProcedureSearch
from search_index.embedding_model import load_embedding_model
from settings import get_settings


@pytest.fixture(scope="session")
def embedding_model():
    """Loaded once per session: every index built by the tests reuses it."""
    return load_embedding_model()


@pytest.fixture(scope="session")
def province_search(tmp_path_factory: pytest.TempPathFactory, embedding_model) -> ProcedureSearch:
    """The province KB the bot searches, indexed once per session in a fresh cache."""
    procedures = load_procedures(province_dir=get_settings().province_dir, national_catalogue=None)
    return ProcedureSearch.open(procedures, cache_dir=Path(tmp_path_factory.mktemp("search-cache")))
