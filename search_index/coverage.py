"""How much of what a question is about the best procedure's text never mentions.

A question about a procedure the KB does not hold often lands on a neighbour with a fair score: "xin giấy
phép nhập khẩu thuốc thú y" meets the tobacco retail licence through "giấy phép" and "thuốc", while "nhập
khẩu" and "thú y" appear nowhere in that entry. The IDF-weighted share of the question's own words
(generic phrasing left out) missing from a procedure's whole text lowers the confidence, never the rank:
the bot then asks before answering (search_index/README.md, "Out-of-KB questions").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from knowledge_base.schema import Procedure
from search_index.normalize import words
from search_index.passages import full_document, name_document
from search_index.query import is_generic


def question_words(query: str) -> list[str]:
    """The words of a prepared query (diacritics restored) that say what it is about: not generic
    phrasing, not numbers (ages, dates, amounts)."""
    return [
        word.lower() for word in words(query) if not is_generic(word) and not any(c.isdigit() for c in word)
    ]


class TopicCoverage:
    def __init__(self, procedures: Sequence[Procedure]) -> None:
        # Accented, not folded: folded, "thú y" would be covered by any "thu" (thu hồi, thu phí).
        self._vocabularies = [
            frozenset(word.lower() for word in words(f"{name_document(p)} . {full_document(p)}"))
            for p in procedures
        ]
        n = len(self._vocabularies)
        counts = Counter(word for vocabulary in self._vocabularies for word in vocabulary)
        self._idf = {word: math.log(1 + (n - df + 0.5) / (df + 0.5)) for word, df in counts.items()}
        # A word the KB never uses weighs like the rarest: it is often the very subject the KB lacks.
        self._unknown_idf = math.log(1 + (n + 0.5) / 0.5)

    def _weight(self, word: str) -> float:
        return self._idf.get(word, self._unknown_idf)

    def uncovered_words(self, position: int, topic_words: Sequence[str]) -> list[str]:
        """The question's own words the procedure's text never uses."""
        return [word for word in topic_words if word not in self._vocabularies[position]]

    def uncovered_share(self, position: int, topic_words: Sequence[str]) -> float:
        """In [0, 1]: 0 when the procedure's text holds every word, 1 when it holds none."""
        total = sum(map(self._weight, topic_words))
        if not total:
            return 0.0
        return sum(map(self._weight, self.uncovered_words(position, topic_words))) / total
