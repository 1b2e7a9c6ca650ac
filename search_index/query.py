"""Turning a citizen's question into the text the indexes are queried with."""

from __future__ import annotations

from search_index.normalize import canonical, expand_abbreviations, has_diacritics, strip_boilerplate, words
from search_index.restore_diacritics import DiacriticRestorer

# Below this share of syllables with diacritics a question counts as typed without Vietnamese input.
# Accented Vietnamese runs at 60-70 %; a few accented words in an otherwise bare question still count.
ACCENTED_SHARE = 0.3


def typed_without_diacritics(text: str) -> bool:
    syllables = words(text)
    accented = sum(has_diacritics(syllable) for syllable in syllables)
    return bool(syllables) and accented < ACCENTED_SHARE * len(syllables)


def prepare_query(question: str, restorer: DiacriticRestorer) -> str:
    """Canonical, boilerplate-free, abbreviation-expanded text with diacritics restored when missing."""
    text = canonical(question)
    bare = typed_without_diacritics(text)
    text = expand_abbreviations(text)
    if bare:
        text = restorer.restore(text)
    return strip_boilerplate(text)
