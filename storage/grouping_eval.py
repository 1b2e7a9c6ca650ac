"""How well ways of grouping questions recover known groups: `python -m storage.grouping_eval FAQ.jsonl`.

Two sets with known groups: questions from the portal's FAQ (jsonl lines with "question" and "gold"
procedure codes), grouped by procedure, also with half of them typed without diacritics; and the province
KB's colloquial aliases, grouped by procedure. Prints the adjusted Rand index of each method (the figures
in storage/question_groups.py). `--e5` adds e5 embeddings (loads the model).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from knowledge_base.loader import load_procedures
from storage.question_groups import group_questions
from vietnamese import fold_diacritics

Grouping = Callable[[list[str]], list[int]]


def _labels(groups: list[list[int]], size: int) -> list[int]:
    labels = [0] * size
    for label, members in enumerate(groups):
        for index in members:
            labels[index] = label
    return labels


def _cut(distance: np.ndarray, linkage: str, cut: float) -> list[int]:
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage=linkage, distance_threshold=cut
    )
    return list(model.fit_predict(np.clip(distance, 0.0, None)))


def _folded(text: str) -> str:
    return fold_diacritics(text.lower())


def _tfidf(linkage: str, cut: float, **options: object) -> Grouping:
    def grouping(questions: list[str]) -> list[int]:
        vectors = TfidfVectorizer(preprocessor=_folded, sublinear_tf=True, **options).fit_transform(questions)
        return _cut(1.0 - (vectors @ vectors.T).toarray(), linkage, cut)

    return grouping


def _jaccard(questions: list[str]) -> list[int]:
    words = CountVectorizer(preprocessor=_folded, token_pattern=r"(?u)\b\w+\b", binary=True)
    present = words.fit_transform(questions).astype(float)
    shared = (present @ present.T).toarray()
    sizes = np.asarray(present.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - shared
    return _cut(1.0 - shared / np.maximum(union, 1.0), "average", 0.7)


def _e5(questions: list[str]) -> list[int]:
    from search_index.embedding_model import load_embedding_model

    vectors = load_embedding_model().encode([f"query: {q}" for q in questions], normalize_embeddings=True)
    return _cut(1.0 - vectors @ vectors.T, "average", 0.08)


METHODS: dict[str, Grouping] = {
    "TF-IDF syllables + pairs, complete, 0.8 (product)": lambda q: _labels(group_questions(q), len(q)),
    "TF-IDF syllables, complete, 0.7": _tfidf("complete", 0.7, token_pattern=r"(?u)\b\w+\b"),
    "folded-syllable Jaccard, average, 0.7": _jaccard,
    "TF-IDF character 2-5-grams, complete, 0.7": _tfidf(
        "complete", 0.7, analyzer="char_wb", ngram_range=(2, 5)
    ),
}


def _half_bare(questions: list[str]) -> list[str]:
    chance = random.Random(0)
    return [fold_diacritics(q) if chance.random() < 0.5 else q for q in questions]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m storage.grouping_eval", description=__doc__)
    parser.add_argument("faq", type=Path)
    parser.add_argument("--e5", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.faq.read_text(encoding="utf-8").splitlines() if line.strip()]
    faq = ([row["question"] for row in rows], [row["gold"][0] for row in rows])
    aliases = [(alias, procedure.code) for procedure in load_procedures() for alias in procedure.aliases]
    sets = {
        "FAQ": faq,
        "FAQ half without diacritics": (_half_bare(faq[0]), faq[1]),
        "KB aliases": ([a for a, _ in aliases], [c for _, c in aliases]),
    }
    methods = {**METHODS, **({"e5 embeddings, average, 0.08": _e5} if args.e5 else {})}
    print(" | ".join(["method", *sets]))
    for name, grouping in methods.items():
        scores = [adjusted_rand_score(gold, grouping(questions)) for questions, gold in sets.values()]
        print(" | ".join([name, *(f"{score:.3f}" for score in scores)]))


if __name__ == "__main__":
    main()
