"""Vietnamese mobile numbers as citizens type them, normalised to the ten-digit domestic form."""

import re

# Separators people put inside a number; anything else (letters, a second number) means "not a phone".
_SEPARATORS = re.compile(r"[\s.\-()]")
# Current mobile ranges after the 2018 renumbering: 03x, 05x, 07x, 08x, 09x, ten digits in all.
_DOMESTIC_MOBILE = re.compile(r"0[35789]\d{8}")


def normalize_mobile(text: str) -> str | None:
    """Return the number as "0912345678", or None when text is not one Vietnamese mobile number."""
    compact = _SEPARATORS.sub("", text)
    if compact.startswith("+84"):
        # "+84 0912…" is a common slip; the trunk 0 after the country code is dropped either way.
        compact = "0" + compact[3:].removeprefix("0")
    elif compact.startswith("84") and len(compact) == 11:
        compact = "0" + compact[2:]
    return compact if _DOMESTIC_MOBILE.fullmatch(compact) else None
