"""Personal data masked out of any text the product keeps for analysis or writes to its logs.

Masked: mobile and landline numbers however they are spaced ("0912.345.678", "+84 912 345 678",
"(028) 3822 1234"), 12-digit citizen ID and 9-digit old ID numbers (however grouped after a cue such as
"chứng minh thư"), emails, and the name a citizen introduces ("tên tôi là Nguyễn Văn An", "em tên Lan",
"cháu tên là Bảo Anh", "ho va ten: tran van binh") unless what follows says what they are rather than who
("tôi là Việt kiều"). Left alone: fees ("50.000 đồng"), dates, procedure codes ("1.001193"), dossier and
complaint reference codes, even with a count after them ("1.001193 15 ngày").
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
_NOT_NAMES = PhraseTable({"not_name": _DATA["not_names"]})
_ID_CUES = PhraseTable({"id_cue": _DATA["id_cues"]})
_AFTER_NAME = frozenset(fold_diacritics(word) for word in _DATA["after_name"])
_CURRENCY = frozenset(fold_diacritics(word) for word in _DATA["currency"])
_MAX_NAME_WORDS = 5
_MAX_WORDS_AFTER_ID_CUE = 5  # "chứng minh | nhân dân của tôi là | 272.345.678"
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*")

# A group of digits as typed inside a phone or ID number: "0912", "+84", "0912.345.678", "345-678"; never a
# procedure code ("1.001193") or a date ("15.11.2026"), which a count after them would make nine digits.
_PROCEDURE_CODE = r"\d\.\d{6}"
_DATE = r"\d{1,2}([.\-])\d{1,2}\1\d{4}"
_DIGIT_GROUP = {"TEXT": {"REGEX": rf"^(?!(?:{_PROCEDURE_CODE}|{_DATE})$)\+?\d+(?:[.\-]\d+)*$"}}
_NUMBER = [
    {"ORTH": "(", "OP": "?"},
    _DIGIT_GROUP,
    {"ORTH": ")", "OP": "?"},
    {**_DIGIT_GROUP, "OP": "{0,4}"},
]
_PATTERNS = TokenPatterns({"number": [_NUMBER], "email": [[{"LIKE_EMAIL": True}]]})


def _number_mask(span: Span, after_id_cue: bool) -> str | None:
    """The mask for a run of digit groups that is a phone or ID number; None for anything else."""
    text = span.text
    if normalize_mobile(text):
        return PHONE_MASK
    digits = "".join(ch for ch in text if ch.isdigit())
    # Citizen ID numbers open with a province code 001–096.
    if len(digits) == 12 and (digits.startswith("0") or after_id_cue):
        return CITIZEN_ID_MASK
    # Landlines: a 02x area code and 11 digits in all, or the same after 84 without its trunk 0.
    if (len(digits) == 11 and digits.startswith("02")) or (len(digits) == 12 and digits.startswith("842")):
        return PHONE_MASK
    if len(digits) == 9 and not _is_amount(span, after_id_cue):
        return OLD_ID_MASK
    return None


def _is_amount(span: Span, after_id_cue: bool) -> bool:
    """Nine digits followed by "đồng", or opening with a number grouped by thousands without a leading 0
    ("150.000.000", "1.500.000 25 ngày") unless an ID cue comes before ("chứng minh thư 272.345.678")."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is not None and following.norm_ in _CURRENCY:
        return True
    return not after_id_cue and bool(_THOUSANDS.fullmatch(span[0].text))


def _follows_id_cue(span: Span, cue_ends: list[int]) -> bool:
    """Whether an ID cue ends a few words (no number) before the span: "cmnd số 272.345.678"."""
    return any(
        0 <= span.start - end <= _MAX_WORDS_AFTER_ID_CUE
        and all(word.is_alpha or word.is_punct for word in span.doc[end : span.start])
        for end in cue_ends
    )


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
    found = _PATTERNS.spans(doc)
    cue_ends = [cue.end for cue in _ID_CUES.spans(doc)] if found else []
    for span in found:
        mask = EMAIL_MASK if span.label_ == "email" else _number_mask(span, _follows_id_cue(span, cue_ends))
        if mask:
            spans.append(Span(doc, span.start, span.end, label=mask))
    introductions = _INTRODUCTIONS.spans(doc)
    not_names = {words.start for words in _NOT_NAMES.spans(doc)} if introductions else set()
    for introduction in introductions:
        name = _name_after(doc, introduction.end, introduction.label_ == "capitalised")
        if name is not None and name.start not in not_names:  # "tôi là Việt kiều" names no one
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
