"""The trained model, checked by Rasa itself: clean data, passing test stories, intent F1 on held-out data."""

from __future__ import annotations

import pytest

from ops import rasa_checks

MIN_MACRO_F1 = 0.95


def test_training_data_validates():
    result = rasa_checks.validate_data()
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_every_test_story_passes():
    assert rasa_checks.failed_test_stories() == []


@pytest.mark.parametrize("split", ["accented", "unaccented"])
def test_intent_macro_f1_on_held_out_split(split: str):
    assert rasa_checks.intent_macro_f1(split) >= MIN_MACRO_F1
