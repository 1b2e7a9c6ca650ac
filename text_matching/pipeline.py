"""The one blank spaCy pipeline for Vietnamese that every phrase list and token pattern matches against.

Each token's NORM is its accent-folded form ("Đâu" -> "dau"), so one pattern matches text typed with or
without diacritics. No model is loaded: the pipeline is a tokenizer only and works offline.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import spacy
from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from vietnamese import fold_diacritics

# spaCy's own Vietnamese tokenizer without pyvi splits on whitespace only ("đâu," and "ko?" stay whole);
# the rule-based tokenizer with the language's defaults splits punctuation off and needs no model either.
_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}}
# Codes, numbers and dates stay one token, as in the NLU tokenizer: "PA-7K3M9Q", "0912.345.678",
# "15/11/2026", "1.001193", "000.00.21.H59-240115-0001".
_KEEP_WHOLE = re.compile(r"(?=\S*\d)\w+(?:[-./]\w+)+")
_EXTRA_INFIXES = [
    r"(?<=\w)[?!;…](?=\w)",  # "cần gì?Ở đâu"
    r"(?<=[^\W\d])[,:](?=\w)|(?<=\w)[,:](?=[^\W\d])",  # "sđt:0912345678", "đâu,mất phí"
    # "0912345678,0987654321": a thousands separator is followed by exactly three digits, a list by more.
    r"(?<=\d)[,;](?=\d{4})",
]
# The vocabulary keeps every string it has seen (each phone number, each typo, each port in an access log);
# past this many (some tens of MB) the pipeline starts afresh. spaCy's memory zones would free them after
# every text, but then even common words are looked up anew each time: five times slower.
MAX_STRINGS = 200_000
# One text at a time: spaCy does not promise thread safety, and a log record written while matching
# re-enters from the same thread.
_LOCK = threading.RLock()


@lru_cache(maxsize=1)
def vietnamese_nlp() -> Language:
    """The pipeline, built once per process (and again only when its vocabulary outgrows MAX_STRINGS)."""
    nlp = spacy.blank("vi", config=_CONFIG)
    # Lexeme attributes are computed once per distinct string, so folding costs nothing on a known word.
    nlp.vocab.lex_attr_getters[NORM] = fold_diacritics
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *_EXTRA_INFIXES]).finditer
    nlp.tokenizer.token_match = _KEEP_WHOLE.fullmatch
    return nlp


@contextmanager
def parsed(text: str) -> Iterator[Doc]:
    """The text tokenised, for matching inside the block."""
    with _LOCK:
        if len(vietnamese_nlp().vocab.strings) > MAX_STRINGS:
            vietnamese_nlp.cache_clear()
        yield vietnamese_nlp()(text)
