"""Acronyms formal questions use for the KB's own phrases ("GPLHX" for giấy phép lưu hành xe), resolved
from the KB text itself: the phrase whose syllables' initials spell the acronym most often.

The KB is kept as one string of syllable initials, so finding every phrase an acronym could stand for is a
substring search, done only for the rare question that holds an acronym.
"""

from __future__ import annotations

import pickle
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from search_index.normalize import canonical, fold, words

# Shorter acronyms are too ambiguous to resolve: "KIT" spells "khẩu in từ", "SGK" "sao giấy khai". The
# common ones (htx, gcn, ubnd...) are in abbreviations.yml. Longer than this is rarely an acronym.
MIN_LETTERS, MAX_LETTERS = 4, 8
# The likeliest phrase must occur at least this often and make up at least this share of all phrases the
# acronym could spell: "PCCC" spells "phải có chứng chỉ" as often as three other phrases, and is left alone.
MIN_OCCURRENCES = 2
MIN_SHARE = 0.5
_BREAK = "|"  # between clauses and around numbers: a phrase never spans them
_CLAUSE = re.compile(r"[^\w\s]+")
_VOWELS = frozenset("aeiouy")


def acronym_candidate(token: str) -> bool:
    """Upper case as typed ("GPLHX", "ĐBVN"), or without any vowel, which no Vietnamese syllable is."""
    letters = fold(token)
    if not (MIN_LETTERS <= len(letters) <= MAX_LETTERS and letters.isalpha()):
        return False
    return token.isupper() or not _VOWELS.intersection(letters)


class AcronymResolver:
    def __init__(self, vocabulary: list[str], syllables: np.ndarray, initials: str) -> None:
        self._vocabulary = vocabulary
        self._syllables = syllables  # vocabulary ids, aligned with `initials`; -1 at breaks
        self._initials = initials

    @classmethod
    def learn(cls, texts: Iterable[str]) -> AcronymResolver:
        ids: dict[str, int] = {}
        sequence: list[int] = []
        initials: list[str] = []
        for text in texts:
            for clause in _CLAUSE.split(canonical(text)):
                for syllable in (word.lower() for word in words(clause)):
                    if syllable.isalpha():
                        sequence.append(ids.setdefault(syllable, len(ids)))
                        initials.append(fold(syllable)[0])
                    else:
                        sequence.append(-1)
                        initials.append(_BREAK)
                sequence.append(-1)
                initials.append(_BREAK)
        return cls(list(ids), np.array(sequence, dtype=np.int32), "".join(initials))

    def phrase(self, acronym: str) -> str | None:
        """The KB phrase this acronym stands for, or None when the KB says nothing clear."""
        key = fold(acronym)
        phrases: Counter[tuple[int, ...]] = Counter()
        start = self._initials.find(key)
        while start >= 0:
            phrases[tuple(self._syllables[start : start + len(key)].tolist())] += 1
            start = self._initials.find(key, start + 1)
        if not phrases:
            return None
        best, count = phrases.most_common(1)[0]
        if count < MIN_OCCURRENCES or count < MIN_SHARE * phrases.total():
            return None
        return " ".join(self._vocabulary[i] for i in best)

    def expand(self, text: str) -> str:
        """The text with each resolvable acronym followed by its phrase (kept, as the KB may use it too)."""
        out: list[str] = []
        for token in words(text):
            out.append(token)
            if acronym_candidate(token) and (phrase := self.phrase(token)):
                out.append(phrase)
        return " ".join(out)

    def save(self, path: Path) -> None:
        path.write_bytes(pickle.dumps((self._vocabulary, self._syllables, self._initials)))

    @classmethod
    def load(cls, path: Path) -> AcronymResolver:
        return cls(*pickle.loads(path.read_bytes()))
