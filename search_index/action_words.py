"""The kinds of action a text asks for (reissue, change, extend, end, transfer), from action_words.yml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from search_index.normalize import words

ACTION_WORDS = Path(__file__).with_name("action_words.yml")


@lru_cache
def _phrases() -> dict[str, tuple[str, ...]]:
    kinds = yaml.safe_load(ACTION_WORDS.read_text(encoding="utf-8"))
    return {kind: tuple(f" {phrase} " for phrase in phrases) for kind, phrases in kinds.items()}


def action_kinds(text: str) -> frozenset[str]:
    """The kinds whose phrases occur in the text as whole words ("sửa" in "sửa đổi", not in "sửaa")."""
    spaced = f" {' '.join(word.lower() for word in words(text))} "
    return frozenset(kind for kind, phrases in _phrases().items() if any(p in spaced for p in phrases))
