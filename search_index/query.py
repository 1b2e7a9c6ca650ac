"""Turning a citizen's question into the text the indexes are queried with."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from search_index.acronyms import AcronymResolver
from search_index.normalize import (
    canonical,
    expand_abbreviations,
    has_diacritics,
    strip_boilerplate,
    words,
)
from search_index.restore_diacritics import DiacriticRestorer

QUESTION_PHRASES = Path(__file__).with_name("question_phrases.txt")

# "mất bao lâu" / "mất mấy ngày" / "mất bao nhiêu tiền" ask how long or how much, and "mất" there would
# match procedures about lost papers ("Trình báo mất hộ chiếu").
_TAKES = re.compile(r"\bmất\s+(?=(?:bao lâu|mấy|bao nhiêu)\b)", re.IGNORECASE)

# Below this share of syllables with diacritics a question counts as typed without Vietnamese input.
# Accented Vietnamese runs at 60-70 %; a few accented words in an otherwise bare question still count.
ACCENTED_SHARE = 0.3


def typed_without_diacritics(text: str) -> bool:
    syllables = words(text)
    accented = sum(has_diacritics(syllable) for syllable in syllables)
    return bool(syllables) and accented < ACCENTED_SHARE * len(syllables)


def prepare_query(question: str, restorer: DiacriticRestorer, acronyms: AcronymResolver) -> str:
    """Canonical, boilerplate-free text with abbreviations and acronyms expanded and diacritics restored
    when missing."""
    text = canonical(question)
    bare = typed_without_diacritics(text)
    text = acronyms.expand(expand_abbreviations(text))
    if bare:
        text = restorer.restore(text)
    return strip_boilerplate(_TAKES.sub("", text))


def question_phrases() -> list[str]:
    lines = QUESTION_PHRASES.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@lru_cache
def _generic_syllables() -> frozenset[str]:
    # Accented forms: folded, "vậy" would hide "vay" and "mắt" would hide "mất".
    return frozenset(word.lower() for phrase in question_phrases() for word in words(canonical(phrase)))


def is_generic(word: str) -> bool:
    """Whether a word of a prepared query belongs to generic question phrasing ("tôi", "bao", "lâu")."""
    return word.lower() in _generic_syllables()


def has_procedure_content(query: str) -> bool:
    """Whether the prepared query (diacritics restored) says anything beyond generic question phrasing
    ("mất bao lâu?")."""
    return not all(is_generic(word) for word in words(query))
