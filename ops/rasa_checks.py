"""Rasa's own checks on the trained model: data validation, test stories, held-out NLU evaluation."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from ops.paths import BOT_DIR, RASA_BIN, VAR_DIR
from ops.training import ensure_trained_model
from settings import PROJECT_ROOT

HOLDOUT_SPLITS = {
    "accented": BOT_DIR / "tests" / "nlu_holdout.yml",
    "unaccented": BOT_DIR / "tests" / "nlu_holdout_unaccented.yml",
}


def _rasa(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RASA_BIN), *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True,
        text=True,
    )


def validate_data() -> subprocess.CompletedProcess[str]:
    return _rasa(
        "data",
        "validate",
        "--domain",
        str(BOT_DIR / "domain"),
        "--data",
        str(BOT_DIR / "data"),
        "--config",
        "config.yml",
    )


def failed_test_stories() -> list[str]:
    """Names of the test stories whose predicted actions differ from the story (empty when all pass)."""
    out = VAR_DIR / "rasa_test" / "stories"
    result = _rasa(
        "test",
        "core",
        "--model",
        str(ensure_trained_model()),
        "--stories",
        str(BOT_DIR / "tests" / "test_stories.yml"),
        "--out",
        str(out),
        "--no-plot",
    )
    if result.returncode != 0:
        raise RuntimeError(result.stdout[-3000:] + result.stderr[-3000:])
    failed = out / "failed_test_stories.yml"
    text = failed.read_text(encoding="utf-8") if failed.exists() else ""
    return [
        line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("- story:")
    ]


def intent_macro_f1(split: str) -> float:
    """Macro-averaged intent F1 of the trained model on a held-out split it never saw."""
    out = VAR_DIR / "rasa_test" / f"nlu_{split}"
    result = _rasa(
        "test",
        "nlu",
        "--model",
        str(ensure_trained_model()),
        "--nlu",
        str(HOLDOUT_SPLITS[split]),
        "--out",
        str(out),
        "--no-plot",
    )
    if result.returncode != 0:
        raise RuntimeError(result.stdout[-3000:] + result.stderr[-3000:])
    report = json.loads(Path(out / "intent_report.json").read_text(encoding="utf-8"))
    return float(report["macro avg"]["f1-score"])
