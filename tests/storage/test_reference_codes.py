"""Reference codes carry a check character: a code mistyped over the phone is caught, not looked up."""

import re

import pytest

from storage.reference_codes import (
    REFERENCE_ALPHABET,
    MistypedReferenceCode,
    check_character,
    new_reference_code,
    parse_reference_code,
)


def test_new_codes_have_six_random_characters_and_a_valid_check():
    for _ in range(200):
        code = new_reference_code()
        assert re.fullmatch(r"PA-[2-9A-HJKMNP-Z]{7}", code)
        assert parse_reference_code(code) == code


def test_typed_forms_are_normalised():
    code = new_reference_code()
    assert parse_reference_code("  " + code.lower().replace("-", " - ") + " ") == code
    assert parse_reference_code(code.replace("-", "")) == code


def test_every_single_substitution_is_caught():
    body = new_reference_code()[3:]
    for position in range(len(body)):
        for char in REFERENCE_ALPHABET.replace(body[position], ""):
            typo = body[:position] + char + body[position + 1 :]
            with pytest.raises(MistypedReferenceCode):
                parse_reference_code("PA-" + typo)


def test_every_swap_of_two_different_characters_is_caught():
    body = "7K3M9Q" + check_character("7K3M9Q")
    for i in range(len(body)):
        for j in range(i + 1, len(body)):
            if body[i] != body[j]:
                swapped = list(body)
                swapped[i], swapped[j] = swapped[j], swapped[i]
                with pytest.raises(MistypedReferenceCode):
                    parse_reference_code("PA-" + "".join(swapped))


def test_codes_issued_before_the_check_character_stay_valid():
    assert parse_reference_code(" pa-7k3m9q ") == "PA-7K3M9Q"
    assert parse_reference_code("PA7K3M9Q") == "PA-7K3M9Q"


def test_text_that_is_no_code_is_none():
    assert parse_reference_code("PA-7K3M9O") is None  # O is never issued
    assert parse_reference_code("xin chào") is None
    assert parse_reference_code("PA-7K3M9QXY") is None
