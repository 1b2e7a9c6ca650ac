"""Whether the best hit may be answered outright: a logistic model over the search's own evidence.

One threshold on one score cannot tell a question the KB answers from one about a sibling it lacks
("gia hạn giấy phép lao động" meets "Gia hạn giấy phép xây dựng" at a fair score). Several signals can,
together: how far the best hit leads the next, how many of the question's words the procedure never uses,
whether the question asks for an action the procedure is not about, how close a national procedure the KB
lacks comes, the dense and name evidence apart. The model is fitted
on the citizen questions (`python -m search_index calibrate`, search_index/README.md) to the probability
that the best hit is the procedure asked about; the split kept for the final figure is never fitted on.
The threshold is the lowest whose cross-validated share of out-of-KB questions answered outright stays
within the budget: a confident wrong answer costs more trust than one more "có phải bạn hỏi về…?".
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from functools import lru_cache
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

MODEL_FILE = Path(__file__).with_name("certainty.json")
# Share of out-of-KB questions the bot may answer outright (wrongly), cross-validated (issue 10's target).
SURE_WRONG_BUDGET = 0.05
# A known negative far behind the KB says nothing more the further behind it is.
OUTSIDE_MARGIN_FLOOR = -0.2
FOLDS = 5


@dataclass(frozen=True)
class Evidence:
    """What the search knows about its best hit."""

    score: float  # fused score, after the variant penalty
    gap: float  # over the next hit's
    uncovered: float  # IDF share of the question's own words the procedure's text never uses
    uncovered_words: int  # how many such words
    question_words: int  # how many words of its own the question has (a long story leaves more uncovered)
    # The question asks for a kind of action (reissue, change, ...) the procedure's name and aliases never
    # mention (action_words.py): often a sibling the KB lacks.
    action_mismatch: bool
    # Best known negative's name evidence less the KB's best, floored; None without negatives (the national
    # catalogue indexed whole), when it weighs nothing either way.
    outside_margin: float | None
    dense: float  # cosine of the question and the procedure's best passage
    name: float  # name BM25, relative to the best over the KB

    def vector(self) -> np.ndarray:
        """The features in FEATURES order; NaN for evidence not known."""
        return np.array([np.nan if value is None else value for value in astuple(self)], dtype=np.float64)


FEATURES = tuple(field.name for field in fields(Evidence))


@dataclass(frozen=True)
class CertaintyModel:
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, evidence: Evidence) -> float:
        z = np.nan_to_num((evidence.vector() - np.array(self.mean)) / np.array(self.scale))  # unknown: mean
        return float(1.0 / (1.0 + np.exp(-(z @ np.array(self.weights) + self.bias))))

    def certain(self, evidence: Evidence) -> bool:
        return self.probability(evidence) >= self.threshold

    def save(self, path: Path = MODEL_FILE) -> None:
        body = {"features": FEATURES, **{key: getattr(self, key) for key in ("mean", "scale", "weights")}}
        body |= {"bias": self.bias, "threshold": self.threshold}
        path.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> CertaintyModel:
        body = json.loads(path.read_text(encoding="utf-8"))
        if tuple(body["features"]) != FEATURES:
            raise ValueError(f"{path} was fitted on other features; run `python -m search_index calibrate`")
        return cls(
            tuple(body["mean"]), tuple(body["scale"]), tuple(body["weights"]), body["bias"], body["threshold"]
        )


@lru_cache
def certainty_model() -> CertaintyModel:
    return CertaintyModel.load()


@dataclass(frozen=True)
class Example:
    """One question's best hit, for fitting: `right` when the question is in the KB and the hit is its
    procedure; `in_kb` tells a question the KB holds from one it does not; `eligible` when the bot could
    answer it outright at all (no national procedure the KB lacks fits better); `group` keeps a
    question's two spellings (with and without diacritics) in the same fold."""

    evidence: Evidence
    right: bool
    in_kb: bool
    eligible: bool
    group: str


def _fit_logistic(examples: Sequence[Example]) -> CertaintyModel:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = np.stack([example.evidence.vector() for example in examples])
    y = np.array([example.right for example in examples])
    scaler = StandardScaler().fit(x)
    regression = LogisticRegression(max_iter=1000).fit(scaler.transform(x), y)
    return CertaintyModel(
        tuple(scaler.mean_.tolist()),
        tuple(scaler.scale_.tolist()),
        tuple(regression.coef_[0].tolist()),
        float(regression.intercept_[0]),
        0.5,
    )


def cross_validated(examples: Sequence[Example]) -> np.ndarray:
    """Each example's probability from a model fitted without its fold."""
    folds = np.array([hash_fold(example.group) for example in examples])
    out = np.zeros(len(examples))
    for fold in range(FOLDS):
        model = _fit_logistic([example for example, f in zip(examples, folds, strict=True) if f != fold])
        for i in np.flatnonzero(folds == fold):
            out[i] = model.probability(examples[i].evidence)
    return out


def hash_fold(group: str) -> int:
    """A stable fold for a question id (Python's own hash changes between runs)."""
    return sum(group.encode()) % FOLDS


def lowest_threshold_within_budget(probabilities: np.ndarray, examples: Sequence[Example]) -> float:
    """The lowest threshold at which the out-of-KB questions answered outright stay within the budget."""
    outside = np.array([not example.in_kb for example in examples])
    eligible = np.array([example.eligible for example in examples])
    for threshold in np.round(np.arange(0.30, 0.96, 0.01), 2):
        if ((probabilities >= threshold) & eligible)[outside].mean() <= SURE_WRONG_BUDGET:
            return float(threshold)
    return 0.95


def outcomes(probabilities: np.ndarray, examples: Sequence[Example], threshold: float) -> dict[str, float]:
    """At this threshold: in-KB questions answered outright, the share of those right, and out-of-KB
    questions answered outright (wrongly)."""
    answered = (probabilities >= threshold) & np.array([example.eligible for example in examples])
    inside = np.array([example.in_kb for example in examples])
    right = np.array([example.right for example in examples])
    return {
        "in_kb_answered": round(float(answered[inside].mean()), 4),
        "right_when_answered": round(float(right[answered & inside].mean()), 4),
        "out_of_kb_answered": round(float(answered[~inside].mean()), 4),
    }


def fit(examples: Sequence[Example]) -> tuple[CertaintyModel, np.ndarray]:
    """The model fitted on every example, with the threshold chosen on cross-validated probabilities
    (returned too, for the report)."""
    probabilities = cross_validated(examples)
    threshold = lowest_threshold_within_budget(probabilities, examples)
    model = _fit_logistic(examples)
    logger.info("certainty threshold %.2f from %d examples", threshold, len(examples))
    return CertaintyModel(model.mean, model.scale, model.weights, model.bias, threshold), probabilities
