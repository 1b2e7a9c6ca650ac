"""Phrase lists and token patterns, compiled for the pipeline's vocabulary and matched on parsed texts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from text_matching.pipeline import parsed, vietnamese_nlp


class _Compiled:
    """A matcher built for the vocabulary of the texts it is given: the pipeline may start afresh."""

    def __init__(self) -> None:
        self._vocab: Vocab | None = None
        self._matcher: Matcher | PhraseMatcher | None = None

    def _compile(self, vocab: Vocab) -> Matcher | PhraseMatcher:
        raise NotImplementedError

    def spans(self, doc: Doc) -> list[Span]:
        """Every match in a parsed text, labelled, in text order (overlaps included)."""
        if self._vocab is not doc.vocab:
            self._matcher, self._vocab = self._compile(doc.vocab), doc.vocab
        return self._matcher(doc, as_spans=True)


class PhraseTable(_Compiled):
    """Phrase lists by label, matched on folded tokens: "ở đâu" matches "o dau", "Ở ĐÂU" and "ở đâu?".
    The table's order is the labels' order of precedence."""

    def __init__(self, phrases: Mapping[str, Sequence[str]]) -> None:
        super().__init__()
        self.phrases = {label: list(label_phrases) for label, label_phrases in phrases.items()}
        self.labels = list(self.phrases)

    @classmethod
    def from_yaml(cls, path: Path, key: str) -> PhraseTable:
        """The table under `key` of a YAML file that maps labels to lists of phrases."""
        return cls(yaml.safe_load(path.read_text(encoding="utf-8"))[key])

    def _compile(self, vocab: Vocab) -> PhraseMatcher:
        tokenizer = vietnamese_nlp().tokenizer
        matcher = PhraseMatcher(vocab, attr="NORM")
        for label, phrases in self.phrases.items():
            matcher.add(label, [tokenizer(phrase) for phrase in phrases])
        return matcher

    def found(self, text: str) -> list[str]:
        """The labels whose phrases the text holds, in the table's order."""
        with parsed(text) as doc:
            labels = {span.label_ for span in self.spans(doc)}
        return [label for label in self.labels if label in labels]

    def first(self, text: str) -> str | None:
        """The first label in the table's order whose phrases the text holds."""
        return next(iter(self.found(text)), None)


class TokenPatterns(_Compiled):
    """spaCy Matcher patterns by label (https://spacy.io/usage/rule-based-matching#matcher)."""

    def __init__(self, patterns: Mapping[str, list[list[dict[str, Any]]]], greedy: str | None = None) -> None:
        super().__init__()
        self.patterns = dict(patterns)
        self._greedy = greedy

    def _compile(self, vocab: Vocab) -> Matcher:
        matcher = Matcher(vocab)
        for label, label_patterns in self.patterns.items():
            matcher.add(label, label_patterns, greedy=self._greedy)
        return matcher
