"""Base procedures and their variants.

Many procedures are another procedure's name plus qualifying words: "đăng ký khai sinh" and
"đăng ký khai sinh lưu động", "… có yếu tố nước ngoài", "đăng ký lại …", "… (thực hiện tại cấp tỉnh)".
A question that says none of a variant's qualifying words ("đăng ký khai sinh cần những gì") means the
base, yet dense similarity often prefers a variant whose alias happens to be phrased like the question.
So a variant among the leading candidates loses up to `VARIANT_PENALTY` in the share of its qualifying
words the question leaves out, each word weighted by how rare it is in the KB: common words such as
"hồ sơ" or "cá nhân" say little about which variant is meant.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from search_index.normalize import fold, words

# Tuned on the province KB's colloquial questions (tests/search_index/test_province_behaviour.py): the
# dense advantage of a variant over its base there reaches 0.03. On the national dev set, where formal
# questions name the procedure in full, it cost about one point of recall@1 until limited to short questions.
VARIANT_PENALTY = 0.05
# Only leading candidates compete: a base far down the list is no evidence against a variant.
VARIANT_POOL = 20
# The rule is for short, chat-style questions (the province test's run to 16 syllables). Longer, formal
# questions tend to state the qualifier in their own words (where the applicant lives rather than "có yếu
# tố nước ngoài"); on the dev set the rule won nothing there and cost 1.4 points of recall@1 (README.md).
SHORT_QUESTION_SYLLABLES = 18


def syllables(text: str) -> frozenset[str]:
    return frozenset(fold(word) for word in words(text))


def name_syllables(name: str) -> tuple[str, ...]:
    return tuple(fold(word) for word in words(name))


def _extends(variant: tuple[str, ...], base: tuple[str, ...]) -> bool:
    """Whether the variant is the base name with words inserted, in order. A set comparison would make
    "Đổi chứng nhận đăng ký xe …" a base of "Cấp chứng nhận đăng ký xe … thay đổi chủ xe …", whose
    "thay đổi" and "cấp trung ương" only happen to supply "đổi" and "cấp"."""
    remaining = iter(variant)
    return len(base) < len(variant) and all(syllable in remaining for syllable in base)


def inverse_document_frequencies(documents: Sequence[frozenset[str]]) -> dict[str, float]:
    counts = Counter(syllable for document in documents for syllable in document)
    n = len(documents)
    return {syllable: math.log(1 + (n - df + 0.5) / (df + 0.5)) for syllable, df in counts.items()}


class VariantRanker:
    def __init__(self, names: Sequence[tuple[str, ...]], idf: dict[str, float]) -> None:
        self._names = list(names)
        self._idf = idf

    def _weight(self, qualifiers: frozenset[str]) -> float:
        return sum(self._idf.get(syllable, 0.0) for syllable in qualifiers)

    def penalties(self, candidates: np.ndarray, query: str) -> np.ndarray:
        """For each candidate: how much of what sets it apart from a base among the candidates the
        question leaves unsaid, times VARIANT_PENALTY (0 for candidates that are no variant, and for
        long questions)."""
        out = np.zeros(len(candidates))
        if len(words(query)) > SHORT_QUESTION_SYLLABLES:
            return out
        said = syllables(query)
        for i, variant in enumerate(candidates):
            name = self._names[variant]
            bases = [self._names[base] for base in candidates if _extends(name, self._names[base])]
            if not bases:
                continue
            qualifiers = frozenset(name) - frozenset(max(bases, key=len))  # against the closest base
            total = self._weight(qualifiers)
            if total > 0:
                out[i] = VARIANT_PENALTY * self._weight(qualifiers - said) / total
        return out
