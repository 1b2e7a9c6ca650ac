"""Every phrase list of actions/phrases.yml matches typed with and without diacritics, in any case."""

from pathlib import Path

import pytest
import yaml

from actions.complaints import is_not_known
from actions.procedure_answers import worded_aspects
from actions.procedure_choices import split_level
from vietnamese import fold_diacritics

PHRASES = yaml.safe_load((Path(__file__).parents[2] / "actions" / "phrases.yml").read_text(encoding="utf-8"))


def spellings(phrase: str) -> list[str]:
    return [phrase, fold_diacritics(phrase), phrase.upper()]


@pytest.mark.parametrize(
    ("aspect", "phrase"), [(aspect, p) for aspect, phrases in PHRASES["aspects"].items() for p in phrases]
)
def test_each_aspect_phrase_is_found(aspect: str, phrase: str) -> None:
    for typed in spellings(phrase):
        assert aspect in worded_aspects(f"khai sinh {typed}?"), typed


@pytest.mark.parametrize("phrase", PHRASES["not_known"]["not_known"])
def test_each_not_known_phrase_makes_a_short_answer_not_known(phrase: str) -> None:
    for typed in spellings(phrase):
        assert is_not_known(f"{typed} nhớ."), typed
    assert not is_not_known(f"hồ sơ của tôi nộp từ lâu lắm rồi mà {phrase} thấy trả")  # not a short answer


@pytest.mark.parametrize(
    ("level", "spelling", "opening"),
    [
        (level, spelling, opening)
        for level, spelling_list in PHRASES["levels"].items()
        for spelling in spelling_list
        for opening in ["", *PHRASES["level_openings"]]
    ],
)
def test_each_level_qualifier_is_split_off(level: str, spelling: str, opening: str) -> None:
    for typed in spellings(f"({opening} cấp {spelling})".replace("( ", "(")):
        assert split_level(f"Cấp thẻ căn cước {typed}") == ("Cấp thẻ căn cước", level), typed
