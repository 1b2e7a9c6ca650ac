"""Codes citizens type, found by token patterns: complaint reference codes and dossier codes."""

from __future__ import annotations

from text_matching.patterns import TokenPatterns
from text_matching.pipeline import parsed

# "PA-7K3M9Q", "pa7k3m9q", "pa - 7k3m9q", "PA 7K3M9Q": six characters after "PA", or seven for codes that
# carry a check character; the store decides which are real.
_REFERENCE_BODY = r"[a-z0-9]{6,7}"
_DASH = {"ORTH": {"IN": ["-", "–", "_"]}, "OP": "?"}
_REFERENCE = [
    [{"LOWER": {"REGEX": rf"^pa[-–_]?{_REFERENCE_BODY}$"}}],
    [{"LOWER": "pa"}, _DASH, {"LOWER": {"REGEX": rf"^{_REFERENCE_BODY}$"}}],
]
# A dossier code as agencies print them ("000.00.21.H59-240115-0001") or a local one: 5 to 40 letters,
# digits, dots, dashes or slashes, at least one a digit. The tokenizer keeps such a code one token.
_DOSSIER = [[{"TEXT": {"REGEX": r"^(?=.*\d)[\w.\-/]{5,40}$"}}]]

_PATTERNS = TokenPatterns({"reference": _REFERENCE, "dossier": _DOSSIER}, greedy="LONGEST")


def find_reference_code(text: str) -> str | None:
    """The first complaint reference code in the text, as typed ("tra cứu pa - 7k3m9q" -> "pa - 7k3m9q")."""
    with parsed(text) as doc:
        found = [span for span in _PATTERNS.spans(doc) if span.label_ == "reference"]
        return min(found, key=lambda span: span.start).text if found else None


def as_dossier_code(text: str) -> str | None:
    """The answer as an upper-case dossier code when it is one code and nothing else, or None."""
    with parsed(text.strip()) as doc:
        whole = len(doc) == 1 and any(span.label_ == "dossier" for span in _PATTERNS.spans(doc))
        return doc.text.upper() if whole else None
