"""A procedure as a hotline agent reads it to a caller: plain spoken Vietnamese, one sentence a line.

The facts and the rules are the bot card's (procedure_card): online first, then documents, time, fee and
place, and a fee or time marked for review is never read out. Only the words differ; they live in
spoken_answer.yml.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from knowledge_base.procedure_card import (
    UNDER_REVIEW,
    document_details,
    online_link,
    online_reach,
    stated_fact,
    submit_places,
)
from knowledge_base.profile import ProvinceProfile
from knowledge_base.schema import DocumentRequirement, Procedure, ReviewedFact


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    return yaml.safe_load(Path(__file__).with_name("spoken_answer.yml").read_text(encoding="utf-8"))


def site_name(link: str) -> str:
    """ "https://dichvucong.gov.vn/thu-tuc/…" -> "dichvucong.gov.vn": what can be said over the phone."""
    host = urlsplit(link).hostname or link
    return host.removeprefix("www.")


def _in_sentence(value: str) -> str:
    """ "Không quá 7 ngày" -> "không quá 7 ngày" after a colon or "thì"; "UBND …" stays as it is."""
    if value[:1].isupper() and value[1:2].islower():
        return value[:1].lower() + value[1:]
    return value


def _ordinal(number: int) -> str:
    ordinals = _words()["ordinals"]
    if number <= len(ordinals):
        return ordinals[number - 1]
    return _words()["ordinal_beyond"].format(number=number)


def _document(document: DocumentRequirement) -> str:
    details = document_details(document)
    return f"{document.name}, {details.replace('; ', ', ')}" if details else document.name


def _documents(procedure: Procedure) -> list[str]:
    words = _words()
    if not procedure.documents:
        return [words["no_documents"]]
    return [
        words["documents"].format(count=len(procedure.documents)),
        *(
            words["document"].format(ordinal=_ordinal(number), document=_document(document))
            for number, document in enumerate(procedure.documents, 1)
        ),
    ]


def _fact(procedure: Procedure, fact: ReviewedFact) -> list[str]:
    """ "Thời gian giải quyết: 1 ngày.", per channel when they differ; a withheld value is not read out, and
    the caller hears why."""
    words = _words()
    stated = stated_fact(procedure, fact)
    if not stated.rows:
        return [words[f"no_{fact.value}"]]
    if all(value == UNDER_REVIEW for _, value in stated.rows):
        return [words["review_hint"][fact.value]]
    if len({value for _, value in stated.rows}) == 1:
        value = _in_sentence(stated.rows[0][1])
    else:
        value = ", ".join(
            words["per_channel"].format(channel=words["channels"][channel.value], value=_in_sentence(value))
            for channel, value in stated.rows
        )
    lines = [words[fact.value].format(value=value)]
    if stated.under_review:
        lines.append(words["review_hint"][fact.value])
    return lines


def spoken_answer(procedure: Procedure, profile: ProvinceProfile) -> str:
    words = _words()
    places = submit_places(procedure)
    site = site_name(online_link(procedure, profile.portal_url))
    lines = [
        words["intro"].format(short_name=procedure.short_name, code=procedure.code),
        words["online"][online_reach(procedure).value].format(site=site),
        *_documents(procedure),
        *_fact(procedure, ReviewedFact.processing_time),
        *_fact(procedure, ReviewedFact.fee),
        words["where"].format(places="; ".join(places)) if places else words["no_where"],
    ]
    return "\n".join(lines)
