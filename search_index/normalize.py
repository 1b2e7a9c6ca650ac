"""Text normalisation shared by indexing and querying: Unicode, tone placement, abbreviations, folding."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from vietnamese import fold_diacritics

ABBREVIATIONS_FILE = Path(__file__).with_name("abbreviations.yml")
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
# "oa", "oe", "uy" closing a syllable carry the tone on the first vowel in the catalogue's (older) style:
# hoà -> hòa, thuý -> thúy, khoẻ -> khỏe. After "q", "u" belongs to the consonant, so "quý" is untouched.
# A closing syllable is followed by no letter and no further mark: in NFD the dot below sorts before a
# breve, so "hoặc" is "hoa" + dot below + breve + "c", and its dot must stay on the "a".
_NEW_STYLE_TONE = re.compile(rf"(?<![qQ])([oO][aAeE]|[uU][yY])([{_TONES}])(?![\w\u0300-\u036f])")
_WORD = re.compile(r"\w+")
# Courtesy and framing that long, formal questions wrap around their subject.
_BOILERPLATE = re.compile(
    r"\b(kính gửi|kính thưa|xin chào|chào anh|chào chị|cho (?:tôi|em|mình) hỏi|xin hỏi|"
    r"(?:đề nghị|ông/bà|ông bà|anh/chị|anh chị|quý cơ quan|quý sở) (?:vui lòng )?cho (?:tôi |em )?biết|"
    r"xin cảm ơn|cảm ơn|trân trọng)\b",
    re.IGNORECASE,
)


def canonical(text: str) -> str:
    """NFC with one tone-mark placement, so "hoà"/"hòa" and "thuý"/"thúy" are the same string."""
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _NEW_STYLE_TONE.sub(lambda m: m[1][0] + m[2] + m[1][1], decomposed)
    return unicodedata.normalize("NFC", decomposed)


def fold(text: str) -> str:
    """Lower-case, diacritic-free form used for lexical matching."""
    return fold_diacritics(canonical(text))


def strip_diacritics(text: str) -> str:
    """The text as typed on a keyboard without Vietnamese input: no diacritics, case kept."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def has_diacritics(text: str) -> bool:
    return fold_diacritics(text) != text.lower()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache
def abbreviations() -> dict[tuple[str, ...], str]:
    entries = yaml.safe_load(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))
    return {tuple(words(canonical(str(key)).lower())): canonical(value) for key, value in entries.items()}


def expand_abbreviations(text: str) -> str:
    """Replace chat abbreviations and colloquial names by the catalogue's wording ("dk tam tru" -> ...)."""
    table = abbreviations()
    longest = max(len(key) for key in table)
    tokens = words(text)
    lowered = [token.lower() for token in tokens]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            expansion = table.get(tuple(lowered[i : i + size]))
            if expansion is not None:
                out.append(expansion)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def strip_boilerplate(text: str) -> str:
    return _BOILERPLATE.sub(" ", text)
