from __future__ import annotations

import pytest

from search_index.embedding_model import load_embedding_model


@pytest.fixture(scope="session")
def embedding_model():
    """Loaded once per session: every index built by the tests reuses it."""
    return load_embedding_model()
