"""Rasa tokenizer that segments Vietnamese into words with underthesea.

Vietnamese writes words as space-separated syllables ("giấy khai sinh" is two words, three syllables),
so whitespace tokens split words apart. Each token's lemma is its accent-folded, underscore-joined form,
which the CountVectorsFeaturizers use, so "khai sinh" and "khai sinh" typed without diacritics share features.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message
from underthesea import word_tokenize

from vietnamese import fold_diacritics


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
        tokens = align_words(text, word_tokenize(text)) if text.strip() else None
        if tokens is None:  # underthesea rewrote the text beyond alignment: fall back to syllables
            tokens = align_words(text, text.split()) or [Token(text, 0)]
        for token in tokens:
            token.lemma = fold_diacritics(token.text).replace(" ", "_")
        return self._apply_token_pattern(tokens)


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
