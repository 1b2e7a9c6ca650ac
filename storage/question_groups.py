"""Questions the bot could not answer, grouped by similarity so an editor sees what citizens keep asking.

Method: TF-IDF over accent-folded syllables and syllable pairs (sublinear term frequency), then
agglomerative clustering with complete linkage, cutting where two questions of a group would be further
apart than COSINE_DISTANCE_CUT. Complete linkage keeps every pair within a group similar, so a long chain of
loosely related questions never merges into one group.

Chosen by `python -m storage.grouping_eval` (the portal's FAQ questions grouped by the procedure they are
about, and the province KB's colloquial aliases grouped by procedure), adjusted Rand index:

| method | FAQ | FAQ, half typed without diacritics | aliases |
|---|---|---|---|
| TF-IDF syllables + pairs, complete, 0.8 (this) | 0.684 | 0.684 | 0.288 |
| TF-IDF syllables, complete, 0.7 | 0.651 | 0.651 | 0.312 |
| folded-syllable Jaccard, average, 0.7 | 0.608 | 0.608 | 0.283 |
| TF-IDF character 2–5-grams, complete, 0.7 | 0.626 | 0.626 | 0.259 |
| e5 embeddings, average, 0.08 | 0.615 | 0.247 | 0.226 |

Folding makes the lexical methods indifferent to missing diacritics, which citizens often leave out; e5
loses most of its grouping without them, and would need the model in the backend or a vector stored per
question. Masks left by scrubbing ("[SĐT]", "[TÊN]") are not words of the question and are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from vietnamese import fold_diacritics

COSINE_DISTANCE_CUT = 0.8
_MASK = re.compile(r"\[[^\]\s]{2,8}\]")


def _folded(text: str) -> str:
    return fold_diacritics(_MASK.sub(" ", text).lower())


def group_questions(questions: Sequence[str]) -> list[list[int]]:
    """Indexes of `questions` in groups of similar ones: largest group first, and within a group the most
    typical question (closest to all the others) first."""
    if not questions:
        return []
    vectorizer = TfidfVectorizer(
        preprocessor=_folded, token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), sublinear_tf=True
    )
    try:
        vectors = vectorizer.fit_transform(questions)
    except ValueError:  # not one word among them (only masks or punctuation): each stands alone
        return [[index] for index in range(len(questions))]
    # Rows are L2-normalised, so the product is the cosine similarity; a question without words has none.
    similarity = (vectors @ vectors.T).toarray()
    if len(questions) == 1:
        return [[0]]
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="complete", distance_threshold=COSINE_DISTANCE_CUT
    ).fit_predict(distance)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    ordered = [sorted(members, key=lambda i: -similarity[i, members].sum()) for members in groups.values()]
    return sorted(ordered, key=lambda members: (-len(members), min(members)))
