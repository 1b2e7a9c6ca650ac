"""Application logs never hold personal data: a filter scrubs every record before a handler writes it."""

from __future__ import annotations

import logging
from urllib.parse import unquote_plus

from text_matching.personal_data import scrub_personal_data
from text_matching.pipeline import vietnamese_nlp

_exception_formatter = logging.Formatter()


class PersonalDataFilter(logging.Filter):
    """Masks phone and ID numbers, emails and introduced names in a record's message, arguments included,
    and in its formatted exception. It never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = _scrubbed(message)
        if scrubbed != message:
            # Scrubbed part by part first: some formatters read the arguments themselves (uvicorn's access
            # formatter unpacks five of them and fails on none). Data that only shows once the parts are put
            # together (an argument's repr, a number split across two) is scrubbed in the whole message.
            record.msg, record.args = _scrubbed_parts(record)
            if _scrubbed(record.getMessage()) != record.getMessage():
                record.msg, record.args = scrubbed, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _exception_formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_personal_data(record.exc_text)
        return True


def _scrubbed_parts(record: logging.LogRecord) -> tuple[object, object]:
    """The record's message and arguments, each string among them scrubbed, their shape kept."""

    def part(value: object) -> object:
        return _scrubbed(value) if isinstance(value, str) else value

    args = record.args
    if isinstance(args, tuple):
        args = tuple(part(arg) for arg in args)
    elif isinstance(args, dict):
        args = {key: part(value) for key, value in args.items()}
    return part(record.msg), args


def _scrubbed(message: str) -> str:
    """The message scrubbed; when it carries URL-encoded text (uvicorn's access lines keep a query string as
    sent, "?q=sdt+0912345678"), scrubbed once decoded too, since the encoding hides numbers and names."""
    scrubbed = scrub_personal_data(message)
    if "%" not in scrubbed and "+" not in scrubbed:
        return scrubbed
    decoded = unquote_plus(scrubbed)
    rescrubbed = scrub_personal_data(decoded)
    return rescrubbed if rescrubbed != decoded else scrubbed


_FILTER = PersonalDataFilter()


def install_log_scrubbing() -> None:
    """Adds the filter to every handler configured so far: the root logger's, those of loggers that do not
    pass records on (uvicorn's, sanic's access logs) and Python's last-resort handler. A filter on a logger
    would miss records its children pass up; one on each handler sees them all. Call it once logging is
    configured; calling it again adds nothing twice. The pipeline is built here, at start-up, rather
    than while the first citizen waits."""
    vietnamese_nlp()
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    handlers = {handler for logger in loggers for handler in getattr(logger, "handlers", ())}
    if logging.lastResort is not None:
        handlers.add(logging.lastResort)
    for handler in handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
