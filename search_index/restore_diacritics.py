"""Diacritic restoration for questions typed without Vietnamese input, learnt from the KB's own text.

A syllable bigram model over the knowledge base; each folded syllable of the question is decoded to its
likeliest accented form by Viterbi. Syllables the citizen did type with diacritics stay as typed.
"""

from __future__ import annotations

import math
import pickle
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from search_index.normalize import canonical, fold, has_diacritics, words

# Interpolation weight of the bigram over the unigram estimate.
BIGRAM_WEIGHT = 0.8
_START = "<s>"


class DiacriticRestorer:
    def __init__(self, unigrams: Counter[str], bigrams: Counter[tuple[str, str]]) -> None:
        self._unigrams = unigrams
        self._bigrams = bigrams
        self._total = sum(unigrams.values())
        self._forms: dict[str, list[str]] = defaultdict(list)
        for syllable in unigrams:
            if syllable != _START:
                self._forms[fold(syllable)].append(syllable)

    @classmethod
    def learn(cls, texts: Iterable[str]) -> DiacriticRestorer:
        unigrams: Counter[str] = Counter()
        bigrams: Counter[tuple[str, str]] = Counter()
        for text in texts:
            syllables = [_START, *(s.lower() for s in words(canonical(text)))]
            unigrams.update(syllables)
            bigrams.update(pairwise(syllables))
        return cls(unigrams, bigrams)

    def _log_prob(self, previous: str, syllable: str) -> float:
        unigram = (self._unigrams[syllable] + 0.1) / (self._total + 0.1)
        seen = self._unigrams[previous]
        bigram = self._bigrams[(previous, syllable)] / seen if seen else 0.0
        return math.log(BIGRAM_WEIGHT * bigram + (1 - BIGRAM_WEIGHT) * unigram)

    def restore(self, text: str) -> str:
        """The text with each unaccented syllable replaced by its likeliest accented form, lower-cased."""
        tokens = [token.lower() for token in words(canonical(text))]
        # Viterbi over candidate forms; a state is (accented form, best log-probability, back-pointer path).
        beam: list[tuple[str, float, list[str]]] = [(_START, 0.0, [])]
        for token in tokens:
            options = [token] if has_diacritics(token) else self._forms.get(token, [token])
            beam = [
                max(
                    (
                        (form, score + self._log_prob(previous, form), [*path, form])
                        for previous, score, path in beam
                    ),
                    key=lambda state: state[1],
                )
                for form in options
            ]
        return " ".join(max(beam, key=lambda state: state[1])[2])

    def save(self, path: Path) -> None:
        path.write_bytes(pickle.dumps((self._unigrams, self._bigrams)))

    @classmethod
    def load(cls, path: Path) -> DiacriticRestorer:
        unigrams, bigrams = pickle.loads(path.read_bytes())
        return cls(unigrams, bigrams)
