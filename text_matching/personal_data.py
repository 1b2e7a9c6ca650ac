"""Personal data masked out of any text the product keeps for analysis or writes to its logs.

Masked: mobile and landline numbers however they are spaced ("0912.345.678", "+84 912 345 678",
"(028) 3822 1234"), 12-digit citizen ID and 9-digit old ID numbers, emails, and the name a citizen
introduces ("tên tôi là Nguyễn Văn An", "em tên Lan"). Left alone: fees ("50.000 đồng"), dates, procedure
codes ("1.001193"), dossier and complaint reference codes, which the tokenizer keeps as single tokens
with letters or separators no phone or ID number has.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from text_matching.patterns import PhraseTable, TokenPatterns
from text_matching.pipeline import parsed
from vietnamese import fold_diacritics, normalize_mobile

PHONE_MASK = "[SĐT]"
CITIZEN_ID_MASK = "[CCCD]"
OLD_ID_MASK = "[CMND]"
EMAIL_MASK = "[EMAIL]"
NAME_MASK = "[TÊN]"

_DATA = yaml.safe_load((Path(__file__).with_name("personal_data.yml")).read_text(encoding="utf-8"))
_INTRODUCTIONS = PhraseTable(_DATA["name_introductions"])
_AFTER_NAME = frozenset(fold_diacritics(word) for word in _DATA["after_name"])
_CURRENCY = frozenset(fold_diacritics(word) for word in _DATA["currency"])
_MAX_NAME_WORDS = 5
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*")

# A group of digits as typed inside a phone or ID number: "0912", "+84", "0912.345.678", "345-678".
_DIGIT_GROUP = {"TEXT": {"REGEX": r"^\+?\d+(?:[.\-]\d+)*$"}}
_NUMBER = [
    {"ORTH": "(", "OP": "?"},
    _DIGIT_GROUP,
    {"ORTH": ")", "OP": "?"},
    {**_DIGIT_GROUP, "OP": "{0,4}"},
]
_PATTERNS = TokenPatterns({"number": [_NUMBER], "email": [[{"LIKE_EMAIL": True}]]})


def _number_mask(span: Span) -> str | None:
    """The mask for a run of digit groups that is a phone or ID number; None for anything else."""
    text = span.text
    if normalize_mobile(text):
        return PHONE_MASK
    digits = "".join(ch for ch in text if ch.isdigit())
    # Landlines: a 02x area code and 11 digits in all, or the same after 84 without its trunk 0.
    if (len(digits) == 11 and digits.startswith("02")) or (len(digits) == 12 and digits.startswith("842")):
        return PHONE_MASK
    # Citizen ID numbers open with a province code 001–096.
    if len(digits) == 12 and digits.startswith("0"):
        return CITIZEN_ID_MASK
    if len(digits) == 9 and not _is_amount(span):
        return OLD_ID_MASK
    return None


def _is_amount(span: Span) -> bool:
    """Nine digits followed by "đồng", or grouped by thousands without a leading 0 ("150.000.000")."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return (following is not None and following.norm_ in _CURRENCY) or bool(_THOUSANDS.fullmatch(span.text))


def _name_after(doc: Doc, start: int, capitalised_only: bool) -> Span | None:
    """The name that follows an introduction ending at token `start`, or None."""
    if start < len(doc) and doc[start].text == ":":
        start += 1
    capitalised = start < len(doc) and doc[start].text[:1].isupper()
    if capitalised_only and not capitalised:
        return None
    end = start
    while end < len(doc) and end - start < _MAX_NAME_WORDS and doc[end].is_alpha:
        word = doc[end]
        if (not word.text[:1].isupper()) if capitalised else word.norm_ in _AFTER_NAME:
            break
        end += 1
    return doc[start:end] if end > start else None


def _personal_spans(doc: Doc) -> list[Span]:
    spans = []
    for span in _PATTERNS.spans(doc):
        mask = EMAIL_MASK if span.label_ == "email" else _number_mask(span)
        if mask:
            spans.append(Span(doc, span.start, span.end, label=mask))
    for introduction in _INTRODUCTIONS.spans(doc):
        name = _name_after(doc, introduction.end, introduction.label_ == "capitalised")
        if name is not None:
            spans.append(Span(doc, name.start, name.end, label=NAME_MASK))
    return filter_spans(spans)  # the longest wins: "079 203 001 234" is one ID, not a 9-digit one inside


def scrub_personal_data(text: str) -> str:
    """The text with personal data replaced by "[SĐT]", "[CCCD]", "[CMND]", "[EMAIL]" or "[TÊN]"."""
    with parsed(text) as doc:
        cuts = [(span.start_char, span.end_char, span.label_) for span in _personal_spans(doc)]
    pieces, position = [], 0
    for start, end, mask in cuts:
        pieces += [text[position:start], mask]
        position = end
    return "".join([*pieces, text[position:]])


def strip_name_introduction(text: str) -> str:
    """The answer to "what is your name" without the words that introduce it ("tên tôi là An" -> "An")."""
    with parsed(text) as doc:
        ends = [span.end_char for span in _INTRODUCTIONS.spans(doc) if span.start == 0]
    return text[max(ends) :].lstrip(" :") if ends else text
