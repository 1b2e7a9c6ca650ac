"""Vietnamese mobile numbers in the forms citizens type them."""

import pytest

from vietnamese import normalize_mobile


@pytest.mark.parametrize(
    "text",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        "+84912345678",
        "+84 912 345 678",
        "84 912 345 678",
        "84912345678",
        "(+84) 912 345 678",
        "+84 0912 345 678",
        " 0912345678 ",
    ],
)
def test_common_forms_normalise_to_ten_digits(text):
    assert normalize_mobile(text) == "0912345678"


@pytest.mark.parametrize("number", ["0321234567", "0561234567", "0701234567", "0841234567", "0981234567"])
def test_every_mobile_range_is_accepted(number):
    assert normalize_mobile(number) == number


@pytest.mark.parametrize(
    "text",
    [
        "",
        "091234567",  # nine digits
        "09123456789",  # eleven digits
        "0212345678",  # 02x is a landline area code
        "0412345678",
        "0612345678",
        "1912345678",
        "912345678",  # no trunk prefix
        "+1 912 345 678",
        "0912345678 hoặc 0987654321",
        "số 0912345678",
        "0912a45678",
    ],
)
def test_anything_else_is_rejected(text):
    assert normalize_mobile(text) is None
