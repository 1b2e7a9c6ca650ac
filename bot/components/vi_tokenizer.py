"""Rasa tokenizer that segments Vietnamese into words with underthesea.

Vietnamese writes words as space-separated syllables ("giấy khai sinh" is two words, three syllables).
underthesea joins syllables into words reliably only when the text carries diacritics; on text typed
without them it forms wrong compounds ("lam giay", "can giay"), so such text is split into syllables.
Each token's lemma is its accent-folded form with the syllables kept apart, which the CountVectorsFeaturizers
use: "giấy khai sinh" and "giay khai sinh" then yield the same syllable n-grams.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message
from underthesea import word_tokenize

from vietnamese import fold_diacritics

# A syllable, or a code/number/date kept whole ("PA-7K3M9Q", "15/11"), or one punctuation mark.
SYLLABLE = re.compile(r"\w+(?:[-./]\w+)*|[^\w\s]")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class VietnameseTokenizer(Tokenizer):
    """Word-segments Vietnamese text; lemmas are folded so features ignore diacritics."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> VietnameseTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute)
        has_diacritics = fold_diacritics(text) != text.lower()
        tokens = align_words(text, _segment(text)) if has_diacritics else None
        if tokens is None:
            tokens = align_words(text, SYLLABLE.findall(text)) or [Token(text, 0)]
        for token in tokens:
            token.lemma = fold_diacritics(token.text)
        return self._apply_token_pattern(tokens)


def _segment(text: str) -> list[str]:
    """underthesea words, except that codes and numbers glued to a word ("PA-Q9R2K7 sao") are split apart."""
    words: list[str] = []
    for word in word_tokenize(text):
        compound = " " in word and all(syllable.isalpha() for syllable in word.split())
        words.extend([word] if compound or " " not in word else SYLLABLE.findall(word))
    return words


def align_words(text: str, words: list[str]) -> list[Token] | None:
    """Locate each segmented word in the original text, syllable by syllable.

    underthesea may normalise tone marks ("hoà" -> "hòa"), so syllables are matched folded.
    Returns None when a word cannot be found.
    """
    folded_text = fold_diacritics(text)
    if len(folded_text) != len(text):  # decomposed (NFD) input: offsets would not line up
        return None
    tokens: list[Token] = []
    cursor = 0
    for word in words:
        start = end = None
        for syllable in word.split():
            position = folded_text.find(fold_diacritics(syllable), cursor)
            if position < 0:
                return None
            start = position if start is None else start
            end = cursor = position + len(syllable)
        if start is not None and end is not None:
            tokens.append(Token(text[start:end], start, end))
    return tokens
