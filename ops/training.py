"""Train the Rasa model only when its inputs changed: the model file is named after their hash."""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from pathlib import Path

from ops.paths import BOT_DIR, MODELS_DIR, RASA_BIN
from settings import PROJECT_ROOT

TRAINING_INPUTS = [PROJECT_ROOT / "config.yml", BOT_DIR / "domain", BOT_DIR / "data", BOT_DIR / "components"]


def training_fingerprint() -> str:
    digest = hashlib.sha256()
    for root in TRAINING_INPUTS:
        files = (
            [root]
            if root.is_file()
            else sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc")
        )
        for path in files:
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return MODELS_DIR / f"model-{training_fingerprint()}.tar.gz"


def ensure_trained_model() -> Path:
    """Return the model for the current config and data, training it first if needed."""
    target = model_path()
    if target.exists():
        return target
    started = time.perf_counter()
    subprocess.run(
        [
            str(RASA_BIN),
            "train",
            "--config",
            "config.yml",
            "--domain",
            str(BOT_DIR / "domain"),
            "--data",
            str(BOT_DIR / "data"),
            "--out",
            str(MODELS_DIR),
            "--fixed-model-name",
            target.name.removesuffix(".tar.gz"),
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        check=True,
    )
    print(f"Rasa model trained in {time.perf_counter() - started:.0f} s: {target}")
    return target
