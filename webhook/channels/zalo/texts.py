"""The Zalo channel's own words (messages.yml) and how a bot reply becomes Zalo text messages."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from webhook.schemas import BotMessage

# Zalo refuses longer text messages.
MAX_MESSAGE_CHARS = 2000


@lru_cache(maxsize=1)
def channel_text() -> dict[str, str]:
    return yaml.safe_load((Path(__file__).with_name("messages.yml")).read_text(encoding="utf-8"))


def split_message(text: str, limit: int = MAX_MESSAGE_CHARS) -> list[str]:
    """Pieces of at most `limit` characters, cut at line ends, else at spaces: never inside a word."""
    pieces: list[str] = []
    current = ""
    for line in text.splitlines():
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    pieces.append(current)
                # A single "word" longer than a message (a pasted link) is the one thing cut.
                while len(word) > limit:
                    pieces.append(word[:limit])
                    word = word[limit:]
                current = word
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece.strip()]


def render(message: BotMessage) -> tuple[list[str], list[str]]:
    """Zalo texts for one bot message, and the payloads its numbered choices stand for."""
    text = message.text or ""
    payloads = [button.payload for button in message.buttons]
    if message.buttons:
        options = "\n".join(f"{number}. {button.title}" for number, button in enumerate(message.buttons, 1))
        text = f"{text}\n\n{channel_text()['choose_by_number']}\n{options}".strip()
    return split_message(text), payloads
