from __future__ import annotations

import pytest

from knowledge_base.loader import load_procedures
from knowledge_base.national_names import load_national_names
from search_index import ProcedureSearch
from search_index.embedding_model import load_embedding_model
from settings import get_settings


@pytest.fixture(scope="session")
def embedding_model():
    """Loaded once per session: every index built by the tests reuses it."""
    return load_embedding_model()


@pytest.fixture(scope="session")
def province_search(embedding_model) -> ProcedureSearch:
    """The province KB the bot searches, with the national names it lacks as known negatives: the very
    index the product opens (setup builds it; a fresh cache would re-embed 2,400 national names, minutes
    on the shared machine). test_index_lifecycle.py covers fresh builds."""
    procedures = load_procedures(province_dir=get_settings().province_dir, national_catalogue=None)
    return ProcedureSearch.open(procedures, load_national_names())
