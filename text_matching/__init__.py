"""One text-matching layer for Vietnamese on a blank spaCy pipeline: phrase lists and token patterns match
accent-folded tokens, so text typed with or without diacritics matches alike; personal data scrubbing
for whatever the product keeps or logs.

It imports spaCy, which only the app venv has: the Rasa venv's tokenizer (bot/components) keeps to the
dependency-free `vietnamese` package.
"""

from text_matching.logs import PersonalDataFilter, install_log_scrubbing
from text_matching.patterns import PhraseTable, TokenPatterns
from text_matching.personal_data import scrub_personal_data, strip_name_introduction
from text_matching.pipeline import parsed, vietnamese_nlp

__all__ = [
    "PersonalDataFilter",
    "PhraseTable",
    "TokenPatterns",
    "install_log_scrubbing",
    "parsed",
    "scrub_personal_data",
    "strip_name_introduction",
    "vietnamese_nlp",
]
